import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ImportFileError,
  cellsOf,
  clientRowChecker,
  guardFormula,
  interactionRowChecker,
  mergeClient,
  parseCalendarDate,
  parseTimestamp,
  quoteCell,
  readCell,
  readCsvRecords,
  readHeader,
  unguardFormula,
  userRowChecker,
  type Cells,
  type ClientImport,
} from "../../src/services/imports.ts";
import type { ClientFields } from "../../src/store/clients.ts";

const NOW = new Date("2026-11-23T12:00:00Z");
const checkClient = clientRowChecker(NOW);
const checkInteraction = interactionRowChecker(NOW);
const checkUser = userRowChecker();

const problem = <T>(r: { ok: true; value: T } | { ok: false; message: string }) => (r.ok ? null : r.message);

describe("client rows", () => {
  it.each<[string, Cells, string]>([
    ["missing name", {}, "name is required"],
    ["blank name (invisible characters only)", { name: "\u200B\u202E" }, "name is blank once spaces and invisible characters are removed"],
    ["over-long name", { name: "x".repeat(201) }, "name is 201 characters; the limit is 200"],
    ["over-long CJK name counts code points", { name: "华".repeat(201) }, "name is 201 characters; the limit is 200"],
    ["bad risk", { name: "A", risk_level: "severe" }, "risk_level must be one of low, medium, high"],
    ["bad lifecycle", { name: "A", lifecycle_stage: "growing" }, "lifecycle_stage must be one of prospect, onboarding, active, mature, at-risk, dormant"],
    [
      "bad relationship type",
      { name: "A", relationship_type: "friendly" },
      "relationship_type must be one of strategic-cooperative, transactional-standard, partnership-trust, problem-solving-service",
    ],
    ["bad owner", { name: "A", owner: "alice" }, "owner must be a Slack user id such as U0123ABCD"],
    ["lower-case owner id", { name: "A", owner: "u0123abc" }, "owner must be a Slack user id such as U0123ABCD"],
    ["impossible date", { name: "A", relationship_since: "2020-02-30" }, "relationship_since must be a date as YYYY-MM-DD"],
    ["day-first date", { name: "A", relationship_since: "01/02/2020" }, "relationship_since must be a date as YYYY-MM-DD"],
    ["future date", { name: "A", relationship_since: "2030-01-01" }, "relationship_since is in the future"],
    ["negative revenue", { name: "A", annual_revenue: "-5" }, "annual_revenue must be an amount of 0 or more, such as 1250000"],
    ["revenue with words", { name: "A", annual_revenue: "1.2M" }, "annual_revenue must be an amount of 0 or more, such as 1250000"],
    ["misplaced thousands commas", { name: "A", annual_revenue: "12,00,000" }, "annual_revenue must be an amount of 0 or more, such as 1250000"],
    ["satisfaction over 100", { name: "A", satisfaction: "101" }, "satisfaction must be a whole number from 0 to 100"],
    ["fractional satisfaction", { name: "A", satisfaction: "85.5" }, "satisfaction must be a whole number from 0 to 100"],
    ["zero cadence", { name: "A", cadence_days: "0" }, "cadence_days must be a whole number of days from 1 to 3650"],
    ["over-long industry", { name: "A", industry: "e".repeat(101) }, "industry is longer than 100 characters"],
    [
      "several problems in one line",
      { name: "A", risk_level: "x", satisfaction: "y" },
      "risk_level must be one of low, medium, high; satisfaction must be a whole number from 0 to 100",
    ],
  ])("%s", (_label, cells, message) => {
    expect(problem(checkClient(cells))).toBe(message);
  });

  it("reads a full row: enums case-insensitively, amounts with thousands commas, dates as UTC midnight", () => {
    const result = checkClient({
      name: "  Acme   Energy ",
      owner: "U0AAA",
      annual_revenue: "12,000,000.50",
      relationship_since: "2010-03-01",
      relationship_type: "Strategic-Cooperative",
      lifecycle_stage: "MATURE",
      risk_level: "Low",
      industry: "energy",
      region: " East  China ",
      satisfaction: "95",
      cadence_days: "21",
    });
    expect(result).toEqual({
      ok: true,
      value: {
        name: "Acme Energy",
        nameKey: "acme energy",
        ownerSlackId: "U0AAA",
        annualRevenue: 12_000_000.5,
        relationshipSince: new Date("2010-03-01T00:00:00.000Z"),
        relationshipType: "strategic-cooperative",
        lifecycleStage: "mature",
        riskLevel: "low",
        industry: "energy",
        region: "East China",
        satisfaction: 95,
        cadenceDays: 21,
      },
      notes: ['name "Acme   Energy" read as "Acme Energy" (runs of spaces made one)', 'region "East  China" read as "East China" (runs of spaces made one)'],
    });
  });

  it.each([
    ["AT&T", "AT&T", "at&t", 0],
    ["AT&amp;T", "AT&amp;T", "at&amp;t", 0], // a file is not Slack-escaped: nothing is decoded
    ["华为技术", "华为技术", "华为技术", 0],
    ["ＡＣＭＥ　Ｅｎｅｒｇｙ", "ACME Energy", "acme energy", 1], // fullwidth and ideographic space fold (NFKC), said
    ["'=HYPERLINK(x)", "=HYPERLINK(x)", "=hyperlink(x)", 0], // an exported formula guard comes off
    ["x".repeat(200), "x".repeat(200), "x".repeat(200), 0],
  ])("name %j is stored as %j (key %j) with %d notes", (raw, name, key, notes) => {
    const result = checkClient({ name: raw });
    expect(result.ok && [result.value.name, result.value.nameKey, result.notes.length]).toEqual([name, key, notes]);
  });

  it("keeps nothing but the name when only the name is given (blank cells are undefined)", () => {
    const result = checkClient(cellsOf(readHeader("clients", ["name", "risk_level", "owner"]), ["Acme", "  ", ""]));
    expect(result).toEqual({ ok: true, value: expect.objectContaining({ name: "Acme", riskLevel: undefined, ownerSlackId: undefined }), notes: [] });
  });
});

describe("mergeClient (a re-import updates by name; a blank cell keeps the stored value)", () => {
  const stored: ClientFields = {
    name: "Acme Energy",
    nameKey: "acme energy",
    ownerSlackId: "U0AAA",
    annualRevenue: 1000,
    relationshipSince: new Date("2015-01-01T00:00:00Z"),
    relationshipType: "partnership-trust",
    lifecycleStage: "active",
    riskLevel: "low",
    industry: "energy",
    region: "East",
    satisfaction: 90,
    cadenceDays: 20,
    score: 60,
    tier: "B",
    tierOverride: "A",
    tierOverrideReason: "board decision",
  };
  const row: ClientImport = { name: "ACME ENERGY", nameKey: "acme energy", riskLevel: "high", satisfaction: 40 };

  it("overwrites given cells, keeps blank ones, the stored spelling and the override", () => {
    const { score: _s, tier: _t, ...rest } = stored;
    expect(mergeClient(stored, row)).toEqual({ ...rest, riskLevel: "high", satisfaction: 40 });
  });

  it("gives a new client nulls for blank cells", () => {
    expect(mergeClient(null, row)).toMatchObject({ name: "ACME ENERGY", ownerSlackId: null, annualRevenue: null, riskLevel: "high", tierOverride: null });
  });
});

describe("interaction rows", () => {
  const good = { client: "Acme", rep: "U0AAA", type: "call", occurred_at: "2026-01-05T10:00:00Z" };

  it.each<[string, Cells, string]>([
    ["missing client, rep, type, time", {}, "client is required; rep is required; type is required; occurred_at is required"],
    ["bad type", { ...good, type: "chat" }, "type must be one of call, meeting, email, visit, message, note"],
    ["bad sentiment", { ...good, sentiment: "meh" }, "sentiment must be one of positive, neutral, negative"],
    ["bad rep", { ...good, rep: "@alice" }, "rep must be a Slack user id such as U0123ABCD"],
    ["month 13", { ...good, occurred_at: "2026-13-01T10:00:00Z" }, "occurred_at must be an ISO 8601 date and time, such as 2026-11-20T14:30:00Z"],
    ["hour 24", { ...good, occurred_at: "2026-01-01T24:00:00Z" }, "occurred_at must be an ISO 8601 date and time, such as 2026-11-20T14:30:00Z"],
    ["free text time", { ...good, occurred_at: "yesterday" }, "occurred_at must be an ISO 8601 date and time, such as 2026-11-20T14:30:00Z"],
    ["future touch", { ...good, occurred_at: "2026-12-01T00:00:00Z" }, "occurred_at is in the future"],
    ["bad next date", { ...good, next_follow_up: "2026-02-30" }, "next_follow_up must be a date as YYYY-MM-DD"],
    ["over-long summary", { ...good, summary: "s".repeat(3001) }, "summary is 3001 characters; the limit is 3000"],
  ])("%s", (_label, cells, message) => {
    expect(problem(checkInteraction(cells))).toBe(message);
  });

  it("defaults sentiment to neutral and the summary to empty, and keeps a 3000-character summary", () => {
    expect(checkInteraction(good)).toEqual({
      ok: true,
      value: {
        clientName: "Acme",
        clientKey: "acme",
        repSlackId: "U0AAA",
        type: "call",
        occurredAt: new Date("2026-01-05T10:00:00Z"),
        summary: "",
        sentiment: "neutral",
        nextFollowUp: null,
      },
      notes: [],
    });
    const long = checkInteraction({ ...good, summary: "é".repeat(3000), next_follow_up: "2026-01-20", type: "Meeting" });
    expect(long.ok && [long.value.summary.length, long.value.nextFollowUp, long.value.type]).toEqual([3000, "2026-01-20", "meeting"]);
  });
});

describe("reading cells: nothing changes quietly", () => {
  const good = { client: "Acme", rep: "U0AAA", type: "call", occurred_at: "2026-01-05T10:00:00Z" };
  const breakMessage = (column: string) => `${column} has a line break inside the cell; put it on one line`;
  const notesOf = <T>(r: { ok: true; value: T; notes: readonly string[] } | { ok: false; message: string }) => (r.ok ? r.notes : r.message);

  describe("client names (clients' name, interactions' client): one line, in the display form, every change said", () => {
    it.each(["Acme\nEnergy", "Acme\r\nEnergy", "Acme\rEnergy", "Acme\u2028Energy", "Acme\u0085Energy", "Acme\fEnergy"])("refuses %j", (name) => {
      expect(problem(checkClient({ name }))).toBe(breakMessage("name"));
      expect(problem(checkInteraction({ ...good, client: name }))).toBe(breakMessage("client"));
    });

    it.each<[string, string, string]>([
      ["Acme   Energy", "Acme Energy", 'name "Acme   Energy" read as "Acme Energy" (runs of spaces made one)'],
      ["Acme\tEnergy", "Acme Energy", 'name "Acme\\tEnergy" read as "Acme Energy" (tabs and other spaces made plain spaces)'],
      ["Acme\u00A0Energy", "Acme Energy", 'name "Acme\\u{A0}Energy" read as "Acme Energy" (tabs and other spaces made plain spaces)'],
      ["Ａｃｍｅ", "Acme", 'name "Ａｃｍｅ" read as "Acme" (Unicode NFKC applied: fullwidth letters and other compatibility characters made plain)'],
      [
        "ＡＣＭＥ　 Ｅｎｅｒｇｙ",
        "ACME Energy",
        'name "ＡＣＭＥ\\u{3000} Ｅｎｅｒｇｙ" read as "ACME Energy" (Unicode NFKC applied: fullwidth letters and other compatibility characters made plain; tabs and other spaces made plain spaces; runs of spaces made one)',
      ],
      ["Acme\u200B Energy\u202E", "Acme Energy", 'name "Acme\\u{200B} Energy\\u{202E}" read as "Acme Energy" (invisible and control characters removed: U+200B, U+202E)'],
      ["Ac\u0000me", "Acme", 'name "Ac\\u{0}me" read as "Acme" (invisible and control characters removed: U+0000)'],
    ])("reads %j as %j and says so", (raw, name, note) => {
      const result = checkClient({ name: raw });
      expect(result).toEqual({ ok: true, value: expect.objectContaining({ name }), notes: [note] });
      expect(notesOf(checkInteraction({ ...good, client: raw }))).toEqual([note.replace(/^name/, "client")]);
    });

    it("says nothing of a name that is read as written, nor of the export's formula guard", () => {
      expect(notesOf(checkClient({ name: "Acme Energy (华东) 👨‍👩‍👧" }))).toEqual([]);
      expect(notesOf(checkClient({ name: "'=HYPERLINK(x)" }))).toEqual([]);
    });
  });

  describe("industry and region: one line, one space between words, every change said", () => {
    it.each(["industry", "region"])("refuses a line break in %s (the scoring list would no longer match it)", (column) => {
      expect(problem(checkClient({ name: "Acme", [column]: "energy\r\nwater" }))).toBe(breakMessage(column));
      expect(problem(checkClient({ name: "Acme", [column]: "energy\nwater" }))).toBe(breakMessage(column));
    });

    it.each<[string, string, string]>([
      ["East  China", "East China", 'region "East  China" read as "East China" (runs of spaces made one)'],
      ["East\tChina", "East China", 'region "East\\tChina" read as "East China" (tabs and other spaces made plain spaces)'],
      ["East\u0000China", "EastChina", 'region "East\\u{0}China" read as "EastChina" (control characters removed: U+0000)'],
    ])("reads %j as %j and says so", (raw, region, note) => {
      expect(checkClient({ name: "Acme", region: raw })).toEqual({ ok: true, value: expect.objectContaining({ region }), notes: [note] });
    });

    it("keeps what it does not fold as written: case, fullwidth letters, the formula guard taken off", () => {
      expect(checkClient({ name: "Acme", industry: "Ｅnergy", region: "'@East" })).toEqual({
        ok: true,
        value: expect.objectContaining({ industry: "Ｅnergy", region: "@East" }),
        notes: [],
      });
    });
  });

  describe("ids, dates, numbers and choices: one line, or the row is refused by that reason alone", () => {
    it.each<[string, Cells, string]>([
      ["owner", { name: "A", owner: "U0AAA\n" + "U0BBB" }, breakMessage("owner")],
      ["risk_level", { name: "A", risk_level: "lo\r\nw" }, breakMessage("risk_level")],
      ["annual_revenue", { name: "A", annual_revenue: "1\n000" }, breakMessage("annual_revenue")],
      ["relationship_since", { name: "A", relationship_since: "2020-01-01\n2021-01-01" }, breakMessage("relationship_since")],
      ["in column order with the row's other problems", { name: "A", industry: "a\nb", risk_level: "severe" }, `risk_level must be one of low, medium, high; ${breakMessage("industry")}`],
    ])("%s", (_label, cells, message) => {
      expect(problem(checkClient(cells))).toBe(message);
    });

    it("refuses a line break in a required interaction column or a user's cells", () => {
      expect(problem(checkInteraction({ ...good, type: "call\nmeeting" }))).toBe(breakMessage("type"));
      expect(problem(checkInteraction({ ...good, occurred_at: "2026-01-05\n10:00" }))).toBe(breakMessage("occurred_at"));
      expect(problem(checkUser({ slack_id: "U0AAA", manager: "U0BBB\nU0CCC" }))).toBe(breakMessage("manager"));
    });
  });

  describe("a touch's summary: free text, its line breaks and spacing kept", () => {
    it.each<[string, string]>([
      ["Talked about\nthe loan", "Talked about\nthe loan"],
      ["Windows\r\nline\r\nbreaks", "Windows\nline\nbreaks"], // one line break each, as Slack stores them
      ["old Mac\rbreak", "old Mac\nbreak"],
      ["indented:\n\t- rates  and\u00A0fees\n\n  - terms", "indented:\n\t- rates  and\u00A0fees\n\n  - terms"],
      ["'=not a formula", "=not a formula"],
    ])("keeps %j as %j, with no note", (summary, stored) => {
      expect(checkInteraction({ ...good, summary })).toEqual({ ok: true, value: expect.objectContaining({ summary: stored }), notes: [] });
    });

    it("removes NUL, which no store can keep, and says so", () => {
      expect(checkInteraction({ ...good, summary: "a\u0000b\u0000" + "c" })).toEqual({
        ok: true,
        value: expect.objectContaining({ summary: "abc" }),
        notes: ["summary: 2 NUL characters removed (no store can keep them)"],
      });
    });
  });

  it("readCell leaves a value column as written and quoteCell spells out what cannot be seen", () => {
    expect(readCell("owner", "value", "U0AAA")).toEqual({ ok: true, text: "U0AAA" });
    expect(quoteCell('say "hi"\\\t\u202E👨‍👩‍👧')).toBe('"say \\"hi\\"\\\\\\t\\u{202E}👨‍👩‍👧"');
  });
});

describe("parseTimestamp (ISO 8601; no offset is UTC)", () => {
  it.each([
    ["2026-01-05T10:00:00Z", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05T10:00:00", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05 10:00", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05", "2026-01-05T00:00:00.000Z"],
    ["2026-01-05T18:00:00+08:00", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05T05:30:00-0430", "2026-01-05T10:00:00.000Z"],
    ["2026-01-05T10:00:00.123456Z", "2026-01-05T10:00:00.123Z"],
    ["2026-01-05t10:00:00z", "2026-01-05T10:00:00.000Z"],
  ])("%s → %s", (text, iso) => {
    expect(parseTimestamp(text)?.toISOString()).toBe(iso);
  });

  it.each(["2026-02-29T00:00:00Z", "2026-01-05T10:60:00Z", "2026-01-05T10:00:00+25:00", "2026-1-5", "1 Jan 2026", "2026-01-05T10"])(
    "refuses %s",
    (text) => {
      expect(parseTimestamp(text)).toBeNull();
    },
  );

  it("agrees with Date for every instant it writes (round trip of toISOString)", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: true }), (d) => {
        expect(parseTimestamp(d.toISOString())?.getTime()).toBe(d.getTime());
      }),
    );
  });
});

describe("parseCalendarDate", () => {
  it.each([
    ["2024-02-29", "2024-02-29"],
    ["2023-02-29", null],
    ["1899-12-31", null],
    ["2024-2-9", null],
    [" 2024-02-09", null],
  ])("%j → %j", (text, expected) => {
    expect(parseCalendarDate(text)).toBe(expected);
  });
});

describe("user rows", () => {
  it.each<[string, Cells, string | null]>([
    ["a manager", { slack_id: "U0AAA", role: "Manager" }, null],
    ["a rep with a manager", { slack_id: "W0BBB", role: "rep", manager: "U0AAA" }, null],
    ["only an id", { slack_id: "U0CCC" }, null],
    ["missing id", { role: "rep" }, "slack_id is required"],
    ["bad role", { slack_id: "U0AAA", role: "boss" }, "role must be one of rep, manager, admin"],
    ["bad manager", { slack_id: "U0AAA", manager: "bob" }, "manager must be a Slack user id such as U0123ABCD"],
    ["own manager", { slack_id: "U0AAA", manager: "U0AAA" }, "manager must be someone other than the person"],
  ])("%s", (_label, cells, message) => {
    expect(problem(checkUser(cells))).toBe(message);
  });

  it("lower-cases the role and leaves a blank manager undefined (kept on re-import)", () => {
    expect(checkUser({ slack_id: "U0AAA", role: "ADMIN" })).toEqual({ ok: true, value: { slackId: "U0AAA", role: "admin", managerSlackId: undefined }, notes: [] });
  });
});

describe("readHeader", () => {
  it("matches names ignoring case, spaces and hyphens, and lists unknown columns (export-only ones quietly)", () => {
    const header = readHeader("clients", ["Name", " Annual Revenue ", "risk-level", "notes", "", "tier", "score"]);
    expect(header.columns).toEqual(["name", "annual_revenue", "risk_level", null, null, null, null]);
    expect(header.unknown).toEqual(["notes", "(blank)"]);
  });

  it.each<[string, "clients" | "interactions" | "users", string[], string]>([
    ["no name", "clients", ["owner", "industry"], 'the header has no "name" column (clients need name)'],
    [
      "interactions missing two",
      "interactions",
      ["client", "rep", "summary"],
      'the header has no "type", "occurred_at" columns (interactions need client, rep, type, occurred_at)',
    ],
    [
      "semicolons",
      "clients",
      ["name;owner"],
      'the header has no "name" column (clients need name) (the header is one column, "name;owner": save the file with commas as separators)',
    ],
    ["a repeated column", "users", ["slack_id", "role", "Role"], 'the header names the column "role" twice'],
  ])("refuses %s", (_label, kind, header, message) => {
    expect(() => readHeader(kind, header)).toThrow(new ImportFileError(message));
  });
});

describe("formula guard", () => {
  it.each([
    ["=SUM(A1)", "'=SUM(A1)"],
    ["+86 10 1234", "'+86 10 1234"],
    ["-discussed pricing", "'-discussed pricing"],
    ["@home", "'@home"],
    ["Acme", "Acme"],
    ["'t Hooft", "'t Hooft"],
  ])("%j is exported as %j", (text, exported) => {
    expect(guardFormula(text)).toBe(exported);
  });

  it("is undone by the import for any text", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(unguardFormula(guardFormula(s))).toBe(s);
      }),
    );
  });
});

describe("readCsvRecords (line numbers count the header as line 1)", () => {
  const read = async (chunks: (string | Buffer)[]) => {
    const out: string[] = [];
    try {
      for await (const r of readCsvRecords(Readable.from(chunks))) out.push(`${r.line}:${r.fields.join("|")}`);
    } catch (error) {
      out.push(`error: ${(error as Error).message}`);
    }
    return out;
  };

  it.each<[string, string, string[]]>([
    ["plain rows", "name\nA\nB\n", ["1:name", "2:A", "3:B"]],
    ["CRLF, a BOM, no final newline", "\uFEFFname,x\r\nA,1\r\nB,2", ["1:name|x", "2:A|1", "3:B|2"]],
    ["blank lines and empty rows are skipped but counted", "name,x\n\nA,1\n,\n\nB,2\n", ["1:name|x", "3:A|1", "6:B|2"]],
    ["a quoted LF", 'name,x\n"A\nB",1\nC,2\n', ["1:name|x", "2:A\nB|1", "4:C|2"]],
    ["a quoted CRLF (csv-parse alone would count it twice)", 'name,x\r\n"A\r\nB\r\nC",1\r\nD,2\r\n', ["1:name|x", "2:A\r\nB\r\nC|1", "5:D|2"]],
    ["short and long rows are passed on for the caller to judge", "a,b\n1\n1,2,3\n", ["1:a|b", "2:1", "3:1|2|3"]],
    ["a broken quote stops after the rows before it", 'name\nA\n"B"x\nC\n', ["1:name", "2:A", "error: line 3: not readable as CSV (Invalid Closing Quote)"]],
    ["an unclosed quote", 'name\nA\n"B\nC\n', ["1:name", "2:A", "error: line 3: not readable as CSV (a quote opened in this row is never closed)"]],
    ["an empty file", "", []],
  ])("%s", async (_label, text, expected) => {
    expect(await read([text])).toEqual(expected);
  });

  it("is not confused by chunks that split a character (or the BOM) in the middle", async () => {
    const bytes = Buffer.from("\uFEFFname\n华为技术\nAT&T\n", "utf8");
    expect(await read([...bytes].map((b) => Buffer.from([b])))).toEqual(["1:name", "2:华为技术", "3:AT&T"]);
  });
});

describe("guardFormula round trip, found by the property above", () => {
  it.each(["'=SUM(A1)", "''+1", "'@here", "'plain", "=x", "'"])("keeps %j through export and import", (text) => {
    expect(unguardFormula(guardFormula(text))).toBe(text);
  });
});
