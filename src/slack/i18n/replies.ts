/**
 * Command replies shared by many listeners: usage lines, `/log` problems and confirmations, client lookups that
 * did not find exactly one client, and the failure apologies. The command syntax shown (`/log <client> …`,
 * `next:`, `call`…) is what people type and stays as it is in both languages.
 */
import type { LogOption } from "../../domain/log-command.ts";
import type { WhenError } from "../../domain/when.ts";

export const en = {
  /** `problem` is mrkdwn, already escaped; `line` is the command's syntax, shown as code. */
  usage: (line: string, problem?: string) => `${problem ? `${problem}\n` : ""}Usage: \`${line}\``,
  /** The `/log` usage: `problem` is mrkdwn, already escaped. */
  logUsage: (line: string, problem?: string) => `${problem ? `${problem}\n` : ""}*Usage:* \`${line}\``,
  logUsageFallback: (line: string, problem?: string) => `${problem ? `${problem} ` : ""}Usage: ${line}`,
  logHelp: "Types: call, meeting, email, visit, message, note. `next:` takes 3d, 2w, 1m, a weekday or YYYY-MM-DD. Type `/log` alone to open the form.",
  logFormDidNotOpen: "The form didn't open in time, so here is the command form instead.",
  logProblem: {
    missingType: "I couldn't find the kind of touch: put one of call, meeting, email, visit, message or note after the client's name.",
    missingClient: "Which client? Put the client's name before the kind of touch.",
    missingSummary: "Add a short summary after the kind of touch.",
    /** `value` is escaped. */
    badSentiment: (value: string) => `\`sentiment:${value}\` isn't one I know: use positive, neutral or negative.`,
    duplicateOption: (option: LogOption) => `\`${option}:\` is given twice: keep one.`,
    clientNameTooLong: (limit: number, actual: number) => `A client name is at most ${limit} characters; this one has ${actual}.`,
    summaryTooLong: (limit: number, actual: number) => `The summary is ${actual} characters; the limit is ${limit}. Shorten it, or use \`/log\` alone for the form.`,
    commandTooLong: (limit: number, actual: number) => `That's ${actual} characters; a /log is at most ${limit}.`,
  },
  whenProblem: {
    empty: "`next:` needs a date.",
    unrecognised: "I couldn't read that `next:` date.",
    past: "That `next:` date is in the past.",
    "invalid-date": "That `next:` date doesn't exist on the calendar.",
    "too-far": "That `next:` date is more than 5 years away.",
  } satisfies Record<WhenError, string>,
  /** `problem` is one of `whenProblem`; `text` is what was typed, escaped. */
  badNextDate: (problem: string, text: string) =>
    `${problem} You wrote \`next:${text}\`. Use 3d, 2w, 1m, a weekday (mon…sun) or YYYY-MM-DD, today or later. Nothing was logged.`,
  nameEmpty: "Give the client's name.",
  nameTooLong: (limit: number, length: number) => `A client name is at most ${limit} characters; this one has ${length}. Nothing was saved.`,

  // Which client?
  whichClient: "Which client?",
  whichClientPart: "Which client? Give a name or part of one.",
  tierWhichClient: "Which client? `/tier` shows a client's tier, score, owner and next follow-up.",
  /** No client by that name, nothing close either: `query` is escaped. */
  noClientMatches: (query: string) => `No client matches *${query}*. Add it with \`/client add ${query}\`.`,
  /** No client by that name, but close ones: `query` and `names` are escaped (the notification text). */
  noClientMatchesDidYouMean: (query: string, names: readonly string[]) => `No client matches *${query}*. Did you mean: ${names.join(", ")}?`,
  /** The same, above the list of close names. */
  noClientMatchesPick: (query: string) => `No client matches *${query}*. Did you mean:`,
  /** `query` is escaped. */
  orAddItWith: (query: string) => `Or add it with \`/client add ${query}\`.`,
  /** `query` is escaped. */
  severalMatch: (query: string) => `Several clients match *${query}*: pick one.`,
  moreMatches: (n: number) => `${n} more: type more of the name.`,
  /** `query` and `names` are escaped. */
  severalMatchFallback: (query: string, names: readonly string[]) => `Several clients match ${query}: ${names.join(", ")}`,
  clientGone: "That client is no longer there: it may have been archived.",
  showCard: "Show card",

  // Touches
  /** `type` is the touch type in words, `client` escaped, `followUp` one of the sentences below. */
  touchLogged: (type: string, client: string, followUp: string) => `Logged ${/^[aeiou]/.test(type) ? "an" : "a"} ${type} with *${client}*. ${followUp}`,
  /** `date` for people, `ymd` as stored; `asked` when the rep gave `next:`, else it is from the cadence. */
  loggedFollowUp: (date: string, ymd: string, asked: boolean) => `Next follow-up: *${date}* (${ymd})${asked ? ", as you asked" : ", from the cadence"}.`,
  /** `type` in words, `client` escaped. */
  touchEdited: (type: string, client: string) => `Saved your changes to the ${type} with *${client}*.`,
  editedFollowUp: (date: string, ymd: string) => ` Next follow-up: *${date}* (${ymd}).`,
  edit: "Edit",
  undo: "Undo",
  touchNotEditable: "That touch can't be edited: only the rep who logged it can, and not once it is undone.",
  /** `summary` is escaped. */
  touchUndone: (summary: string) => `Undone: the touch "${summary}" is no longer logged, and the follow-up is back to what the other touches say.`,
  touchNotUndoable: "That touch can't be undone: only its rep can, within a day of logging it, and only once.",
  /** `client` is escaped. */
  duplicateTouch: (client: string) => `That touch with *${client}* is already logged; nothing changed.`,

  // Failures
  somethingWentWrong: "Sorry, that didn't work on our side, and nothing was saved. Please try again in a moment.",
  alreadyHandled: "That command reached me twice; I handled it the first time, so nothing changed now.",
  /** `command` is the command and its first word, escaped (`/client foo`). */
  unknownCommand: (command: string) => `I don't know \`${command}\`.`,
};

export const zhCN: typeof en = {
  usage: (line, problem) => `${problem ? `${problem}\n` : ""}用法：\`${line}\``,
  logUsage: (line, problem) => `${problem ? `${problem}\n` : ""}*用法：*\`${line}\``,
  logUsageFallback: (line, problem) => `${problem ?? ""}用法：\`${line}\``,
  logHelp:
    "类型：`call`（电话）、`meeting`（会议）、`email`（邮件）、`visit`（拜访）、`message`（消息）、`note`（备注）。`next:` 可填 `3d`、`2w`、`1m`、星期几（`mon`…`sun`）或 `YYYY-MM-DD`。只输入 `/log` 可打开表单。",
  logFormDidNotOpen: "表单未能及时打开，请改用下面的命令格式。",
  logProblem: {
    missingType: "没有找到接触类型：请在客户名称后写上 `call`、`meeting`、`email`、`visit`、`message` 或 `note` 之一。",
    missingClient: "哪个客户？请把客户名称写在接触类型之前。",
    missingSummary: "请在接触类型后写一句简短摘要。",
    badSentiment: (value) => `无法识别 \`sentiment:${value}\`：请用 \`positive\`、\`neutral\` 或 \`negative\`。`,
    duplicateOption: (option) => `\`${option}:\` 写了两次：请只保留一个。`,
    clientNameTooLong: (limit, actual) => `客户名称最多 ${limit} 个字符，这个有 ${actual} 个。`,
    summaryTooLong: (limit, actual) => `摘要有 ${actual} 个字符，上限为 ${limit}。请缩短，或只输入 \`/log\` 使用表单。`,
    commandTooLong: (limit, actual) => `该命令有 ${actual} 个字符，\`/log\` 最多 ${limit} 个。`,
  },
  whenProblem: {
    empty: "`next:` 后面需要一个日期。",
    unrecognised: "无法识别这个 `next:` 日期。",
    past: "这个 `next:` 日期已经过去。",
    "invalid-date": "日历上没有这个 `next:` 日期。",
    "too-far": "这个 `next:` 日期在 5 年之后，太远了。",
  },
  badNextDate: (problem, text) => `${problem}您写的是 \`next:${text}\`。请用 \`3d\`、\`2w\`、\`1m\`、星期几（\`mon\`…\`sun\`）或 \`YYYY-MM-DD\`，且不早于今天。未记录任何内容。`,
  nameEmpty: "请提供客户名称。",
  nameTooLong: (limit, length) => `客户名称最多 ${limit} 个字符，这个有 ${length} 个。未保存任何内容。`,

  whichClient: "哪个客户？",
  whichClientPart: "哪个客户？请输入名称或名称的一部分。",
  tierWhichClient: "哪个客户？`/tier` 可查看客户的等级、评分、负责人和下次跟进。",
  noClientMatches: (query) => `没有与 *${query}* 匹配的客户。可用 \`/client add ${query}\` 添加。`,
  noClientMatchesDidYouMean: (query, names) => `没有与 *${query}* 匹配的客户。您要找的是不是：${names.join("、")}？`,
  noClientMatchesPick: (query) => `没有与 *${query}* 匹配的客户。您要找的是不是：`,
  orAddItWith: (query) => `或用 \`/client add ${query}\` 添加。`,
  severalMatch: (query) => `有多个客户与 *${query}* 匹配，请选择一个。`,
  moreMatches: (n) => `另有 ${n} 个：请输入更完整的名称。`,
  severalMatchFallback: (query, names) => `有多个客户与 ${query} 匹配：${names.join("、")}`,
  clientGone: "该客户已不存在，可能已被归档。",
  showCard: "查看卡片",

  touchLogged: (type, client, followUp) => `已记录与 *${client}* 的一次接触（${type}）。${followUp}`,
  loggedFollowUp: (date, ymd, asked) => `下次跟进：*${date}*（${ymd}），${asked ? "按您指定的日期" : "按跟进周期"}。`,
  touchEdited: (type, client) => `已保存修改：与 *${client}* 的接触（${type}）。`,
  editedFollowUp: (date, ymd) => `下次跟进：*${date}*（${ymd}）。`,
  edit: "编辑",
  undo: "撤销",
  touchNotEditable: "无法编辑这条接触记录：只有记录人可以编辑，且撤销后不能再编辑。",
  touchUndone: (summary) => `已撤销：接触记录“${summary}”已删除，下次跟进已按其他接触记录重新计算。`,
  touchNotUndoable: "无法撤销这条接触记录：只有记录人可以在记录后一天内撤销，且只能撤销一次。",
  duplicateTouch: (client) => `与 *${client}* 的这次接触已经记录过，未作任何更改。`,

  somethingWentWrong: "抱歉，系统出了问题，未保存任何内容。请稍后再试。",
  alreadyHandled: "这条命令收到了两次；第一次已处理，这次未作任何更改。",
  unknownCommand: (command) => `无法识别 \`${command}\`。`,
};
