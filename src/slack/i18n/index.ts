/**
 * The message catalogue: every word the bot shows a person, in English and Simplified Chinese, one module per
 * surface. Views take the reader's `Messages`; listeners and jobs pick them from the reader's Slack locale.
 * Each surface's Chinese half is typed by its English half, so a missing or misshapen message does not compile.
 */
import type { Locale } from "../../domain/locale.ts";
import * as card from "./card.ts";
import * as common from "./common.ts";

const EN = { common: common.en, card: card.en };

export type Messages = typeof EN;

const CATALOGUE: Record<Locale, Messages> = {
  en: EN,
  "zh-CN": { common: common.zhCN, card: card.zhCN },
};

export const messagesFor = (locale: Locale): Messages => CATALOGUE[locale];

/** For posts read by many (a channel) or by no one in particular. */
export const DEFAULT_MESSAGES: Messages = EN;
