/**
 * CSV import and export on a real store (SQLite or PostgreSQL per TEST_STORE): the services directly, then the real
 * command lines as an operator runs them (exit codes, standard output and standard error).
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Readable, Writable } from "node:stream";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError, resolveTeam, slackTeamAsker } from "../../src/cli/args.ts";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { createLogger } from "../../src/logger.ts";
import type { Clock } from "../../src/services/context.ts";
import { EXPORT_COLUMNS, exportService, type ExportKind } from "../../src/services/exports.ts";
import { importService, type ImportKind, type ImportOptions, type ImportReport } from "../../src/services/imports.ts";
import { dateFromDb } from "../../src/store/dates.ts";
import type { Store } from "../../src/store/index.ts";
import { openStore } from "../../src/store/open.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import { SlackEmulator } from "../support/slack-emulator.ts";
import { createTestDatabase, type TestDatabase } from "../support/test-database.ts";

const NOW = new Date("2026-11-23T09:00:00Z");
const clock: Clock = { now: () => NOW };
const logger = createLogger("silent");

let database: TestDatabase;
let store: Store;
let db: Db; // for assertions on rows no repository reads yet (tier moves)
let teams = 0;
const newTeam = () => `T0IMP${++teams}`;

beforeAll(async () => {
  database = await createTestDatabase();
  store = await openStore(database.target, logger);
  db = createPrismaClient(database.target);
});

afterAll(async () => {
  await db?.$disconnect();
  await store?.close();
  await database?.drop();
});

interface ImportRun {
  report: ImportReport;
  problems: string[];
  /** Notes on cells read otherwise than written, as the command line prints them. */
  changes: string[];
  warnings: string[];
}

async function importCsv(kind: ImportKind, team: string, csv: string, options: Partial<ImportOptions> = {}, target = store): Promise<ImportRun> {
  const problems: string[] = [];
  const changes: string[] = [];
  const warnings: string[] = [];
  const report = await importService({ store: target, rules: DEFAULT_RULES, clock }).importCsv(kind, team, Readable.from([csv]), {
    fileName: `${kind}.csv`,
    ...options,
    events: {
      problem: (p) => problems.push(`line ${p.line}: ${p.message}`),
      changed: (c) => changes.push(`line ${c.line}: ${c.message}`),
      warning: (w) => warnings.push(w),
      ...options.events,
    },
  });
  return { report, problems, changes, warnings };
}

async function exportCsv(kind: ExportKind, team: string, target = store): Promise<string> {
  let text = "";
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      text += chunk.toString("utf8");
      done();
    },
  });
  await exportService({ store: target }).writeCsv(kind, team, sink);
  return text;
}

const records = (csv: string): Record<string, string>[] => parseCsv(csv, { columns: true });

const CLIENTS_HEADER = "name,owner,annual_revenue,relationship_since,relationship_type,lifecycle_stage,risk_level,industry,region,satisfaction,cadence_days";

const clientsCsv = [
  `${CLIENTS_HEADER},notes`,
  "Acme Energy,U0AAA,12000000,2010-03-01,strategic-cooperative,mature,low,energy,East,95,,key account", // 2
  'AT&T,U0BBB,"500,000",2020-01-01,,active,medium,telecom,,80,30,', // 3
  "华为技术,U0CCC,2000000,2015-06-30,partnership-trust,Active,low,,South,,,", // 4
  "Bad Risk,U0DDD,,,,,severe,,,,,", // 5
  "Bad Date,,,2020-02-30,,,,,,,,", // 6
  ",U0EEE,,,,,,,,,,", // 7: no name
  `${"x".repeat(201)},,,,,,,,,,,`, // 8
  "", // 9: an empty line is not a row
  "ACME ENERGY,,,,,,high,,,,,", // 10: the same client as line 2
  "Short,row", // 11
].join("\n");

describe("importing clients", () => {
  it("imports the good rows, reports each bad one by line, and updates a name repeated in another case", async () => {
    const team = newTeam();
    const { report, problems, warnings } = await importCsv("clients", team, clientsCsv);

    expect(problems).toEqual([
      "line 5: risk_level must be one of low, medium, high",
      "line 6: relationship_since must be a date as YYYY-MM-DD",
      "line 7: name is required",
      "line 8: name is 201 characters; the limit is 200",
      "line 11: 2 fields, but the header has 12",
    ]);
    expect(warnings).toEqual(["ignoring unknown column: notes"]);
    expect(report).toMatchObject({ rows: 9, imported: 4, skipped: 5, created: 3, updated: 0 });

    const acme = await store.clients.findByKey(team, "acme energy");
    // Line 10 updated line 2's client: its risk changed; its spelling and the cells line 10 left blank stayed.
    expect(acme).toMatchObject({
      name: "Acme Energy",
      ownerSlackId: "U0AAA",
      annualRevenue: 12_000_000,
      relationshipType: "strategic-cooperative",
      lifecycleStage: "mature",
      riskLevel: "high",
      industry: "energy",
      satisfaction: 95,
      cadenceDays: null,
      // 40 revenue + 15 years + 15 mature + 0 high risk + 9.5 satisfaction + 5 energy = 84.5
      score: 85,
      tier: "A",
    });
    expect(dateFromDb(acme!.relationshipSince!)).toBe("2010-03-01");
    expect(await store.clients.findByKey(team, "at&t")).toMatchObject({ name: "AT&T", annualRevenue: 500_000, cadenceDays: 30 });
    expect(await store.clients.findByKey(team, "华为技术")).toMatchObject({ name: "华为技术", lifecycleStage: "active", riskLevel: "low" });
    expect(await store.clients.findByKey(team, "bad risk")).toBeNull();

    const moves = await db.tierChange.findMany({ where: { workspaceId: team }, select: { fromTier: true, toTier: true, reason: true, actorSlackId: true } });
    expect(moves).toHaveLength(3);
    expect(moves.every((m) => m.fromTier === null && m.reason === "import" && m.actorSlackId === "cli")).toBe(true);

    const audit = records(await exportCsv("audit", team));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor: "cli", action: "import.clients", entity: "clients" });
    expect(JSON.parse(audit[0]!.details!)).toEqual({ file: "clients.csv", imported: 4, skipped: 5, created: 3, updated: 0 });
  });

  it("re-import updates by name: given cells overwrite, blank cells keep, and a tier move is recorded as an import", async () => {
    const team = newTeam();
    await importCsv("clients", team, clientsCsv);
    const { report, problems } = await importCsv(
      "clients",
      team,
      ["name,lifecycle_stage,satisfaction,region", "  acme   energy ,dormant,10,", "New Client,,,North"].join("\n"),
    );
    expect(problems).toEqual([]);
    expect(report).toMatchObject({ imported: 2, skipped: 0, created: 1, updated: 1 });
    // 40 + 15 + 0 dormant + 0 high risk + 1 satisfaction + 5 energy = 61: tier B
    expect(await store.clients.findByKey(team, "acme energy")).toMatchObject({
      name: "Acme Energy",
      lifecycleStage: "dormant",
      satisfaction: 10,
      region: "East",
      ownerSlackId: "U0AAA",
      score: 61,
      tier: "B",
    });
    const acme = await store.clients.findByKey(team, "acme energy");
    const moves = await db.tierChange.findMany({ where: { clientId: acme!.id }, orderBy: { createdAt: "asc" }, select: { fromTier: true, toTier: true, reason: true } });
    expect(moves).toEqual([
      { fromTier: null, toTier: "A", reason: "import" },
      { fromTier: "A", toTier: "B", reason: "import" },
    ]);
  });

  it("gives the same result in batches of two, with progress along the way", async () => {
    const team = newTeam();
    const progress: number[] = [];
    const { report, problems } = await importCsv("clients", team, clientsCsv, {
      batchSize: 2,
      progressEvery: 3,
      events: { progress: (r) => progress.push(r.rows) },
    });
    expect(report).toMatchObject({ imported: 4, skipped: 5, created: 3, updated: 1 }); // line 10 is in a later batch
    expect(problems.map((p) => p.split(":")[0])).toEqual(["line 5", "line 6", "line 7", "line 8", "line 11"]);
    expect(progress).toEqual([3, 6, 9]);
    expect(await store.clients.findByKey(team, "acme energy")).toMatchObject({ name: "Acme Energy", riskLevel: "high", score: 85 });
  });

  it.each([
    ["no name column", "owner,industry\nU0AAA,energy\n", 'the header has no "name" column (clients need name)'],
    ["an empty file", "", "the file is empty (a header row is needed)"],
    ["a broken quote", 'name\nGood One\n"Bad"x\nNever Read\n', "line 3: not readable as CSV (Invalid Closing Quote); the 1 good row before it was imported"],
  ])("stops on %s, keeping the good rows before it", async (_label, csv, message) => {
    const team = newTeam();
    await expect(importCsv("clients", team, csv)).rejects.toThrow(message);
    const names = records(await exportCsv("clients", team)).map((r) => r.name);
    expect(names).toEqual(csv.includes("Good One") ? ["Good One"] : []);
  });

  it("counts lines from the header as line 1, through blank lines and quoted line breaks", async () => {
    const team = newTeam();
    const csv = '\uFEFFname,industry\r\n"Multi, Line\r\nCo",energy\r\n\r\n,\r\nBad,"a\nb\nc"\r\nLong,' + "x".repeat(101) + "\r\nNo Risk,\r\n";
    const { problems, report } = await importCsv("clients", team, csv);
    // The header is line 1, "Multi, Line" lines 2-3, a blank line 4, an empty row (skipped unseen) line 5, Bad 6-8.
    expect(problems).toEqual([
      "line 2: name has a line break inside the cell; put it on one line",
      "line 6: industry has a line break inside the cell; put it on one line",
      "line 9: industry is longer than 100 characters",
    ]);
    expect(report).toMatchObject({ imported: 1, skipped: 3 });
    expect(records(await exportCsv("clients", team)).map((r) => r.name)).toEqual(["No Risk"]);
  });

  it("refuses a line break in a name or industry, and imports a cell it reads otherwise with a note by line", async () => {
    const team = newTeam();
    const csv = [
      "name,industry,region",
      '"Acme\r\nEnergy",energy,East', // 2-3: would have been "Acme Energy"
      'Beta Water,"energy\r\nwater",', // 4-5: would have been "energy water", on no scoring list
      "Gamma  Transport,water,East\tChina", // 6
      "Delta,transport,North", // 7
    ].join("\n");
    const { problems, changes, report } = await importCsv("clients", team, csv);
    expect(problems).toEqual([
      "line 2: name has a line break inside the cell; put it on one line",
      "line 4: industry has a line break inside the cell; put it on one line",
    ]);
    expect(changes).toEqual([
      'line 6: name "Gamma  Transport" read as "Gamma Transport" (runs of spaces made one)',
      'line 6: region "East\\tChina" read as "East China" (tabs and other spaces made plain spaces)',
    ]);
    expect(report).toMatchObject({ imported: 2, skipped: 2, changed: 1 });
    expect(await store.clients.findByKey(team, "gamma transport")).toMatchObject({ name: "Gamma Transport", industry: "water", region: "East China" });
    expect(await store.clients.findByKey(team, "acme energy")).toBeNull();
    expect(await store.clients.findByKey(team, "beta water")).toBeNull();
  });
});

describe("importing interactions", () => {
  const interactionsCsv = [
    "client,rep,type,occurred_at,summary,sentiment,next_follow_up",
    'Acme Energy,U0AAA,call,2026-01-05T10:00:00Z,"Talked about\nthe loan",positive,', // 2-3
    "AT&T,U0BBB,meeting,2026-01-06 09:30,Quarterly review,,2026-02-01", // 4
    "Nobody Inc,U0BBB,call,2026-01-06,x,,", // 5
    "acme energy,U0AAA,visit,2026-01-10T08:00:00+08:00,Site visit,,", // 6: Acme's latest
    "Acme Energy,U0AAA,call,2026-01-05T10:00:00Z,the same touch again,,", // 7: duplicate of line 2
    "Acme Energy,U0AAA,email,2026-13-01,bad,,", // 8
  ].join("\n");

  it("stores touches once, moves last touch and follow-up to the latest, and skips duplicates on re-import", async () => {
    const team = newTeam();
    await importCsv("clients", team, clientsCsv);
    const first = await importCsv("interactions", team, interactionsCsv);
    expect(first.problems).toEqual([
      'line 5: client "Nobody Inc" is not in this workspace (import clients first)',
      "line 8: occurred_at must be an ISO 8601 date and time, such as 2026-11-20T14:30:00Z",
    ]);
    expect(first.report).toMatchObject({ imported: 3, skipped: 3, duplicates: 1, duplicateLines: [7] });

    const acme = await store.clients.findByKey(team, "acme energy");
    expect(acme!.lastTouchAt!.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    // Acme is tier A (cadence 14 days); the visit was on 2026-01-10 UTC.
    expect(await store.followUps.forClient(team, acme!.id)).toMatchObject({ dueOn: new Date("2026-01-24T00:00:00Z"), basis: "cadence" });
    const att = await store.clients.findByKey(team, "at&t");
    expect(await store.followUps.forClient(team, att!.id)).toMatchObject({ dueOn: new Date("2026-02-01T00:00:00Z"), basis: "logged" });

    const again = await importCsv("interactions", team, interactionsCsv);
    expect(again.report).toMatchObject({ imported: 0, skipped: 6, duplicates: 4, duplicateLines: [2, 4, 6, 7] });

    const exported = records(await exportCsv("interactions", team));
    expect(exported.map((r) => [r.client, r.type, r.occurred_at, r.summary, r.sentiment, r.next_follow_up, r.source])).toEqual([
      ["Acme Energy", "call", "2026-01-05T10:00:00.000Z", "Talked about\nthe loan", "positive", "", "import"],
      ["AT&T", "meeting", "2026-01-06T09:30:00.000Z", "Quarterly review", "neutral", "2026-02-01", "import"],
      ["Acme Energy", "visit", "2026-01-10T00:00:00.000Z", "Site visit", "neutral", "", "import"],
    ]);
  });

  it("keeps a summary's line breaks (CRLF as LF) and spacing, removes NUL with a note, and exports them back", async () => {
    const team = newTeam();
    await importCsv("clients", team, clientsCsv);
    const csv = [
      "client,rep,type,occurred_at,summary",
      'Acme Energy,U0AAA,call,2026-01-05T10:00:00Z,"Agenda:\r\n\t- rates  and fees\r\n\r\n- terms"', // 2-5
      'AT&T,U0BBB,email,2026-01-06T10:00:00Z,"sent the\u0000 term sheet"', // 6
    ].join("\r\n");
    const { problems, changes, report } = await importCsv("interactions", team, csv);
    expect(problems).toEqual([]);
    expect(changes).toEqual(["line 6: summary: a NUL character removed (no store can keep them)"]);
    expect(report).toMatchObject({ imported: 2, skipped: 0, changed: 1 });
    expect(records(await exportCsv("interactions", team)).map((r) => r.summary)).toEqual(["Agenda:\n\t- rates  and fees\n\n- terms", "sent the term sheet"]);
  });

  it("does not let an older touch imported later move the last touch or the follow-up", async () => {
    const team = newTeam();
    await importCsv("clients", team, clientsCsv);
    await importCsv("interactions", team, interactionsCsv);
    const { report } = await importCsv("interactions", team, "client,rep,type,occurred_at\nAcme Energy,U0ZZZ,note,2025-06-01\n");
    expect(report.imported).toBe(1);
    const acme = await store.clients.findByKey(team, "acme energy");
    expect(acme!.lastTouchAt!.toISOString()).toBe("2026-01-10T00:00:00.000Z");
    expect(await store.followUps.forClient(team, acme!.id)).toMatchObject({ dueOn: new Date("2026-01-24T00:00:00Z") });
  });

  it("imports its own export again as duplicates only (timestamps round-trip exactly)", async () => {
    const team = newTeam();
    await importCsv("clients", team, clientsCsv);
    await importCsv("interactions", team, interactionsCsv);
    const { report, warnings } = await importCsv("interactions", team, await exportCsv("interactions", team));
    expect(warnings).toEqual([]);
    expect(report).toMatchObject({ imported: 0, skipped: 3, duplicates: 3 });
  });
});

describe("importing users", () => {
  it("sets roles and managers; a blank cell keeps what is stored", async () => {
    const team = newTeam();
    const { report, problems } = await importCsv("users", team, "slack_id,role,manager\nU0AAA,manager,\nU0BBB,rep,U0AAA\nU0CCC,boss,\nU0DDD,,U0AAA\n");
    expect(problems).toEqual(["line 4: role must be one of rep, manager, admin"]);
    expect(report).toMatchObject({ imported: 3, skipped: 1 });
    await importCsv("users", team, "slack_id,role,manager\nU0BBB,admin,\n");
    expect(records(await exportCsv("users", team))).toEqual([
      { slack_id: "U0AAA", role: "manager", manager: "", timezone: "", locale: "", active: "true" },
      { slack_id: "U0BBB", role: "admin", manager: "U0AAA", timezone: "", locale: "", active: "true" },
      { slack_id: "U0DDD", role: "rep", manager: "U0AAA", timezone: "", locale: "", active: "true" },
    ]);
  });
});

describe("exporting", () => {
  it("writes the import columns first, then the store's own", async () => {
    const team = newTeam();
    for (const kind of ["clients", "interactions", "users", "audit"] as const) {
      const header = (await exportCsv(kind, team)).split("\n")[0];
      expect(header).toBe(EXPORT_COLUMNS[kind].join(","));
    }
    expect(EXPORT_COLUMNS.clients.join(",")).toBe(`${CLIENTS_HEADER},tier,score,tier_override,tier_override_reason,last_touch_at,archived_at`);
    expect(EXPORT_COLUMNS.interactions.slice(0, 7).join(",")).toBe("client,rep,type,occurred_at,summary,sentiment,next_follow_up");
    expect(EXPORT_COLUMNS.users.slice(0, 3).join(",")).toBe("slack_id,role,manager");
    expect(EXPORT_COLUMNS.audit.join(",")).toBe("created_at,actor,action,entity,entity_id,details");
  });

  it("guards text a spreadsheet would run as a formula, and the import takes the guard off", async () => {
    const team = newTeam();
    await importCsv("clients", team, 'name,industry\n"=HYPERLINK(""http://x"")",@energy\n');
    const csv = await exportCsv("clients", team);
    expect(csv.split("\n")[1]).toMatch(/^"'=HYPERLINK\(""http:\/\/x""\)",,,,,,,'@energy,/);
    const again = newTeam();
    await importCsv("clients", again, csv);
    expect(await store.clients.findByKey(again, '=hyperlink("http://x")')).toMatchObject({ name: '=HYPERLINK("http://x")', industry: "@energy" });
  });

  it("round trip: clients exported and imported into an empty database come back the same", async () => {
    const team = newTeam();
    await importCsv(
      "clients",
      team,
      [
        CLIENTS_HEADER,
        'Acme Energy,U0AAA,12000000.5,2010-03-01,strategic-cooperative,mature,low,energy,East,95,21',
        'AT&T,U0BBB,500000,2020-01-01,,active,medium,telecom,,80,30',
        '华为技术,,,,,,,,,,',
        '"Quotes ""and"", commas",W0CCC,0,2026-11-23,problem-solving-service,at-risk,high,water,"North, far",0,3650',
      ].join("\n"),
    );
    const exported = await exportCsv("clients", team);

    const empty = await createTestDatabase();
    const other = await openStore(empty.target, logger);
    try {
      const { report, warnings, problems } = await importCsv("clients", team, exported, {}, other);
      expect([report.imported, report.skipped, problems, warnings]).toEqual([4, 0, [], []]);
      const back = await exportCsv("clients", team, other);
      expect(records(back)).toEqual(records(exported));
      expect(records(back)).toHaveLength(4);
    } finally {
      await other.close();
      await empty.drop();
    }
  });
});

describe("choosing the workspace", () => {
  const config = (teamId: string | undefined, botToken: string | undefined, apiUrl?: string) => ({ teamId, slack: { botToken, apiUrl } });
  const noSlack = async () => {
    throw new Error("Slack must not be asked");
  };

  it("takes --team, then SLACK_TEAM_ID, and creates the workspace row", async () => {
    expect(await resolveTeam({ flag: "T0FLAG", config: config("T0ENV", "xoxb-x"), store, askSlack: noSlack })).toBe("T0FLAG");
    expect(await resolveTeam({ flag: undefined, config: config("T0ENV", "xoxb-x"), store, askSlack: noSlack })).toBe("T0ENV");
    expect(await store.workspaces.ids(1000)).toEqual(expect.arrayContaining(["T0FLAG", "T0ENV"]));
  });

  it("asks Slack (auth.test) for the bot token's workspace, and says so in one line when Slack cannot answer", async () => {
    const emulator = await SlackEmulator.start({ botToken: "xoxb-cli-test", teamId: "T0SLACK" });
    try {
      const ask = slackTeamAsker(logger);
      expect(await resolveTeam({ flag: undefined, config: config(undefined, "xoxb-cli-test", emulator.apiUrl), store, askSlack: ask })).toBe("T0SLACK");
      expect(emulator.callsTo("auth.test")).toHaveLength(1);
      const failing = resolveTeam({ flag: undefined, config: config(undefined, "xoxb-wrong", emulator.apiUrl), store, askSlack: ask });
      await expect(failing).rejects.toThrow(new CliError("cannot ask Slack which workspace SLACK_BOT_TOKEN belongs to (auth.test: invalid_auth); pass --team T… or set SLACK_TEAM_ID"));
    } finally {
      await emulator.stop();
    }
  });

  it("falls back to the only workspace in the store, and refuses to guess among several", async () => {
    // The store's side (ids) is covered above and by the command-line test with several workspaces.
    const known: string[] = [];
    const workspaces = {
      ids: async (take = 100) => known.slice(0, take),
      ensure: async (id: string) => {
        if (!known.includes(id)) known.push(id);
      },
    };
    const pick = () => resolveTeam({ flag: undefined, config: config(undefined, undefined), store: { workspaces }, askSlack: noSlack });
    await expect(pick()).rejects.toThrow(new CliError("no workspace to work on yet: pass --team T… or set SLACK_TEAM_ID"));
    known.push("T0ONLY");
    expect(await pick()).toBe("T0ONLY");
    known.push("T0SECOND");
    await expect(pick()).rejects.toThrow(new CliError("several workspaces are in the store: pass --team T… or set SLACK_TEAM_ID"));
  });
});

describe("the command line", () => {
  const projectRoot = fileURLToPath(new URL("../..", import.meta.url));
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href;
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(path.join(tmpdir(), "followups-cli-"));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** Runs `src/cli/<script>.ts` as `npm run` does, from a directory without a `.env`, with only these variables. */
  function cli(script: "import" | "export", args: string[], env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(
        process.execPath,
        ["--import", tsx, path.join(projectRoot, "src", "cli", `${script}.ts`), ...args],
        { cwd: work, env: { PATH: process.env.PATH ?? "", HOME: work, TZ: "UTC", DATABASE_URL: database.url, ...env }, timeout: 60_000 },
        (error, stdout, stderr) => {
          const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
          resolve({ code, stdout, stderr });
        },
      );
    });
  }

  it("imports with bad rows: exit 0, problems by line and the summary last on standard error, nothing on standard output", async () => {
    const file = path.join(work, "clients.csv");
    writeFileSync(file, clientsCsv);
    const { code, stdout, stderr } = await cli("import", ["clients", file], { SLACK_TEAM_ID: "T0CLI" });
    expect({ code, stdout }).toEqual({ code: 0, stdout: "" });
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toContain("line 5: risk_level must be one of low, medium, high");
    expect(lines).toContain("line 8: name is 201 characters; the limit is 200");
    expect(lines).toContain("warning: ignoring unknown column: notes");
    expect(lines[lines.length - 1]).toBe("imported 4, skipped 5");
    expect(await store.clients.findByKey("T0CLI", "华为技术")).not.toBeNull();
  }, 60_000);

  it("says on standard error, by line, which cells it refused for a line break and which it read otherwise", async () => {
    const file = path.join(work, "changed.csv");
    writeFileSync(file, 'name,industry\n"Two\nLines",energy\nOne,"energy\r\nwater"\nSpaced  Out,water\nPlain,water\n');
    const { code, stdout, stderr } = await cli("import", ["clients", file, "--team", "T0CHANGED"], {});
    expect({ code, stdout }).toEqual({ code: 0, stdout: "" });
    expect(stderr.trimEnd().split("\n").slice(1)).toEqual([
      "line 2: name has a line break inside the cell; put it on one line",
      "line 4: industry has a line break inside the cell; put it on one line",
      'line 6: name "Spaced  Out" read as "Spaced Out" (runs of spaces made one)',
      "1 row was imported with cells read otherwise than written (said above by line)",
      "clients: 2 new, 0 updated",
      "imported 2, skipped 2",
    ]);
  }, 60_000);

  it("exports to standard output only: clean CSV that reads back, the count on standard error", async () => {
    const { code, stdout, stderr } = await cli("export", ["clients", "--team", "T0CLI"], {});
    expect(code).toBe(0);
    expect(stdout.startsWith(`${CLIENTS_HEADER},tier,`)).toBe(true);
    expect(records(stdout).map((r) => r.name)).toEqual(["Acme Energy", "AT&T", "华为技术"]);
    expect(stderr.trim()).toBe("exported 3 clients from workspace T0CLI");
  }, 60_000);

  it("exports the audit trail from the command line, the export just made included", async () => {
    const { code, stdout, stderr } = await cli("export", ["audit", "--team", "T0CLI"], {});
    expect(code).toBe(0);
    expect(stdout.startsWith("created_at,actor,action,entity,entity_id,details\n")).toBe(true);
    const actions = records(stdout).map((r) => r.action);
    expect(actions).toContain("import.clients");
    expect(actions).toContain("export.clients");
    expect(stderr.trim()).toMatch(/^exported \d+ audit entries from workspace T0CLI$/);
  }, 60_000);

  it("migrates a new database first, and exports a header alone when there is nothing yet", async () => {
    const fresh = await createTestDatabase(undefined, { empty: true });
    try {
      const { code, stdout, stderr } = await cli("export", ["users", "--team", "T0NEW"], { DATABASE_URL: fresh.url });
      expect({ code, stdout, stderr: stderr.trim() }).toEqual({ code: 0, stdout: "slack_id,role,manager,timezone,locale,active\n", stderr: "exported 0 users from workspace T0NEW" });
    } finally {
      await fresh.drop();
    }
  }, 60_000);

  it.each([
    ["a missing file", ["clients", "no-such-file.csv"], { SLACK_TEAM_ID: "T0CLI" }, 1, "cannot read no-such-file.csv: no such file"],
    ["an unknown kind", ["deals", "x.csv"], {}, 2, 'cannot import "deals": choose clients, interactions, users (usage: npm run import -- clients|interactions|users FILE.csv [--team T…])'],
    ["a bad --team", ["users", "x.csv", "--team", "acme"], {}, 2, expect.stringContaining('--team "acme" is not a Slack team id')],
    ["several workspaces and no team", ["users", "users.csv"], {}, 1, "several workspaces are in the store: pass --team T… or set SLACK_TEAM_ID"],
    ["no name column", ["clients", "nameless.csv"], { SLACK_TEAM_ID: "T0CLI" }, 1, 'nameless.csv: the header has no "name" column (clients need name)'],
  ])("fails on %s with one line and a non-zero exit code", async (_label, args, env, exitCode, message) => {
    writeFileSync(path.join(work, "users.csv"), "slack_id,role\nU0AAA,admin\n");
    writeFileSync(path.join(work, "nameless.csv"), "owner\nU0AAA\n");
    const { code, stdout, stderr } = await cli("import", args, env);
    expect({ code, stdout }).toEqual({ code: exitCode, stdout: "" });
    const lines = stderr.trimEnd().split("\n").filter((l) => !l.startsWith("importing "));
    expect(lines).toEqual([message]);
  }, 60_000);
});
