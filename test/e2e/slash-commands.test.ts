/**
 * The first slice end to end: Slack-signed HTTP requests to the real Bolt app, Web API calls captured on the
 * local Slack emulator, on the store this project run is for (SQLite or PostgreSQL).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { allText, asEphemeral } from "../support/block-text.ts";
import { checkCall, isNotInSpecProblem } from "../support/slack-openapi.ts";
import { startTestBot, type TestBot } from "../support/test-bot.ts";

let t: TestBot;
// Monday 23 November 2026, 11:00 in Shanghai (the test user's zone).
const NOW = new Date("2026-11-23T03:00:00Z");

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => NOW } });
  t.emulator.setUser("U0TEST", { tz: "Asia/Shanghai" });
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

/** The fallback text and every mrkdwn text of a reply: what Slack parses for mentions and links. */
function mrkdwnOf(body: { text: string; blocks?: unknown[] }): string {
  const parts = [body.text];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (record.type === "mrkdwn" && typeof record.text === "string") parts.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(body.blocks);
  return parts.join("\n");
}

async function command(name: string, text: string, opts: Parameters<TestBot["slack"]["command"]>[2] = {}) {
  const reply = await t.slack.command(name, text, opts);
  expect(reply.status).toBe(200);
  const body = asEphemeral(reply.json);
  expect(body.response_type).toBe("ephemeral");
  return { ...body, all: allText(body) };
}

describe("request verification", () => {
  it("refuses a bad signature with 401 and never runs the command", async () => {
    const body = new URLSearchParams({ command: "/client", text: "add Forged Co", team_id: "T0TEST", user_id: "U0TEST" }).toString();
    const reply = await t.slack.raw({ body, contentType: "application/x-www-form-urlencoded", signature: "v0=deadbeef" });
    expect(reply.status).toBe(401);
    const check = await command("/tier", "Forged Co");
    expect(check.all).toContain("No client matches");
  });

  it("refuses a request signed more than five minutes ago", async () => {
    const body = new URLSearchParams({ command: "/client", text: "add Stale Co", team_id: "T0TEST", user_id: "U0TEST" }).toString();
    const reply = await t.slack.raw({ body, contentType: "application/x-www-form-urlencoded", timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(reply.status).toBe(401);
  });

  it("serves /healthz while the store is reachable", async () => {
    const res = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });
});

describe("/client add", () => {
  it("adds a client, then says it exists when added again in another case and spacing", async () => {
    const first = await command("/client", "add Harbor Water Utility");
    expect(first.all).toContain("Added *Harbor Water Utility*");
    const again = await command("/client", "add   harbor WATER utility ");
    expect(again.all).toContain("*Harbor Water Utility* already exists");
  });

  it("stores Slack-escaped text as typed and escapes it again for mrkdwn", async () => {
    const added = await command("/client", "add AT&amp;T");
    expect(added.all).toContain("*AT&amp;T*");
    const card = await command("/tier", "at&amp;t");
    const header = (card.blocks?.[0] ?? {}) as { text?: { text?: string } };
    expect(header.text?.text).toBe("AT&T"); // the header is plain text: shown as typed
  });

  it("never lets <!channel> in a name reach Slack as a mention", async () => {
    const added = await command("/client", "add &lt;!channel&gt; Holdings");
    expect(added.all).not.toMatch(/<!channel>/);
    expect(added.all).toContain("&lt;!channel&gt; Holdings");
    const card = await command("/tier", "&lt;!channel&gt; Holdings");
    expect(mrkdwnOf(card)).not.toContain("<!channel>");
    expect(mrkdwnOf(card)).toContain("&lt;!channel&gt; Holdings");
  });

  it("handles a CJK client name", async () => {
    await command("/client", "add 华能国际电力");
    const card = await command("/tier", "华能国际");
    expect(card.all).toContain("华能国际电力");
    expect(card.all).toContain("Why this score");
    // Chinese has no spaces between words: any part of the name finds it.
    expect((await command("/tier", "国际电力")).all).toContain("Why this score");
  });

  it("refuses an over-long name and says the limit", async () => {
    const reply = await command("/client", `add ${"x".repeat(201)}`);
    expect(reply.all).toContain("at most 200 characters; this one has 201");
  });

  it("answers bare /client and unknown subcommands with usage", async () => {
    expect((await command("/client", "")).all).toContain("Usage:");
    expect((await command("/client", "frobnicate x")).all).toContain("I don't know `/client frobnicate`");
  });
});

describe("/tier", () => {
  it("shows a card with tier, score breakdown, owner and follow-up", async () => {
    await command("/client", "add Delta Infrastructure Fund");
    const card = await command("/tier", "delta infrastructure fund");
    expect(card.all).toContain("Delta Infrastructure Fund");
    expect(card.all).toMatch(/\*Tier\*\n\*[ABC]\*/);
    expect(card.all).toMatch(/contribution \d+\/40/);
    expect(card.all).toContain("<@U0TEST>");
    expect(card.all).toContain("None yet");
  });

  it("suggests the closest names when nothing matches", async () => {
    await command("/client", "add Northwind Energy");
    const reply = await command("/tier", "Northwnd Energy");
    expect(reply.all).toContain("No client matches *Northwnd Energy*");
    expect(reply.all).toContain("Northwind Energy");
  });

  it("offers a choice list when several clients match", async () => {
    await command("/client", "add Pacific Rail One");
    await command("/client", "add Pacific Rail Two");
    const reply = await command("/tier", "pacific rail");
    expect(reply.all).toContain("Several clients match");
    const buttons = JSON.stringify(reply.blocks).match(/"action_id":"client_show"/g) ?? [];
    expect(buttons.length).toBe(2);
  });

  it("answers empty text with usage help", async () => {
    expect((await command("/tier", "  ")).all).toContain("Usage: `/tier <client name>`");
  });

  it("shows a card from a choice button through the response URL", async () => {
    await command("/client", "add Button Co");
    const list = await command("/tier", "Button Co");
    const clientId = JSON.stringify(list.blocks).match(/"value":"([^"]+)"/)?.[1] ?? "";
    await t.slack.blockAction({ actionId: "client_show", value: clientId });
    const posted = await t.emulator.waitForResponse();
    expect(allText(posted.body)).toContain("Button Co");
  });
});

describe("/log", () => {
  beforeAll(async () => {
    await t.slack.command("/client", "add Sunrise Solar Partners");
  });

  it("logs a touch, says back the next date, and the card shows it", async () => {
    const reply = await command("/log", "Sunrise Solar Partners call Discussed the refinancing term sheet next:2027-01-15 sentiment:positive");
    expect(reply.all).toContain("Logged a call with *Sunrise Solar Partners*");
    expect(reply.all).toContain("(2027-01-15), as you asked");
    const card = await command("/tier", "sunrise solar");
    expect(card.all).toContain("Discussed the refinancing term sheet");
    expect(card.all).toContain("Fri 15 Jan 2027");
  });

  it("reads weekdays in the user's Slack timezone", async () => {
    const reply = await command("/log", "Sunrise Solar Partners email sent the pack next:fri");
    expect(reply.all).toContain("Next follow-up: *Fri 27 Nov 2026* (2026-11-27), as you asked");
  });

  it("refuses a past next: date and stores nothing", async () => {
    const reply = await command("/log", "Sunrise Solar Partners meeting should not be stored next:2001-01-01");
    expect(reply.all).toContain("That `next:` date is in the past");
    const card = await command("/tier", "sunrise solar");
    expect(card.all).not.toContain("should not be stored");
  });

  it("says the limit for a 12 KB summary instead of cutting it", async () => {
    const reply = await command("/log", `Sunrise Solar Partners note ${"a".repeat(12 * 1024)}`);
    expect(reply.all).toContain("the limit is 3000");
  });

  it("escapes <!channel> in a summary", async () => {
    const logged = await command("/log", "Sunrise Solar Partners message ping &lt;!channel&gt; about it");
    // Tier C, cadence 90: due 90 days after Monday 23 November 2026.
    expect(logged.all).toContain("Next follow-up: *Sun 21 Feb 2027* (2027-02-21), from the cadence.");
    const card = await command("/tier", "sunrise solar");
    expect(card.all).toContain("ping &lt;!channel&gt; about it");
    expect(mrkdwnOf(card)).not.toContain("<!channel>");
  });

  it("explains a missing type, a bad sentiment and an unknown client", async () => {
    expect((await command("/log", "Sunrise Solar Partners lunch with the CFO")).all).toContain("couldn't find the kind of touch");
    expect((await command("/log", "Sunrise Solar Partners call hi sentiment:great")).all).toContain("`sentiment:great` isn't one I know");
    expect((await command("/log", "Moonset Wind call hi")).all).toContain("No client matches *Moonset Wind*");
  });

  it("opens the log modal for bare /log", async () => {
    const reply = await t.slack.command("/log", "", { triggerId: "trigger-1" });
    expect(reply.status).toBe(200);
    const open = await t.emulator.waitForCall("views.open");
    expect(open.args.trigger_id).toBe("trigger-1");
    expect(JSON.stringify(open.args.view)).toContain('"callback_id":"log_interaction"');
  });

  it("answers bare /log with usage when Slack gave no trigger", async () => {
    expect((await command("/log", "", { triggerId: null })).all).toContain("Usage:");
  });
});

describe("log modal", () => {
  let clientId = "";
  beforeAll(async () => {
    const reply = asEphemeral((await t.slack.command("/client", "add Modal Metals")).json);
    clientId = JSON.stringify(reply.blocks).match(/"value":"([^"]+)"/)?.[1] ?? "";
  });

  const values = (overrides: { next?: string; summary?: string } = {}) => ({
    client: { client_pick: { type: "external_select", selected_option: { text: { type: "plain_text", text: "Modal Metals" }, value: clientId } } },
    type: { type: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Visit" }, value: "visit" } } },
    date: { date: { type: "datepicker", selected_date: null } },
    sentiment: { sentiment: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "Neutral" }, value: "neutral" } } },
    summary: { summary: { type: "plain_text_input", value: overrides.summary ?? "Site visit at the smelter" } },
    next: { next: { type: "datepicker", selected_date: overrides.next ?? null } },
  });

  it("opens prefilled from the card's Log button", async () => {
    await t.slack.blockAction({ actionId: "log_open", value: clientId, triggerId: "trigger-2" });
    const open = await t.emulator.waitForCall("views.open");
    expect(JSON.stringify(open.args.view)).toContain(`"initial_option":{"text":{"type":"plain_text","text":"Modal Metals"},"value":"${clientId}"}`);
  });

  it("searches clients as the user types", async () => {
    const reply = await t.slack.options({ actionId: "client_pick", value: "modal" });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ options: [{ text: { type: "plain_text", text: "Modal Metals" }, value: clientId }] });
  });

  it("shows a past next follow-up as an error on its field", async () => {
    const reply = await t.slack.viewSubmission({ callbackId: "log_interaction", values: values({ next: "2001-01-01" }) });
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ response_action: "errors", errors: { next: "The next follow-up can't be in the past." } });
  });

  it("stores a valid submission once even when Slack sends it twice, and confirms by DM once", async () => {
    const first = await t.slack.viewSubmission({ callbackId: "log_interaction", values: values(), viewId: "V0SAME" });
    const second = await t.slack.viewSubmission({ callbackId: "log_interaction", values: values(), viewId: "V0SAME" });
    expect([first.status, second.status]).toEqual([200, 200]);
    await t.emulator.waitForCall("chat.postMessage", (c) => String(c.args.text).includes("Logged a visit"));
    await new Promise((r) => setTimeout(r, 200));
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(1);
    const card = await command("/tier", "Modal Metals");
    expect(card.all.match(/Site visit at the smelter/g)).toHaveLength(1);
  });
});

describe("App Home", () => {
  it("publishes the home tab when it is opened", async () => {
    await t.slack.event({ type: "app_home_opened", user: "U0TEST", channel: "D0TEST", tab: "home" });
    const publish = await t.emulator.waitForCall("views.publish");
    expect(publish.args.user_id).toBe("U0TEST");
    expect(allText(publish.args.view)).toContain("/tier <client>");
  });
});

describe("undo", () => {
  const undoValue = (body: { blocks?: unknown[] }) => JSON.stringify(body.blocks).match(/"action_id":"touch_undo","value":"([^"]+)"/)?.[1] ?? "";

  it("lets the rep take back a touch: the card and the follow-up go back to the remaining touches", async () => {
    await command("/client", "add Undo Utilities");
    await command("/log", "Undo Utilities call first touch next:2026-12-10");
    const second = await command("/log", "Undo Utilities meeting wrong client oops next:2026-11-25");
    expect((await command("/tier", "Undo Utilities")).all).toContain("wrong client oops");

    await t.slack.blockAction({ actionId: "touch_undo", value: undoValue(second) });
    const undone = await t.emulator.waitForResponse();
    expect((undone.body as { replace_original?: boolean }).replace_original).toBe(true);
    expect(allText(undone.body)).toContain('Undone: the touch "wrong client oops" is no longer logged');

    const card = await command("/tier", "Undo Utilities");
    expect(card.all).not.toContain("wrong client oops");
    expect(card.all).toContain("first touch");
    expect(card.all).toContain("Thu 10 Dec 2026");
  });

  it("refuses a second undo, and an undo by someone else", async () => {
    await command("/client", "add Undo Twice");
    const logged = await command("/log", "Undo Twice email only once");
    await t.slack.blockAction({ actionId: "touch_undo", value: undoValue(logged), userId: "U0SOMEONE" });
    expect(allText((await t.emulator.waitForResponse()).body)).toContain("That touch can't be undone");
    t.emulator.reset();
    await t.slack.blockAction({ actionId: "touch_undo", value: undoValue(logged) });
    await t.emulator.waitForResponse();
    t.emulator.reset();
    await t.slack.blockAction({ actionId: "touch_undo", value: undoValue(logged) });
    expect(allText((await t.emulator.waitForResponse()).body)).toContain("That touch can't be undone");
    expect((await command("/tier", "Undo Twice")).all).toContain("None yet");
  });
});

describe("edit a logged touch", () => {
  const editValue = (body: { blocks?: unknown[] }) => JSON.stringify(body.blocks).match(/"action_id":"touch_edit","value":"([^"]+)"/)?.[1] ?? "";
  type Form = { id: string; private_metadata: string; blocks: { block_id?: string; element?: { initial_value?: string; initial_date?: string; initial_option?: { value: string } } }[] };
  const field = (form: Form, block: string) => form.blocks.find((b) => b.block_id === block)?.element;
  const selected = (value: string) => ({ text: { type: "plain_text", text: value }, value });

  it("opens the rep's touch in the form, prefilled, checks each field and saves the change with a new follow-up", async () => {
    await command("/client", "add Edit Energy");
    const logged = await command("/log", "Edit Energy call first summary next:2026-12-10");
    const id = editValue(logged);
    expect(id).not.toBe("");
    await t.slack.blockAction({ actionId: "touch_edit", value: id });
    const opened = await t.emulator.waitForCall("views.open");
    const form = opened.response!.body.view as Form;
    expect(form.private_metadata).toBe(id);
    expect(field(form, "summary")?.initial_value).toBe("first summary");
    expect(field(form, "next")?.initial_date).toBe("2026-12-10");
    expect(field(form, "type")?.initial_option?.value).toBe("call");
    expect(field(form, "date")?.initial_date).toBe("2026-11-23");

    const submit = (summary: string, next: string | null) =>
      t.slack.viewSubmission({
        callbackId: "touch_edit_form",
        viewId: form.id,
        values: {
          type: { type: { type: "static_select", selected_option: selected("meeting") } },
          date: { date: { type: "datepicker", selected_date: "2026-11-23" } },
          sentiment: { sentiment: { type: "radio_buttons", selected_option: selected("positive") } },
          summary: { summary: { type: "plain_text_input", value: summary } },
          next: { next: { type: "datepicker", selected_date: next } },
        },
      });
    expect((await submit("  ", null)).json).toMatchObject({ response_action: "errors", errors: { summary: "Write a short summary." } });
    expect((await submit("ok", "2026-11-01")).json).toMatchObject({ errors: { next: "The next follow-up can't be in the past." } });
    expect((await submit("revised after the call", null)).status).toBe(200);
    const confirmation = await t.emulator.waitForCall("chat.postMessage", (c) => String(c.args.text).includes("Saved your changes"));
    // No next date any more: the follow-up comes from tier C's 90-day cadence.
    expect(confirmation.args.text).toBe("Saved your changes to the meeting with *Edit Energy*. Next follow-up: *Sun 21 Feb 2027* (2027-02-21).");
    const card = await command("/tier", "Edit Energy");
    expect(card.all).toContain("revised after the call");
    expect(card.all).not.toContain("first summary");
  });

  it("lets no one but the rep who logged it edit a touch", async () => {
    await command("/client", "add Edit Elsewhere");
    const logged = await command("/log", "Edit Elsewhere email mine");
    await t.slack.blockAction({ actionId: "touch_edit", value: editValue(logged), userId: "U0SOMEONE" });
    const answer = await t.emulator.waitForResponse();
    expect(allText(answer.body)).toContain("That touch can't be edited: only the rep who logged it can");
    expect(t.emulator.callsTo("views.open")).toHaveLength(0);
  });
});

describe("workspace isolation", () => {
  it("shows another workspace nothing of this one, and lets it use the same names", async () => {
    await command("/client", "add Isolated Infrastructure");
    await command("/log", "Isolated Infrastructure call secret pricing talk");
    const other = { teamId: "T0OTHER" };
    expect((await command("/tier", "Isolated Infrastructure", other)).all).toContain("No client matches");
    expect((await command("/client", "list", other)).all).toContain("All clients: none.");
    expect((await command("/log", "Isolated Infrastructure call hello", other)).all).toContain("No client matches");
    expect((await command("/client", "add Isolated Infrastructure", other)).all).toContain("Added *Isolated Infrastructure*");
    const theirs = await command("/tier", "Isolated Infrastructure", other);
    expect(theirs.all).not.toContain("secret pricing talk");
    const ours = await command("/tier", "Isolated Infrastructure");
    expect(ours.all).toContain("secret pricing talk");
  });
});

describe("durability", () => {
  it("keeps what was logged across a restart", async () => {
    await command("/client", "add Restart Capital");
    await command("/log", "Restart Capital call before the restart");
    await t.restart();
    const card = await command("/tier", "Restart Capital");
    expect(card.all).toContain("before the restart");
  });
});

describe("Web API usage", () => {
  it("makes only calls that Slack's API description accepts", async () => {
    await t.slack.command("/log", "", { triggerId: "trigger-3" });
    await t.emulator.waitForCall("views.open");
    for (const call of t.emulator.calls) {
      const problems = checkCall(call.method, call.args).filter((p) => !isNotInSpecProblem(p));
      expect(problems, `${call.method}: ${problems.join("; ")}`).toEqual([]);
    }
  });
});
