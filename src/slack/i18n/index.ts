/**
 * The message catalogue: every word the bot shows a person, in English and Simplified Chinese, one module per
 * surface. Views take the reader's `Messages`; listeners and jobs pick them from the reader's Slack locale.
 * Each surface's Chinese half is typed by its English half, so a missing or misshapen message does not compile.
 */
import type { Locale } from "../../domain/locale.ts";
import * as card from "./card.ts";
import * as clients from "./clients.ts";
import * as common from "./common.ts";
import * as digest from "./digest.ts";
import * as followUps from "./follow-ups.ts";
import * as home from "./home.ts";
import * as key from "./key.ts";
import * as log from "./log.ts";
import * as operations from "./operations.ts";
import * as replies from "./replies.ts";
import * as risk from "./risk.ts";
import * as team from "./team.ts";

const EN = {
  common: common.en,
  card: card.en,
  clients: clients.en,
  digest: digest.en,
  followUps: followUps.en,
  home: home.en,
  key: key.en,
  log: log.en,
  operations: operations.en,
  replies: replies.en,
  risk: risk.en,
  team: team.en,
};

export type Messages = typeof EN;

const CATALOGUE: Record<Locale, Messages> = {
  en: EN,
  "zh-CN": {
    common: common.zhCN,
    card: card.zhCN,
    clients: clients.zhCN,
    digest: digest.zhCN,
    followUps: followUps.zhCN,
    home: home.zhCN,
    key: key.zhCN,
    log: log.zhCN,
    operations: operations.zhCN,
    replies: replies.zhCN,
    risk: risk.zhCN,
    team: team.zhCN,
  },
};

export const messagesFor = (locale: Locale): Messages => CATALOGUE[locale];

/** For posts read by many (a channel) or by no one in particular. */
export const DEFAULT_MESSAGES: Messages = EN;
