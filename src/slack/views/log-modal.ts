/** The log modal: client (search as you type), type, date, sentiment, summary, next follow-up. Pure. */
import type { KnownBlock, ModalView, Option, PlainTextOption } from "@slack/types";
import { INTERACTION_TYPES, LIMITS, SENTIMENTS } from "../../domain/interaction.ts";
import { truncateText } from "../../domain/text.ts";
import type { TouchToEdit } from "../../services/interactions.ts";
import type { Messages } from "../i18n/index.ts";
import { section, userText } from "./blocks.ts";
import { LOG_MODAL, VIEWS } from "../ids.ts";

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

export function buildLogModal(t: Messages, prefill: LogModalPrefill): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.logInteraction,
    private_metadata: encodeLogModalOrigin(prefill),
    title: { type: "plain_text", text: t.log.title },
    submit: { type: "plain_text", text: t.log.submit },
    close: { type: "plain_text", text: t.log.close },
    blocks: [clientInput(t, prefill.client), ...touchInputs(t, { touchedOn: prefill.today, summary: prefill.summary })],
  };
}

/** The same form for one of the rep's own touches: its fields prefilled, its client shown, not chosen. */
export function buildEditTouchModal(t: Messages, touch: TouchToEdit): ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.editInteraction,
    private_metadata: touch.id,
    title: { type: "plain_text", text: t.log.editTitle },
    submit: { type: "plain_text", text: t.log.editSubmit },
    close: { type: "plain_text", text: t.log.close },
    blocks: [section(`*${userText(touch.clientName, 200)}*`), ...touchInputs(t, touch)],
  };
}

function clientInput(t: Messages, client: { id: string; name: string } | undefined): KnownBlock {
  return {
    type: "input",
    block_id: LOG_MODAL.client.block,
    label: { type: "plain_text", text: t.log.clientLabel },
    element: {
      type: "external_select",
      action_id: LOG_MODAL.client.action,
      placeholder: { type: "plain_text", text: t.log.clientPlaceholder },
      min_query_length: 1,
      ...(client ? { initial_option: clientOption(client) } : {}),
    },
  };
}

function touchInputs(t: Messages, touch: { type?: string; sentiment?: string; summary?: string | undefined; touchedOn: string; next?: string | null }): KnownBlock[] {
  const typeOptions = INTERACTION_TYPES.map((type) => plainOption(t.log.typeOption[type], type));
  const sentimentOptions: Option[] = SENTIMENTS.map((s) => plainOption(t.log.sentimentOption[s], s));
  return [
    {
      type: "input",
      block_id: LOG_MODAL.type.block,
      label: { type: "plain_text", text: t.log.typeLabel },
      element: {
        type: "static_select",
        action_id: LOG_MODAL.type.action,
        options: typeOptions,
        initial_option: typeOptions.find((o) => o.value === touch.type) ?? typeOptions[0]!,
      },
    },
    {
      type: "input",
      block_id: LOG_MODAL.date.block,
      label: { type: "plain_text", text: t.log.dateLabel },
      element: { type: "datepicker", action_id: LOG_MODAL.date.action, initial_date: touch.touchedOn },
    },
    {
      type: "input",
      block_id: LOG_MODAL.sentiment.block,
      label: { type: "plain_text", text: t.log.sentimentLabel },
      element: {
        type: "radio_buttons",
        action_id: LOG_MODAL.sentiment.action,
        options: sentimentOptions,
        initial_option: sentimentOptions.find((o) => o.value === touch.sentiment) ?? sentimentOptions[1]!,
      },
    },
    {
      type: "input",
      block_id: LOG_MODAL.summary.block,
      label: { type: "plain_text", text: t.log.summaryLabel },
      element: {
        type: "plain_text_input",
        action_id: LOG_MODAL.summary.action,
        multiline: true,
        max_length: LIMITS.summary,
        ...(touch.summary ? { initial_value: truncateText(touch.summary, LIMITS.summary) } : {}),
      },
    },
    {
      type: "input",
      block_id: LOG_MODAL.next.block,
      optional: true,
      label: { type: "plain_text", text: t.log.nextLabel },
      hint: { type: "plain_text", text: t.log.nextHint },
      element: { type: "datepicker", action_id: LOG_MODAL.next.action, ...(touch.next ? { initial_date: touch.next } : {}) },
    },
  ];
}
