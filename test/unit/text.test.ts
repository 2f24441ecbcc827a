import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  clientNameKey,
  codePointLength,
  decodeSlackEntities,
  escapeMrkdwn,
  isBlank,
  isRecordId,
  nameKeyTails,
  normalizeClientName,
  parseUserMention,
  storableText,
  truncateText,
} from "../../src/domain/text.ts";

const anyText = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.string({ unit: "binary" }),
  fc.string({ unit: fc.constantFrom("&", "<", ">", ";", "a", "m", "p", "l", "t", "g", " ") }),
);

describe("decodeSlackEntities", () => {
  it.each([
    ["AT&amp;T", "AT&T"],
    ["&lt;!channel&gt;", "<!channel>"],
    ["a &lt; b &gt; c", "a < b > c"],
    ["&amp;lt;", "&lt;"], // the user typed "&lt;" literally
    ["&amp;amp;", "&amp;"],
    ["&amp;&amp;", "&&"],
    ["&quot; &#39; &nbsp;", "&quot; &#39; &nbsp;"], // Slack escapes only the three
    ["&lt", "&lt"],
    ["华能国际 &amp; 🚀", "华能国际 & 🚀"],
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(decodeSlackEntities(input)).toBe(expected);
  });
});

describe("escapeMrkdwn", () => {
  it.each([
    ["AT&T", "AT&amp;T"],
    ["<!channel>", "&lt;!channel&gt;"],
    ["<!here> hi", "&lt;!here&gt; hi"],
    ["<@U123|bob>", "&lt;@U123|bob&gt;"],
    ["<https://evil.example|click>", "&lt;https://evil.example|click&gt;"],
    ["*bold* _it_ ~s~ `code`", "*bold* _it_ ~s~ `code`"], // formatting is left alone
    ["&amp;", "&amp;amp;"],
    ["华能国际", "华能国际"],
  ])("%j → %j", (input, expected) => {
    expect(escapeMrkdwn(input)).toBe(expected);
  });

  it("round-trips with decodeSlackEntities", () => {
    fc.assert(fc.property(anyText, (s) => decodeSlackEntities(escapeMrkdwn(s)) === s));
  });

  it("never leaves < or > in its output", () => {
    fc.assert(
      fc.property(anyText, (s) => {
        const out = escapeMrkdwn(s);
        return !out.includes("<") && !out.includes(">");
      }),
    );
  });
});

describe("normalizeClientName", () => {
  it.each([
    ["  Acme  Corp  ", "Acme Corp"],
    ["Acme\t\nCorp", "Acme Corp"],
    ["华能国际\u3000电力", "华能国际 电力"], // ideographic space
    ["\u3000华能国际\u3000", "华能国际"],
    ["ＡＣＭＥ　Ｃｏｒｐ", "ACME Corp"], // fullwidth letters and space (NFKC)
    ["ﬁnance", "finance"], // ligature
    ["Cafe\u0301", "Café"], // composed
    ["Acme\u0000Corp", "AcmeCorp"],
    ["Acme\u202EproC\u202C", "AcmeproC"], // bidi override
    ["\u2066Acme\u2069", "Acme"], // isolates
    ["Ac\u200Bme", "Acme"], // zero-width space
    ["\uFEFFAcme", "Acme"],
    ["Acme \u0000 Corp", "Acme Corp"],
    ["🚀 Rocket Co", "🚀 Rocket Co"],
    ["👨\u200D👩\u200D👧 Family", "👨\u200D👩\u200D👧 Family"], // ZWJ kept
    ["Acme\uD800", "Acme"], // lone surrogate
    ["", ""],
  ])("%j → %j", (input, expected) => {
    expect(normalizeClientName(input)).toBe(expected);
  });

  it("is idempotent", () => {
    fc.assert(fc.property(anyText, (s) => normalizeClientName(normalizeClientName(s)) === normalizeClientName(s)));
  });
});

describe("clientNameKey", () => {
  it.each([
    ["Acme Corp", "ACME  corp "],
    ["ＡＣＭＥ", "acme"],
    ["Café", "Cafe\u0301"],
    ["华能国际", " 华能国际\u3000"],
    ["Ærø", "æRØ"],
    ["ΟΔΟΣ", "οδος"], // final sigma
  ])("%j and %j share a key", (a, b) => {
    expect(clientNameKey(a)).toBe(clientNameKey(b));
  });

  it.each([
    ["Acme", "Acme Corp"],
    ["华能国际", "华能国记"],
  ])("%j and %j differ", (a, b) => {
    expect(clientNameKey(a)).not.toBe(clientNameKey(b));
  });

  it("is idempotent", () => {
    fc.assert(fc.property(anyText, (s) => clientNameKey(clientNameKey(s)) === clientNameKey(s)));
  });

  it("ignores case", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" })), (s) => {
        // Upper-casing is lossy for a few letters (ß → SS); such pairs are not mere case variants.
        fc.pre(s.toUpperCase().toLowerCase() === s.toLowerCase());
        const key = clientNameKey(s);
        return clientNameKey(s.toUpperCase()) === key && clientNameKey(s.toLowerCase()) === key;
      }),
      { examples: [["Acme Corp"], ["Ærø"], ["ΑΒΓ"]] },
    );
  });
});

describe("codePointLength", () => {
  it.each([
    ["", 0],
    ["abc", 3],
    ["华能国际", 4],
    ["🚀🚀", 2],
    ["\uD800", 1],
    ["a\uDC00b", 3],
  ])("%j has %i code points", (input, expected) => {
    expect(codePointLength(input)).toBe(expected);
  });

  it("agrees with the string iterator", () => {
    fc.assert(fc.property(anyText, (s) => codePointLength(s) === [...s].length));
  });
});

describe("truncateText", () => {
  it.each([
    ["short", 10, undefined, "short"],
    ["exactly10!", 10, undefined, "exactly10!"],
    ["hello world", 8, undefined, "hello w…"],
    ["hello world", 8, "...", "hello..."],
    ["🚀🚀🚀🚀", 3, undefined, "🚀🚀…"], // never half a surrogate pair
    ["华能国际电力股份", 5, undefined, "华能国际…"],
    ["👨\u200D👩\u200D👧👨\u200D👩\u200D👧", 6, undefined, "👨\u200D👩\u200D👧…"], // whole ZWJ sequences
    ["abc", 0, undefined, ""],
    ["abc", 1, "...", "a"], // no room for the ellipsis
    ["abc", -5, undefined, ""],
  ])("%j to %i (%j) → %j", (input, max, ellipsis, expected) => {
    expect(truncateText(input, max, ellipsis)).toBe(expected);
  });

  it("stays within the limit and produces well-formed text from well-formed input", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.integer({ min: 0, max: 50 }), (s, max) => {
        const out = truncateText(s, max);
        return codePointLength(out) <= max && !/\p{Cs}/u.test(out) && (out === s || out.endsWith("…") || max === 0);
      }),
    );
  });
});

describe("parseUserMention", () => {
  it.each([
    ["<@U123>", "U123"],
    ["<@U123|bob>", "U123"],
    ["<@W0ABC|Jane Doe>", "W0ABC"],
    [" <@U9ZZ> ", "U9ZZ"],
    ["@bob", undefined],
    ["<#C123|general>", undefined],
    ["<!channel>", undefined],
    ["<@U123> extra", undefined],
    ["<@u123>", undefined],
    ["", undefined],
  ])("%j → %j", (input, expected) => {
    expect(parseUserMention(input)).toBe(expected);
  });
});

describe("isBlank", () => {
  it.each(["", "   ", "\n\t", "\u200b", " \u200b\u200e\u200f ", "\u202e\u202c", "\ufeff", "\u0000\u0007"])("%j shows nothing", (s) => {
    expect(isBlank(s)).toBe(true);
  });
  it.each(["a", " 华 ", "🚀", "\u202eabc\u202c", "0"])("%j shows something", (s) => {
    expect(isBlank(s)).toBe(false);
  });
});

describe("storableText", () => {
  it("drops NUL and lone surrogates, which PostgreSQL cannot store, and keeps everything else", () => {
    expect(storableText("a\u0000b\ud800c 🚀 \u202eRTL\u202c\t\n")).toBe("abc 🚀 \u202eRTL\u202c\t\n");
  });
  it("never leaves a NUL or a lone surrogate (property)", () => {
    fc.assert(fc.property(anyText, (s) => !storableText(s).includes("\u0000") && !/\p{Cs}/u.test(storableText(s))));
  });
});

describe("isRecordId", () => {
  it.each(["cmwtdxefw0054so7d8gcmoorl", "abc_DEF-123"])("accepts %s", (s) => expect(isRecordId(s)).toBe(true));
  it.each(["", "'; DROP TABLE x; --", "a\u0000b", "🚀", "c".repeat(65), null, 42])("refuses %j", (s) => expect(isRecordId(s)).toBe(false));
});

describe("nameKeyTails", () => {
  it.each([
    ["acme trading co", ["acme trading co", "trading co", "co"]],
    ["acme", ["acme"]],
    ["华能国际电力", ["华能国际电力", "能国际电力", "国际电力", "际电力", "电力", "力"]],
    ["acme 华能 co", ["acme 华能 co", "华能 co", "能 co", "co"]],
    ["", []],
  ])("%j gives the key from each word's start", (key, tails) => {
    expect(nameKeyTails(key)).toEqual(tails);
  });
});
