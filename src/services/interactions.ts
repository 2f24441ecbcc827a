/** Logging a touch: from `/log`, the log modal, buttons and imports. */
import { cadenceDaysFor, nextFollowUpDate, type FollowUpDue } from "../domain/cadence.ts";
import { LIMITS, type InteractionType, type Sentiment } from "../domain/interaction.ts";
import { parseLogCommand, type LogCommandError } from "../domain/log-command.ts";
import type { Rules, Tier } from "../domain/rules.ts";
import { isRecordId, storableText } from "../domain/text.ts";
import { parseWhen, todayInZone, type WhenError } from "../domain/when.ts";
import type { ClientRow } from "../store/clients.ts";
import { dateFromDb, dateToDb } from "../store/dates.ts";
import type { Store } from "../store/index.ts";
import type { CadenceFields, InteractionRow } from "../store/interactions.ts";
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

/** A logged touch as the edit form shows it (the client cannot change). */
export interface TouchToEdit extends TouchEdit {
  id: string;
  clientName: string;
}

/** An edit of a logged touch, as the edit form gives it. */
export interface TouchEdit {
  type: string;
  sentiment: string;
  summary: string;
  /** The touch's calendar day (YYYY-MM-DD), in the rep's timezone. */
  touchedOn: string;
  next: string | null;
}

export type EditResult =
  | { kind: "edited"; clientName: string; type: string; interactionId: string; followUp: { dueOn: string; basis: string } | null }
  | { kind: "not-editable" }
  | { kind: "duplicate"; clientName: string }
  | { kind: "summary-too-long"; limit: number; length: number };

export type UndoResult = { kind: "undone"; summary: string } | { kind: "not-undoable" };

/** How long after logging a touch its rep can still take it back. */
export const UNDO_WINDOW_MS = 24 * 3600 * 1000;

export type LogCommandResult =
  | LogResult
  | { kind: "parse-error"; error: LogCommandError }
  | { kind: "client-ambiguous"; query: string; matches: ClientRow[] }
  | { kind: "client-unknown"; query: string; suggestions: string[] };


/** A follow-up as the store writes it. */
export const storedFollowUp = (due: FollowUpDue) => ({ dueOn: dateToDb(due.dueOn), basis: due.basis, cadenceDays: due.cadenceDays });

/**
 * When the client's next follow-up falls due after a touch (its logged `next` date, else one cadence after the
 * touch's date in the rep's zone), and whether the user asked for that date.
 */
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
      storedFollowUp(due),
    );
    if (!result.stored) return { kind: "duplicate", client: input.client };
    return { kind: "logged", interaction: result.interaction, client: input.client, followUp: due, timezone };
  }

  /** A rep can take back their own touch within a day of logging it. */
  async function undo(ctx: RequestContext, interactionId: string): Promise<UndoResult> {
    if (!isRecordId(interactionId)) return { kind: "not-undoable" };
    const now = clock.now();
    const timezone = await profiles.timezone(ctx);
    const undone = await store.interactions.undo(ctx.workspaceId, interactionId, ctx.userId, new Date(now.getTime() - UNDO_WINDOW_MS), now, followUpFromLatest(timezone));
    return undone ? { kind: "undone", summary: undone.summary } : { kind: "not-undoable" };
  }

  const followUpFromLatest = (timezone: string) => (latest: { occurredAt: Date; nextFollowUpOn: Date | null }, client: CadenceFields) => {
    const due = followUpAfterTouch(client, latest.occurredAt, timezone, latest.nextFollowUpOn ? dateFromDb(latest.nextFollowUpOn) : null, rules);
    return storedFollowUp(due);
  };

  /**
   * Changes one of the caller's own touches (type, day, sentiment, summary, next follow-up). A day other than the
   * touch's own is logged at noon UTC of that day, as the log form does; the follow-up is recomputed.
   */
  async function edit(ctx: RequestContext, interactionId: string, input: TouchEdit): Promise<EditResult> {
    // The id comes back from the form's metadata: text that is no record id (a NUL byte fails PostgreSQL) finds nothing.
    if (!isRecordId(interactionId)) return { kind: "not-editable" };
    const length = [...input.summary].length;
    if (length > LIMITS.summary) return { kind: "summary-too-long", limit: LIMITS.summary, length };
    const touch = await store.interactions.findOwn(ctx.workspaceId, interactionId, ctx.userId);
    if (!touch) return { kind: "not-editable" };
    const timezone = await profiles.timezone(ctx);
    const occurredAt = input.touchedOn === todayInZone(touch.occurredAt, timezone) ? touch.occurredAt : new Date(`${input.touchedOn}T12:00:00Z`);
    const edited = await store.interactions.edit(
      ctx.workspaceId,
      interactionId,
      ctx.userId,
      { type: input.type, summary: storableText(input.summary), sentiment: input.sentiment, occurredAt, nextFollowUpOn: input.next ? dateToDb(input.next) : null },
      followUpFromLatest(timezone),
    );
    if (edited === null) return { kind: "not-editable" };
    if (edited === "duplicate") return { kind: "duplicate", clientName: touch.clientName };
    const followUp = await store.followUps.forClient(ctx.workspaceId, touch.clientId);
    return { kind: "edited", clientName: touch.clientName, type: input.type, interactionId, followUp: followUp ? { dueOn: dateFromDb(followUp.dueOn), basis: followUp.basis } : null };
  }

  return {
    log,
    undo,
    edit,
    /** One of the caller's own touches as the edit form shows it (its day in their timezone), or null. */
    async touchToEdit(ctx: RequestContext, interactionId: string): Promise<TouchToEdit | null> {
      if (!isRecordId(interactionId)) return null;
      const touch = await store.interactions.findOwn(ctx.workspaceId, interactionId, ctx.userId);
      if (!touch) return null;
      const timezone = await profiles.timezone(ctx);
      return {
        id: touch.id,
        clientName: touch.clientName,
        type: touch.type,
        sentiment: touch.sentiment,
        summary: touch.summary,
        touchedOn: todayInZone(touch.occurredAt, timezone),
        next: touch.nextFollowUpOn ? dateFromDb(touch.nextFollowUpOn) : null,
      };
    },

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
