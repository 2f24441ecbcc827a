/**
 * Client records: `/client add`, `list`, `assign`, `reassign`, `archive`, `history`, and the edit form with its
 * field problems. Names of clients reach these messages already escaped unless a comment says plain text.
 */
import type { ClientListFilter } from "../../services/clients.ts";
import { plural } from "../../domain/text.ts";

export const en = {
  // `/client` prompts (shown above the usage line)
  whatToDo: "What would you like to do with a client?",
  editWhichClient: "Which client? The edit form opens for the full name.",
  listFilters: "List all clients, yours (`mine`), a tier (`A`, `B`, `C`) or the key clients (`key`).",
  assignHow: "Give the client's name, then the new owner as an @-mention.",
  reassignHow: "Name whose clients move, then who takes them over, both as @-mentions.",
  editFormDidNotOpen: "The edit form didn't open in time; please run the command again.",

  // `/client add`
  /** `name` is escaped, `tier` from t.common.tier. */
  created: (name: string, tier: string) => `Added *${name}* (${tier}), owned by you.`,
  /** `name` is escaped. */
  exists: (name: string, archived: boolean) =>
    `*${name}* already exists${archived ? " (archived)" : ""}. Names are unique in the workspace, ignoring case and spacing.`,

  // `/client list`
  listTitle: { all: "All clients", mine: "Your clients", A: "Tier A clients", B: "Tier B clients", C: "Tier C clients", key: "Key clients" } satisfies Record<
    ClientListFilter,
    string
  >,
  /** The list's header and fallback start: `title` from listTitle. */
  listHeader: (title: string, total: number) => `${title} (${total})`,
  /** Nothing matches: `mine` says how to add one. */
  listEmpty: (title: string, mine: boolean) => `${title}: none.${mine ? " Add one with `/client add <name>`." : ""}`,
  lastTouch: (date: string) => `last touch ${date}`,
  noTouchYet: "no touch yet",
  /** The risk states a listed client is in now: `rules` the rules' inline names, joined (t.risk.notice.rules), escaped. */
  listRisks: (count: number, rules: string) => `:warning: ${plural(count, "risk")}: ${rules}`,
  listMore: (n: number) => `…and ${n} more. Narrow it down with \`/client list mine|A|B|C|key\`, or use \`/tier <name>\`.`,
  /** `names` are escaped. */
  listFallback: (header: string, names: readonly string[], more: number) => `${header}: ${names.join(", ")}${more > 0 ? ` and ${more} more` : ""}`,
  /** An owner (`who`, a mention) with more key clients than the rules' keyClient.maxPerRep (`max`). */
  keyOverCap: (who: string, count: number, max: number) =>
    `:warning: ${who} carries ${plural(count, "key client")}, over the ${max} the rules suggest: raise the key-client thresholds in the rules file, or accept it.`,

  // `/client assign` and `reassign`
  assignRefused: "Only managers (for their team) and admins can reassign clients.",
  /** `name` is escaped; `owner` and `previous` are mentions. */
  assigned: (name: string, owner: string, previous: string | null) => `*${name}* is now owned by ${owner}${previous ? ` (was ${previous})` : ""}.`,
  reassignRefused: "Only managers (for their team) and admins can move someone's clients.",
  samePerson: "Name two different people: whose clients, then who takes them over.",
  /** `from` is a mention. */
  nothingToMove: (from: string) => `${from} owns no active clients; nothing moved.`,
  /** `from` and `to` are mentions. */
  reassigned: (count: number, from: string, to: string) =>
    `Moved ${plural(count, "active client")} from ${from} to ${to}. Their follow-ups and risks moved with them.`,

  // Editing
  editRefused: "Only the client's owner, their manager or an admin can edit it. `/tier` shows it to everyone.",
  /** `name` is escaped. */
  unchanged: (name: string) => `Nothing changed on *${name}*.`,
  /** `name` is escaped, `tier` from t.common.tier. */
  saved: (name: string, fields: number, tier: string) => `Saved *${name}* (${plural(fields, "field")} changed); ${tier}.`,

  // `/client archive`
  archiveRefused: "Only the client's owner, their manager or an admin can archive it.",
  /** `name` is escaped. */
  alreadyArchived: (name: string) => `*${name}* is already archived.`,
  /** `name` is escaped. */
  archived: (name: string) => `Archived *${name}*. Its history is kept; it no longer appears in lists, lookups or follow-ups.`,

  // `/client history`
  historyRefused: "A client's change history is for admins.",
  /** `name` is escaped. */
  historyEmpty: (name: string) => `No recorded changes to *${name}* yet.`,
  /** Plain text (a header): `name` as stored. */
  historyHeader: (name: string) => `History: ${name}`,
  historyNote: "Newest first; the full trail is in `npm run export -- audit`.",
  /** `name` is escaped. */
  historyFallback: (name: string, count: number) => `History of ${name}: ${count} changes`,
  /** An empty value in a change's details. */
  noValue: "none",

  // The edit form (plain text: Slack's limits are kept by the view)
  form: {
    title: "Edit client",
    submit: "Save",
    close: "Cancel",
    owner: "Owner",
    annualRevenue: (currency: string) => `Annual revenue (${currency})`,
    relationshipSince: "Relationship since",
    relationshipType: "Relationship type",
    lifecycleStage: "Lifecycle stage",
    riskLevel: "Risk level",
    satisfaction: "Satisfaction (0-100)",
    industry: "Industry",
    region: "Region",
    cadenceDays: "Cadence (days between touches)",
    cadenceHint: "Leave empty to use the tier's or relationship type's cadence.",
    tierOverride: "Tier override",
    noOverride: "No override: tier from the score",
    overrideTier: (tier: string) => `Tier ${tier}`,
    overrideReason: "Reason for the override",
    overrideReasonHint: "Required with an override; shown on the card.",
  },
  /** The edit form's problems, each shown on its field. */
  formError: {
    annualRevenue: "Annual revenue",
    satisfaction: "Satisfaction",
    industry: "Industry",
    region: "Region",
    cadence: "Cadence",
    /** `max` is null when there is no upper bound. */
    number: (label: string, integer: boolean, min: number, max: number | null) =>
      `${label}: ${integer ? "a whole number" : "a number"} from ${min}${max !== null ? ` to ${max}` : " up"}.`,
    tooLong: (label: string, limit: number, actual: number) => `${label}: at most ${limit} characters (this has ${actual}).`,
    pickDate: "Pick the date from the calendar.",
    futureStart: "A relationship can't start in the future.",
    reasonRequired: "Say why the tier is overridden: the card shows it.",
  },
};

export const zhCN: typeof en = {
  whatToDo: "想对客户做什么？",
  editWhichClient: "哪个客户？请输入完整名称以打开编辑表单。",
  listFilters: "可列出全部客户、您的客户（`mine`）、某一等级（`A`、`B`、`C`）或重点客户（`key`）。",
  assignHow: "请先写客户名称，再 @ 新负责人。",
  reassignHow: "请先 @ 原负责人，再 @ 接手的人。",
  editFormDidNotOpen: "编辑表单未能及时打开，请重新运行该命令。",

  created: (name, tier) => `已添加 *${name}*（${tier}），由您负责。`,
  exists: (name, archived) => `*${name}* 已存在${archived ? "（已归档）" : ""}。同一工作区内客户名称不能重复（不区分大小写和空格）。`,

  listTitle: { all: "全部客户", mine: "您的客户", A: "A 级客户", B: "B 级客户", C: "C 级客户", key: "重点客户" },
  listHeader: (title, total) => `${title}（${total}）`,
  listEmpty: (title, mine) => `${title}：无。${mine ? "可用 `/client add <客户名称>` 添加。" : ""}`,
  lastTouch: (date) => `最近接触 ${date}`,
  noTouchYet: "尚无接触",
  listRisks: (count, rules) => `:warning: ${count} 项风险：${rules}`,
  listMore: (n) => `…还有 ${n} 个。可用 \`/client list mine|A|B|C|key\` 缩小范围，或用 \`/tier <客户名称>\` 查看。`,
  listFallback: (header, names, more) => `${header}：${names.join("、")}${more > 0 ? `，另有 ${more} 个` : ""}`,
  keyOverCap: (who, count, max) => `:warning: ${who} 名下有 ${count} 个重点客户，超过规则建议的 ${max} 个：可在规则文件中提高重点客户门槛，或接受现状。`,

  assignRefused: "只有主管（限本团队）和管理员可以更换客户负责人。",
  assigned: (name, owner, previous) => `*${name}* 的负责人已改为 ${owner}${previous ? `（原为 ${previous}）` : ""}。`,
  reassignRefused: "只有主管（限本团队）和管理员可以转移他人的客户。",
  samePerson: "请 @ 两个不同的人：先写原负责人，再写接手的人。",
  nothingToMove: (from) => `${from} 名下没有活跃客户，未转移任何客户。`,
  reassigned: (count, from, to) => `已将 ${count} 个活跃客户从 ${from} 转给 ${to}，相关跟进和风险一并转移。`,

  editRefused: "只有客户负责人、其主管或管理员可以编辑该客户。所有人都可用 `/tier` 查看。",
  unchanged: (name) => `*${name}* 没有任何变更。`,
  saved: (name, fields, tier) => `已保存 *${name}*（修改了 ${fields} 项），当前为 ${tier}。`,

  archiveRefused: "只有客户负责人、其主管或管理员可以归档该客户。",
  alreadyArchived: (name) => `*${name}* 已归档。`,
  archived: (name) => `已归档 *${name}*。历史记录会保留；该客户不再出现在列表、查询和跟进中。`,

  historyRefused: "客户变更历史仅限管理员查看。",
  historyEmpty: (name) => `*${name}* 暂无变更记录。`,
  historyHeader: (name) => `变更历史：${name}`,
  historyNote: "按时间倒序；完整记录可用 `npm run export -- audit` 导出。",
  historyFallback: (name, count) => `${name} 的变更历史：${count} 条`,
  noValue: "无",

  form: {
    title: "编辑客户",
    submit: "保存",
    close: "取消",
    owner: "负责人",
    annualRevenue: (currency) => `年收入（${currency}）`,
    relationshipSince: "合作起始日期",
    relationshipType: "关系类型",
    lifecycleStage: "生命周期阶段",
    riskLevel: "风险等级",
    satisfaction: "满意度（0-100）",
    industry: "行业",
    region: "地区",
    cadenceDays: "跟进周期（两次接触间隔天数）",
    cadenceHint: "留空则按等级或关系类型的默认周期。",
    tierOverride: "人工调整等级",
    noOverride: "不调整：按评分定级",
    overrideTier: (tier) => `${tier} 级`,
    overrideReason: "调整原因",
    overrideReasonHint: "人工调整等级时必填，将显示在客户卡片上。",
  },
  formError: {
    annualRevenue: "年收入",
    satisfaction: "满意度",
    industry: "行业",
    region: "地区",
    cadence: "跟进周期",
    number: (label, integer, min, max) => `${label}：请输入${max !== null ? ` ${min} 到 ${max} ` : ` ${min} 及以上`}的${integer ? "整数" : "数字"}。`,
    tooLong: (label, limit, actual) => `${label}：最多 ${limit} 个字符（当前 ${actual} 个）。`,
    pickDate: "请从日历中选择日期。",
    futureStart: "合作起始日期不能晚于今天。",
    reasonRequired: "请填写调整等级的原因：客户卡片上会显示。",
  },
};
