/** Who is asking, and in which workspace: every service call is scoped by it. */
export interface RequestContext {
  workspaceId: string;
  userId: string;
}

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };
