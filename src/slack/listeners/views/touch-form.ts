/** Reads the touch fields shared by the log form and the edit form, with each problem keyed by its field. */
import type { ViewStateValue } from "@slack/bolt";
import { isInteractionType, isSentiment, LIMITS, type InteractionType, type Sentiment } from "../../../domain/interaction.ts";
import { isBlank } from "../../../domain/text.ts";
import { isCalendarDate } from "../../../domain/when.ts";
import type { Messages } from "../../i18n/index.ts";
import { LOG_MODAL } from "../../ids.ts";

type Values = Record<string, Record<string, ViewStateValue>>;
export const formInput = (values: Values, field: { block: string; action: string }) => values[field.block]?.[field.action];

export type TouchForm =
  | { ok: true; type: InteractionType; sentiment: Sentiment; summary: string; touchedOn: string | null; next: string | null }
  | { ok: false; errors: Record<string, string> };

/**
 * `today` is the user's calendar day: a touch cannot be after it, a next follow-up cannot be before it. The problems
 * are in the reader's words (`t`).
 */
export function readTouchForm(t: Messages, values: Values, today: string): TouchForm {
  const type = formInput(values, LOG_MODAL.type)?.selected_option?.value;
  const sentiment = formInput(values, LOG_MODAL.sentiment)?.selected_option?.value ?? "neutral";
  const summary = (formInput(values, LOG_MODAL.summary)?.value ?? "").trim();
  const touchedOn = formInput(values, LOG_MODAL.date)?.selected_date ?? null;
  const next = formInput(values, LOG_MODAL.next)?.selected_date ?? null;
  const errors: Record<string, string> = {};
  if (!isInteractionType(type)) errors[LOG_MODAL.type.block] = t.log.error.pickType;
  if (!isSentiment(sentiment)) errors[LOG_MODAL.sentiment.block] = t.log.error.pickSentiment;
  if (isBlank(summary)) errors[LOG_MODAL.summary.block] = t.log.error.summaryBlank;
  else if ([...summary].length > LIMITS.summary) errors[LOG_MODAL.summary.block] = t.log.error.summaryTooLong(LIMITS.summary, [...summary].length);
  // Slack's date picker sends YYYY-MM-DD; anything else (a forged or garbled payload) is refused, not stored.
  if (touchedOn && !isCalendarDate(touchedOn)) errors[LOG_MODAL.date.block] = t.log.error.pickDate;
  else if (touchedOn && touchedOn > today) errors[LOG_MODAL.date.block] = t.log.error.touchInFuture;
  if (next && !isCalendarDate(next)) errors[LOG_MODAL.next.block] = t.log.error.pickDate;
  else if (next && next < today) errors[LOG_MODAL.next.block] = t.log.error.nextInPast;
  if (Object.keys(errors).length > 0 || !isInteractionType(type) || !isSentiment(sentiment)) return { ok: false, errors };
  return { ok: true, type, sentiment, summary, touchedOn, next };
}
