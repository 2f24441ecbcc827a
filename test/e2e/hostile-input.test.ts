/**
 * Hostile input against the running bot (signed HTTP, the store of this run): every slash command, the log and
 * client-edit forms, the buttons and the client search get SQL fragments, control characters, right-to-left marks,
 * 4,000-character names, emoji, mrkdwn and mention syntax, bad dates and tampered values. Each answer is a 200 with
 * a helpful message (or, for forms, the problem on its field): never a 5xx, never a stack trace or an internal
 * name, never a broadcast or a mention the user did not make, never a breach of Block Kit's limits.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/slack/ids.ts";
import { asEphemeral } from "../support/block-text.ts";
import { blockKitProblems, mentionProblems } from "../support/block-kit-limits.ts";
import type { SlackReply } from "../support/slack-requests.ts";
import { startTestBot, type TestBot } from "../support/test-bot.ts";

let t: TestBot;
const NOW = new Date("2026-11-23T03:00:00Z");
const USER = "U0HOSTILE";
const ADMIN = "U0HOSTADMIN";
/** Mentions a reply may make: the bot's own (the caller, owners) and the person a command names on purpose. */
const BOT_MADE = [USER, ADMIN, "U0BOT", "U0TARGET"];
let clientId = "";

/** What no reply may show: a stack frame, an exception's name, the store's or the framework's internals. */
const INTERNAL = /\bat \S+ \(|\.(ts|js):\d+|TypeError|ReferenceError|RangeError|SyntaxError|Prisma|SQLITE_|P2\d{3}\b|constraint|undefined|\[object Object\]|NaN|Invalid Date/;

/** Texts as Slack sends them (`&`, `<`, `>` escaped), plus raw forms a forged or odd client might send. */
const NASTY: readonly string[] = [
  `'; DROP TABLE "Client"; --`,
  `" OR 1=1 --`,
  "Robert'); DELETE FROM \"Interaction\" WHERE ('1'='1",
  "%_%",
  "\\",
  "\u0000\u0001\u0007\u001b[31mred\u001b[0m",
  "line one\r\nline two\ttabbed",
  "\u202eedoc evil\u202c right-to-left \u200f\u200e mark",
  "\u200b\u200d\ufeff zero-width",
  "x".repeat(4000),
  "华".repeat(4000),
  "🚀🔥👨‍👩‍👧‍👦 rocket family 🇨🇳",
  "*bold* _it_ ~strike~ `code` ```block``` > quote",
  "&lt;!channel&gt; urgent",
  "&lt;!here&gt;",
  "&lt;!everyone&gt;",
  "&lt;!subteam^S0TEAM&gt;",
  "&lt;@U0VICTIM&gt; &amp; Co",
  "&lt;https://evil.example|click me&gt;",
  "<!channel> raw",
  "<!here|here>",
  "<@U0VICTIM> raw",
  "<#C0GENERAL>",
  "&amp;lt;!channel&amp;gt;",
  "next:2026-02-30",
  "next:1999-01-01",
  "next:9999-99-99",
  "sentiment:' OR '1'='1",
  "   ",
  "",
];

const hostileText = fc.oneof(
  fc.constantFrom(...NASTY),
  fc.string({ unit: fc.constantFrom("'", '"', ";", "--", "%", "\\", "\u0000", "\u202e", "\u200f", "🚀", "华", "*", "_", "~", "`", "&lt;", "&gt;", "&amp;", "<", ">", "!", "@", "#", "|", "channel", "here", "U0VICTIM", "next:", "sentiment:", "call", "note", " ", "\n", "2026-13-45", "a") , maxLength: 40 }),
  fc.string({ unit: "binary", maxLength: 60 }),
);

/** A command's reply: a 200 with an ephemeral message a person can act on, and nothing that should not be there. */
function expectHelpfulReply(reply: SlackReply, what: string): void {
  expect(reply.status, what).toBe(200);
  const body = asEphemeral(reply.json);
  expect(body.text.trim().length, what).toBeGreaterThan(0);
  // The apology is for our failures; bad input deserves a message about the input.
  expect(body.text, what).not.toMatch(/didn't work on our side/);
  expect(JSON.stringify(body), what).not.toMatch(INTERNAL);
  expect(mentionProblems(body, BOT_MADE), what).toEqual([]);
  expect(blockKitProblems(body), what).toEqual([]);
}

/** A form submission's answer: a 200, empty (accepted) or with each problem on its field, nothing internal. */
function expectFormAnswer(reply: SlackReply, what: string): void {
  expect(reply.status, what).toBe(200);
  if (reply.body === "") return;
  const json = reply.json as { response_action?: string; errors?: Record<string, string>; view?: unknown };
  if (json.response_action === "update") {
    // The form turned into a line saying what happened (the snooze form).
    expect(JSON.stringify(json.view), what).not.toMatch(INTERNAL);
    expect(mentionProblems(json.view, BOT_MADE), what).toEqual([]);
    return;
  }
  expect(json.response_action, what).toBe("errors");
  for (const message of Object.values(json.errors ?? {})) {
    expect(message.length, what).toBeGreaterThan(0);
    expect(message, what).not.toMatch(INTERNAL);
  }
}

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => NOW }, env: { ADMIN_USER_IDS: ADMIN } });
  for (const user of [USER, ADMIN]) t.emulator.setUser(user, { tz: "Asia/Shanghai" });
  const added = asEphemeral((await t.slack.command("/client", "add Hostile Harbour", { userId: USER })).json);
  clientId = JSON.stringify(added.blocks).match(/"value":"([^"]+)"/)?.[1] ?? "";
  expect(clientId).not.toBe("");
});

afterAll(async () => {
  await t?.stop();
});

const COMMANDS: readonly [string, (text: string) => string][] = [
  ["/tier", (x) => x],
  ["/log", (x) => x],
  ["/log", (x) => `Hostile Harbour call ${x}`],
  ["/log", (x) => `Hostile Harbour note fine ${x}`],
  ["/log", (x) => `${x} meeting summary`],
  ["/client", (x) => x],
  ["/client", (x) => `add ${x}`],
  ["/client", (x) => `show ${x}`],
  ["/client", (x) => `edit ${x}`],
  ["/client", (x) => `history ${x}`],
  ["/client", (x) => `archive ${x}`],
  ["/client", (x) => `assign ${x}`],
  ["/client", (x) => `assign Hostile Harbour ${x}`],
  ["/client", (x) => `list ${x}`],
  ["/team", (x) => x],
  ["/team", (x) => `set ${x}`],
  ["/team", (x) => `set <@U0TARGET|target> ${x}`],
  ["/followups", (x) => x],
  ["/followups", (x) => `pause ${x}`],
  ["/followups", (x) => `resume ${x}`],
  ["/client", (x) => `reassign ${x}`],
  ["/client", (x) => `reassign <@U0TARGET|target> ${x}`],
];

describe("slash commands", () => {
  it.each(COMMANDS.flatMap(([command, shape]) => NASTY.map((nasty) => [command, shape(nasty)] as const)))(
    "%s %j: a 200 with a helpful message",
    async (command, text) => {
      // No trigger: the command answers in text rather than opening a form.
      const reply = await t.slack.command(command, text, { userId: USER, triggerId: null });
      expectHelpfulReply(reply, `${command} ${JSON.stringify(text).slice(0, 80)}`);
    },
  );

  it("keeps those promises for generated input to every command (property)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...COMMANDS), hostileText, fc.constantFrom(USER, ADMIN), async ([command, shape], text, userId) => {
        const reply = await t.slack.command(command, shape(text), { userId, triggerId: null });
        expectHelpfulReply(reply, `${command} ${JSON.stringify(shape(text)).slice(0, 80)}`);
      }),
      { numRuns: 150 },
    );
  }, 120_000);

  it("stored a hostile client name as typed and renders it escaped", async () => {
    const added = await t.slack.command("/client", "add &lt;!channel&gt; '; DROP TABLE \"Client\"; -- 🚀", { userId: USER });
    expectHelpfulReply(added, "add");
    const card = await t.slack.command("/tier", "&lt;!channel&gt; '; DROP", { userId: USER });
    expectHelpfulReply(card, "tier");
    expect(JSON.stringify(card.json)).toContain("&lt;!channel&gt;");
  });
});

describe("the log form", () => {
  const values = (o: { client?: string; type?: string; sentiment?: string; summary?: string; date?: string | null; next?: string | null }) => ({
    client: { client_pick: { type: "external_select", selected_option: { text: { type: "plain_text", text: "x" }, value: o.client ?? clientId } } },
    type: { type: { type: "static_select", selected_option: { text: { type: "plain_text", text: "x" }, value: o.type ?? "call" } } },
    date: { date: { type: "datepicker", selected_date: o.date ?? null } },
    sentiment: { sentiment: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "x" }, value: o.sentiment ?? "neutral" } } },
    summary: { summary: { type: "plain_text_input", value: o.summary ?? "a fine summary" } },
    next: { next: { type: "datepicker", selected_date: o.next ?? null } },
  });

  it.each([
    ["a client id from nowhere", { client: "'; DROP TABLE \"Client\"; --" }, "client"],
    ["a 4,000-character client id", { client: "c".repeat(4000) }, "client"],
    ["an unknown type", { type: "séance" }, "type"],
    ["an unknown sentiment", { sentiment: "' OR 1=1" }, "sentiment"],
    ["an empty summary", { summary: "  \u200b " }, "summary"],
    ["an over-long summary", { summary: "🚀".repeat(3001) }, "summary"],
    ["a touch date that is not a date", { date: "2026-02-30" }, "date"],
    ["a touch date in another format", { date: "23/11/2026" }, "date"],
    ["a next date that is not a date", { next: "9999-99-99" }, "next"],
    ["a next date with SQL in it", { next: "2027-01-01'; --" }, "next"],
  ])("puts %s on its field", async (_label, override, field) => {
    const reply = await t.slack.viewSubmission({ callbackId: "log_interaction", values: values(override), userId: USER });
    expectFormAnswer(reply, JSON.stringify(override).slice(0, 80));
    expect((reply.json as { errors?: Record<string, string> }).errors?.[field]).toEqual(expect.any(String));
  });

  it("accepts hostile text as a summary, stores it as typed, and echoes it escaped", async () => {
    // Form inputs arrive as typed (Slack escapes only command text), so a raw broadcast is what a user would send.
    const summary = "<!here> <@U0VICTIM> '; DROP TABLE \"Interaction\"; -- \u202eRTL\u202c 🚀 *not bold*";
    // A client of its own: the clock is fixed, so another touch of the same type at the same instant would be a duplicate.
    const added = asEphemeral((await t.slack.command("/client", "add Hostile Summary Co", { userId: USER })).json);
    const client = JSON.stringify(added.blocks).match(/"value":"([^"]+)"/)?.[1] ?? "";
    t.emulator.reset();
    const reply = await t.slack.viewSubmission({ callbackId: "log_interaction", values: values({ client, summary }), userId: USER });
    expectFormAnswer(reply, "summary");
    expect(reply.body).toBe("");
    const dm = await t.emulator.waitForCall("chat.postMessage");
    expect(mentionProblems(dm.args, BOT_MADE)).toEqual([]);
    const card = await t.slack.command("/tier", "Hostile Summary Co", { userId: USER });
    expectHelpfulReply(card, "card");
    expect(JSON.stringify(card.json)).toContain("&lt;!here&gt; &lt;@U0VICTIM&gt; '; DROP TABLE");
  });

  it("keeps those promises for generated submissions (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          client: fc.oneof(fc.constant(clientId), hostileText),
          type: fc.oneof(fc.constantFrom("call", "meeting", "note"), hostileText),
          sentiment: fc.oneof(fc.constantFrom("positive", "negative"), hostileText),
          summary: hostileText,
          date: fc.option(fc.oneof(fc.constantFrom("2026-11-20", "2026-02-30", "2027-01-01"), hostileText), { nil: null }),
          next: fc.option(fc.oneof(fc.constantFrom("2026-12-01", "2000-01-01", "2026-13-01"), hostileText), { nil: null }),
        }),
        async (override) => {
          const reply = await t.slack.viewSubmission({ callbackId: "log_interaction", values: values(override), userId: USER });
          expectFormAnswer(reply, JSON.stringify(override).slice(0, 120));
        },
      ),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe("the client edit form", () => {
  const field = (name: string, value: Record<string, unknown>) => ({ [name]: { [name]: value } });
  const text = (name: string, value: string) => field(name, { type: "plain_text_input", value });
  const pick = (name: string, value: string) => field(name, { type: "static_select", selected_option: { text: { type: "plain_text", text: "x" }, value } });

  it.each([
    ["a revenue in words", text("annual_revenue", "ten million"), "annual_revenue"],
    ["a revenue too large for a number", text("annual_revenue", "1e400"), "annual_revenue"],
    ["a negative revenue", text("annual_revenue", "-5"), "annual_revenue"],
    ["a satisfaction over 100", text("satisfaction", "101"), "satisfaction"],
    ["a cadence of zero", text("cadence_days", "0"), "cadence_days"],
    ["a cadence with SQL", text("cadence_days", "30; DROP TABLE x"), "cadence_days"],
    ["a start date that is not a date", field("relationship_since", { type: "datepicker", selected_date: "2026-13-45" }), "relationship_since"],
    ["an override without a reason", pick("tier_override", "A"), "override_reason"],
    ["a 4,000-character industry", text("industry", "i".repeat(4000)), "industry"],
    ["a 4,000-character region", text("region", "r".repeat(4000)), "region"],
  ])("puts %s on its field", async (_label, values, fieldName) => {
    const reply = await t.slack.viewSubmission({ callbackId: "client_edit", values, privateMetadata: clientId, userId: USER });
    expectFormAnswer(reply, _label);
    expect((reply.json as { errors?: Record<string, string> }).errors?.[fieldName]).toEqual(expect.any(String));
  });

  it.each([
    ["tampered metadata", "'; DROP TABLE \"Client\"; --"],
    ["metadata of no client", "c0nosuchclient"],
    ["empty metadata", ""],
  ])("answers %s without a 5xx", async (_label, privateMetadata) => {
    const reply = await t.slack.viewSubmission({ callbackId: "client_edit", values: text("industry", "energy"), privateMetadata, userId: USER });
    expectFormAnswer(reply, _label);
  });

  it("accepts hostile text in free-text fields and renders it escaped", async () => {
    t.emulator.reset();
    const values = { ...text("industry", "<!channel> energy 🚀"), ...text("region", "\u202eaisA\u202c; DROP <@U0VICTIM> --") };
    const reply = await t.slack.viewSubmission({ callbackId: "client_edit", values, privateMetadata: clientId, userId: USER });
    expectFormAnswer(reply, "free text");
    const card = await t.slack.command("/tier", "Hostile Harbour", { userId: USER });
    expectHelpfulReply(card, "card after edit");
  });
});

describe("the snooze and edit-touch forms, and the message shortcut", () => {
  const snoozeValues = (until: string | null, reason: string) => ({
    until: { until: { type: "datepicker", selected_date: until } },
    reason: { reason: { type: "plain_text_input", value: reason } },
  });
  const touchValues = (o: { type: string; sentiment: string; summary: string; date: string | null; next: string | null }) => ({
    type: { type: { type: "static_select", selected_option: { text: { type: "plain_text", text: "x" }, value: o.type } } },
    date: { date: { type: "datepicker", selected_date: o.date } },
    sentiment: { sentiment: { type: "radio_buttons", selected_option: { text: { type: "plain_text", text: "x" }, value: o.sentiment } } },
    summary: { summary: { type: "plain_text_input", value: o.summary } },
    next: { next: { type: "datepicker", selected_date: o.next } },
  });
  it("answers any snooze submission, even with its metadata tampered, with a 200 and the problem on its field (property)", async () => {
    const metadata = fc.oneof(hostileText, fc.constant(JSON.stringify({ value: `${clientId}|2026-11-20|${USER}`, home: true })), fc.json());
    await fc.assert(
      fc.asyncProperty(metadata, fc.option(fc.oneof(fc.constantFrom("2026-12-01", "2026-11-23", "2026-02-30"), hostileText), { nil: null }), hostileText, async (meta, until, reason) => {
        const reply = await t.slack.viewSubmission({ callbackId: "followup_snooze", values: snoozeValues(until, reason), privateMetadata: meta, userId: USER });
        expectFormAnswer(reply, JSON.stringify({ meta, until, reason }).slice(0, 120));
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("answers any edit-touch submission, for any touch id, with a 200 and the problem on its field (property)", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileText,
        fc.record({
          type: fc.oneof(fc.constantFrom("call", "meeting"), hostileText),
          sentiment: fc.oneof(fc.constantFrom("neutral", "negative"), hostileText),
          summary: hostileText,
          date: fc.option(fc.oneof(fc.constantFrom("2026-11-20", "2026-02-30"), hostileText), { nil: null }),
          next: fc.option(fc.oneof(fc.constantFrom("2026-12-01", "2000-01-01"), hostileText), { nil: null }),
        }),
        async (touchId, fields) => {
          const reply = await t.slack.viewSubmission({ callbackId: "touch_edit_form", values: touchValues(fields), privateMetadata: touchId, userId: USER });
          expectFormAnswer(reply, JSON.stringify({ touchId, fields }).slice(0, 120));
        },
      ),
      // Found by this property on PostgreSQL, which refuses text with a NUL byte: a valid form for such an id.
      { numRuns: 40, examples: [["\u0000", { type: "call", sentiment: "neutral", summary: "!", date: null, next: null }]] },
    );
  }, 120_000);

  it.each(NASTY)("opens the log form from a message whatever it says (%#)", async (text) => {
    const reply = await t.slack.shortcut({ callbackId: "log_message", type: "message_action", userId: USER, message: { type: "message", ts: "1763892000.000300", text } });
    expect(reply.status).toBe(200);
    const opened = await t.emulator.waitForCall("views.open", (c) => c.at >= Date.now() - 5000);
    expect(opened.response?.body.ok).toBe(true);
  });
});

describe("buttons and the client search", () => {
  const tampered = ["", "'; DROP TABLE \"Client\"; --", "c".repeat(2000), "x|2026-02-30|U0X", `${"a"}|2026-11-23|&lt;@U0VICTIM&gt;`, "🚀", "\u0000"];

  it.each(Object.values(ACTIONS).filter((a) => a !== ACTIONS.clientPicker).flatMap((actionId) => tampered.map((value) => [actionId, value] as const)))(
    "%s with value %j: a 200",
    async (actionId, value) => {
      const reply = await t.slack.blockAction({ actionId, value, userId: USER });
      expect(reply.status).toBe(200);
      expect(reply.body).not.toMatch(INTERNAL);
    },
  );

  // Forged (validly signed) values with a NUL byte, which PostgreSQL refuses in text: whether or not the rest of the
  // value has the buttons' shape, the user is told the client is not there, not apologised to for our failure.
  const FOLLOW_UP_BUTTONS = [ACTIONS.followUpDone, ACTIONS.followUpSnoozeDay, ACTIONS.followUpSnoozeWeek, ACTIONS.followUpSnoozeUntil];
  const NUL_VALUES = ["\u0000", `\u0000|2026-11-23|${USER}`, `c\u0000|2026-11-23|${USER}`, `\u0000'; --|2026-11-23|${USER}`, `c|2026-11-23|U0\u0000`];
  it.each(FOLLOW_UP_BUTTONS.flatMap((actionId) => NUL_VALUES.map((value) => [actionId, value] as const)))(
    "%s with value %j: says the client is not there",
    async (actionId, value) => {
      const reply = await t.slack.blockAction({ actionId, value, userId: USER });
      expect(reply.status).toBe(200);
      const answer = asEphemeral((await t.emulator.waitForResponse((r) => reply.responseUrl.endsWith(`/${r.id}`))).body);
      expect(answer.text).toContain("That client is no longer there");
      expect(answer.text).not.toMatch(/didn't work on our side/);
      expect(JSON.stringify(answer)).not.toMatch(INTERNAL);
    },
  );

  // The overflow menu of a follow-up row: an option naming no button, or a button with a forged value, is answered
  // as the buttons answer a value we did not write.
  const FORGED_OPTIONS = ["", "no-colon", "nobutton:x|2026-11-23|U0X", "client_show:c1", `${ACTIONS.followUpMore}:x`, ...NUL_VALUES.map((v) => `${ACTIONS.followUpDone}:${v}`)];
  it.each(FORGED_OPTIONS)("the overflow menu with option value %j: says the client is not there", async (value) => {
    const reply = await t.slack.blockAction({ actionId: ACTIONS.followUpMore, action: { type: "overflow", selected_option: { text: { type: "plain_text", text: "x" }, value } }, userId: USER });
    expect(reply.status).toBe(200);
    const answer = asEphemeral((await t.emulator.waitForResponse((r) => reply.responseUrl.endsWith(`/${r.id}`))).body);
    expect(answer.text).toContain("That client is no longer there");
    expect(JSON.stringify(answer)).not.toMatch(INTERNAL);
  });

  it("answers Log touch (a follow-up's other button) for a client id with a NUL byte: the client is not there", async () => {
    const reply = await t.slack.blockAction({ actionId: ACTIONS.openLogModal, value: "\u0000", userId: USER });
    expect(reply.status).toBe(200);
    const answer = asEphemeral((await t.emulator.waitForResponse((r) => reply.responseUrl.endsWith(`/${r.id}`))).body);
    expect(answer.text).toContain("That client is no longer there");
  });

  it("answers the client search with options for any query", async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (query) => {
        const reply = await t.slack.options({ actionId: "client_pick", value: query, userId: USER });
        expect(reply.status).toBe(200);
        const options = (reply.json as { options?: { text: { text: string } }[] }).options;
        expect(Array.isArray(options)).toBe(true);
        for (const option of options ?? []) expect(option.text.text.length).toBeLessThanOrEqual(75);
      }),
      { numRuns: 40 },
    );
  }, 60_000);

  it("sent nothing to Slack that breaks a limit or carries a mention the user did not make", async () => {
    for (const response of t.emulator.responses) {
      expect(mentionProblems(response.body, BOT_MADE)).toEqual([]);
      expect(JSON.stringify(response.body)).not.toMatch(INTERNAL);
    }
    for (const call of t.emulator.callsTo("chat.postMessage")) expect(mentionProblems(call.args, BOT_MADE)).toEqual([]);
  });
});
