/** Logging a touch: from `/log`, the log modal, buttons and imports. */
import { cadenceDaysFor, nextFollowUpDate } from "../domain/cadence.ts";
import { LIMITS, type InteractionType, type Sentiment } from "../domain/interaction.ts";
import { parseLogCommand, type LogCommandError } from "../domain/log-command.ts";
import type { Rules, Tier } from "../domain/rules.ts";
import { isRecordId, storableText } from "../domain/text.ts";
import { parseWhen, todayInZone, type WhenError } from "../domain/when.ts";
import type { ClientRow } from "../store/clients.ts";
import { dateFromDb, dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import type { InteractionRow } from "../store/interactions.ts";
import type { ClientService } from "./clients.ts";
import type { Clock, RequestContext } from "./context.ts";
import type { ProfileService } from "./profiles.ts";

export interface LogInput {
  client: ClientRow;
  type: InteractionType;
  summary: string;
  sentiment: Sentiment;
  /** A calendar date already validated, or raw `next:` text to parse in the user's zone. */
  next?: { date: string } | { text: string };
  occurredAt?: Date;
  source: "command" | "modal" | "button" | "shortcut" | "import";
  requestKey?: string;
  permalink?: string;
}

export type LogResult =
  | { kind: "logged"; interaction: InteractionRow; client: ClientRow; followUp: FollowUpDue; timezone: string }
  | { kind: "duplicate"; client: ClientRow }
  | { kind: "bad-next"; error: WhenError; text: string }
  | { kind: "summary-too-long"; limit: number; length: number };

export type UndoResult = { kind: "undone"; summary: string } | { kind: "not-undoable" };

/** How long after logging a touch its rep can still take it back. */
export const UNDO_WINDOW_MS = 24 * 3600 * 1000;

export type LogCommandResult =
  | LogResult
  | { kind: "parse-error"; error: LogCommandError }
  | { kind: "client-ambiguous"; query: string; matches: ClientRow[] }
  | { kind: "client-unknown"; query: string; suggestions: string[] };

/** When the client's next follow-up falls due after a touch (its logged `next` date, else one cadence after the
 * touch's date in the rep's zone), and whether the user asked for that date. */
export interface FollowUpDue {
  dueOn: string;
  basis: "logged" | "cadence";
}

export function followUpAfterTouch(
  client: Pick<ClientRow, "tier" | "tierOverride" | "relationshipType" | "cadenceDays">,
  occurredAt: Date,
  timezone: string,
  next: string | null,
  rules: Rules,
): FollowUpDue {
  const tier = (client.tierOverride ?? client.tier) as Tier;
  const cadence = cadenceDaysFor({ tier, relationshipType: client.relationshipType, cadenceDays: client.cadenceDays }, rules);
  return nextFollowUpDate(todayInZone(occurredAt, timezone), cadence, next);
}

export function interactionService(deps: { store: Store; rules: Rules; clock: Clock; clients: ClientService; profiles: ProfileService }) {
  const { store, rules, clock, clients, profiles } = deps;

  async function log(ctx: RequestContext, input: LogInput): Promise<LogResult> {
    const length = [...input.summary].length;
    if (length > LIMITS.summary) return { kind: "summary-too-long", limit: LIMITS.summary, length };
    const now = clock.now();
    const occurredAt = input.occurredAt ?? now;
    const timezone = await profiles.timezone(ctx);
    let next: string | null = null;
    if (input.next && "date" in input.next) next = input.next.date;
    if (input.next && "text" in input.next) {
      const parsed = parseWhen(input.next.text, now, timezone);
      if (!parsed.ok) return { kind: "bad-next", error: parsed.error, text: input.next.text };
      next = parsed.date;
    }
    const due = followUpAfterTouch(input.client, occurredAt, timezone, next, rules);
    const result = await store.interactions.record(
      ctx.workspaceId,
      {
        clientId: input.client.id,
        repSlackId: ctx.userId,
        type: input.type,
        occurredAt,
        summary: storableText(input.summary),
        sentiment: input.sentiment,
        nextFollowUpOn: next ? dateToDb(next) : null,
        source: input.source,
        requestKey: input.requestKey ?? null,
        permalink: input.permalink ?? null,
      },
      { dueOn: dateToDb(due.dueOn), basis: due.basis },
    );
    if (!result.stored) return { kind: "duplicate", client: input.client };
    return { kind: "logged", interaction: result.interaction, client: input.client, followUp: due, timezone };
  }

  /** A rep can take back their own touch within a day of logging it. */
  async function undo(ctx: RequestContext, interactionId: string): Promise<UndoResult> {
    if (!isRecordId(interactionId)) return { kind: "not-undoable" };
    const now = clock.now();
    const timezone = await profiles.timezone(ctx);
    const undone = await store.interactions.undo(ctx.workspaceId, interactionId, ctx.userId, new Date(now.getTime() - UNDO_WINDOW_MS), now, (latest, client) => {
      const due = followUpAfterTouch(client, latest.occurredAt, timezone, latest.nextFollowUpOn ? dateFromDb(latest.nextFollowUpOn) : null, rules);
      return { dueOn: dateToDb(due.dueOn), basis: due.basis };
    });
    return undone ? { kind: "undone", summary: undone.summary } : { kind: "not-undoable" };
  }

  return {
    log,
    undo,

    /** `/log <client> <type> <summary> [next:<when>] [sentiment:<s>]`. */
    async logFromCommand(ctx: RequestContext, text: string, requestKey?: string): Promise<LogCommandResult> {
      const parsed = parseLogCommand(text);
      if (!parsed.ok) return { kind: "parse-error", error: parsed.error };
      const { clientName, type, summary, next, sentiment } = parsed.value;
      const resolution = await clients.resolve(ctx, clientName);
      if (resolution.kind === "ambiguous") return { kind: "client-ambiguous", query: resolution.query, matches: resolution.matches };
      if (resolution.kind === "none") return { kind: "client-unknown", query: resolution.query, suggestions: resolution.suggestions };
      if (resolution.kind === "empty") return { kind: "parse-error", error: { code: "missing-client" } };
      return log(ctx, {
        client: resolution.client,
        type,
        summary,
        sentiment: sentiment ?? "neutral",
        ...(next !== undefined ? { next: { text: next } } : {}),
        source: "command",
        ...(requestKey ? { requestKey } : {}),
      });
    },
  };
}
export type InteractionService = ReturnType<typeof interactionService>;
