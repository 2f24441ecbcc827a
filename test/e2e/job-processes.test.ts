/**
 * The nudges job as operators and replicas run it: separate processes on one store (SQLite file or PostgreSQL)
 * talking to the Slack emulator. Two started together deliver each nudge once; one killed with SIGKILL between
 * Slack storing a post and the answer arriving, then started again, delivers each nudge once: the lost answer is
 * found in the conversation's history instead of being posted again.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OUTBOX_EVENT_TYPE } from "../../src/jobs/delivery.ts";
import type { ImportKind } from "../../src/services/imports.ts";
import { createPrismaClient, type Db } from "../../src/store/prisma.ts";
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

  it("a process killed between Slack storing a post and its answer, started again, delivers each nudge exactly once", async () => {
    // The first post is stored at once but answered 20 s later: the process is killed while it waits.
    t.emulator.inject({ method: "chat.postMessage", kind: "slow_reply", ms: 20_000, times: 1 });
    const killed = jobProcess("2026-11-24T10:00");
    await until(() => t.emulator.calls.some((c) => c.method === "chat.postMessage"), 30_000);
    killed.child.kill("SIGKILL");
    expect((await killed.exited).signal).toBe("SIGKILL");
    const stuck = await db.outboundMessage.count({ where: { workspaceId: TEST_TEAM, status: "sending" } });
    expect(stuck).toBeGreaterThan(0);
    // The dead process's claims hold for their lease (10 minutes); end them now rather than wait.
    await db.outboundMessage.updateMany({ where: { workspaceId: TEST_TEAM, status: "sending" }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });

    const restarted = await jobProcess("2026-11-24T10:00").exited;
    expect(restarted.code, restarted.stderr).toBe(0);
    await expectOneNudgeEach();
    // Every row the dead process had claimed was looked up before any second attempt.
    expect(t.emulator.callsTo("conversations.history").length).toBeGreaterThanOrEqual(stuck);
  }, 90_000);
});
