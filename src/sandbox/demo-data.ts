/**
 * The sandbox's demo workspace: a sales team (a manager, four reps, an admin), three dozen project-finance clients
 * across tiers, relationship types, lifecycle stages and risk states, and months of touches. Pure and deterministic:
 * the same day gives the same data (a seeded generator, no wall clock). Dates are placed relative to `today` so that
 * some follow-ups are overdue, some due today, some due this week, some clients silent or unhappy.
 */
import { addDays, cadenceDaysFor } from "../domain/cadence.ts";
import type { InteractionType, Sentiment } from "../domain/interaction.ts";
import type { LifecycleStage, RelationshipType, RiskLevel, Rules, Tier } from "../domain/rules.ts";
import { scoreAndTier } from "../domain/scoring.ts";

export const DEMO_TEAM = { id: "T0SANDBOX", name: "Meridian Capital (sandbox)", domain: "meridian-sandbox" } as const;

/**
 * The demo book's key-client rule, used when the sandbox runs without a rules file: in a project-finance book nearly
 * every client passes the default (100,000 a year for 3 years), so the demo asks 15,000,000 for 5 years, which
 * leaves a handful of key clients, as a team can serve them.
 */
export const DEMO_KEY_CLIENT = { minAnnualRevenue: 15_000_000, minRelationshipYears: 5 } as const;

/** A client that left the key list a few days before `today` (its revenue fell under the demo rule's). */
export const DEMO_KEY_EXIT = { client: "Huaneng Coastal Wind", daysAgo: 3 } as const;

export type DemoRole = "rep" | "manager" | "admin";

export interface DemoPerson {
  id: string;
  name: string;
  handle: string;
  role: DemoRole;
  manager: string | null;
  tz: string;
  locale: string;
  title: string;
}

export const DEMO_PEOPLE: readonly DemoPerson[] = [
  { id: "U0SBREP01", name: "Mei Chen", handle: "mei", role: "rep", manager: "U0SBMGR01", tz: "Asia/Shanghai", locale: "en-US", title: "Relationship manager, energy" },
  { id: "U0SBREP02", name: "Lucas Martin", handle: "lucas", role: "rep", manager: "U0SBMGR01", tz: "Europe/Paris", locale: "en-GB", title: "Relationship manager, infrastructure" },
  { id: "U0SBREP03", name: "Aisha Khan", handle: "aisha", role: "rep", manager: "U0SBMGR01", tz: "Asia/Dubai", locale: "en-GB", title: "Relationship manager, water and transport" },
  { id: "U0SBREP04", name: "Daniel Okafor", handle: "daniel", role: "rep", manager: "U0SBMGR01", tz: "Europe/London", locale: "en-GB", title: "Associate, corporate lending" },
  // Reads Slack in Chinese: the bot answers her in Simplified Chinese.
  { id: "U0SBREP05", name: "王芳", handle: "wangfang", role: "rep", manager: "U0SBMGR01", tz: "Asia/Shanghai", locale: "zh-CN", title: "客户经理，基础设施" },
  { id: "U0SBMGR01", name: "Hannah Weber", handle: "hannah", role: "manager", manager: null, tz: "Europe/Berlin", locale: "en-GB", title: "Head of project finance coverage" },
  { id: "U0SBADM01", name: "Priya Nair", handle: "priya", role: "admin", manager: null, tz: "Asia/Singapore", locale: "en-US", title: "Sales operations" },
];

/** Where a client's follow-up stands on `today`: decides when its last touch was. */
type FollowUpState = "overdue" | "due-today" | "due-this-week" | "on-track" | "silent" | "next-logged";

interface DemoClientSpec {
  name: string;
  owner: string;
  industry: string;
  region: string;
  revenue: number;
  sinceYears: number;
  type: RelationshipType;
  lifecycle: LifecycleStage;
  risk: RiskLevel;
  satisfaction: number | null;
  state: FollowUpState;
  /** A negative touch in the last weeks. */
  negative?: boolean;
  cadenceDays?: number;
}

const [MEI, LUCAS, AISHA, DANIEL, WANG, HANNAH] = ["U0SBREP01", "U0SBREP02", "U0SBREP03", "U0SBREP04", "U0SBREP05", "U0SBMGR01"] as const;

const CLIENTS: readonly DemoClientSpec[] = [
  { name: "Yangtze River Water Holdings", owner: MEI, industry: "water", region: "East China", revenue: 18_500_000, sinceYears: 12, type: "strategic-cooperative", lifecycle: "mature", risk: "low", satisfaction: 92, state: "overdue" },
  { name: "Huaneng Coastal Wind", owner: MEI, industry: "energy", region: "East China", revenue: 12_000_000, sinceYears: 8, type: "strategic-cooperative", lifecycle: "active", risk: "low", satisfaction: 88, state: "due-today" },
  { name: "Gobi Solar Park Phase II", owner: MEI, industry: "energy", region: "Northwest China", revenue: 4_200_000, sinceYears: 4, type: "partnership-trust", lifecycle: "active", risk: "medium", satisfaction: 81, state: "due-this-week" },
  { name: "Pearl Delta Logistics", owner: MEI, industry: "logistics", region: "South China", revenue: 950_000, sinceYears: 6, type: "transactional-standard", lifecycle: "mature", risk: "low", satisfaction: 90, state: "on-track" },
  { name: "Sichuan Hydro Development", owner: MEI, industry: "energy", region: "Southwest China", revenue: 7_800_000, sinceYears: 3, type: "problem-solving-service", lifecycle: "at-risk", risk: "high", satisfaction: 61, state: "overdue", negative: true },
  { name: "Shenzhen Metro Line 16 SPV", owner: MEI, industry: "transport", region: "South China", revenue: 22_000_000, sinceYears: 5, type: "strategic-cooperative", lifecycle: "active", risk: "medium", satisfaction: 85, state: "next-logged" },
  { name: "Lotus Agritech", owner: MEI, industry: "agriculture", region: "Central China", revenue: 45_000, sinceYears: 1, type: "transactional-standard", lifecycle: "onboarding", risk: "medium", satisfaction: null, state: "on-track" },
  { name: "Harbin Heat & Power", owner: MEI, industry: "energy", region: "Northeast China", revenue: 2_600_000, sinceYears: 9, type: "partnership-trust", lifecycle: "mature", risk: "low", satisfaction: 94, state: "silent" },
  { name: "Nordic Grid Interconnect", owner: LUCAS, industry: "infrastructure", region: "Northern Europe", revenue: 31_000_000, sinceYears: 11, type: "strategic-cooperative", lifecycle: "mature", risk: "low", satisfaction: 96, state: "due-this-week" },
  { name: "Rhône Valley Rail Freight", owner: LUCAS, industry: "transport", region: "Western Europe", revenue: 5_400_000, sinceYears: 7, type: "partnership-trust", lifecycle: "active", risk: "low", satisfaction: 89, state: "overdue" },
  { name: "Iberia Toll Roads", owner: LUCAS, industry: "infrastructure", region: "Southern Europe", revenue: 9_100_000, sinceYears: 2, type: "transactional-standard", lifecycle: "active", risk: "medium", satisfaction: 74, state: "due-today" },
  { name: "Baltic Offshore Wind", owner: LUCAS, industry: "energy", region: "Northern Europe", revenue: 14_700_000, sinceYears: 3, type: "strategic-cooperative", lifecycle: "onboarding", risk: "low", satisfaction: 91, state: "on-track" },
  { name: "Danube Port Authority", owner: LUCAS, industry: "transport", region: "Central Europe", revenue: 640_000, sinceYears: 4, type: "problem-solving-service", lifecycle: "active", risk: "high", satisfaction: 58, state: "silent", negative: true },
  { name: "Alpine Data Centres", owner: LUCAS, industry: "technology", region: "Central Europe", revenue: 1_250_000, sinceYears: 1, type: "transactional-standard", lifecycle: "prospect", risk: "medium", satisfaction: null, state: "on-track" },
  { name: "Lyon District Heating", owner: LUCAS, industry: "energy", region: "Western Europe", revenue: 380_000, sinceYears: 10, type: "partnership-trust", lifecycle: "mature", risk: "low", satisfaction: 93, state: "next-logged" },
  { name: "Provence Hospitals PPP", owner: LUCAS, industry: "healthcare", region: "Western Europe", revenue: 2_900_000, sinceYears: 5, type: "problem-solving-service", lifecycle: "at-risk", risk: "medium", satisfaction: 67, state: "overdue" },
  { name: "Gulf Desalination Partners", owner: AISHA, industry: "water", region: "Middle East", revenue: 26_000_000, sinceYears: 9, type: "strategic-cooperative", lifecycle: "mature", risk: "low", satisfaction: 95, state: "due-today" },
  { name: "Oman Green Hydrogen", owner: AISHA, industry: "energy", region: "Middle East", revenue: 3_300_000, sinceYears: 2, type: "partnership-trust", lifecycle: "onboarding", risk: "medium", satisfaction: 84, state: "due-this-week" },
  { name: "Riyadh Metro Operations", owner: AISHA, industry: "transport", region: "Middle East", revenue: 16_400_000, sinceYears: 6, type: "strategic-cooperative", lifecycle: "active", risk: "low", satisfaction: 87, state: "overdue" },
  { name: "Red Sea Resorts Utilities", owner: AISHA, industry: "water", region: "Middle East", revenue: 720_000, sinceYears: 3, type: "transactional-standard", lifecycle: "active", risk: "medium", satisfaction: 79, state: "on-track" },
  { name: "Nile Delta Irrigation", owner: AISHA, industry: "agriculture", region: "North Africa", revenue: 210_000, sinceYears: 5, type: "problem-solving-service", lifecycle: "dormant", risk: "high", satisfaction: 52, state: "silent" },
  { name: "Casablanca Tramway", owner: AISHA, industry: "transport", region: "North Africa", revenue: 1_900_000, sinceYears: 4, type: "partnership-trust", lifecycle: "active", risk: "medium", satisfaction: 83, state: "next-logged", negative: true },
  { name: "Doha Cooling Networks", owner: AISHA, industry: "infrastructure", region: "Middle East", revenue: 8_600_000, sinceYears: 10, type: "strategic-cooperative", lifecycle: "mature", risk: "low", satisfaction: 97, state: "on-track" },
  { name: "Lagos Light Rail", owner: DANIEL, industry: "transport", region: "West Africa", revenue: 4_800_000, sinceYears: 2, type: "problem-solving-service", lifecycle: "at-risk", risk: "high", satisfaction: 64, state: "overdue", negative: true },
  { name: "Thames Estuary Flood Barrier", owner: DANIEL, industry: "infrastructure", region: "United Kingdom", revenue: 11_300_000, sinceYears: 13, type: "strategic-cooperative", lifecycle: "mature", risk: "low", satisfaction: 91, state: "due-this-week" },
  { name: "Northern Powerhouse Fibre", owner: DANIEL, industry: "telecoms", region: "United Kingdom", revenue: 560_000, sinceYears: 3, type: "transactional-standard", lifecycle: "active", risk: "low", satisfaction: 86, state: "due-today" },
  { name: "Kenya Geothermal Fund", owner: DANIEL, industry: "energy", region: "East Africa", revenue: 2_200_000, sinceYears: 6, type: "partnership-trust", lifecycle: "active", risk: "medium", satisfaction: 80, state: "on-track" },
  { name: "Accra Student Housing", owner: DANIEL, industry: "real estate", region: "West Africa", revenue: 85_000, sinceYears: 2, type: "transactional-standard", lifecycle: "prospect", risk: "medium", satisfaction: null, state: "on-track" },
  { name: "Welsh Tidal Lagoon", owner: DANIEL, industry: "energy", region: "United Kingdom", revenue: 150_000, sinceYears: 0, type: "partnership-trust", lifecycle: "prospect", risk: "medium", satisfaction: null, state: "next-logged" },
  { name: "Scottish Ferries Leasing", owner: DANIEL, industry: "transport", region: "United Kingdom", revenue: 1_400_000, sinceYears: 8, type: "transactional-standard", lifecycle: "mature", risk: "low", satisfaction: 90, state: "silent", cadenceDays: 45 },
  { name: "江南城市水务集团", owner: WANG, industry: "water", region: "华东", revenue: 13_600_000, sinceYears: 11, type: "strategic-cooperative", lifecycle: "mature", risk: "low", satisfaction: 90, state: "overdue" },
  { name: "西部光伏发展有限公司", owner: WANG, industry: "energy", region: "西北", revenue: 2_300_000, sinceYears: 3, type: "partnership-trust", lifecycle: "active", risk: "medium", satisfaction: 76, state: "due-today", negative: true },
  { name: "大湾区城际轨道投资", owner: WANG, industry: "transport", region: "华南", revenue: 9_800_000, sinceYears: 6, type: "problem-solving-service", lifecycle: "active", risk: "medium", satisfaction: 84, state: "due-this-week" },
  { name: "Mekong Hydro Consortium", owner: HANNAH, industry: "energy", region: "Southeast Asia", revenue: 140_000_000, sinceYears: 14, type: "strategic-cooperative", lifecycle: "mature", risk: "low", satisfaction: 93, state: "due-this-week" },
  { name: "Singapore Port Automation", owner: HANNAH, industry: "infrastructure", region: "Southeast Asia", revenue: 6_700_000, sinceYears: 4, type: "partnership-trust", lifecycle: "active", risk: "medium", satisfaction: 82, state: "overdue" },
  { name: "Andes Copper Transmission", owner: HANNAH, industry: "mining", region: "South America", revenue: 3_100_000, sinceYears: 7, type: "problem-solving-service", lifecycle: "active", risk: "high", satisfaction: 70, state: "on-track" },
  { name: "Jakarta Water Concession", owner: HANNAH, industry: "water", region: "Southeast Asia", revenue: 890_000, sinceYears: 2, type: "transactional-standard", lifecycle: "onboarding", risk: "medium", satisfaction: 77, state: "due-today" },
  { name: "Atacama Solar Storage", owner: HANNAH, industry: "energy", region: "South America", revenue: 19_200_000, sinceYears: 1, type: "partnership-trust", lifecycle: "onboarding", risk: "low", satisfaction: 90, state: "next-logged" },
  { name: "Harbour View Hotels", owner: HANNAH, industry: "hospitality", region: "Southeast Asia", revenue: 28_000, sinceYears: 1, type: "transactional-standard", lifecycle: "dormant", risk: "medium", satisfaction: null, state: "silent" },
];

export interface DemoClient extends DemoClientSpec {
  /** relationship_since (YYYY-MM-DD). */
  since: string;
  tier: Tier;
  score: number;
  cadence: number;
}

export interface DemoTouch {
  client: string;
  rep: string;
  type: InteractionType;
  occurredAt: string;
  summary: string;
  sentiment: Sentiment;
  nextFollowUp: string | null;
}

export interface DemoData {
  today: string;
  people: readonly DemoPerson[];
  clients: DemoClient[];
  touches: DemoTouch[];
  /** The import files, as `npm run import` reads them. */
  csv: { users: string; clients: string; interactions: string };
}

const SUMMARIES: Record<InteractionType, readonly string[]> = {
  call: [
    "Call with the CFO on the refinancing timetable; they want term sheets before the board meeting",
    "Quarterly check-in call: construction on schedule, drawdown request expected next month",
    "Call on hedging the floating tranche; sending a rate-swap indication",
    "Discussed covenant headroom after the tariff review; no waiver needed for now",
  ],
  meeting: [
    "Meeting at their office with treasury and the project director on the phase two financing",
    "Annual relationship review: satisfied with the agency role, asked for faster KYC refresh",
    "Lenders' meeting on the technical adviser's report; two open points on O&M costs",
    "Lunch with the new CEO; keen on green loan framework and sustainability-linked margin",
  ],
  email: [
    "Sent the indicative terms for the capex facility; waiting on their comments",
    "Shared the market update on infrastructure debt pricing",
    "Followed up on the missing insurance certificates for the drawdown",
    "Sent the draft amendment letter for the DSRA release",
  ],
  visit: [
    "Site visit with the lenders' engineer: commissioning 80% complete",
    "Visited the plant; met the operations team and reviewed availability figures",
    "Toured the new depot with the concession manager",
  ],
  message: [
    "Quick message: they confirmed the signing date",
    "Pinged about the rating agency call; moved to next week",
    "Congratulated them on financial close",
  ],
  note: [
    "Internal note: credit committee approved the limit increase",
    "Note: competitor bank offered a tighter margin on the refinancing",
    "Note: sponsor is considering selling a minority stake",
  ],
};

const NEGATIVE_SUMMARIES = [
  "Escalation: unhappy with the delay on the waiver request; CFO asked to speak to management",
  "Tense call: they feel our pricing is out of market and are talking to two other lenders",
  "Complaint about repeated document requests during the annual KYC review",
];

/**
 * What 王芳, who reads and writes Slack in Chinese, logs: her touches are in Chinese, and none twice (a card's last
 * touches, or her list, that repeat a line read like a fault in the demo). More than her busiest run of touches.
 */
const ZH_SUMMARIES: Record<InteractionType, readonly string[]> = {
  call: [
    "与财务总监通话，讨论再融资时间表；对方希望在董事会前拿到条款清单",
    "季度例行电话：工程进度符合计划，预计下月提交提款申请",
    "电话沟通浮动利率部分的套期保值方案，随后发送利率互换报价",
    "电价调整后讨论财务契约空间，目前无需申请豁免",
    "与资金部电话确认本期还本付息安排，资金已提前备妥",
    "电话了解二期项目环评进展，预计下季度取得批复",
    "与项目公司总经理通话，对方关注绿色贷款的利率优惠",
    "电话沟通银团贷款份额调整，对方倾向由我行继续担任牵头行",
  ],
  meeting: [
    "在客户总部与资金部和项目总监会面，商讨二期融资方案",
    "年度关系回顾：对代理行服务满意，希望加快年度尽职调查材料更新",
    "参加贷款人会议，讨论技术顾问报告，运维成本仍有两项待定",
    "与新任董事长午餐会谈，对绿色贷款框架和可持续发展挂钩利率很感兴趣",
    "与客户法务和财务团队开会，逐条核对贷款协议修订稿",
    "陪同分行行长拜会客户管理层，确认明年的授信需求",
  ],
  email: [
    "发送资本开支贷款的指示性条款，等待对方反馈",
    "分享基础设施债务融资的最新市场定价",
    "跟进提款所缺的保险证明文件",
    "发送偿债准备金账户释放的修订函草稿",
    "邮件确认下次提款的先决条件清单",
  ],
  visit: [
    "与贷款人工程师实地考察：调试已完成八成",
    "走访项目现场，与运营团队交流并查看可用率数据",
    "与特许经营项目负责人一同查看新建设施的运行情况",
    "实地查看扩建工程用地，土地和规划手续已基本齐备",
  ],
  message: ["客户发消息确认签约日期", "提醒对方评级机构电话会改到下周", "祝贺对方完成融资关闭"],
  note: ["内部备注：授信审批委员会已批准提高额度", "备注：同业银行在再融资上报出更低利差", "备注：项目发起人考虑出售少数股权"],
};

const ZH_NEGATIVE_SUMMARIES = [
  "问题升级：对豁免申请拖延不满，财务总监要求与我行管理层通话",
  "通话气氛紧张：对方认为我行定价偏离市场，正在与另外两家银行接触",
  "客户投诉年度尽职调查期间反复索要文件",
];

/**
 * A Chinese summary not used yet (`used`, shared by all of the data set's Chinese touches): one of `type` when one
 * is left, else one of another type, which the touch then takes. One random draw, as the English pick.
 */
function distinctChineseSummary(random: () => number, type: InteractionType, negative: boolean, used: Set<string>): { type: InteractionType; summary: string } {
  const draw = random();
  const pool = negative ? ZH_NEGATIVE_SUMMARIES : ZH_SUMMARIES[type];
  const own = pool.filter((s) => !used.has(s)).map((summary) => ({ type, summary }));
  const others = negative ? [] : INTERACTION_TYPE_ORDER.flatMap((t) => ZH_SUMMARIES[t].filter((s) => !used.has(s)).map((summary) => ({ type: t, summary })));
  // Every line used (a data set larger than the lists): one is repeated rather than none written.
  const candidates = own.length > 0 ? own : others.length > 0 ? others : pool.map((summary) => ({ type, summary }));
  const chosen = candidates[Math.floor(draw * candidates.length)]!;
  used.add(chosen.summary);
  return chosen;
}

const INTERACTION_TYPE_ORDER = Object.keys(ZH_SUMMARIES) as InteractionType[];

/** mulberry32: a small deterministic generator; the seed comes from the client's name and the day. */
function generator(seedText: string): () => number {
  let seed = 2166136261;
  for (const char of seedText) seed = Math.imul(seed ^ char.codePointAt(0)!, 16777619) >>> 0;
  return () => {
    seed = (seed + 0x6d2b79f5) >>> 0;
    let t = seed;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const between = (random: () => number, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** A weekday on or before `date` (touches happen on working days). */
function workingDayOnOrBefore(date: string): string {
  let day = date;
  while ([0, 6].includes(new Date(`${day}T00:00:00Z`).getUTCDay())) day = addDays(day, -1);
  return day;
}

const yearsBefore = (today: string, years: number, extraDays: number) => addDays(`${Number(today.slice(0, 4)) - years}${today.slice(4)}`.replace(/-02-29$/, "-02-28"), -extraDays);

/** How many days ago the last touch was, for a client whose cadence is `cadence` days. */
function lastTouchDaysAgo(state: FollowUpState, cadence: number, random: () => number): number {
  switch (state) {
    case "overdue":
      return cadence + between(random, 5, 12);
    case "due-today":
      return cadence;
    case "due-this-week":
      return cadence - between(random, 1, 5);
    case "on-track":
      return Math.max(1, Math.floor(cadence * (0.2 + random() * 0.4)));
    case "silent":
      return 2 * cadence + between(random, 10, 40);
    case "next-logged":
      return between(random, 2, 6);
  }
}

/** Whose Slack is in Chinese (王芳): they write their touches in Chinese. */
const writesChinese = (userId: string) => DEMO_PEOPLE.find((p) => p.id === userId)?.locale.startsWith("zh") === true;

const TYPE_WEIGHTS: readonly InteractionType[] = ["call", "call", "call", "email", "email", "meeting", "meeting", "visit", "message", "note"];

/** The demo workspace as of `today` (YYYY-MM-DD). */
export function buildDemoData(today: string, rules: Rules): DemoData {
  const now = new Date(`${today}T12:00:00Z`);
  const clients: DemoClient[] = [];
  const touches: DemoTouch[] = [];
  const chineseUsed = new Set<string>();
  for (const spec of CLIENTS) {
    const random = generator(`${spec.name}|${today}`);
    const since = yearsBefore(today, spec.sinceYears, spec.sinceYears === 0 ? 60 : between(random, 10, 200));
    const { score, tier } = scoreAndTier(
      { annualRevenue: spec.revenue, relationshipSince: new Date(`${since}T00:00:00Z`), lifecycleStage: spec.lifecycle, riskLevel: spec.risk, satisfaction: spec.satisfaction, industry: spec.industry, region: spec.region, tierOverride: null },
      rules,
      now,
    );
    const cadence = cadenceDaysFor({ tier, relationshipType: spec.type, cadenceDays: spec.cadenceDays ?? null }, rules);
    clients.push({ ...spec, since, tier, score, cadence });

    // The last touch sets the follow-up state; earlier ones go back about nine months, roughly one per cadence.
    const lastDate = addDays(today, -lastTouchDaysAgo(spec.state, cadence, random));
    const history: string[] = [lastDate];
    const start = addDays(today, -270) > since ? addDays(today, -270) : since;
    let day = lastDate;
    while (history.length < 9) {
      day = workingDayOnOrBefore(addDays(day, -Math.max(5, Math.round(cadence * (0.6 + random() * 0.6)))));
      if (day < start) break;
      history.push(day);
    }
    history.reverse();
    history.forEach((date, index) => {
      const isLast = index === history.length - 1;
      const colleague = spec.owner === HANNAH ? HANNAH : pick(random, [spec.owner, spec.owner, spec.owner, HANNAH]);
      const type = pick(random, TYPE_WEIGHTS);
      const negative = spec.negative === true && isLast;
      const hour = between(random, 8, 16);
      const rep = isLast ? spec.owner : colleague;
      const occurredAt = `${date}T${String(hour).padStart(2, "0")}:${pick(random, ["00", "15", "30", "45"])}:00Z`;
      const said = writesChinese(rep)
        ? distinctChineseSummary(random, negative ? "call" : type, negative, chineseUsed)
        : { type: negative ? "call" : type, summary: negative ? pick(random, NEGATIVE_SUMMARIES) : pick(random, SUMMARIES[type]) };
      touches.push({
        client: spec.name,
        rep,
        type: said.type,
        occurredAt,
        summary: said.summary,
        sentiment: negative ? "negative" : pick(random, ["positive", "positive", "neutral", "neutral", "neutral"] as const),
        nextFollowUp: isLast && spec.state === "next-logged" ? addDays(today, between(random, 1, 4)) : null,
      });
    });
  }
  return { today, people: DEMO_PEOPLE, clients, touches, csv: toCsv(clients, touches) };
}

function csvLine(cells: readonly (string | number | null)[]): string {
  return cells
    .map((cell) => {
      const text = cell === null ? "" : String(cell);
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    })
    .join(",");
}

function toCsv(clients: readonly DemoClient[], touches: readonly DemoTouch[]): DemoData["csv"] {
  const users = [csvLine(["slack_id", "role", "manager"]), ...DEMO_PEOPLE.map((p) => csvLine([p.id, p.role, p.manager]))];
  const clientRows = [
    csvLine(["name", "owner", "annual_revenue", "relationship_since", "relationship_type", "lifecycle_stage", "risk_level", "industry", "region", "satisfaction", "cadence_days"]),
    ...clients.map((c) => csvLine([c.name, c.owner, c.revenue, c.since, c.type, c.lifecycle, c.risk, c.industry, c.region, c.satisfaction, c.cadenceDays ?? null])),
  ];
  const touchRows = [
    csvLine(["client", "rep", "type", "occurred_at", "summary", "sentiment", "next_follow_up"]),
    ...touches.map((t) => csvLine([t.client, t.rep, t.type, t.occurredAt, t.summary, t.sentiment, t.nextFollowUp])),
  ];
  return { users: `${users.join("\n")}\n`, clients: `${clientRows.join("\n")}\n`, interactions: `${touchRows.join("\n")}\n` };
}
