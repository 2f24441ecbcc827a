import type { KnownBlock, ModalView, SectionBlock } from "@slack/types";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { scoreClient } from "../../src/domain/scoring.ts";
import { truncateText } from "../../src/domain/text.ts";
import { formatDateForHumans } from "../../src/domain/when.ts";
import type { ClientCard } from "../../src/services/clients.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { ACTIONS, LOG_MODAL, VIEWS } from "../../src/slack/ids.ts";
import { buildAppHome } from "../../src/slack/views/app-home.ts";
import { button, context, ephemeral, fields, header, LIMIT, section, userText } from "../../src/slack/views/blocks.ts";
import { buildClientCard, followUpText } from "../../src/slack/views/client-card.ts";
import { buildLogModal, clientOption } from "../../src/slack/views/log-modal.ts";
import {
  badNextDate,
  clientChoices,
  clientCreated,
  clientExists,
  clientUnknown,
  duplicateInteraction,
  interactionLogged,
  logParseError,
  logUsage,
  nameProblem,
  somethingWentWrong,
  usage,
  type EphemeralReply,
} from "../../src/slack/views/replies.ts";
import { blockKitProblems, mentionProblems, mrkdwnTexts } from "../support/block-kit-limits.ts";
import { logCommandErrors, WHEN_ERRORS } from "../support/parse-errors.ts";
import { allText } from "../support/block-text.ts";
import { clientRow, interactionRow, OWNER, REP } from "../support/rows.ts";

// ---- fixtures ------------------------------------------------------------------------------------------

const EN = messagesFor("en");
const BOT_USERS = [OWNER, REP];
const TODAY = "2026-06-15";

function clientCard(overrides: Partial<ClientCard> = {}): ClientCard {
  const client = overrides.client ?? clientRow();
  const { score, breakdown } = scoreClient(client, DEFAULT_RULES, new Date(`${TODAY}T08:00:00Z`));
  return {
    client,
    tier: "B",
    overridden: false,
    score,
    breakdown,
    keyClient: true,
    keyEvent: null,
    currency: "CNY",
    cadenceDays: 30,
    relationshipType: "strategic-cooperative",
    followUp: { dueOn: "2026-07-01", basis: "cadence" },
    recent: [interactionRow()],
    risks: [],
    ...overrides,
  };
}

// ---- pathological text ----------------------------------------------------------------------------------

/** `s` repeated until it is exactly `n` code points long. */
const fill = (s: string, n: number) => truncateText(s.repeat(Math.ceil(n / [...s].length) + 1), n, "");

const NASTY = "<!channel> <!here> <@U123> <@U123|bob> <#C123> <!subteam^S1> AT&T <https://evil.example|click> 👨‍👩‍👧‍👦 华能国际电力 ";
const NAME_200 = fill(NASTY, 200);
const SUMMARY_3000 = fill(NASTY, 3000);
const NASTY_NAMES = [
  "<!channel>",
  "<!here> urgent",
  "<@U123> & Co",
  "AT&T",
  "&lt;already escaped&gt;",
  "🚀 Rocket Holdings 🌍",
  "华能国际电力股份有限公司",
  "*bold* _it_ ~strike~ `code`",
  NAME_200,
];

/** Breaches of Slack's limits, and broadcasts or user mentions that did not come from the bot. */
function problems(payload: EphemeralReply | ModalView | { type: "home"; blocks: unknown[] }): string[] {
  return [...blockKitProblems(payload), ...mentionProblems(payload, BOT_USERS)];
}

/**
 * Every `&` in rendered mrkdwn starts an entity and every `<` closes its token: user text is escaped, and
 * truncation never splits an entity (`&l…`) or a bot-made token (`<@U0RE…`), which Slack would show raw.
 */
const BROKEN = /&(?!amp;|lt;|gt;)|<(?![^<>]*>)/;
function brokenTokens(payload: unknown): string[] {
  return mrkdwnTexts(payload)
    .filter(({ text }) => BROKEN.test(text))
    .map(({ where, text }) => `${where}: …${text.slice(Math.max(0, text.search(BROKEN) - 20)).slice(0, 60)}`);
}

const sectionTexts = (reply: { blocks: KnownBlock[] }) =>
  reply.blocks.flatMap((b) => (b.type === "section" && b.text ? [b.text.text] : []));

// ---- the checker itself -----------------------------------------------------------------------------------

describe("blockKitProblems (test support)", () => {
  it("accepts a payload within the limits", () => {
    expect(blockKitProblems({ text: "hi", blocks: [section("hello"), { type: "divider" }] })).toEqual([]);
  });

  it("reports every breach, with where it is", () => {
    const tooLong = "x".repeat(3001);
    const found = blockKitProblems({
      blocks: [
        ...Array.from({ length: 50 }, () => ({ type: "divider" })),
        { type: "section", text: { type: "mrkdwn", text: tooLong } },
        { type: "header", text: { type: "plain_text", text: "h".repeat(151) } },
        { type: "section", fields: Array.from({ length: 11 }, () => ({ type: "mrkdwn", text: "f".repeat(2001) })) },
        { type: "actions", block_id: "b".repeat(256), elements: [{ type: "button", action_id: "a".repeat(256), text: { type: "plain_text", text: "t".repeat(76) } }] },
        { type: "section", text: { type: "mrkdwn", text: "" } },
      ],
    });
    expect(found).toEqual(
      expect.arrayContaining([
        "blocks: 55 blocks, limit 50 per message",
        "blocks[50].text.text: 3001 characters, limit 3000",
        "blocks[51].text.text: 151 characters, limit 150",
        "blocks[52].fields: 11 fields, limit 10",
        "blocks[52].fields[0].text: 2001 characters, limit 2000",
        "blocks[53].block_id: 256 characters, limit 255",
        "blocks[53].elements[0].action_id: 256 characters, limit 255",
        "blocks[53].elements[0].text.text: 76 characters, limit 75",
        "blocks[54].text.text: empty text",
      ]),
    );
  });

  it("checks a modal's title, submit, close and option texts", () => {
    const found = blockKitProblems({
      type: "modal",
      title: { type: "plain_text", text: "A title that is far too long" },
      submit: { type: "plain_text", text: "Submit this very long form" },
      close: { type: "plain_text", text: "Close this very long form" },
      blocks: [
        {
          type: "input",
          label: { type: "plain_text", text: "Pick" },
          element: { type: "static_select", action_id: "pick", options: [{ text: { type: "plain_text", text: "o".repeat(76) }, value: "v" }] },
        },
      ],
    });
    expect(found).toEqual([
      "blocks[0].element.options[0].text.text: 76 characters, limit 75",
      "title.text: 28 characters, limit 24",
      "submit.text: 26 characters, limit 24",
      "close.text: 25 characters, limit 24",
    ]);
  });

  it("counts code points, not UTF-16 units", () => {
    expect(blockKitProblems({ blocks: [header("🚀".repeat(150))] })).toEqual([]);
    expect(blockKitProblems({ blocks: [{ type: "header", text: { type: "plain_text", text: "🚀".repeat(151) } }] })).toHaveLength(1);
  });

  it("finds broadcasts and foreign mentions in mrkdwn and the fallback text, but not in plain text", () => {
    const payload = {
      text: "hey <!here>",
      blocks: [section(`<@${OWNER}> and <@U999>`), header("<!channel> in a header is not parsed")],
    };
    expect(mentionProblems(payload, [OWNER])).toEqual(["text: broadcast <!here>", "blocks[0].text: mention <@U999> not made by the bot"]);
  });
});

// ---- blocks.ts ------------------------------------------------------------------------------------------------

describe("Block Kit helpers (blocks.ts)", () => {
  it("cut every text to its limit", () => {
    const long = fill("华🚀a", 5000);
    expect(blockKitProblems({ blocks: [section(long), header(long), context(long), fields(Array.from({ length: 14 }, (_, i) => [`L${i}`, long] as const))] })).toEqual([]);
    expect(blockKitProblems({ blocks: [{ type: "actions", elements: [button(long, "act", long)] }] })).toEqual([]);
    expect([...section(long).text!.text]).toHaveLength(LIMIT.sectionText);
    expect(fields([["a", "b"]]).fields).toHaveLength(1);
    expect(fields(Array.from({ length: 14 }, () => ["a", "b"] as const)).fields).toHaveLength(10);
  });

  it("keep a message to 50 blocks", () => {
    const reply = ephemeral("many", Array.from({ length: 80 }, (_, i) => section(`block ${i}`)));
    expect(reply.blocks).toHaveLength(50);
    expect(problems(reply)).toEqual([]);
  });

  it("give a message without blocks one section with its text", () => {
    const reply = ephemeral("Just text");
    expect(reply).toEqual({ response_type: "ephemeral", text: "Just text", blocks: [section("Just text")] });
  });

  it.each(NASTY_NAMES)("userText escapes %j for mrkdwn", (name) => {
    const escaped = userText(name, 500);
    expect(escaped).not.toMatch(/[<>]/);
    expect(escaped).not.toMatch(/&(?!amp;|lt;|gt;)/);
  });

  it.each([0, 1, 2, 3])("never cut an entity in half (offset %d)", (offset) => {
    const escaped = `${"a".repeat(offset)}${userText("<".repeat(1000), 1000)}`;
    const reply = ephemeral(escaped, [section(escaped), context(escaped), fields([["Label", escaped]])]);
    expect(brokenTokens(reply)).toEqual([]);
    expect(problems(reply)).toEqual([]);
    expect(reply.text.endsWith("&lt;…")).toBe(true);
  });

  it.each([0, 3, 7, 10])("never cut a mention token in half (offset %d)", (offset) => {
    const text = `${"a".repeat(2990 - offset)}<@${OWNER}> and more`;
    const cut = section(text).text!.text;
    expect(brokenTokens({ blocks: [section(text)] })).toEqual([]);
    expect([...cut].length).toBeLessThanOrEqual(LIMIT.sectionText);
  });

  it("leave text within the limit untouched", () => {
    const text = `${"a".repeat(2990)}&lt;&amp;`;
    expect(section(text).text!.text).toBe(text);
  });

  it("mark every mrkdwn section verbatim, so user URLs and names are not auto-linked", () => {
    expect(section("x").text).toMatchObject({ type: "mrkdwn", verbatim: true });
    expect(context("x").elements[0]).toMatchObject({ type: "mrkdwn", verbatim: true });
  });
});

// ---- the client card ----------------------------------------------------------------------------------------

describe("the card's key-list line", () => {
  it("says since when a key client is one, and when and why a client left the list", () => {
    const joined = allText(buildClientCard(EN, clientCard({ keyEvent: { joined: true, on: "2026-06-01", status: null } }), TODAY));
    expect(joined).toMatch(/:key: \*Key client\* \(since Mon 1 Jun 2026\)/);
    const status = { key: false, annualRevenue: 50_000, minAnnualRevenue: 100_000, relationshipYears: 14, minRelationshipYears: 3 };
    const left = allText(buildClientCard(EN, clientCard({ keyClient: false, keyEvent: { joined: false, on: "2026-06-01", status } }), TODAY));
    expect(left).toContain("left the key list on Mon 1 Jun 2026 (annual revenue 50,000 CNY, below 100,000 CNY)");
    expect(allText(buildClientCard(EN, clientCard({ keyClient: false, keyEvent: null }), TODAY))).not.toMatch(/key/i);
  });
});

describe("followUpText", () => {
  it.each([
    ["2026-06-15", "due today"],
    ["2026-06-16", "in 1 day"],
    ["2026-06-25", "in 10 days"],
    ["2026-06-14", "overdue by 1 day"],
    ["2026-06-10", "overdue by 5 days"],
    ["2027-01-01", "in 200 days"],
  ])("due %s, seen on 2026-06-15: %s", (dueOn, when) => {
    expect(followUpText(EN, { followUp: { dueOn, basis: "cadence" } }, TODAY)).toBe(`${formatDateForHumans(dueOn)} (${when}; from the cadence)`);
  });

  it("crosses the year end", () => {
    expect(followUpText(EN, { followUp: { dueOn: "2027-01-01", basis: "logged" } }, "2026-12-31")).toMatch(/\(in 1 day; set on a logged touch\)$/);
    expect(followUpText(EN, { followUp: { dueOn: "2027-01-01", basis: "snoozed" } }, "2026-12-31")).toMatch(/\(in 1 day; snoozed\)$/);
  });

  it("says how to start the cadence when there is no follow-up", () => {
    expect(followUpText(EN, { followUp: null }, TODAY)).toMatch(/log a touch/i);
  });
});

describe("buildClientCard", () => {
  it("lists active risks with their reasons, and none when there are none", () => {
    const risky = buildClientCard(EN, 
      clientCard({
        risks: [
          { rule: "silence", days: 96, cadenceDays: 30, neverTouched: false },
          { rule: "satisfaction", satisfaction: 72, below: 90 },
        ],
      }),
      TODAY,
    );
    const text = mrkdwnTexts(risky).map((t) => t.text).join("\n");
    // Each state as the risk notice words it: the rule's name, then the reason.
    expect(text).toContain(":warning: *Risks*\n• *Gone quiet*: no touch for 96 days, cadence 30\n• *Low satisfaction*: satisfaction 72, below 90");
    expect(blockKitProblems(risky)).toEqual([]);
    const calm = mrkdwnTexts(buildClientCard(EN, clientCard(), TODAY)).map((t) => t.text).join("\n");
    expect(calm).not.toContain("*Risks*");
  });

  it("shows the tier, score, owner, follow-up, explained score and last touches", () => {
    const card = clientCard();
    const reply = buildClientCard(EN, card, TODAY);
    expect(problems(reply)).toEqual([]);
    expect(reply.response_type).toBe("ephemeral");
    expect(reply.blocks[0]).toEqual({ type: "header", text: { type: "plain_text", text: "Acme Power", emoji: true } });
    const all = JSON.stringify(reply.blocks);
    expect(all).toContain(`<@${OWNER}>`);
    expect(all).toContain(`${card.score}/100`);
    expect(all).toContain("contribution 30/40");
    expect(all).toContain("Key client");
    expect(all).toContain("cadence 30 days");
    expect(all).toContain("Senior-level sponsorship; align on multi-year plans each quarter.");
    expect(all).toContain("Discussed the Q3 renewal");
    expect(all).toContain(`<@${REP}>`);
    expect(reply.text).toContain("tier B");
    expect(reply.text).toContain(followUpText(EN, card, TODAY));
    const actions = reply.blocks.find((b) => b.type === "actions");
    expect(actions).toMatchObject({ elements: [{ action_id: ACTIONS.openLogModal, value: card.client.id }] });
  });

  it("shows an override with its reason", () => {
    const client = clientRow({ tierOverride: "A", tierOverrideReason: "Board-level sponsor <!channel>" });
    const reply = buildClientCard(EN, clientCard({ client, tier: "A", overridden: true }), TODAY);
    expect(JSON.stringify(reply.blocks)).toContain("override: Board-level sponsor &lt;!channel&gt;");
    expect(problems(reply)).toEqual([]);
  });

  it("handles an unassigned client with no touches and no follow-up", () => {
    const client = clientRow({ ownerSlackId: null, relationshipType: null });
    const reply = buildClientCard(EN, clientCard({ client, recent: [], followUp: null, keyClient: false, relationshipType: null }), TODAY);
    expect(problems(reply)).toEqual([]);
    expect(JSON.stringify(reply.blocks)).toContain("unassigned");
    expect(JSON.stringify(reply.blocks)).toContain("No touches logged yet");
  });

  it.each(NASTY_NAMES)("stays within Slack's limits and mentions no one for the name %j", (name) => {
    const client = clientRow({ name, tierOverride: "A", tierOverrideReason: NAME_200, relationshipType: name });
    const reply = buildClientCard(EN, clientCard({ client, overridden: true, recent: [interactionRow({ summary: name })] }), TODAY);
    expect(problems(reply)).toEqual([]);
    expect(brokenTokens(reply)).toEqual([]);
    // A header is plain text: Slack does not parse it, so the name appears as typed (cut to 150).
    expect(reply.blocks[0]).toMatchObject({ type: "header", text: { type: "plain_text", text: truncateText(name, 150) } });
  });

  it("stays within Slack's limits with three 3,000-character summaries full of mentions", () => {
    const recent = [
      interactionRow({ summary: SUMMARY_3000, sentiment: "negative" }),
      interactionRow({ summary: SUMMARY_3000, type: "meeting", repSlackId: OWNER }),
      interactionRow({ summary: SUMMARY_3000, sentiment: "unknown" }),
    ];
    const reply = buildClientCard(EN, clientCard({ client: clientRow({ name: NAME_200 }), recent }), TODAY);
    expect(problems(reply)).toEqual([]);
    expect(brokenTokens(reply)).toEqual([]);
    // Each touch is still there (cut, not dropped).
    const lastTouches = sectionTexts(reply).find((t) => t.startsWith("*Last touches*")) ?? "";
    expect(lastTouches.split("\n")).toHaveLength(4);
  });
});

// ---- replies -----------------------------------------------------------------------------------------------

const LOG_ERRORS = logCommandErrors(NAME_200);

describe("replies", () => {
  it.each(LOG_ERRORS)("logParseError %j: within limits, with the usage line", (error) => {
    const reply = logParseError(EN, error);
    expect(problems(reply)).toEqual([]);
    expect(brokenTokens(reply)).toEqual([]);
    expect(reply.text).toContain("Usage:");
  });

  it("logParseError names the limits it enforces", () => {
    expect(logParseError(EN, { code: "summary-too-long", limit: 3000, actual: 4000 }).text).toMatch(/4000.*3000/);
    expect(logParseError(EN, { code: "client-name-too-long", limit: 200, actual: 201 }).text).toMatch(/200.*201/);
  });

  it.each(WHEN_ERRORS.flatMap((error) => ["fri", "<!here>", NAME_200].map((text) => [error, text] as const)))(
    "badNextDate(%s, %j): within limits, says nothing was logged",
    (error, text) => {
      const reply = badNextDate(EN, error, text);
      expect(problems(reply)).toEqual([]);
      expect(brokenTokens(reply)).toEqual([]);
      expect(reply.text).toContain("Nothing was logged");
    },
  );

  it.each([
    ["usage", usage(EN, "/tier <client name>", "Which client?")],
    ["usage without a problem", usage(EN, "/client add <name>")],
    ["logUsage", logUsage(EN)],
    ["nameProblem (empty)", nameProblem(EN, { problem: "name-empty" }, "/client add <name>")],
    ["nameProblem (too long)", nameProblem(EN, { problem: "name-too-long", limit: 200, length: 250 }, "/client add <name>")],
    ["somethingWentWrong", somethingWentWrong(EN)],
  ])("%s: within limits", (_label, reply) => {
    expect(problems(reply)).toEqual([]);
  });

  it.each(NASTY_NAMES)("client replies stay within limits and mention no one for the name %j", (name) => {
    const client = clientRow({ name, archivedAt: new Date("2026-01-01T00:00:00Z") });
    const replies = [
      clientCreated(EN, client),
      clientExists(EN, client),
      clientUnknown(EN, name, []),
      clientUnknown(EN, name, NASTY_NAMES),
      interactionLogged(EN, name, "call", { dueOn: "2026-07-01", basis: "logged" }, "int0001"),
      interactionLogged(EN, name, "meeting", { dueOn: "2026-09-29", basis: "cadence" }, "int0001"),
      duplicateInteraction(EN, name),
    ];
    for (const reply of replies) {
      expect(problems(reply)).toEqual([]);
      expect(brokenTokens(reply)).toEqual([]);
    }
  });

  it("clientCreated and clientExists offer buttons for that client", () => {
    const client = clientRow();
    const created = clientCreated(EN, client);
    expect(JSON.stringify(created.blocks)).toContain(ACTIONS.openLogModal);
    expect(JSON.stringify(clientExists(EN, client).blocks)).toContain(ACTIONS.showClientCard);
    expect(created.text).toContain("Acme Power");
  });

  it("interactionLogged says back the follow-up date and where it came from", () => {
    expect(interactionLogged(EN, "Acme", "call", { dueOn: "2026-07-01", basis: "logged" }, "int0001").text).toContain("2026-07-01");
    expect(interactionLogged(EN, "Acme", "call", { dueOn: "2026-07-01", basis: "logged" }, "int0001").text).toContain("as you asked");
    expect(interactionLogged(EN, "Acme", "call", { dueOn: "2026-07-01", basis: "cadence" }, "int0001").text).toContain("from the cadence");
  });

  it("clientUnknown lists the suggestions", () => {
    const reply = clientUnknown(EN, "acme", ["Acme Power", "Acme Water"]);
    expect(reply.text).toContain("Acme Power");
    expect(reply.text).toContain("Acme Water");
    expect(problems(reply)).toEqual([]);
  });

  describe("clientChoices with 25 matches", () => {
    const matches = Array.from({ length: 25 }, (_, i) =>
      clientRow({ id: `clh${String(i).padStart(22, "0")}`, name: `${NASTY_NAMES[i % NASTY_NAMES.length]!.slice(0, 150)} ${i}`.slice(0, 200) }),
    );
    const longMatches = matches.map((m, i) => clientRow({ id: m.id, name: `${fill(NASTY, 196)} ${String(i).padStart(3, "0")}` }));

    it.each([
      ["nasty names", matches],
      ["200-character names", longMatches],
    ])("stay within Slack's limits (%s)", (_label, list) => {
      const reply = clientChoices(EN, NAME_200, list);
      expect(problems(reply)).toEqual([]);
      expect(brokenTokens(reply)).toEqual([]);
    });

    it("cut at escaped names' entities cleanly in the fallback text", () => {
      const angles = Array.from({ length: 25 }, (_, i) => clientRow({ id: `c${i}`, name: `${"<".repeat(197)}${i}` }));
      const reply = clientChoices(EN, "<", angles);
      expect(problems(reply)).toEqual([]);
      expect(brokenTokens(reply)).toEqual([]);
    });

    it("say how many more there are when they do not fit one message", () => {
      const many = Array.from({ length: 60 }, (_, i) => clientRow({ id: `c${i}`, name: `Acme ${i}` }));
      const reply = clientChoices(EN, "acme", many);
      expect(problems(reply)).toEqual([]);
      expect(reply.blocks).toHaveLength(50);
      expect(JSON.stringify(reply.blocks.at(-1))).toContain("12 more");
    });

    it("offer a Show card button for every match", () => {
      const reply = clientChoices(EN, "acme", longMatches);
      const values = reply.blocks.flatMap((b: KnownBlock) =>
        b.type === "section" && (b as SectionBlock).accessory?.type === "button" ? [(b as SectionBlock & { accessory: { value?: string } }).accessory.value] : [],
      );
      expect(values).toEqual(longMatches.map((m) => m.id));
    });
  });
});

// ---- the log modal -----------------------------------------------------------------------------------------

describe("buildLogModal", () => {
  it("has every input, with today's date and neutral sentiment preselected", () => {
    const modal = buildLogModal(EN, { today: TODAY });
    expect(problems(modal)).toEqual([]);
    expect(modal.callback_id).toBe(VIEWS.logInteraction);
    expect(modal.blocks.map((b) => b.block_id)).toEqual(Object.values(LOG_MODAL).map((ids) => ids.block));
    expect(JSON.stringify(modal.blocks)).toContain(`"initial_date":"${TODAY}"`);
    const sentiment = modal.blocks.find((b) => b.block_id === LOG_MODAL.sentiment.block);
    expect(sentiment).toMatchObject({ element: { initial_option: { value: "neutral" } } });
  });

  it.each(NASTY_NAMES)("prefills a client named %j within the option limit", (name) => {
    const modal = buildLogModal(EN, { today: TODAY, client: { id: "clh0000000000000000000001", name }, summary: SUMMARY_3000 });
    expect(problems(modal)).toEqual([]);
    const picker = modal.blocks.find((b) => b.block_id === LOG_MODAL.client.block);
    expect(picker).toMatchObject({ element: { initial_option: { text: { type: "plain_text", text: truncateText(name, 75) }, value: "clh0000000000000000000001" } } });
  });

  it("keeps a prefilled summary within the input's max_length", () => {
    const modal = buildLogModal(EN, { today: TODAY, summary: `${SUMMARY_3000}overflow` });
    expect(problems(modal)).toEqual([]);
  });

  it("builds picker options within the option limit", () => {
    for (const name of NASTY_NAMES) {
      const option = clientOption({ id: "c1", name });
      expect(blockKitProblems({ blocks: [{ type: "actions", elements: [{ type: "static_select", action_id: "x", options: [option] }] }] })).toEqual([]);
    }
  });
});

// ---- App Home -------------------------------------------------------------------------------------------------

describe("buildAppHome", () => {
  it("is a home view within Slack's limits", () => {
    const home = buildAppHome(EN);
    expect(home.type).toBe("home");
    expect(problems(home)).toEqual([]);
  });

  it("explains the commands", () => {
    const text = JSON.stringify(buildAppHome(EN).blocks);
    for (const command of ["/tier", "/log", "/client add"]) expect(text).toContain(command);
  });
});
