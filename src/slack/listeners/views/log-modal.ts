import type { App, ViewStateValue } from "@slack/bolt";
import { isInteractionType, isSentiment, LIMITS } from "../../../domain/interaction.ts";
import { isBlank } from "../../../domain/text.ts";
import { isCalendarDate } from "../../../domain/when.ts";
import type { Services } from "../../../services/index.ts";
import { LOG_MODAL, VIEWS } from "../../ids.ts";
import { interactionLogged } from "../../views/replies.ts";
import { contextOf } from "../request-context.ts";

type Values = Record<string, Record<string, ViewStateValue>>;
const input = (values: Values, field: { block: string; action: string }) => values[field.block]?.[field.action];

/**
 * The log modal's submission. Field problems go back onto the fields (`response_action: errors`); a valid touch is
 * stored once per view (a retried submission finds it already stored) and confirmed by DM.
 */
export function registerLogModalSubmission(app: App, services: Services): void {
  app.view(VIEWS.logInteraction, async ({ ack, body, view, client, logger }) => {
    const ctx = contextOf(body);
    const values = view.state.values as Values;
    const clientId = input(values, LOG_MODAL.client)?.selected_option?.value ?? "";
    const type = input(values, LOG_MODAL.type)?.selected_option?.value;
    const sentiment = input(values, LOG_MODAL.sentiment)?.selected_option?.value ?? "neutral";
    const summary = (input(values, LOG_MODAL.summary)?.value ?? "").trim();
    const touchedOn = input(values, LOG_MODAL.date)?.selected_date ?? null;
    const next = input(values, LOG_MODAL.next)?.selected_date ?? null;

    const today = await services.profiles.today(ctx);
    const errors: Record<string, string> = {};
    const found = await services.clients.findById(ctx, clientId);
    if (!found) errors[LOG_MODAL.client.block] = "Pick a client from the list.";
    if (!isInteractionType(type)) errors[LOG_MODAL.type.block] = "Pick a type.";
    if (!isSentiment(sentiment)) errors[LOG_MODAL.sentiment.block] = "Pick a sentiment.";
    if (isBlank(summary)) errors[LOG_MODAL.summary.block] = "Write a short summary.";
    else if ([...summary].length > LIMITS.summary) errors[LOG_MODAL.summary.block] = `At most ${LIMITS.summary} characters (this has ${[...summary].length}).`;
    // Slack's date picker sends YYYY-MM-DD; anything else (a forged or garbled payload) is refused, not stored.
    if (touchedOn && !isCalendarDate(touchedOn)) errors[LOG_MODAL.date.block] = "Pick the date from the calendar.";
    else if (touchedOn && touchedOn > today) errors[LOG_MODAL.date.block] = "A touch can't be in the future.";
    if (next && !isCalendarDate(next)) errors[LOG_MODAL.next.block] = "Pick the date from the calendar.";
    else if (next && next < today) errors[LOG_MODAL.next.block] = "The next follow-up can't be in the past.";
    if (Object.keys(errors).length > 0 || !found || !isInteractionType(type) || !isSentiment(sentiment)) {
      await ack({ response_action: "errors", errors });
      return;
    }
    await ack();

    // A past day is logged at noon UTC of that day: the date is what matters to cadence and reports.
    const occurredAt = !touchedOn || touchedOn === today ? services.clock.now() : new Date(`${touchedOn}T12:00:00Z`);
    const result = await services.interactions.log(ctx, {
      client: found,
      type,
      summary,
      sentiment,
      occurredAt,
      ...(next ? { next: { date: next } } : {}),
      source: "modal",
      requestKey: `view:${view.id}`,
    });
    if (result.kind !== "logged") return; // a retried submission: the first one was confirmed already
    const reply = interactionLogged(found.name, type, result.followUp, result.interaction.id);
    try {
      await client.chat.postMessage({ channel: ctx.userId, text: reply.text, blocks: reply.blocks });
    } catch (error) {
      logger.warn("could not confirm a logged touch", error instanceof Error ? error.message : String(error));
    }
  });
}
