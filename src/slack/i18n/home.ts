/**
 * The App Home tab: its sections around the follow-up list (which speaks t.followUps), the key clients, the other
 * A-tier clients, the risks, the team's totals and key-client coverage, and the help. Names (`name`) and mentions (`who`) passed in are already escaped mrkdwn;
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
  keyClientsNone: "*Your key clients*: none. A client is key when it meets the rules' revenue and relationship-years thresholds.",
  keyClientsHeading: (total: number) => `*Your key clients* (${total}), highest score first`,
  /** One key client: `tier` as t.common.tier gives it; `due` the follow-up's words as the follow-up list says them, or null when none is set. */
  keyClient: (name: string, tier: string, score: number, due: string | null) => `• *${name}* · ${tier} · score ${score} · ${due ? `next follow-up ${due}` : "no follow-up set"}`,
  keyClientsMore: (n: number) => `…and ${n} more: \`/client list key\`.`,
  topClientsNone: "*Your other A-tier clients*: none.",
  /** The A-tier clients that are not key clients (those are listed with the key clients). */
  topClientsHeading: (total: number) => `*Your other A-tier clients* (${total})`,
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
  coverageNone: "*Your team's key clients*: none.",
  /** Key clients covered (touched within their cadence) out of all, and the whole percent. */
  coverage: (covered: number, total: number, percent: number) =>
    `*Your team's key clients*: ${covered} of ${plural(total, "key client")} covered (${percent}%), touched within their cadence`,
  /** `who` is a mention. */
  mostUncovered: (who: string, uncovered: number) => `• ${who}: ${uncovered} uncovered`,
  mostUncoveredHeading: "Most uncovered key clients:",
  allCovered: "Every key client on the team is covered. :white_check_mark:",
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
  keyClientsNone: "*您的重点客户*：无。客户达到规则中的收入和合作年限门槛即为重点客户。",
  keyClientsHeading: (total) => `*您的重点客户*（${total}），按评分从高到低`,
  keyClient: (name, tier, score, due) => `• *${name}* · ${tier} · 评分 ${score} · ${due ? `下次跟进：${due}` : "未设跟进"}`,
  keyClientsMore: (n) => `…另有 ${n} 个：\`/client list key\`。`,
  topClientsNone: "*您的其他 A 级客户*：无。",
  topClientsHeading: (total) => `*您的其他 A 级客户*（${total}）`,
  topClient: (name, lastTouch) => `• *${name}*：${lastTouch ? `最近接触 ${lastTouch}` : "尚未接触"}`,
  topClientsMore: (n) => `…另有 ${n} 个：\`/client list A\`。`,
  risksNone: "*您的客户风险*：无。:white_check_mark:",
  risksHeading: (clients, states) => `*您的客户风险*：${clients} 个客户共 ${states} 项风险`,
  risk: (name, rule, reason) => `• *${name}*：${rule}，${reason}`,
  risksMore: (clients) => `…另有 ${clients} 个客户处于风险状态：\`/client list mine\` 可查看各客户的风险，\`/tier 客户名\` 可查看原因。`,
  team: (overdue, people) => `*您的团队*：${people} 人共有 ${overdue} 项逾期跟进`,
  teamMember: (who, overdue) => `• ${who}：${overdue} 项逾期`,
  teamMore: (n) => `…另有 ${n} 人。`,
  coverageNone: "*团队的重点客户*：无。",
  coverage: (covered, total, percent) => `*团队的重点客户*：${total} 个中有 ${covered} 个已覆盖（${percent}%），即在跟进周期内有过接触`,
  mostUncovered: (who, uncovered) => `• ${who}：${uncovered} 个未覆盖`,
  mostUncoveredHeading: "未覆盖重点客户最多的成员：",
  allCovered: "团队的重点客户全部已覆盖。:white_check_mark:",
  help: [
    "*`/tier <客户>`*：客户卡片，含等级、评分依据、负责人、最近接触和下次跟进。",
    `*\`${LOG_USAGE}\`*：记录一次接触（命令按原样输入）。只输入 \`/log\` 会打开表单。`,
    "*`/followups`*：待办跟进，逾期的排在前面，附“完成”和“延后”按钮。",
    "*`/team`*：谁是客户经理、主管或管理员。",
    "*`/client add|show|edit|archive|history <名称>`*、*`/client assign <名称> @某人`*、*`/client list [mine|A|B|C|key]`*：客户档案。",
  ],
  helpDates: "`next:3d`、`next:2w`、`next:fri` 或 `next:2026-12-01` 这类日期按您的 Slack 时区理解。",
};
