import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INTERACTION_TYPES, LIMITS } from "../../src/domain/interaction.ts";
import { LOG_USAGE, parseLogCommand } from "../../src/domain/log-command.ts";
import type { LogCommand, LogCommandError } from "../../src/domain/log-command.ts";
import { codePointLength, escapeMrkdwn } from "../../src/domain/text.ts";

const accepted = (value: LogCommand) => ({ ok: true, value });
const refused = (error: LogCommandError) => ({ ok: false, error });

describe("parseLogCommand: accepted", () => {
  it.each([
    ["Acme call discussed renewal", { clientName: "Acme", type: "call", summary: "discussed renewal" }],
    ["Acme Corp meeting quarterly review", { clientName: "Acme Corp", type: "meeting", summary: "quarterly review" }],
    ["  Acme   Corp   CALL   pricing  ", { clientName: "Acme Corp", type: "call", summary: "pricing" }],
    ["AT&amp;T email sent the &lt;draft&gt;", { clientName: "AT&T", type: "email", summary: "sent the <draft>" }],
    ["Acme note typed &amp;lt; literally", { clientName: "Acme", type: "note", summary: "typed &lt; literally" }],
    ["华能国际 visit 讨论续约", { clientName: "华能国际", type: "visit", summary: "讨论续约" }],
    ["华能国际\u3000电力 meeting 季度回顾", { clientName: "华能国际 电力", type: "meeting", summary: "季度回顾" }],
    ["ＡＣＭＥ ｃａｌｌ ok", { clientName: "ACME", type: "call", summary: "ok" }], // fullwidth
    ["🚀 Rocket Co message 🎉 signed!", { clientName: "🚀 Rocket Co", type: "message", summary: "🎉 signed!" }],
    // the client is the text before the FIRST type word
    ["Acme call call back about the email", { clientName: "Acme", type: "call", summary: "call back about the email" }],
    ["Global Email Ltd call hi", { clientName: "Global", type: "email", summary: "Ltd call hi" }],
    // ...unless quoted
    ['"Global Email Ltd" call hi', { clientName: "Global Email Ltd", type: "call", summary: "hi" }],
    ["\u201CGlobal Email Ltd\u201D call hi", { clientName: "Global Email Ltd", type: "call", summary: "hi" }],
    ['"Acme" Corp call hi', { clientName: '"Acme" Corp', type: "call", summary: "hi" }], // not a quoted name
    // whole words only
    ["Callaway Golf meeting emailing", { clientName: "Callaway Golf", type: "meeting", summary: "emailing" }],
    ["Acme meeting: went well", { clientName: "Acme", type: "meeting", summary: "went well" }],
    // options, anywhere after the type word, any case
    ["Acme call pricing next:3d", { clientName: "Acme", type: "call", summary: "pricing", next: "3d" }],
    ["Acme call next:fri pricing talk", { clientName: "Acme", type: "call", summary: "pricing talk", next: "fri" }],
    [
      "Acme call NEXT:2026-12-01 pricing SENTIMENT:Positive",
      { clientName: "Acme", type: "call", summary: "pricing", next: "2026-12-01", sentiment: "positive" },
    ],
    ["Acme call went badly sentiment:negative", { clientName: "Acme", type: "call", summary: "went badly", sentiment: "negative" }],
    ["Acme call pricing next: 2w", { clientName: "Acme", type: "call", summary: "pricing", next: "2w" }],
    ["Acme call pricing next：3d", { clientName: "Acme", type: "call", summary: "pricing", next: "3d" }], // fullwidth colon
    ["Acme call pricing next:friday.", { clientName: "Acme", type: "call", summary: "pricing", next: "friday" }],
    ["Acme call pricing next:someday", { clientName: "Acme", type: "call", summary: "pricing", next: "someday" }], // raw
    ["Acme call nextstep:3d agreed", { clientName: "Acme", type: "call", summary: "nextstep:3d agreed" }],
    // line breaks survive, runs of blanks do not
    ["Acme note line one\nline  two\n\n\n\nline three", { clientName: "Acme", type: "note", summary: "line one\nline two\n\nline three" }],
    // mentions are kept as Slack sent them
    ["Acme meeting with <@U123|bob>", { clientName: "Acme", type: "meeting", summary: "with <@U123|bob>" }],
  ] satisfies [string, LogCommand][])("%j", (input, expected) => {
    expect(parseLogCommand(input)).toEqual(accepted(expected));
  });

  it("accepts a client name of exactly 200 code points and a 3,000-code-point summary", () => {
    const name = "华".repeat(LIMITS.clientName);
    const summary = "🚀".repeat(LIMITS.summary);
    expect(parseLogCommand(`${name} call ${summary}`)).toEqual(accepted({ clientName: name, type: "call", summary }));
  });
});

describe("parseLogCommand: refused", () => {
  // Long inputs are built by a label so test names stay readable.
  const long = (label: string, input: string, error: LogCommandError): [string, string, LogCommandError] => [label, input, error];
  it.each([
    long("empty", "", { code: "empty" }),
    long("blank", "   \n ", { code: "empty" }),
    long("no type word", "Acme discussed renewal", { code: "missing-type" }),
    long("type words inside other words", "Acme calling about emails", { code: "missing-type" }),
    long("type word first", "call Acme about renewal", { code: "missing-client" }),
    long("only invisible characters before the type", "\u202E call hi", { code: "missing-client" }),
    long("empty quoted client", '"" call hi', { code: "missing-client" }),
    long("no summary", "Acme call", { code: "missing-summary" }),
    long("blank summary", "Acme call   ", { code: "missing-summary" }),
    long("options only", "Acme call next:3d", { code: "missing-summary" }),
    long("both options only", "Acme call next:3d sentiment:positive", { code: "missing-summary" }),
    long("unknown sentiment", "Acme call hi sentiment:great", { code: "bad-sentiment", value: "great" }),
    long("empty sentiment", "Acme call hi sentiment:", { code: "bad-sentiment", value: "" }),
    long("next twice", "Acme call hi next:3d next:4d", { code: "duplicate-option", option: "next" }),
    long("sentiment twice", "Acme call hi sentiment:positive Sentiment:negative", { code: "duplicate-option", option: "sentiment" }),
    long("201-letter client", `${"a".repeat(201)} call hi`, { code: "client-name-too-long", limit: 200, actual: 201 }),
    long("250-character CJK client", `${"华".repeat(250)} call hi`, { code: "client-name-too-long", limit: 200, actual: 250 }),
    long("3,001-character summary", `Acme call ${"x".repeat(3001)}`, { code: "summary-too-long", limit: 3000, actual: 3001 }),
    // limits count decoded text: "&amp;" is one character
    long("3,001 escaped ampersands", `Acme call ${"&amp;".repeat(3001)}`, { code: "summary-too-long", limit: 3000, actual: 3001 }),
    long("3,001 emoji", `Acme call ${"🚀".repeat(3001)}`, { code: "summary-too-long", limit: 3000, actual: 3001 }),
    long("12 KB summary", `Acme call ${"x".repeat(12 * 1024)}`, { code: "summary-too-long", limit: 3000, actual: 12 * 1024 }),
    long("12 KB of CJK summary", `华能国际 visit ${"续".repeat(4096)}`, { code: "summary-too-long", limit: 3000, actual: 4096 }),
    long("text beyond any sensible command", `Acme call ${"x".repeat(LIMITS.commandText)}`, {
      code: "command-too-long",
      limit: LIMITS.commandText,
      actual: LIMITS.commandText + 10,
    }),
  ])("%s", (_label, input, expected) => {
    expect(parseLogCommand(input)).toEqual(refused(expected));
  });
});

describe("parseLogCommand: properties", () => {
  const types = fc.constantFrom(...INTERACTION_TYPES);
  const noisyText = fc.oneof(
    fc.string(),
    fc.string({ unit: "grapheme" }),
    fc.string({ unit: "binary" }),
    fc.string({ unit: fc.constantFrom("a", " ", "\n", "&amp;", "&lt;", "call", "note", "next:", "sentiment:", "3d", "positive", '"', "\u3000", "华") }),
  );
  const commandLike = fc
    .tuple(noisyText, fc.constantFrom(...INTERACTION_TYPES, "CALL", "Meeting:"), noisyText)
    .map(([a, t, b]) => `${a} ${t} ${b}`);

  it("never throws, and anything accepted is within the limits", () => {
    fc.assert(
      fc.property(fc.oneof(noisyText, commandLike), (input) => {
        const result = parseLogCommand(input);
        if (!result.ok) return typeof result.error.code === "string";
        const { clientName, type, summary } = result.value;
        const nameLength = codePointLength(clientName);
        const summaryLength = codePointLength(summary);
        return (
          INTERACTION_TYPES.includes(type) &&
          nameLength >= 1 &&
          nameLength <= LIMITS.clientName &&
          summaryLength >= 1 &&
          summaryLength <= LIMITS.summary &&
          clientName === clientName.trim()
        );
      }),
    );
  });

  it("reads back what a user typed, once Slack has escaped it", () => {
    const word = fc
      .string({ unit: fc.constantFrom("a", "B", "&", "<", ">", ";", "华", "能", "🚀", "é"), minLength: 1, maxLength: 12 })
      .filter((w) => !/^(call|meeting|email|visit|message|note)[:,;.]?$/i.test(w) && !/^(next|sentiment):/i.test(w));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 4 }), types, fc.array(word, { minLength: 1, maxLength: 6 }), (client, type, summary) => {
        const typed = `${client.join(" ")} ${type} ${summary.join(" ")}`;
        const result = parseLogCommand(escapeMrkdwn(typed));
        return result.ok && result.value.clientName === client.join(" ") && result.value.type === type && result.value.summary === summary.join(" ");
      }),
    );
  });
});

describe("LOG_USAGE", () => {
  it("documents every part of the command", () => {
    expect(LOG_USAGE).toBe("/log <client> <type> <summary> [next:<when>] [sentiment:positive|neutral|negative]");
  });
});
