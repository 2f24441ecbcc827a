/**
 * What admins see of the bot's own work, on App Home and in the digest: posts given up and why, posts still waiting
 * to be sent (for a retry, or being sent now), and the latest job runs.
 */
import type { Store } from "../store/index.ts";
import type { JobRunRow } from "../store/job-runs.ts";
import type { OutboxFailure } from "../store/outbox.ts";

export interface Operations {
  failures: OutboxFailure[];
  /** Posts not yet sent: `retry` of them wait for a retry (the next at `nextRetryAt`), `sending` are being sent. */
  waiting: { retry: number; nextRetryAt: Date | null; due: number; sending: number };
  jobRuns: JobRunRow[];
}

/** `failuresSince`: only posts given up since then (the digest's week). */
export async function operationsOf(store: Pick<Store, "outbox" | "jobRuns">, workspaceId: string, now: Date, take: { failures: number; jobRuns: number; failuresSince?: Date }): Promise<Operations> {
  const [failures, backlog, jobRuns] = await Promise.all([
    store.outbox.recentFailures(workspaceId, take.failures),
    store.outbox.backlog(workspaceId, now),
    store.jobRuns.recent(workspaceId, take.jobRuns),
  ]);
  const since = take.failuresSince;
  return {
    failures: since ? failures.filter((f) => (f.failedAt ?? f.createdAt) >= since) : failures,
    waiting: { retry: backlog.retry, nextRetryAt: backlog.nextRetryAt, due: backlog.due, sending: backlog.held.reduce((sum, h) => sum + h.rows, 0) },
    jobRuns,
  };
}
