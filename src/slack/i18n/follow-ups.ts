/**
 * Follow-ups: the `/followups` list and its buttons, the notices a button leaves, pausing the morning nudges,
 * the nudge DM itself and the "Snooze until…" modal.
 * Names (`name`), mentions (`who`), reasons and typed text passed in are already escaped mrkdwn; dates are
 * already formatted for the reader (t.common.date).
 */
import type { WhenError } from "../../domain/when.ts";
import { plural } from "../../domain/text.ts";

export const en = {
  /**
   * How a follow-up's due date reads in a list. The words carry the status on their own: the red or yellow dot
   * before them is lost to a screen reader or a browser without an emoji font.
   */
  overdue: (days: number, date: string) => `*overdue by ${plural(days, "day")}* (due ${date})`,
  dueToday: (date: string) => `*due today* (${date})`,
  /** `days` from today, 1 or more. */
  dueIn: (days: number, date: string) => `due in ${plural(days, "day")} (${date})`,
  /** One follow-up: `tier` as t.common.tier gives it, `due` from the three above. */
  item: (name: string, tier: string, due: string) => `*${name}* · ${tier} · ${due}`,
  done: "Done",
  snoozeDay: "Snooze 1 day",
  snoozeWeek: "Snooze 1 week",
  snoozeUntil: "Snooze until…",
  logTouch: "Log a touch",

  yours: "Your follow-ups",
  /** `who` is a mention. */
  ofPerson: (who: string) => `Follow-ups of ${who}`,
  /** The header of someone else's list. */
  othersHeader: "Follow-ups",
  /** `whose` is yours or ofPerson. */
  nothingDue: (whose: string) => `${whose}: nothing due in the next 7 days. :tada:`,
  /**
   * The line under the list's header: the header already says whose list it is, so yours is not named again;
   * someone else's names them (`who` a mention, which a plain-text header cannot hold).
   */
  counts: (who: string | null, overdue: number, thisWeek: number) => `${who ? `${who}: ` : ""}${overdue} overdue, ${thisWeek} due this week.`,
  more: (n: number) => `…and ${n} more. Clear some and run \`/followups\` again.`,
  /** The notification text: `items` from summaryItem. */
  summaryItem: (name: string, overdueDays: number, dueOn: string) =>
    `${name} (${overdueDays > 0 ? `overdue ${overdueDays}d` : overdueDays === 0 ? "due today" : `due ${dueOn}`})`,
  summary: (whose: string, items: readonly string[], more: number) => `${whose}: ${items.join(", ")}${more ? ` and ${more} more` : ""}`,
  /** `who` is a mention. */
  refused: (who: string) => `You can see ${who}'s follow-ups only as their manager or as an admin. \`/followups\` alone shows yours.`,

  /** What a button did, shown above the refreshed list. */
  noticeDone: (name: string, nextDate: string) => `:white_check_mark: Done with *${name}*: next follow-up ${nextDate}.`,
  noticeSnoozed: (name: string, until: string, reason: string | null) => `:zzz: *${name}* snoozed until ${until}${reason ? ` (${reason})` : ""}.`,
  noticeStale: "That follow-up was already handled; here is the list as it is now.",
  noticeRefused: "Only the client's owner, their manager or an admin can snooze that follow-up.",
  noticeUnknownClient: "That client is no longer there.",

  /** `/followups pause <when>` and `/followups resume`. */
  pauseProblem: {
    empty: "Say until when.",
    unrecognised: "I couldn't read that date.",
    past: "Pause until a day after today.",
    "invalid-date": "That date doesn't exist on the calendar.",
    "too-far": "That date is more than 5 years away.",
  } satisfies Record<WhenError, string>,
  paused: (resumeDate: string) => `:palm_tree: Your morning nudges are paused. They start again on ${resumeDate}; \`/followups resume\` brings them back sooner.`,
  resumed: ":bell: Your morning nudges are on again.",
  /** `typed` is escaped. */
  badPauseDate: (problem: string, typed: string) =>
    `${problem} You wrote \`${typed}\`. Give the day nudges start again: 3d, 2w, 1m, a weekday (mon…sun) or YYYY-MM-DD, e.g. \`/followups pause 2w\`. Nothing changed.`,
  /** The command's syntax (replies' usage shows it). */
  usageLine: "/followups [@person] | /followups pause <until> | /followups resume",
  usageProblem: "Name one person with an @-mention, or nothing for your own list; `pause 2w` or `resume` for your morning nudges.",

  /** The first line of the morning DM. */
  nudgeGreeting: (count: number, overdue: number) =>
    `Good morning! ${count} follow-up${count === 1 ? " needs" : "s need"} you today${overdue ? ` (${overdue} overdue)` : ""}.`,

  /** The "Snooze until…" modal. */
  snooze: {
    title: "Snooze a follow-up",
    submit: "Snooze",
    cancel: "Cancel",
    close: "Close",
    /** `name` is escaped, `date` formatted. */
    dueLine: (name: string, date: string) => `*${name}*, due ${date}.`,
    until: "Until",
    reason: "Reason",
    reasonHint: 'Kept with the follow-up, e.g. "client on holiday until then".',
    pickDay: "Pick the day it falls due again.",
    pickFromCalendar: "Pick the date from the calendar.",
    afterToday: "Pick a day after today.",
    tooLong: (max: number) => `At most ${max} characters.`,
  },
};

export const zhCN: typeof en = {
  overdue: (days, date) => `*已逾期 ${days} 天*（${date}到期）`,
  dueToday: (date) => `*今天到期*（${date}）`,
  dueIn: (days, date) => `${days} 天后到期（${date}）`,
  item: (name, tier, due) => `*${name}* · ${tier} · ${due}`,
  done: "完成",
  snoozeDay: "延后 1 天",
  snoozeWeek: "延后 1 周",
  snoozeUntil: "延后至…",
  logTouch: "记录接触",

  yours: "您的跟进",
  ofPerson: (who) => `${who} 的跟进`,
  othersHeader: "跟进事项",
  nothingDue: (whose) => `${whose}：未来 7 天内没有到期的跟进。:tada:`,
  counts: (who, overdue, thisWeek) => `${who ? `${who}：` : ""}${overdue} 项逾期，${thisWeek} 项本周到期。`,
  more: (n) => `…另有 ${n} 项。处理掉一些后再运行 \`/followups\`。`,
  summaryItem: (name, overdueDays, dueOn) => `${name}（${overdueDays > 0 ? `逾期 ${overdueDays} 天` : overdueDays === 0 ? "今天到期" : `${dueOn}到期`}）`,
  summary: (whose, items, more) => `${whose}：${items.join("、")}${more ? `，另有 ${more} 项` : ""}`,
  refused: (who) => `只有 ${who} 的主管或管理员才能查看其跟进。只输入 \`/followups\` 可查看您自己的。`,

  noticeDone: (name, nextDate) => `:white_check_mark: *${name}* 已完成：下次跟进 ${nextDate}。`,
  noticeSnoozed: (name, until, reason) => `:zzz: *${name}* 已延后至 ${until}${reason ? `（${reason}）` : ""}。`,
  noticeStale: "该跟进已处理过，以下是最新的列表。",
  noticeRefused: "只有该客户的负责人、其主管或管理员才能延后这项跟进。",
  noticeUnknownClient: "该客户已不存在。",

  pauseProblem: {
    empty: "请说明暂停到哪一天。",
    unrecognised: "无法识别这个日期。",
    past: "请选择今天之后的日期。",
    "invalid-date": "日历上没有这一天。",
    "too-far": "这个日期在 5 年以后。",
  },
  paused: (resumeDate) => `:palm_tree: 您的晨间提醒已暂停，将于 ${resumeDate}恢复；输入 \`/followups resume\` 可提前恢复。`,
  resumed: ":bell: 您的晨间提醒已恢复。",
  badPauseDate: (problem, typed) =>
    `${problem}您输入的是 \`${typed}\`。请给出恢复提醒的日期：\`3d\`、\`2w\`、\`1m\`、星期（\`mon\`…\`sun\`）或 \`YYYY-MM-DD\`，例如 \`/followups pause 2w\`。未做任何更改。`,
  usageLine: "/followups [@某人] | /followups pause <日期> | /followups resume",
  usageProblem: "请用 @ 提及一个人，或不加参数查看您自己的列表；用 `pause 2w` 或 `resume` 管理晨间提醒。",

  nudgeGreeting: (count, overdue) => `早上好！今天有 ${count} 项跟进需要您处理${overdue ? `（其中 ${overdue} 项已逾期）` : ""}。`,

  snooze: {
    title: "延后跟进",
    submit: "延后",
    cancel: "取消",
    close: "关闭",
    dueLine: (name, date) => `*${name}*，${date}到期。`,
    until: "延后至",
    reason: "原因",
    reasonHint: "随跟进一起保存，例如“客户休假至该日”。",
    pickDay: "请选择重新到期的日期。",
    pickFromCalendar: "请从日历中选择日期。",
    afterToday: "请选择今天之后的日期。",
    tooLong: (max) => `最多 ${max} 个字符。`,
  },
};
