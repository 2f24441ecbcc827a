/**
 * The App Home tab: its sections around the follow-up list (which speaks t.followUps), the A-tier clients, the
 * risks, the team's totals and the help. Names (`name`) and mentions (`who`) passed in are already escaped mrkdwn;
 * dates are already formatted for the reader.
 */
import { LOG_USAGE } from "../../domain/log-command.ts";
import { plural } from "../../domain/text.ts";

export const en = {
  title: "Client follow-ups",
  /** Shown instead of the sections when the store could not be read. */
  intro: "Keep every client relationship on cadence: log touches in seconds, see who is due, and know a client before the call.",
  followUpsNone: "*Your follow-ups*: nothing due in the next 7 days. :tada:",
  followUpsCounts: (overdue: number, thisWeek: number) => `*Your follow-ups*: ${overdue} overdue, ${thisWeek} due this week.`,
  followUpsMore: (n: number) => `…and ${n} more. \`/followups\` lists them.`,
  topClientsNone: "*Your A-tier clients*: none yet.",
  topClientsHeading: (total: number) => `*Your A-tier clients* (${total})`,
  /** `lastTouch` is a formatted date, or null when the client was never touched. */
  topClient: (name: string, lastTouch: string | null) => `• *${name}*: ${lastTouch ? `last touch ${lastTouch}` : "never touched"}`,
  topClientsMore: (n: number) => `…and ${n} more: \`/client list A\`.`,
  risksNone: "*Risks on your clients*: none. :white_check_mark:",
  /** How many of the person's clients are in a risk state now, and in how many states in all. */
  risksHeading: (clients: number, states: number) => `*Risks on your clients*: ${plural(states, "risk state")} on ${plural(clients, "client")}`,
  /** One risk: `rule` and `reason` as the risk texts give them (mrkdwn, escaped). */
  risk: (name: string, rule: string, reason: string) => `• *${name}*: ${rule}, ${reason}`,
  /** The clients in a risk state that the tab does not list. */
  risksMore: (clients: number) => `…and ${plural(clients, "more client")} in a risk state: \`/client list mine\` shows each one's risks, \`/tier <client>\` why.`,
  team: (overdue: number, people: number) => `*Your team*: ${plural(overdue, "overdue follow-up")} across ${plural(people, "person", "people")}`,
  /** `who` is a mention. */
  teamMember: (who: string, overdue: number) => `• ${who}: ${overdue} overdue`,
  teamMore: (n: number) => `…and ${n} more.`,
  /** How to use the bot: mrkdwn lines, commands and their keywords as users type them. */
  help: [
    "*`/tier <client>`*: the client card, with tier, an explained score, owner, last touches and next follow-up.",
    `*\`${LOG_USAGE}\`*: log a touch. \`/log\` alone opens the form.`,
    "*`/followups`*: what is due, overdue first, with Done and Snooze buttons.",
    "*`/team`*: who is a rep, a manager or an admin.",
    "*`/client add|show|edit|archive|history <name>`*, *`/client assign <name> @person`*, *`/client list [mine|A|B|C|key]`*: client records.",
  ] as readonly string[],
  helpDates: "Dates like `next:3d`, `next:2w`, `next:fri` or `next:2026-12-01` are read in your Slack timezone.",
};

export const zhCN: typeof en = {
  title: "客户跟进",
  intro: "让每段客户关系按节奏推进：几秒钟记录一次接触，随时掌握该跟进谁，通话前先了解客户。",
  followUpsNone: "*您的跟进*：未来 7 天内没有到期的跟进。:tada:",
  followUpsCounts: (overdue, thisWeek) => `*您的跟进*：${overdue} 项逾期，${thisWeek} 项本周到期。`,
  followUpsMore: (n) => `…另有 ${n} 项，\`/followups\` 可查看全部。`,
  topClientsNone: "*您的 A 级客户*：暂无。",
  topClientsHeading: (total) => `*您的 A 级客户*（${total}）`,
  topClient: (name, lastTouch) => `• *${name}*：${lastTouch ? `最近接触 ${lastTouch}` : "尚未接触"}`,
  topClientsMore: (n) => `…另有 ${n} 个：\`/client list A\`。`,
  risksNone: "*您的客户风险*：无。:white_check_mark:",
  risksHeading: (clients, states) => `*您的客户风险*：${clients} 个客户共 ${states} 项风险`,
  risk: (name, rule, reason) => `• *${name}*：${rule}，${reason}`,
  risksMore: (clients) => `…另有 ${clients} 个客户处于风险状态：\`/client list mine\` 可查看各客户的风险，\`/tier 客户名\` 可查看原因。`,
  team: (overdue, people) => `*您的团队*：${people} 人共有 ${overdue} 项逾期跟进`,
  teamMember: (who, overdue) => `• ${who}：${overdue} 项逾期`,
  teamMore: (n) => `…另有 ${n} 人。`,
  help: [
    "*`/tier <客户>`*：客户卡片，含等级、评分依据、负责人、最近接触和下次跟进。",
    `*\`${LOG_USAGE}\`*：记录一次接触（命令按原样输入）。只输入 \`/log\` 会打开表单。`,
    "*`/followups`*：待办跟进，逾期的排在前面，附“完成”和“延后”按钮。",
    "*`/team`*：谁是客户经理、主管或管理员。",
    "*`/client add|show|edit|archive|history <名称>`*、*`/client assign <名称> @某人`*、*`/client list [mine|A|B|C|key]`*：客户档案。",
  ],
  helpDates: "`next:3d`、`next:2w`、`next:fri` 或 `next:2026-12-01` 这类日期按您的 Slack 时区理解。",
};
