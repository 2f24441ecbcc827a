/**
 * One truth about a client's risk states: on one store state, at one instant, the card (`/tier`), App Home,
 * `/client list`, the weekly digest and the risk alert all name the same states with the same reasons. The states
 * are the rules' live evaluation: a touch that clears one clears it everywhere at once, before the risk job runs
 * (whose stored states only make the alert fire once and the "back to normal" note follow).
 *
 * The clock reads 20:00 UTC, 04:00 the next day for the rep (Shanghai): the rules count calendar days in UTC on
 * every surface, whatever the reader's timezone.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { digestDayFor } from "../../src/domain/digest.ts";
import { RISK_RULES, type RiskRule } from "../../src/domain/risk.ts";
import { DEFAULT_RULES } from "../../src/domain/rules.ts";
import { manualFiringKey, runJob } from "../../src/jobs/run-job.ts";
import { createJobRunners } from "../../src/jobs/runners.ts";
import { createLogger } from "../../src/logger.ts";
import { digestService } from "../../src/services/digest.ts";
import type { ImportKind } from "../../src/services/imports.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { buildDigest } from "../../src/slack/views/digest.ts";
import { createPrismaClient } from "../../src/store/prisma.ts";
import { blockKitProblems } from "../support/block-kit-limits.ts";
import { asEphemeral } from "../support/block-text.ts";
import { importCsv, startTestBot, TEST_BOT_TOKEN, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const NOW = new Date("2026-11-23T20:00:00Z");
const clock = { now: () => NOW };
const logger = createLogger("silent");
const [MANAGER, REP, OTHER] = ["U0TRUTHMGR", "U0TRUTHREP", "U0TRUTHOTH"];
const EN = messagesFor("en");
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

/** What a surface says of one client: each state's rule and, where the surface words it, its reason. */
type Said = Map<RiskRule, string | null>;

const RULE_BY_NAME = new Map<string, RiskRule>(RISK_RULES.map((rule) => [EN.risk.ruleName(rule), rule]));
const RULE_BY_INLINE = new Map<string, RiskRule>(RISK_RULES.map((rule) => [EN.risk.ruleInline(rule), rule]));

const sectionTexts = (blocks: unknown): string[] =>
  ((blocks ?? []) as { type: string; text?: { text?: string } }[]).flatMap((b) => (b.type === "section" && typeof b.text?.text === "string" ? [b.text.text] : []));

/** "• *Rule name*: reason" lines (the card's and the alert's), in the section that names `heading`. */
function itemLines(blocks: unknown, heading: string): Said {
  const said: Said = new Map();
  const text = sectionTexts(blocks).find((s) => s.includes(heading));
  for (const line of text?.split("\n") ?? []) {
    const match = /^• \*(.+?)\*: (.+)$/.exec(line);
    const rule = match && RULE_BY_NAME.get(match[1]!);
    if (rule) said.set(rule, match[2]!);
  }
  return said;
}

/** "• *Client* (owner): rule, reason" lines of one client (App Home's and the digest's), in the section starting `heading`. */
function clientLines(blocks: unknown, heading: string, client: string): Said {
  const said: Said = new Map();
  const text = sectionTexts(blocks).find((s) => s.startsWith(heading));
  for (const line of text?.split("\n") ?? []) {
    const prefix = [`• *${client}*: `, ...[MANAGER, REP, OTHER].map((who) => `• *${client}* (<@${who}>): `)].find((p) => line.startsWith(p));
    if (!prefix) continue;
    const rest = line.slice(prefix.length);
    const inline = [...RULE_BY_INLINE.keys()].find((name) => rest.startsWith(`${name}, `));
    if (inline) said.set(RULE_BY_INLINE.get(inline)!, rest.slice(inline.length + 2));
  }
  return said;
}

/** The card's states: its "Risks" section. */
async function card(client: string, user = REP): Promise<Said> {
  const reply = asEphemeral((await t.slack.command("/tier", client, { userId: user })).json);
  expect((reply.blocks?.[0] as { text?: { text?: string } } | undefined)?.text?.text, "the card's header").toBe(client);
  return itemLines(reply.blocks, "*Risks*");
}

async function home(user = REP): Promise<unknown[]> {
  t.emulator.reset();
  await t.slack.event({ type: "app_home_opened", user, channel: `D${user}`, tab: "home" });
  const view = (await t.emulator.waitForCall("views.publish", (c) => c.args.user_id === user)).args.view as { blocks: unknown[] };
  expect(blockKitProblems({ type: "home", blocks: view.blocks as never })).toEqual([]);
  return view.blocks;
}

/** `/client list mine`: the rules named on the client's line (the list words no reasons). */
async function listed(client: string, user = REP): Promise<Said> {
  const reply = asEphemeral((await t.slack.command("/client", "list mine", { userId: user })).json);
  expect(blockKitProblems(reply)).toEqual([]);
  const line = sectionTexts(reply.blocks)
    .flatMap((s) => s.split("\n"))
    .find((l) => l.startsWith(`• *${client}* · `));
  expect(line, `${client} on the list`).toBeDefined();
  const rules = /:warning: \d+ risks?: (.+)$/.exec(line!)?.[1]?.split(", ") ?? [];
  return new Map(rules.map((name) => [RULE_BY_INLINE.get(name)!, null]));
}

function runners() {
  const { store, followUps } = t.bot.services;
  return createJobRunners(
    { store, services: { followUps }, rules: DEFAULT_RULES, logger, now: () => new Date(), adminUserIds: [], slack: { botTokenFor: async () => TEST_BOT_TOKEN, apiUrl: t.emulator.apiUrl, deliveryRate: 50 } },
    { byHand: true },
  );
}

/** The manager's digest as the job sends it (by hand, as of now). */
async function digestDm(): Promise<unknown[]> {
  t.emulator.reset();
  const { store } = t.bot.services;
  const outcome = await runJob({ store, logger, now: () => new Date() }, "digest", runners().digest!, TEST_TEAM, NOW, manualFiringKey(NOW, new Date()));
  expect(outcome.kind).toBe("done");
  const dm = t.emulator.callsTo("chat.postMessage").find((c) => c.args.channel === `D${MANAGER}`);
  expect(dm, "the manager's digest").toBeDefined();
  return dm!.args.blocks as unknown[];
}

/** The manager's digest as the job would build it now (the job itself sends one a week). */
async function digestNow(): Promise<unknown[]> {
  const digests = digestService({ store: t.bot.services.store, rules: DEFAULT_RULES });
  const day = digestDayFor(NOW, "UTC", DEFAULT_RULES.schedules, true)!;
  return buildDigest(EN, await digests.build(TEST_TEAM, { recipient: MANAGER, members: [MANAGER, REP], isAdmin: false }, day, NOW)).blocks;
}

/** Every surface's view of `client`, read at one instant; the card's reasons are the ones the others must give. */
async function everySurface(client: string, digestBlocks: unknown[]) {
  const homeBlocks = await home();
  return {
    card: await card(client),
    home: clientLines(homeBlocks, "*Risks on your clients*", client),
    list: await listed(client),
    digest: clientLines(digestBlocks, "*In a risk state now*", client),
  };
}

const rulesOf = (said: Said) => [...said.keys()].sort();
const withoutReasons = (said: Said): Said => new Map([...said.keys()].map((rule) => [rule, null]));

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load("users", ["slack_id,role,manager", `${MANAGER},manager,`, `${REP},rep,${MANAGER}`, `${OTHER},rep,`].join("\n"));
  // Truth Torrent: a key client (20M of the workspace's 20.6M revenue, since 2010) with a 10-day cadence, last touched
  // 25 days ago by a negative call: every rule fires. Truth Tarn: key, met this quarter, its logged follow-up 13 days
  // late. Truth Brink: due 2026-11-20, 3 days late in UTC (4 in Shanghai): not overdue yet. Truth Calm: fine.
  await load(
    "clients",
    [
      "name,owner,annual_revenue,relationship_since,lifecycle_stage,risk_level,satisfaction,cadence_days",
      `Truth Torrent,${REP},20000000,2010-01-01,at-risk,high,70,10`,
      `Truth Tarn,${REP},200000,2020-01-01,active,low,,`,
      `Truth Brink,${REP},150000,2019-01-01,active,low,95,`,
      `Truth Calm,${REP},150000,2019-01-01,mature,low,95,`,
      `Truth Other,${OTHER},100000,2024-01-01,at-risk,low,95,`,
    ].join("\n"),
  );
  await load(
    "interactions",
    [
      "client,rep,type,occurred_at,summary,sentiment,next_follow_up",
      `Truth Torrent,${REP},call,2026-10-29T10:00:00Z,they are unhappy,negative,`,
      `Truth Tarn,${REP},meeting,2026-10-15T10:00:00Z,review,neutral,2026-11-10`,
      `Truth Brink,${REP},visit,2026-11-02T10:00:00Z,site visit,neutral,2026-11-20`,
      `Truth Calm,${REP},visit,2026-11-20T10:00:00Z,site visit,positive,`,
      `Truth Other,${OTHER},call,2026-11-20T10:00:00Z,fine,neutral,`,
    ].join("\n"),
  );
  t.emulator.setUser(REP, { tz: "Asia/Shanghai", locale: "en-US" });
  t.emulator.setUser(MANAGER, { tz: "UTC", locale: "en-US" });
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("a client's risk states, on every surface", () => {
  it("are the same set, with the same reasons, on the card, App Home, /client list and the digest", async () => {
    const digestBlocks = await digestDm();
    const torrent = await everySurface("Truth Torrent", digestBlocks);
    expect(rulesOf(torrent.card)).toEqual([...RISK_RULES].sort());
    expect(torrent.card.get("overdue")).toBe("follow-up overdue by 15 days (due 2026-11-08)");
    expect(torrent.card.get("concentration")).toBe("97% of the workspace's revenue, above 30%");
    expect(torrent.home).toEqual(torrent.card);
    expect(torrent.digest).toEqual(torrent.card);
    expect(torrent.list).toEqual(withoutReasons(torrent.card));

    const tarn = await everySurface("Truth Tarn", digestBlocks);
    expect(tarn.card).toEqual(new Map([["overdue", "follow-up overdue by 13 days (due 2026-11-10)"]]));
    expect(tarn.home).toEqual(tarn.card);
    expect(tarn.digest).toEqual(tarn.card);
    expect(tarn.list).toEqual(withoutReasons(tarn.card));

    // Day 4 in the rep's Shanghai morning, day 3 in UTC: in no risk state anywhere, the card included.
    for (const name of ["Truth Brink", "Truth Calm"]) {
      const calm = await everySurface(name, digestBlocks);
      expect([calm.card, calm.home, calm.list, calm.digest]).toEqual([new Map(), new Map(), new Map(), new Map()]);
    }
  });

  it("counts the same clients: the owner's on App Home, the team's listed key and A-tier clients in the digest", async () => {
    const homeText = sectionTexts(await home()).join("\n");
    expect(homeText).toContain("*Risks on your clients*: 8 risk states on 2 clients");
    expect(homeText).not.toContain("Truth Other");
    const digestText = sectionTexts(await digestNow()).join("\n");
    // The four key clients are all listed; two of them are in a risk state.
    expect(digestText).toMatch(/\*Key and A-tier clients\* \(4\)/);
    expect(digestText).toContain("*In a risk state now*: 8 risk states on 2 of the clients above");
    expect(digestText).not.toContain("Truth Other");
    // Another owner's client, outside the team: its own owner and its card agree.
    expect(await card("Truth Other", OTHER)).toEqual(new Map([["lifecycle", "lifecycle stage is at-risk"]]));
    expect(clientLines(await home(OTHER), "*Risks on your clients*", "Truth Other")).toEqual(new Map([["lifecycle", "lifecycle stage is at-risk"]]));
  });

  it("reads in the alert as on the card: each state's rule and reason", async () => {
    const stats = (await runners().risk!(TEST_TEAM, NOW)).stats;
    expect(stats).toMatchObject({ entered: 9 });
    const alert = t.emulator.callsTo("chat.postMessage").find((c) => c.args.channel === `D${REP}`);
    expect(alert, "the rep's risk alert").toBeDefined();
    for (const name of ["Truth Torrent", "Truth Tarn"]) {
      const said = itemLines(alert!.args.blocks, `*${name}*`);
      expect(said.size).toBeGreaterThan(0);
      expect(said).toEqual(await card(name));
    }
  });

  it("clear everywhere at once when a touch clears them, before the risk job records it", async () => {
    const logged = await t.slack.command("/log", "Truth Tarn call Agreed the refinancing next:2026-12-10", { userId: REP });
    expect(logged.status).toBe(200);
    // The stored state is still open (the risk job has not run since): it is history, not what the surfaces tell.
    const db = createPrismaClient(t.database.target);
    const open = await db.riskFlag.findMany({ where: { workspaceId: TEST_TEAM, client: { name: "Truth Tarn" }, clearedAt: null } });
    await db.$disconnect();
    expect(open.map((f) => f.rule)).toEqual(["overdue"]);
    const tarn = await everySurface("Truth Tarn", await digestNow());
    expect([tarn.card, tarn.home, tarn.list, tarn.digest]).toEqual([new Map(), new Map(), new Map(), new Map()]);
    const torrent = await everySurface("Truth Torrent", await digestNow());
    expect(rulesOf(torrent.home)).toEqual([...RISK_RULES].sort());
    expect(torrent.digest).toEqual(torrent.card);
  });
});
