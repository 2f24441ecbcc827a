import type { App, ViewStateValue } from "@slack/bolt";
import { isCalendarDate } from "../../../domain/when.ts";
import type { Services } from "../../../services/index.ts";
import { parseFollowUpButtonValue, SNOOZE_MODAL, VIEWS } from "../../ids.ts";
import { followUpNotice } from "../../views/follow-ups.ts";
import { buildSnoozeOutcome, decodeSnoozeOrigin, SNOOZE_REASON_MAX } from "../../views/snooze-modal.ts";
import { publishHome } from "../home-tab.ts";
import { contextOf, readerOf } from "../request-context.ts";

type Values = Record<string, Record<string, ViewStateValue>>;

/**
 * The snooze modal's submission: a date after today (else the error shows on the field) and an optional reason.
 * The form turns into a line saying what happened; the App Home is published again when it came from there.
 */
export function registerSnoozeSubmission(app: App, services: Services): void {
  app.view(VIEWS.snoozeFollowUp, async ({ ack, body, view, client, logger }) => {
    const ctx = contextOf(body);
    const origin = decodeSnoozeOrigin(view.private_metadata);
    const target = parseFollowUpButtonValue(origin?.buttonValue);
    const { t, today } = await readerOf(services, ctx);
    const s = t.followUps.snooze;
    if (!origin || !target) return void (await ack({ response_action: "update", view: buildSnoozeOutcome(t, followUpNotice(t, { kind: "unknown-client" })) }));
    const values = view.state.values as Values;
    const until = values[SNOOZE_MODAL.until.block]?.[SNOOZE_MODAL.until.action]?.selected_date ?? null;
    const reason = (values[SNOOZE_MODAL.reason.block]?.[SNOOZE_MODAL.reason.action]?.value ?? "").trim();
    const errors: Record<string, string> = {};
    if (!until) errors[SNOOZE_MODAL.until.block] = s.pickDay;
    else if (!isCalendarDate(until)) errors[SNOOZE_MODAL.until.block] = s.pickFromCalendar;
    else if (until <= today) errors[SNOOZE_MODAL.until.block] = s.afterToday;
    if ([...reason].length > SNOOZE_REASON_MAX) errors[SNOOZE_MODAL.reason.block] = s.tooLong(SNOOZE_REASON_MAX);
    if (!until || Object.keys(errors).length > 0) return void (await ack({ response_action: "errors", errors }));
    const result = await services.followUps.snoozeUntil(ctx, target.clientId, target.dueOn, until, reason || null);
    await ack({ response_action: "update", view: buildSnoozeOutcome(t, followUpNotice(t, result)) });
    if (origin.fromHome) await publishHome(client, services, ctx, logger);
  });
}
