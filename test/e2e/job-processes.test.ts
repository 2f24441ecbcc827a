/**
 * The nudges job as operators and replicas run it: separate processes on one store (SQLite file or PostgreSQL)
 * talking to the Slack emulator. Two started together deliver each nudge once. One killed with SIGKILL while Slack
 * holds a stored post's answer, or while a post is still on its way, is followed at once by a re-run that waits out
 * the dead process's short lease, looks in the history, and delivers each nudge once, saying what it recovered. A
 * run through 429s and a 500 delivers everything and says so; a run that leaves a post failed exits 3 and says why.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OUTBOX_EVENT_TYPE } from "../../src/jobs/delivery.ts";
import type { ImportKind } from "../../src/services/imports.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
import type { Fault } from "../support/slack-emulator.ts";
import { cliEnv, importCsv, startTestBot, TEST_TEAM, type TestBot } from "../support/test-bot.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const REPS = Array.from({ length: 6 }, (_, i) => `U0PROC${i}`);
let t: TestBot;
let db: Db;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

/** `npm run job -- nudges --at …` in its own process, as an operator or a cron host runs it. */
function jobProcess(at: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/job.ts", "nudges", "--at", at], {
    cwd: ROOT,
    env: { ...cliEnv(t), LOG_LEVEL: "silent" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

/** Each rep's DM holds exactly one nudge from the outbox, and every outbox row is recorded as sent. */
async function expectOneNudgeEach() {
  for (const rep of REPS) {
    const nudges = t.emulator.messagesIn(`D${rep}`).filter((m) => (m.metadata as { event_type?: string } | undefined)?.event_type === OUTBOX_EVENT_TYPE);
    expect(nudges, rep).toHaveLength(1);
  }
  const rows = await db.outboundMessage.findMany({ where: { workspaceId: TEST_TEAM, kind: "nudge" }, select: { status: true } });
  expect(rows.map((r) => r.status)).toEqual(REPS.map(() => "sent"));
}

async function until(condition: () => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

beforeAll(async () => {
  t = await startTestBot({ clock });
  db = createPrismaClient(t.database.target);
  await load("users", ["slack_id,role", ...REPS.map((r) => `${r},rep`)].join("\n"));
  await load("clients", ["name,owner", ...REPS.map((r, i) => `Process Client ${i},${r}`)].join("\n"));
  // Tier C, cadence 90: last touched in August, so each rep has one overdue follow-up every day of the tests.
  await load("interactions", ["client,rep,type,occurred_at,summary", ...REPS.map((r, i) => `Process Client ${i},${r},call,2026-08-01T10:00:00Z,x`)].join("\n"));
});

afterAll(async () => {
  await db?.$disconnect();
  await t?.stop();
});

beforeEach(async () => {
  t.emulator.reset();
  await db.outboundMessage.deleteMany({ where: { workspaceId: TEST_TEAM } });
});

describe("job processes", () => {
  it("two processes started together deliver each nudge exactly once", async () => {
    const [first, second] = await Promise.all([jobProcess("2026-11-23T10:00").exited, jobProcess("2026-11-23T10:00").exited]);
    expect([first.code, second.code], `${first.stderr}\n${second.stderr}`).toEqual([0, 0]);
    await expectOneNudgeEach();
    expect(t.emulator.callsTo("chat.postMessage")).toHaveLength(REPS.length);
  }, 60_000);

  /**
   * Starts a run, kills it (SIGKILL) once its first post is on its way to Slack (`fault` decides that post's fate),
   * and at once runs it again: the re-run must finish within 60 s, having delivered each nudge exactly once.
   */
  async function killMidPostThenRerun(at: string, fault: Fault) {
    t.emulator.inject(fault);
    const killed = jobProcess(at);
    await until(() => t.emulator.calls.some((c) => c.method === "chat.postMessage"), 30_000);
    killed.child.kill("SIGKILL");
    expect((await killed.exited).signal).toBe("SIGKILL");
    const stuck = await db.outboundMessage.count({ where: { workspaceId: TEST_TEAM, status: "sending" } });
    expect(stuck).toBeGreaterThan(0);

    const started = Date.now();
    const restarted = await jobProcess(at).exited;
    expect(restarted.code, restarted.stderr).toBe(0);
    expect(Date.now() - started).toBeLessThan(60_000);
    await expectOneNudgeEach();
    // Every row the dead process held was looked up in the history before a second attempt.
    expect(t.emulator.callsTo("conversations.history").length).toBeGreaterThanOrEqual(stuck);
    return restarted;
  }

  it("a process killed while Slack holds a stored post's answer, run again at once, delivers each nudge exactly once", async () => {
    // The first post is stored at once but answered 20 s later: the process is killed while it waits.
    const restarted = await killMidPostThenRerun("2026-11-24T10:00", { method: "chat.postMessage", kind: "slow_reply", ms: 20_000, times: 1 });
    // The stored post was found in the history and recorded, not posted again; the rest were sent.
    expect(restarted.stderr).toMatch(new RegExp(`posts: ${REPS.length - 1} sent, 1 found already in Slack .*, 0 failed\\.$`, "m"));
  }, 90_000);

  it("a process killed while its post is still on the way, run again at once, delivers each nudge exactly once", async () => {
    // The first post never reaches Slack: the process is killed while it waits for an answer that cannot come.
    const restarted = await killMidPostThenRerun("2026-11-25T10:00", { method: "chat.postMessage", kind: "lost", ms: 20_000, times: 1 });
    // Nothing had landed: every nudge was sent by the re-run.
    expect(restarted.stderr).toMatch(new RegExp(`posts: ${REPS.length} sent, 0 failed\\.$`, "m"));
  }, 90_000);

  it("a run through two 429s and a 500 delivers every nudge within the run, and says so", async () => {
    t.emulator.inject({ method: "chat.postMessage", kind: "rate_limit", retryAfterSeconds: 1, times: 2 });
    t.emulator.inject({ method: "chat.postMessage", kind: "server_error", status: 500, times: 1 });
    const run = await jobProcess("2026-11-26T10:00").exited;
    expect(run.code, run.stderr).toBe(0);
    await expectOneNudgeEach();
    expect(run.stderr).toMatch(new RegExp(`nudges done: ${REPS.length} reps with follow-ups due, ${REPS.length} nudges queued, .*; posts: ${REPS.length} sent, 0 failed\\.$`, "m"));
  }, 90_000);

  it("a run that leaves a post failed exits 3 and names the post and the error", async () => {
    t.emulator.inject({ method: "chat.postMessage", kind: "error", error: "invalid_blocks", times: 1 });
    const run = await jobProcess("2026-11-27T10:00").exited;
    expect(run.code, run.stderr).toBe(3);
    expect(run.stderr).toMatch(new RegExp(`posts: ${REPS.length - 1} sent, 1 failed \\(nudge to U0PROC\\d: invalid_blocks\\)\\.$`, "m"));
  }, 90_000);
});
