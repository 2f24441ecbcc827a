/**
 * The closing line of a job run by hand, written for people: what the job found and did, then every post's fate
 * (sent, found already in Slack, waiting and for whom, failed and why). Pure: the CLI prints it and picks the exit
 * code from `leftUndelivered`.
 */
import { leftUndelivered, type DeliveryResult } from "../jobs/delivery.ts";
import type { JobName } from "../jobs/run-job.ts";

/** A job run by hand that leaves posts failed, or waiting for a retry that no live deliverer holds. */
export const EXIT_UNDELIVERED = 3;

type Phrase = (n: number) => string;
const plural = (one: string, many: string = `${one}s`): Phrase => (n) => `${n} ${n === 1 ? one : many}`;

/** Each job's counts in words, in the order they read best; a count no phrase names is shown by its key. */
const PHRASES: Record<JobName, Record<string, Phrase>> = {
  nudges: {
    reps: (n) => `${plural("rep")(n)} with follow-ups due`,
    queued: (n) => `${plural("nudge")(n)} queued`,
    notDue: (n) => `${n} not on a local business day`,
    paused: (n) => `${n} with nudges paused`,
  },
  digest: {
    recipients: (n) => `${plural("reader")(n)}`,
    queued: (n) => `${plural("digest")(n)} queued`,
    notDue: (n) => `${n} not on their digest day`,
    alreadySent: (n) => `${n} already had this week's`,
  },
  risk: {
    checked: (n) => `${plural("client")(n)} checked`,
    entered: (n) => `${plural("risk state")(n)} entered`,
    left: (n) => `${n} cleared`,
    posts: (n) => `${plural("notice")(n)} queued`,
  },
  rescore: {
    checked: (n) => `${plural("client")(n)} checked`,
    rescored: (n) => `${n} rescored`,
    tierMoves: (n) => `${plural("tier move")(n)}`,
    followUpsRedated: (n) => `${plural("follow-up")(n)} re-dated to a new cadence`,
    keyJoined: (n) => `${n} joined the key list`,
    keyLeft: (n) => `${n} left it`,
  },
};

/** Counts that belong to the posts' fate, said in the second part of the line. */
const DELIVERY_COUNTS = new Set(["sent", "failed"]);

const clock = (at: Date) => `${at.toISOString().slice(11, 19)} UTC`;

function fateOf(delivery: DeliveryResult, now: Date): string {
  const { waiting } = delivery;
  const parts = [`${delivery.sent} sent`];
  if (delivery.recovered > 0) parts.push(`${delivery.recovered} found already in Slack (an earlier attempt landed) and recorded, not sent again`);
  if (waiting.retry > 0 && waiting.nextRetryAt) {
    const seconds = Math.max(0, Math.ceil((waiting.nextRetryAt.getTime() - now.getTime()) / 1000));
    parts.push(
      `${waiting.retry} waiting for a retry (the next at ${clock(waiting.nextRetryAt)}, in ${seconds} s): the running bot's next delivery round sends ${waiting.retry === 1 ? "it" : "them"}, or run this again after then`,
    );
  }
  if (waiting.due > 0) parts.push(`${waiting.due} waiting to be sent by no one: run this again`);
  if (waiting.elsewhere > 0) parts.push(`${waiting.elsewhere} being sent by another runner that is alive`);
  const listed = delivery.failures.map((f) => `${f.kind} to ${f.recipient}: ${f.error}`);
  const unlisted = delivery.failed - listed.length;
  parts.push(delivery.failed > 0 ? `${delivery.failed} failed (${[...listed, ...(unlisted > 0 ? [`${unlisted} more`] : [])].join("; ")})` : "0 failed");
  return `posts: ${parts.join(", ")}`;
}

/** The closing line of `npm run job -- <job>`. */
export function describeJobRun(job: JobName, stats: Record<string, number>, delivery: DeliveryResult | null, now: Date): string {
  const phrases = PHRASES[job];
  const named = Object.keys(phrases).filter((key) => key in stats);
  const others = Object.keys(stats).filter((key) => !(key in phrases) && !DELIVERY_COUNTS.has(key));
  const found = [...named.map((key) => phrases[key]!(stats[key]!)), ...others.map((key) => `${key} ${stats[key]}`)].join(", ");
  const posts = delivery ? fateOf(delivery, now) : stats.posts !== undefined || stats.queued !== undefined ? "posts: queued for the running bot to send" : "";
  return `${job} done: ${found}${posts ? `; ${posts}` : ""}.`;
}

/** Whether the run's exit code should say that posts are left undelivered. */
export const exitCodeOf = (delivery: DeliveryResult | null): number => (delivery && leftUndelivered(delivery) ? EXIT_UNDELIVERED : 0);
