import { describe, expect, it } from "vitest";
import { describeJobRun, EXIT_UNDELIVERED, exitCodeOf } from "../../src/cli/job-report.ts";
import type { DeliveryResult } from "../../src/jobs/delivery.ts";

const NOW = new Date("2026-11-24T01:05:00Z");
const nothingLeft = { retry: 0, nextRetryAt: null, due: 0, elsewhere: 0 };
const delivered = (overrides: Partial<DeliveryResult> = {}): DeliveryResult => ({
  sent: 2,
  retried: 0,
  failed: 0,
  recovered: 0,
  failures: [],
  waiting: nothingLeft,
  ...overrides,
});
const nudgeStats = { reps: 3, queued: 2, notDue: 1, paused: 0, sent: 2, failed: 0 };

describe("the closing line of a job run by hand", () => {
  it("says what the job did in words, then every post's fate, and exits 0 when all went", () => {
    const line = describeJobRun("nudges", nudgeStats, delivered(), NOW);
    expect(line).toBe("nudges done: 3 reps with follow-ups due, 2 nudges queued, 1 not on a local business day, 0 with nudges paused; posts: 2 sent, 0 failed.");
    expect(line).not.toMatch(/notDue|queued \d/);
    expect(exitCodeOf(delivered())).toBe(0);
  });

  it("says when a waiting retry is due and who will make it, and exits 3", () => {
    const result = delivered({ sent: 1, retried: 1, waiting: { ...nothingLeft, retry: 1, nextRetryAt: new Date("2026-11-24T01:05:30Z") } });
    const line = describeJobRun("nudges", nudgeStats, result, NOW);
    expect(line).toContain("1 waiting for a retry (the next at 01:05:30 UTC, in 30 s): the running bot's next delivery round sends it, or run this again after then");
    expect(exitCodeOf(result)).toBe(EXIT_UNDELIVERED);
  });

  it("names each failed post and its error, counts the unlisted ones, and exits 3", () => {
    const result = delivered({ sent: 0, failed: 3, failures: [{ kind: "nudge", recipient: "U01", error: "invalid_blocks" }, { kind: "digest", recipient: "U02", error: "HTTP 500" }] });
    expect(describeJobRun("nudges", nudgeStats, result, NOW)).toContain("3 failed (nudge to U01: invalid_blocks; digest to U02: HTTP 500; 1 more)");
    expect(exitCodeOf(result)).toBe(EXIT_UNDELIVERED);
  });

  it("counts posts another live runner is sending and recovered ones, and exits 0 for those", () => {
    const result = delivered({ sent: 1, recovered: 1, waiting: { ...nothingLeft, elsewhere: 4 } });
    const line = describeJobRun("digest", { recipients: 2, queued: 2, notDue: 0, alreadySent: 0, sent: 2, failed: 0 }, result, NOW);
    expect(line).toContain("1 found already in Slack (an earlier attempt landed) and recorded, not sent again");
    expect(line).toContain("4 being sent by another runner that is alive");
    expect(exitCodeOf(result)).toBe(0);
  });

  it("posts due and held by no one are waiting, and exit 3", () => {
    const result = delivered({ waiting: { ...nothingLeft, due: 2 } });
    expect(describeJobRun("nudges", nudgeStats, result, NOW)).toContain("2 waiting to be sent by no one: run this again");
    expect(exitCodeOf(result)).toBe(EXIT_UNDELIVERED);
  });

  it("a run that only queued says the posts wait for the bot; one that posts nothing says nothing of posts", () => {
    expect(describeJobRun("risk", { checked: 10, entered: 2, left: 1, posts: 2, sent: 0, failed: 0 }, null, NOW)).toBe(
      "risk done: 10 clients checked, 2 risk states entered, 1 cleared, 2 notices queued; posts: queued for the running bot to send.",
    );
    expect(describeJobRun("rescore", { checked: 1, rescored: 1, tierMoves: 0, followUpsRedated: 1, keyJoined: 0, keyLeft: 1 }, null, NOW)).toBe(
      "rescore done: 1 client checked, 1 rescored, 0 tier moves, 1 follow-up re-dated to a new cadence, 0 joined the key list, 1 left it.",
    );
    expect(exitCodeOf(null)).toBe(0);
  });
});
