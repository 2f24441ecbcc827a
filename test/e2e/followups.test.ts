/**
 * `/followups` and its buttons through signed HTTP: what is due (overdue first), Done and Snooze redrawing the
 * list in place, stale second clicks that change nothing, and who may see whose list.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ImportKind } from "../../src/services/imports.ts";
import { createPrismaClient } from "../../src/store/prisma.ts";
import { allText, asEphemeral, buttonValue, overflowChoice, overflowOption } from "../support/block-text.ts";
import { blockKitProblems } from "../support/block-kit-limits.ts";
import { importCsv, startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

// Monday 23 November 2026, morning in UTC (the test users have no Slack timezone: UTC).
const NOW = new Date("2026-11-23T09:00:00Z");
const clock = { now: () => NOW };
const REP = "U0REP1";
const OTHER_REP = "U0REP2";
const MANAGER = "U0MGR1";
const ADMIN = "U0ADMIN";
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

async function followups(text: string, userId: string) {
  const reply = await t.slack.command("/followups", text, { userId });
  expect(reply.status).toBe(200);
  return asEphemeral(reply.json);
}

beforeAll(async () => {
  t = await startTestBot({ clock, env: { ADMIN_USER_IDS: ADMIN } });
  await load("users", `slack_id,role,manager\n${REP},rep,${MANAGER}\n${OTHER_REP},rep,\n${MANAGER},manager,\n`);
  // Tier C (cadence 90): touched 2026-08-01 -> due 2026-10-30 (overdue 24 days); 2026-08-25 -> due 2026-11-23 (today);
  // 2026-08-28 -> due 2026-11-26 (this week); 2026-10-01 -> due 2026-12-30 (later, not listed).
  await load(
    "clients",
    ["name,owner", `Overdue Harbour,${REP}`, `Today Tunnels,${REP}`, `Thursday Turbines,${REP}`, `Later Lakes,${REP}`, `Someone Else Solar,${OTHER_REP}`].join("\n"),
  );
  await load(
    "interactions",
    [
      "client,rep,type,occurred_at,summary",
      `Overdue Harbour,${REP},call,2026-08-01T10:00:00Z,kick-off`,
      `Today Tunnels,${REP},email,2026-08-25T10:00:00Z,sent terms`,
      `Thursday Turbines,${REP},visit,2026-08-28T10:00:00Z,site visit`,
      `Later Lakes,${REP},call,2026-10-01T10:00:00Z,check-in`,
      `Someone Else Solar,${OTHER_REP},call,2026-08-01T10:00:00Z,intro`,
    ].join("\n"),
  );
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("/followups", () => {
  it("lists the caller's overdue follow-ups first, then those due this week, each with buttons", async () => {
    const reply = await followups("", REP);
    const text = allText(reply);
    expect(text).toContain("Your follow-ups\n1 overdue, 2 due this week.");
    const order = ["Overdue Harbour", "Today Tunnels", "Thursday Turbines"].map((name) => text.indexOf(name));
    expect(order.every((at, i) => at >= 0 && (i === 0 || at > order[i - 1]!))).toBe(true);
    expect(text).toContain("*overdue by 24 days* (due Fri 30 Oct 2026)");
    expect(text).toContain("*due today*");
    expect(text).not.toContain("Later Lakes");
    expect(text).not.toContain("Someone Else Solar");
    expect(blockKitProblems(reply)).toEqual([]);
    expect(buttonValue(reply, "followup_done", "Overdue Harbour")).toMatch(/\|2026-10-30\|U0REP1$/);
  });

  it("gives each row two buttons, Done and Snooze 1 day, and the rest in an overflow menu", async () => {
    const reply = await followups("", REP);
    const rows = (reply.blocks as { type: string; elements?: { type: string; action_id: string; text?: { text: string }; options?: { text: { text: string } }[] }[] }[]).filter((b) => b.type === "actions");
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row.elements?.map((e) => [e.type, e.action_id, e.text?.text])).toEqual([
        ["button", "followup_done", "Done"],
        ["button", "followup_snooze_1d", "Snooze 1 day"],
        ["overflow", "followup_more", undefined],
      ]);
      expect(row.elements?.[2]?.options?.map((o) => o.text.text)).toEqual(["Snooze 1 week", "Snooze until…", "Log a touch"]);
    }
  });

  it("opens the log form for the row's client from Log a touch in the overflow menu", async () => {
    const option = overflowOption(await followups("", REP), "log_open", "Thursday Turbines");
    await t.slack.blockAction({ actionId: "followup_more", action: overflowChoice(option), userId: REP });
    const opened = await t.emulator.waitForCall("views.open");
    expect(opened.response?.body.ok).toBe(true);
    expect(JSON.stringify(opened.args.view)).toContain("Thursday Turbines");
  });

  it("marks a follow-up done: records the touch, resets the cadence, redraws the list; a second click does nothing", async () => {
    const value = buttonValue(await followups("", REP), "followup_done", "Overdue Harbour");
    await t.slack.blockAction({ actionId: "followup_done", value, userId: REP });
    const redrawn = await t.emulator.waitForResponse();
    const body = redrawn.body as { replace_original?: boolean; text: string };
    expect(body.replace_original).toBe(true);
    expect(allText(body)).toContain("Done with *Overdue Harbour*: next follow-up Sun 21 Feb 2027.");
    expect(allText(body)).not.toContain("overdue by");

    await t.slack.blockAction({ actionId: "followup_done", value, userId: REP });
    const again = await t.emulator.waitForResponse((r) => r.id !== redrawn.id);
    expect(allText(again.body)).toContain("already handled");

    const card = asEphemeral((await t.slack.command("/tier", "Overdue Harbour", { userId: REP })).json);
    expect(allText(card).match(/Follow-up done/g)).toHaveLength(1);
  });

  it("snoozes a follow-up by a week from the row's overflow menu, and a stale second click changes nothing", async () => {
    const list = await followups("", REP);
    const option = overflowOption(list, "followup_snooze_1w", "Today Tunnels");
    expect(option.text.text).toBe("Snooze 1 week");
    const value = buttonValue(list, "followup_snooze_1d", "Today Tunnels");
    expect(option.value).toBe(`followup_snooze_1w:${value}`);
    await t.slack.blockAction({ actionId: "followup_more", action: overflowChoice(option), userId: REP });
    const redrawn = await t.emulator.waitForResponse();
    expect(allText(redrawn.body)).toContain("*Today Tunnels* snoozed until Mon 30 Nov 2026.");
    expect(allText(redrawn.body)).not.toMatch(/Today Tunnels\* · tier C/);

    await t.slack.blockAction({ actionId: "followup_snooze_1d", value, userId: REP });
    const again = await t.emulator.waitForResponse((r) => r.id !== redrawn.id);
    expect(allText(again.body)).toContain("already handled");
    // A list posted before the overflow menu has Snooze 1 week as a button: the same handler answers it.
    await t.slack.blockAction({ actionId: "followup_snooze_1w", value, userId: REP });
    const old = await t.emulator.waitForResponse((r) => r.id !== redrawn.id && r.id !== again.id);
    expect(allText(old.body)).toContain("already handled");
  });

  it("refuses a snooze by someone who is not the owner, their manager or an admin", async () => {
    const value = buttonValue(await followups("", REP), "followup_snooze_1d", "Thursday Turbines");
    await t.slack.blockAction({ actionId: "followup_snooze_1d", value, userId: OTHER_REP });
    const answer = await t.emulator.waitForResponse();
    expect(allText(answer.body)).toContain("Only the client's owner, their manager or an admin can snooze");
  });

  it("shows a rep's list to their manager and to an admin, and refuses anyone else", async () => {
    expect(allText(await followups(`<@${REP}|rep>`, MANAGER))).toContain(`Follow-ups of <@${REP}>`);
    expect(allText(await followups(`<@${REP}>`, ADMIN))).toContain("Thursday Turbines");
    expect(allText(await followups(`<@${REP}>`, OTHER_REP))).toContain(`You can see <@${REP}>'s follow-ups only as their manager or as an admin`);
  });

  it("snoozes until a chosen date with a reason through the modal; a day not after today shows on the field", async () => {
    const list = await followups("", REP);
    const value = buttonValue(list, "followup_done", "Thursday Turbines");
    await t.slack.blockAction({ actionId: "followup_more", action: overflowChoice(overflowOption(list, "followup_snooze_until", "Thursday Turbines")), userId: REP });
    const opened = await t.emulator.waitForCall("views.open");
    const modal = opened.response!.body.view as { id: string; private_metadata: string };
    expect(JSON.parse(modal.private_metadata)).toEqual({ value, home: false });
    const submit = (until: string, reason: string) =>
      t.slack.viewSubmission({
        callbackId: "followup_snooze",
        viewId: modal.id,
        userId: REP,
        values: { until: { until: { type: "datepicker", selected_date: until } }, reason: { reason: { type: "plain_text_input", value: reason } } },
      });
    expect((await submit("2026-11-23", "")).json).toEqual({ response_action: "errors", errors: { until: "Pick a day after today." } });
    const saved = await submit("2026-12-15", "client travelling <!here>");
    expect(allText(saved.json)).toContain("*Thursday Turbines* snoozed until Tue 15 Dec 2026 (client travelling &lt;!here&gt;).");
    const db = createPrismaClient(t.database.target);
    const followUp = await db.followUp.findFirstOrThrow({ where: { workspaceId: TEST_TEAM, client: { name: "Thursday Turbines" } }, select: { dueOn: true, basis: true, snoozeReason: true } });
    await db.$disconnect();
    expect(followUp).toEqual({ dueOn: new Date("2026-12-15T00:00:00Z"), basis: "snoozed", snoozeReason: "client travelling <!here>" });
    expect(allText((await submit("2026-12-20", "")).json)).toContain("already handled");
  });

  it("says when nothing is due, and answers bad text with usage", async () => {
    expect(allText(await followups("", MANAGER))).toContain("nothing due in the next 7 days");
    expect(allText(await followups("everyone please", REP))).toContain("Usage: `/followups [@person] | /followups pause <until> | /followups resume`");
  });
});

describe("/followups pause and resume", () => {
  const PAUSER = "U0PAUSER";
  beforeAll(async () => {
    await load("clients", `name,owner\nPauser Port,${PAUSER}\n`);
    await load("interactions", `client,rep,type,occurred_at,summary\nPauser Port,${PAUSER},call,2026-08-01T10:00:00Z,long ago\n`);
  });
  const nudge = (at: string) => t.bot.scheduler.fire("nudges", new Date(at));
  const nudgesTo = (user: string) => t.emulator.callsTo("chat.postMessage").filter((c) => c.args.channel === `D${user}`);

  it("pauses the caller's morning nudges until a day, skips them meanwhile, and resumes on that day", async () => {
    const paused = await followups("pause wed", PAUSER);
    expect(paused.text).toBe(":palm_tree: Your morning nudges are paused. They start again on Wed 25 Nov 2026; `/followups resume` brings them back sooner.");
    await nudge("2026-11-24T09:15:00Z");
    expect(nudgesTo(PAUSER)).toHaveLength(0);
    await nudge("2026-11-25T09:15:00Z");
    expect(nudgesTo(PAUSER)).toHaveLength(1);
  });

  it("resumes at once with resume", async () => {
    await followups("pause 2026-12-31", PAUSER);
    await nudge("2026-11-26T09:15:00Z");
    expect(nudgesTo(PAUSER)).toHaveLength(0);
    expect((await followups("resume", PAUSER)).text).toBe(":bell: Your morning nudges are on again.");
    await nudge("2026-11-26T09:30:00Z");
    expect(nudgesTo(PAUSER)).toHaveLength(1);
  });

  it.each([
    ["pause", "Say until when."],
    ["pause today", "Pause until a day after today."],
    ["pause 2020-01-01", "Pause until a day after today."],
    ["pause someday", "I couldn't read that date."],
    ["pause 2026-02-30", "That date doesn't exist on the calendar."],
  ])("answers %j with what was wrong and how to fix it", async (text, problem) => {
    const reply = await followups(text, REP);
    expect(reply.text).toContain(problem);
    expect(reply.text).toContain("Nothing changed.");
  });
});

describe("/team", () => {
  const team = async (text: string, userId: string) => allText(asEphemeral((await t.slack.command("/team", text, { userId })).json));

  it("shows admins, managers and reps with who reports to whom", async () => {
    const shown = await team("", REP);
    expect(shown).toContain(`<@${ADMIN}> · admin · admin via ADMIN_USER_IDS`);
    expect(shown).toContain(`<@${MANAGER}> · manager`);
    expect(shown).toContain(`<@${REP}> · rep · reports to <@${MANAGER}>`);
    expect(shown.indexOf(ADMIN)).toBeLessThan(shown.indexOf(MANAGER));
  });

  it("lets only an admin change a role, and records the change in the audit trail", async () => {
    expect(await team(`set <@${OTHER_REP}> manager`, REP)).toContain("Only admins can change roles");
    expect(await team(`set <@${OTHER_REP}|two> manager <@${MANAGER}>`, ADMIN)).toContain(`<@${OTHER_REP}> is now a manager, reporting to <@${MANAGER}> (was rep).`);
    const entries = [];
    for await (const entry of t.bot.services.store.audit.iterate(TEST_TEAM)) if (entry.action === "role.change") entries.push(entry);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorSlackId: ADMIN, entityId: OTHER_REP });
    expect(JSON.parse(entries[0]!.details ?? "{}")).toEqual({ from: "rep", to: "manager", manager: MANAGER });
  });

  it.each([
    ["set nobody admin", "Name the person with an @-mention"],
    [`set <@${OTHER_REP}> boss`, "The role is rep, manager or admin"],
    [`set <@${OTHER_REP}> rep <@${MANAGER}> <@${ADMIN}>`, "name at most one manager"],
    ["promote everyone", "I don't know `/team promote`"],
  ])("answers %j with usage", async (text, problem) => {
    const shown = await team(text, ADMIN);
    expect(shown).toContain(problem);
    expect(shown).toContain("Usage:");
  });

  it("refuses to make someone their own manager", async () => {
    expect(await team(`set <@${REP}> rep <@${REP}>`, ADMIN)).toContain("cannot be their own manager");
  });
});

describe("/client assign, archive and history", () => {
  const client = async (text: string, userId: string) => allText(asEphemeral((await t.slack.command("/client", text, { userId })).json));

  it("lets a manager reassign their team's client, not a rep, and needs the full name", async () => {
    expect(await client(`assign Later Lakes <@${MANAGER}>`, REP)).toContain("Only managers (for their team) and admins can reassign clients.");
    expect(await client(`assign later <@${MANAGER}>`, MANAGER)).toContain("No client matches *later*. Did you mean: Later Lakes?");
    expect(await client(`assign Later Lakes <@${MANAGER}|boss>`, MANAGER)).toContain(`*Later Lakes* is now owned by <@${MANAGER}> (was <@${REP}>).`);
    expect(await client("assign Later Lakes", MANAGER)).toContain("Usage: `/client assign <name> @person`");
  });

  it("moves all of a rep's active clients to a teammate in one step, for their manager or an admin only", async () => {
    expect(await client(`reassign <@${OTHER_REP}> <@${REP}>`, REP)).toContain("Only managers (for their team) and admins can move someone's clients.");
    expect(await client(`reassign <@${REP}>`, MANAGER)).toContain("Usage: `/client reassign @from @to`");
    expect(await client(`reassign <@${REP}> <@${REP}>`, MANAGER)).toContain("Name two different people");
    const owned = async (owner: string) => (await t.bot.services.store.clients.list(TEST_TEAM, { ownerSlackId: owner }, 0)).total;
    const before = await owned(REP);
    expect(before).toBeGreaterThan(1);
    expect(await client(`reassign <@${REP}|rep> <@${MANAGER}>`, MANAGER)).toContain(`Moved ${before} active clients from <@${REP}> to <@${MANAGER}>.`);
    expect(await owned(REP)).toBe(0);
    expect(await client(`reassign <@${REP}> <@${MANAGER}>`, ADMIN)).toContain(`<@${REP}> owns no active clients; nothing moved.`);
    // Back as they were, for the tests after this one (Later Lakes was the manager's already).
    expect(await client(`reassign <@${MANAGER}> <@${REP}>`, ADMIN)).toContain(`Moved ${before + 1} active clients`);
    expect(await client(`assign Later Lakes <@${MANAGER}>`, ADMIN)).toContain("is now owned by");
  });

  it("shows an admin who changed what, and refuses the history to others", async () => {
    expect(await client("history Later Lakes", REP)).toContain("A client's change history is for admins.");
    const history = await client("history Later Lakes", ADMIN);
    expect(history).toContain(`<@${MANAGER}> · \`client.assign\` from: <@${REP}>, to: <@${MANAGER}>`);
  });

  it("lets the owner archive a client, which then leaves lookups and lists", async () => {
    expect(await client("archive Someone Else Solar", REP)).toContain("Only the client's owner, their manager or an admin can archive it.");
    expect(await client("archive Someone Else Solar", OTHER_REP)).toContain("Archived *Someone Else Solar*.");
    expect(allText(asEphemeral((await t.slack.command("/tier", "Someone Else Solar", { userId: OTHER_REP })).json))).toContain("No client matches");
    expect(await client("list mine", OTHER_REP)).toContain("Your clients: none.");
  });
});

describe("/client edit", () => {
  let clientId = "";
  const editValues = (overrides: Record<string, Record<string, Record<string, unknown>>> = {}): Record<string, Record<string, Record<string, unknown>>> => {
    const v = (block: string, value: Record<string, unknown>) => ({ [block]: { [block]: value } });
    const opt = (value: string) => ({ type: "static_select", selected_option: { text: { type: "plain_text", text: value }, value } });
    return {
      ...v("owner", { type: "users_select", selected_user: REP }),
      ...v("annual_revenue", { type: "number_input", value: "25000000" }),
      ...v("relationship_since", { type: "datepicker", selected_date: "2010-01-01" }),
      ...v("relationship_type", opt("partnership-trust")),
      ...v("lifecycle_stage", opt("mature")),
      ...v("risk_level", opt("low")),
      ...v("satisfaction", { type: "number_input", value: "95" }),
      ...v("industry", { type: "plain_text_input", value: "Energy" }),
      ...v("region", { type: "plain_text_input", value: "" }),
      ...v("cadence_days", { type: "number_input", value: null }),
      ...v("tier_override", opt("none")),
      ...v("override_reason", { type: "plain_text_input", value: null }),
      ...overrides,
    };
  };
  const submit = (values: ReturnType<typeof editValues>, userId = REP) =>
    t.slack.viewSubmission({ callbackId: "client_edit", values, privateMetadata: clientId, userId });
  const card = async () => allText(asEphemeral((await t.slack.command("/tier", "Thursday Turbines", { userId: REP })).json));

  it("opens the form for the owner, prefilled, and refuses a rep who does not own the client", async () => {
    const refused = await t.slack.command("/client", "edit Thursday Turbines", { userId: OTHER_REP, triggerId: "t-edit-0" });
    expect(allText(asEphemeral(refused.json))).toContain("Only the client's owner, their manager or an admin can edit it.");
    await t.slack.command("/client", "edit Thursday Turbines", { userId: REP, triggerId: "t-edit-1" });
    const open = await t.emulator.waitForCall("views.open");
    const view = open.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe("client_edit");
    expect(JSON.stringify(view)).toContain(`"initial_user":"${REP}"`);
    clientId = view.private_metadata;
    expect(clientId).not.toBe("");
  });

  it("puts each problem on its field", async () => {
    const reply = await submit(
      editValues({
        satisfaction: { satisfaction: { type: "number_input", value: "150" } },
        tier_override: { tier_override: { type: "static_select", selected_option: { text: { type: "plain_text", text: "A" }, value: "A" } } },
      }),
    );
    expect(reply.json).toEqual({
      response_action: "errors",
      errors: { satisfaction: "Satisfaction: a whole number from 0 to 100.", override_reason: "Say why the tier is overridden: the card shows it." },
    });
  });

  it("saves the scoring inputs, rescoring the client and recording the tier move as an edit", async () => {
    expect((await submit(editValues())).status).toBe(200);
    await t.emulator.waitForCall("chat.postMessage", (c) => String(c.args.text).includes("Saved *Thursday Turbines*"));
    const shown = await card();
    expect(shown).toContain("*Tier*\n*A*");
    expect(shown).toContain("contribution 40/40 · relationship 15/15 · lifecycle 15/15 · risk 15/15 · satisfaction 9.5/10 · strategic fit 5/5");
  });

  it("applies a tier override with its reason, shown on the card, recorded as an override", async () => {
    const override = editValues({
      tier_override: { tier_override: { type: "static_select", selected_option: { text: { type: "plain_text", text: "C" }, value: "C" } } },
      override_reason: { override_reason: { type: "plain_text_input", value: "Parent company in <!channel> default" } },
    });
    expect((await submit(override)).status).toBe(200);
    await t.emulator.waitForCall("chat.postMessage", (c) => String(c.args.text).includes("tier C"));
    expect(await card()).toContain("*C* (override: Parent company in &lt;!channel&gt; default)");
    const history = allText(asEphemeral((await t.slack.command("/client", "history Thursday Turbines", { userId: ADMIN })).json));
    expect(history).toContain("`tier.override` tier: C, reason: Parent company in &lt;!channel&gt; default");
    const db = createPrismaClient(t.database.target);
    try {
      const moves = await db.tierChange.findMany({ where: { clientId }, orderBy: { createdAt: "asc" }, select: { fromTier: true, toTier: true, reason: true } });
      expect(moves.map((m) => [m.fromTier, m.toTier, m.reason])).toEqual([
        [null, "C", "import"],
        ["C", "A", "edit"],
        ["A", "C", "override"],
      ]);
    } finally {
      await db.$disconnect();
    }
  });
});
