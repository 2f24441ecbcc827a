/**
 * Role boundaries from the manager's side, and workspace isolation for buttons: a manager acts on their team and
 * is refused outside it (in the service, whatever the surface), and a record id from one workspace does nothing in
 * another, even in a well-formed button value.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { followUpButtonValue } from "../../src/slack/ids.ts";
import { allText, asEphemeral } from "../support/block-text.ts";
import { importCsv, startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const NOW = new Date("2026-11-23T09:00:00Z");
const [MANAGER, REP, OTHER_MANAGER, OTHER_REP] = ["U0RMGR1", "U0RREP1", "U0RMGR2", "U0RREP2"];
const OTHER_TEAM = "T0ELSEWHERE";
let t: TestBot;

async function command(name: string, text: string, userId: string, teamId = TEST_TEAM) {
  const reply = await t.slack.command(name, text, { userId, teamId });
  expect(reply.status).toBe(200);
  return allText(asEphemeral(reply.json));
}

async function clientId(name: string): Promise<string> {
  const found = await t.bot.services.clients.resolve({ workspaceId: TEST_TEAM, userId: MANAGER }, name);
  if (found.kind !== "found") throw new Error(`no client ${name}`);
  return found.client.id;
}

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => NOW } });
  await importCsv(t, "users", `slack_id,role,manager\n${MANAGER},manager,\n${REP},rep,${MANAGER}\n${OTHER_MANAGER},manager,\n${OTHER_REP},rep,${OTHER_MANAGER}\n`);
  await importCsv(t, "clients", `name,owner\nTeam Turbines,${REP}\nOutside Orchards,${OTHER_REP}\n`);
  // Both touched 2026-08-01, tier C (cadence 90): overdue since 2026-10-30.
  await importCsv(
    t,
    "interactions",
    `client,rep,type,occurred_at,summary\nTeam Turbines,${REP},call,2026-08-01T10:00:00Z,a\nOutside Orchards,${OTHER_REP},call,2026-08-01T10:00:00Z,b\n`,
  );
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("a manager outside their team", () => {
  it("sees their own rep's follow-ups, and is refused another manager's rep's", async () => {
    expect(await command("/followups", `<@${REP}>`, MANAGER)).toContain("Team Turbines");
    const refused = await command("/followups", `<@${OTHER_REP}>`, MANAGER);
    expect(refused).toContain("only as their manager or as an admin");
    expect(refused).not.toContain("Outside Orchards");
  });

  it("may open the edit form for a team client only", async () => {
    expect(await command("/client", "edit Outside Orchards", MANAGER)).toContain("Only the client's owner, their manager or an admin can edit it.");
    expect(t.emulator.callsTo("views.open")).toHaveLength(0);
    // The form opens after an empty acknowledgement.
    expect((await t.slack.command("/client", "edit Team Turbines", { userId: MANAGER })).status).toBe(200);
    const opened = await t.emulator.waitForCall("views.open");
    expect((opened.args.view as { callback_id: string }).callback_id).toBe("client_edit");
  });

  it("may archive a team client only", async () => {
    expect(await command("/client", "archive Outside Orchards", MANAGER)).toContain("Only the client's owner, their manager or an admin can archive it.");
    expect(await command("/tier", "Outside Orchards", MANAGER)).toContain("Outside Orchards");
  });

  it("may not give another team's client to their own rep, nor their own client to another team's rep", async () => {
    expect(await command("/client", `assign Outside Orchards <@${REP}>`, MANAGER)).toContain("Only managers (for their team) and admins can reassign clients.");
    expect(await command("/client", `assign Team Turbines <@${OTHER_REP}>`, MANAGER)).toContain("Only managers (for their team) and admins can reassign clients.");
    const card = await command("/tier", "Outside Orchards", MANAGER);
    expect(card).toContain(`<@${OTHER_REP}>`);
  });

  it("may not snooze another team's follow-up from a button", async () => {
    const value = followUpButtonValue(await clientId("Outside Orchards"), "2026-10-30", OTHER_REP);
    await t.slack.blockAction({ actionId: "followup_snooze_1w", value, userId: MANAGER });
    const answer = await t.emulator.waitForResponse();
    expect(allText(answer.body)).toContain("Only the client's owner, their manager or an admin can snooze that follow-up.");
    expect(await command("/followups", "", OTHER_REP)).toContain("overdue by 24 days");
  });
});

describe("a record id from another workspace", () => {
  it("shows no card and changes no follow-up, even in a well-formed button value", async () => {
    const id = await clientId("Team Turbines");
    await t.slack.blockAction({ actionId: "client_show", value: id, userId: "U0STRANGER", teamId: OTHER_TEAM });
    const shown = await t.emulator.waitForResponse();
    expect(allText(shown.body)).not.toContain("Team Turbines");

    await t.slack.blockAction({ actionId: "followup_done", value: followUpButtonValue(id, "2026-10-30", REP), userId: "U0STRANGER", teamId: OTHER_TEAM });
    const done = await t.emulator.waitForResponse((r) => r.id !== shown.id);
    expect(allText(done.body)).not.toContain("Team Turbines");
    // Still overdue in its own workspace, with no touch logged from elsewhere.
    expect(await command("/followups", "", REP)).toContain("overdue by 24 days");
    expect(await command("/tier", "Team Turbines", REP)).not.toContain("Follow-up done");
  });
});
