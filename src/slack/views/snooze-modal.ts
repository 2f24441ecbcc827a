/** The "Snooze until…" modal (a date and an optional reason) and the screen it turns into once saved. Pure. */
import type { ModalView } from "@slack/types";
import { addDays } from "../../domain/cadence.ts";
import type { Messages } from "../i18n/index.ts";
import { SNOOZE_MODAL, VIEWS } from "../ids.ts";
import { section, userText } from "./blocks.ts";

export const SNOOZE_REASON_MAX = 200;

/** What the modal carries to its submission: the follow-up button's value, and whether it came from the App Home. */
export interface SnoozeOrigin {
  buttonValue: string;
  fromHome: boolean;
}

export function encodeSnoozeOrigin(origin: SnoozeOrigin): string {
  return JSON.stringify({ value: origin.buttonValue, home: origin.fromHome });
}

export function decodeSnoozeOrigin(metadata: string | undefined): SnoozeOrigin | null {
  try {
    const value = JSON.parse(metadata ?? "") as { value?: unknown; home?: unknown };
    return typeof value.value === "string" ? { buttonValue: value.value, fromHome: value.home === true } : null;
  } catch {
    return null;
  }
}

export function buildSnoozeModal(t: Messages, input: { clientName: string; dueOn: string; today: string; origin: SnoozeOrigin }): ModalView {
  const s = t.followUps.snooze;
  return {
    type: "modal",
    callback_id: VIEWS.snoozeFollowUp,
    private_metadata: encodeSnoozeOrigin(input.origin),
    title: { type: "plain_text", text: s.title },
    submit: { type: "plain_text", text: s.submit },
    close: { type: "plain_text", text: s.cancel },
    blocks: [
      section(s.dueLine(userText(input.clientName, 200), t.common.date(input.dueOn))),
      {
        type: "input",
        block_id: SNOOZE_MODAL.until.block,
        label: { type: "plain_text", text: s.until },
        element: { type: "datepicker", action_id: SNOOZE_MODAL.until.action, initial_date: addDays(input.today, 7) },
      },
      {
        type: "input",
        block_id: SNOOZE_MODAL.reason.block,
        optional: true,
        label: { type: "plain_text", text: s.reason },
        hint: { type: "plain_text", text: s.reasonHint },
        element: { type: "plain_text_input", action_id: SNOOZE_MODAL.reason.action, max_length: SNOOZE_REASON_MAX },
      },
    ],
  };
}

/** What the modal shows once the submission is handled (it replaces the form; Close dismisses it). */
export function buildSnoozeOutcome(t: Messages, notice: string): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.snoozeFollowUp,
    title: { type: "plain_text", text: t.followUps.snooze.title },
    close: { type: "plain_text", text: t.followUps.snooze.close },
    blocks: [section(notice)],
  };
}
