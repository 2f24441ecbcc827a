/**
 * The log form (the log modal and the edit form of a logged touch): its titles, labels, options and the problems
 * it puts back on its fields. Opened by bare `/log`, the shortcuts, the "Log a touch" and "Edit" buttons.
 */
import type { InteractionType, Sentiment } from "../../domain/interaction.ts";
import * as common from "./common.ts";

export const en = {
  /** Modal title, submit and close: at most 24 characters each. */
  title: "Log a touch",
  submit: "Log it",
  close: "Cancel",
  editTitle: "Edit a touch",
  editSubmit: "Save",
  clientLabel: "Client",
  clientPlaceholder: "Start typing a name",
  typeLabel: "Type",
  /** The type options, as a choice in a list (capitalised in English). */
  typeOption: { call: "Call", meeting: "Meeting", email: "Email", visit: "Visit", message: "Message", note: "Note" } satisfies Record<InteractionType, string>,
  dateLabel: "When",
  sentimentLabel: "Sentiment",
  sentimentOption: { positive: "Positive", neutral: "Neutral", negative: "Negative" } satisfies Record<Sentiment, string>,
  summaryLabel: "Summary",
  nextLabel: "Next follow-up",
  nextHint: "Leave empty to follow the client's cadence.",
  /** The problems shown on the form's fields (`response_action: errors`). */
  error: {
    pickClient: "Pick a client from the list.",
    pickType: "Pick a type.",
    pickSentiment: "Pick a sentiment.",
    summaryBlank: "Write a short summary.",
    summaryTooLong: (limit: number, actual: number) => `At most ${limit} characters (this has ${actual}).`,
    pickDate: "Pick the date from the calendar.",
    touchInFuture: "A touch can't be in the future.",
    nextInPast: "The next follow-up can't be in the past.",
    duplicate: "Another touch of this type is logged at that time already.",
  },
  /** Ephemeral: the message shortcut could not open the form. */
  couldNotOpen: "I couldn't open the log form just now. Try again, or use `/log`.",
};

export const zhCN: typeof en = {
  title: "记录接触",
  submit: "记录",
  close: "取消",
  editTitle: "修改接触记录",
  editSubmit: "保存",
  clientLabel: "客户",
  clientPlaceholder: "输入客户名称搜索",
  typeLabel: "接触方式",
  typeOption: common.zhCN.interactionType,
  dateLabel: "接触日期",
  sentimentLabel: "客户态度",
  sentimentOption: common.zhCN.sentiment,
  summaryLabel: "内容摘要",
  nextLabel: "下次跟进",
  nextHint: "留空则按该客户的跟进周期安排。",
  error: {
    pickClient: "请从列表中选择客户。",
    pickType: "请选择接触方式。",
    pickSentiment: "请选择客户态度。",
    summaryBlank: "请填写简要摘要。",
    summaryTooLong: (limit, actual) => `最多 ${limit} 个字符（当前 ${actual} 个）。`,
    pickDate: "请从日历中选择日期。",
    touchInFuture: "接触日期不能晚于今天。",
    nextInPast: "下次跟进日期不能早于今天。",
    duplicate: "该时间已记录过同类型的接触。",
  },
  couldNotOpen: "暂时无法打开记录表单。请稍后重试，或使用 `/log`。",
};
