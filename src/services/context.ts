/** Who is asking, and in which workspace: every service call is scoped by it. */
export interface RequestContext {
  workspaceId: string;
  userId: string;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/**
 * A long run (a job over every client) that its caller's stop signal ended between two steps: what it wrote stands,
 * as every job is idempotent, and the job runner gives back its claim so that the next start runs it again.
 */
export class Interrupted extends Error {}

/** Throws Interrupted when `signal` has been aborted; `progress` says how far the run got. */
export function throwIfStopped(signal: AbortSignal | undefined, progress: string): void {
  if (signal?.aborted) throw new Interrupted(`stopped after ${progress}`);
}
