/** The log modal: client (search as you type), type, date, sentiment, summary, next follow-up. Pure. */
import type { ModalView, Option, PlainTextOption } from "@slack/types";
import { INTERACTION_TYPES, LIMITS, SENTIMENTS } from "../../domain/interaction.ts";
import { truncateText } from "../../domain/text.ts";
import { LOG_MODAL, VIEWS } from "../ids.ts";

const TYPE_LABELS: Record<(typeof INTERACTION_TYPES)[number], string> = {
  call: "Call", meeting: "Meeting", email: "Email", visit: "Visit", message: "Message", note: "Note",
};
const SENTIMENT_LABELS: Record<(typeof SENTIMENTS)[number], string> = {
  positive: "Positive", neutral: "Neutral", negative: "Negative",
};

const plainOption = (text: string, value: string): PlainTextOption => ({ text: { type: "plain_text", text: truncateText(text, 75) }, value });

export const clientOption = (client: { id: string; name: string }): PlainTextOption => plainOption(client.name, client.id);

/** What the log modal carries to its submission (private_metadata). */
export interface LogModalOrigin {
  /** Opened from the App Home: the tab is published again after the touch is logged. */
  fromHome?: boolean;
  /** Opened on a Slack message (the message shortcut): stored with the touch. */
  permalink?: string;
}

export interface LogModalPrefill extends LogModalOrigin {
  client?: { id: string; name: string };
  today: string;
  summary?: string;
}

export function encodeLogModalOrigin(origin: LogModalOrigin): string {
  return JSON.stringify({ ...(origin.fromHome ? { home: true } : {}), ...(origin.permalink ? { permalink: origin.permalink } : {}) });
}

/** Reads private_metadata back; anything unreadable is an origin with nothing to do. */
export function decodeLogModalOrigin(metadata: string | undefined): LogModalOrigin {
  try {
    const value: unknown = JSON.parse(metadata || "{}");
    if (typeof value !== "object" || value === null) return {};
    const { home, permalink } = value as { home?: unknown; permalink?: unknown };
    return { ...(home === true ? { fromHome: true } : {}), ...(typeof permalink === "string" && /^https:\/\//.test(permalink) ? { permalink } : {}) };
  } catch {
    return {};
  }
}

export function buildLogModal(prefill: LogModalPrefill): ModalView {
  const typeOptions = INTERACTION_TYPES.map((t) => plainOption(TYPE_LABELS[t], t));
  const sentimentOptions: Option[] = SENTIMENTS.map((s) => plainOption(SENTIMENT_LABELS[s], s));
  return {
    type: "modal",
    callback_id: VIEWS.logInteraction,
    private_metadata: encodeLogModalOrigin(prefill),
    title: { type: "plain_text", text: "Log a touch" },
    submit: { type: "plain_text", text: "Log it" },
    close: { type: "plain_text", text: "Cancel" },
    blocks: [
      {
        type: "input",
        block_id: LOG_MODAL.client.block,
        label: { type: "plain_text", text: "Client" },
        element: {
          type: "external_select",
          action_id: LOG_MODAL.client.action,
          placeholder: { type: "plain_text", text: "Start typing a name" },
          min_query_length: 1,
          ...(prefill.client ? { initial_option: clientOption(prefill.client) } : {}),
        },
      },
      {
        type: "input",
        block_id: LOG_MODAL.type.block,
        label: { type: "plain_text", text: "Type" },
        element: { type: "static_select", action_id: LOG_MODAL.type.action, options: typeOptions, initial_option: typeOptions[0]! },
      },
      {
        type: "input",
        block_id: LOG_MODAL.date.block,
        label: { type: "plain_text", text: "When" },
        element: { type: "datepicker", action_id: LOG_MODAL.date.action, initial_date: prefill.today },
      },
      {
        type: "input",
        block_id: LOG_MODAL.sentiment.block,
        label: { type: "plain_text", text: "Sentiment" },
        element: { type: "radio_buttons", action_id: LOG_MODAL.sentiment.action, options: sentimentOptions, initial_option: sentimentOptions[1]! },
      },
      {
        type: "input",
        block_id: LOG_MODAL.summary.block,
        label: { type: "plain_text", text: "Summary" },
        element: {
          type: "plain_text_input",
          action_id: LOG_MODAL.summary.action,
          multiline: true,
          max_length: LIMITS.summary,
          ...(prefill.summary ? { initial_value: truncateText(prefill.summary, LIMITS.summary) } : {}),
        },
      },
      {
        type: "input",
        block_id: LOG_MODAL.next.block,
        optional: true,
        label: { type: "plain_text", text: "Next follow-up" },
        hint: { type: "plain_text", text: "Leave empty to follow the client's cadence." },
        element: { type: "datepicker", action_id: LOG_MODAL.next.action },
      },
    ],
  };
}
