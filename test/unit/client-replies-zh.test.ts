/**
 * Command replies and client records in Simplified Chinese: the key words are there, no English is left outside
 * what people type (code spans) and Slack syntax, and Slack's limits still hold.
 */
import type { InputBlock, ModalView, PlainTextOption } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { RiskFlag } from "../../src/domain/risk.ts";
import type { TeamMember } from "../../src/services/team.ts";
import { messagesFor } from "../../src/slack/i18n/index.ts";
import { CLIENT_EDIT } from "../../src/slack/ids.ts";
import { readClientEdit } from "../../src/slack/listeners/views/client-edit.ts";
import type { EphemeralReply } from "../../src/slack/views/blocks.ts";
import { buildClientEditModal } from "../../src/slack/views/client-edit-modal.ts";
import { buildClientList } from "../../src/slack/views/client-list.ts";
import { archiveReply, assignReply, editRefused, editSaved, historyReply, reassignAllReply } from "../../src/slack/views/client-records.ts";
import {
  alreadyHandled,
  badNextDate,
  clientChoices,
  clientCreated,
  clientExists,
  clientGone,
  clientUnknown,
  duplicateInteraction,
  interactionLogged,
  logParseError,
  logUsage,
  nameProblem,
  somethingWentWrong,
  touchEdited,
  touchNotEditable,
  touchNotUndoable,
  touchUndone,
  unknownSubcommand,
  usage,
} from "../../src/slack/views/replies.ts";
import { buildTeam, roleChangeReply } from "../../src/slack/views/team.ts";
import type { ClientRow } from "../../src/store/clients.ts";
import { allText } from "../support/block-text.ts";
import { blockKitProblems } from "../support/block-kit-limits.ts";
import { logCommandErrors, WHEN_ERRORS } from "../support/parse-errors.ts";
import { englishLeft } from "../support/english-left.ts";
import { clientRow as baseClientRow, OWNER, REP } from "../support/rows.ts";

const ZH = messagesFor("zh-CN");
const EN = messagesFor("en");

const clientRow = (overrides: Partial<ClientRow> = {}): ClientRow =>
  baseClientRow({ name: "长江电力", nameKey: "长江电力", lifecycleStage: "at-risk", industry: "能源", region: "华东", lastTouchAt: new Date("2026-06-01T08:00:00Z"), ...overrides });


/** Every string of a reply or a view a person reads. */
const readable = (payload: unknown): string => (typeof payload === "string" ? payload : allText(payload));

function expectChinese(payload: unknown): void {
  const text = readable(payload);
  expect(englishLeft(text), text).toEqual([]);
  expect(text).toMatch(/\p{Script=Han}/u);
}

function expectWithinLimits(reply: EphemeralReply): void {
  expect(blockKitProblems(reply)).toEqual([]);
}

const LOG_ERRORS = logCommandErrors("great");

describe("command replies in Chinese", () => {
  it("say the usage line under a Chinese problem, the syntax as typed", () => {
    const reply = usage(ZH, "/tier <client name>", ZH.replies.tierWhichClient);
    expect(reply.text).toBe("哪个客户？`/tier` 可查看客户的等级、评分、负责人和下次跟进。\n用法：`/tier <client name>`");
    expectChinese(reply);
    expectWithinLimits(reply);
  });

  it.each(LOG_ERRORS)("logParseError %j: Chinese, with the /log syntax unchanged", (error) => {
    const reply = logParseError(ZH, error);
    expect(allText(reply)).toContain("*用法：*`/log <client> <type> <summary>");
    expect(allText(reply)).toContain("`call`（电话）");
    expectChinese(reply);
    expectWithinLimits(reply);
  });

  it.each(WHEN_ERRORS)("badNextDate %s: Chinese, says nothing was logged", (error) => {
    const reply = badNextDate(ZH, error, "friday");
    expect(reply.text).toContain("未记录任何内容");
    expect(reply.text).toContain("`next:friday`");
    expectChinese(reply);
  });

  it("name problems, lookups and failures are Chinese", () => {
    const client = clientRow();
    const archived = clientRow({ archivedAt: new Date("2026-01-01T00:00:00Z") });
    const matches = [clientRow({ id: "c1", name: "长江电力" }), clientRow({ id: "c2", name: "长江水务", tierOverride: "A" })];
    const replies: [EphemeralReply, string][] = [
      [nameProblem(ZH, { problem: "name-empty" }, "/client add <name>"), "请提供客户名称。"],
      [nameProblem(ZH, { problem: "name-too-long", limit: 200, length: 250 }, "/client add <name>"), "客户名称最多 200 个字符，这个有 250 个。未保存任何内容。"],
      [clientCreated(ZH, client), "已添加 *长江电力*（B 级），由您负责。"],
      [clientExists(ZH, archived), "*长江电力* 已存在（已归档）。"],
      [clientUnknown(ZH, "长江", []), "没有与 *长江* 匹配的客户。可用 `/client add 长江` 添加。"],
      [clientUnknown(ZH, "长江", ["长江电力", "长江水务"]), "您要找的是不是：长江电力、长江水务？"],
      [clientChoices(ZH, "长江", matches), "有多个客户与 长江 匹配：长江电力、长江水务"],
      [clientGone(ZH), "该客户已不存在"],
      [interactionLogged(ZH, "长江电力", "visit", { dueOn: "2026-07-01", basis: "logged" }, "int1"), "已记录与 *长江电力* 的一次接触（拜访）。下次跟进："],
      [interactionLogged(ZH, "长江电力", "call", { dueOn: "2026-07-01", basis: "cadence" }, "int1"), "（2026-07-01），按跟进周期。"],
      [touchEdited(ZH, { kind: "edited", clientName: "长江电力", type: "meeting", interactionId: "int1", followUp: { dueOn: "2026-07-01", basis: "cadence" } }), "已保存修改：与 *长江电力* 的接触（会议）。"],
      [touchNotEditable(ZH), "无法编辑这条接触记录"],
      [touchUndone(ZH, "讨论了明年的授信"), "已撤销：接触记录“讨论了明年的授信”已删除"],
      [touchNotUndoable(ZH), "无法撤销这条接触记录"],
      [duplicateInteraction(ZH, "长江电力"), "与 *长江电力* 的这次接触已经记录过"],
      [somethingWentWrong(ZH), "抱歉，系统出了问题，未保存任何内容。请稍后再试。"],
      [alreadyHandled(ZH), "这条命令收到了两次"],
      [unknownSubcommand(ZH, "/team | /team set @person rep|manager|admin [@manager]", "/team", "promote`<!here>"), "无法识别 `/team promote!here`。"],
      [logUsage(ZH, ZH.replies.logFormDidNotOpen), "表单未能及时打开"],
    ];
    for (const [reply, expected] of replies) {
      expect(reply.text).toContain(expected);
      expectChinese(reply);
      expectWithinLimits(reply);
    }
  });

  it("label the buttons in Chinese, within Slack's button limit", () => {
    const created = allText(clientCreated(ZH, clientRow()).blocks);
    expect(created).toContain("记录接触");
    expect(created).toContain("查看卡片");
    const logged = allText(interactionLogged(ZH, "长江电力", "call", { dueOn: "2026-07-01", basis: "logged" }, "int1").blocks);
    expect(logged).toContain("编辑");
    expect(logged).toContain("撤销");
    expect(allText(clientChoices(ZH, "长江", [clientRow()]).blocks)).toContain("*长江电力* · B 级");
  });

  it("keep the English replies as they were", () => {
    expect(clientCreated(EN, clientRow({ name: "Acme Power" })).text).toBe("Added *Acme Power* (tier B), owned by you.");
    expect(usage(EN, "/tier <client name>", "Which client?").text).toBe("Which client?\nUsage: `/tier <client name>`");
    expect(interactionLogged(EN, "Acme", "email", { dueOn: "2026-07-01", basis: "logged" }, "int1").text).toContain("Logged an email with *Acme*.");
  });
});

describe("client records in Chinese", () => {
  const client = clientRow();

  it("answer assign, reassign, archive and edit in Chinese", () => {
    const replies: [EphemeralReply, string][] = [
      [assignReply(ZH, { kind: "refused" }), "只有主管（限本团队）和管理员可以更换客户负责人。"],
      [assignReply(ZH, { kind: "assigned", client: { ...client, ownerSlackId: REP }, previousOwner: OWNER }), `*长江电力* 的负责人已改为 <@${REP}>（原为 <@${OWNER}>）。`],
      [reassignAllReply(ZH, { kind: "reassigned", from: OWNER, to: REP, count: 3 }), `已将 3 个活跃客户从 <@${OWNER}> 转给 <@${REP}>`],
      [reassignAllReply(ZH, { kind: "reassigned", from: OWNER, to: REP, count: 0 }), "名下没有活跃客户"],
      [reassignAllReply(ZH, { kind: "same-person" }), "请 @ 两个不同的人"],
      [reassignAllReply(ZH, { kind: "refused" }), "只有主管"],
      [archiveReply(ZH, { kind: "archived", client }), "已归档 *长江电力*。"],
      [archiveReply(ZH, { kind: "already-archived", client }), "*长江电力* 已归档。"],
      [archiveReply(ZH, { kind: "refused" }), "只有客户负责人、其主管或管理员可以归档该客户。"],
      [editRefused(ZH), "只有客户负责人、其主管或管理员可以编辑该客户。"],
      [editSaved(ZH, "长江电力", ["satisfaction", "region"], "A"), "已保存 *长江电力*（修改了 2 项），当前为 A 级。"],
      [editSaved(ZH, "长江电力", [], "A"), "*长江电力* 没有任何变更。"],
      [historyReply(ZH, { kind: "refused" }), "客户变更历史仅限管理员查看。"],
      [historyReply(ZH, { kind: "history", client, entries: [] }), "*长江电力* 暂无变更记录。"],
    ];
    for (const [reply, expected] of replies) {
      expect(reply.text).toContain(expected);
      expectChinese(reply);
      expectWithinLimits(reply);
    }
  });

  it("show a client's history under a Chinese header, changes as from → to", () => {
    const entries = Array.from({ length: 20 }, (_, i) => ({
      createdAt: new Date(Date.UTC(2026, 10, 1 + i, 9, 30)),
      actorSlackId: i % 2 ? "cli" : OWNER,
      action: "client.edit",
      entity: "client",
      entityId: client.id,
      details: JSON.stringify({ satisfaction: { from: null, to: 80 }, ownerSlackId: { from: OWNER, to: REP } }),
    }));
    const reply = historyReply(ZH, { kind: "history", client, entries });
    expectWithinLimits(reply);
    const text = allText(reply);
    expect(text).toContain("变更历史：长江电力");
    expect(text).toContain(`satisfaction: 无 → 80, ownerSlackId: <@${OWNER}> → <@${REP}>`);
    expect(text).toContain("按时间倒序");
    expect(reply.text).toBe("长江电力 的变更历史：20 条");
  });

  it("list clients in Chinese, with the tier, owner and last touch in Chinese words", () => {
    const items = Array.from({ length: 40 }, (_, i) => clientRow({ id: `c${i}`, name: `长江电力${i}`, ownerSlackId: i % 3 ? OWNER : null, lastTouchAt: i % 2 ? null : new Date("2026-06-01T08:00:00Z") }));
    const reply = buildClientList(ZH, "key", items, 95);
    expectWithinLimits(reply);
    expectChinese(reply);
    const text = allText(reply);
    expect(text).toContain("重点客户（95）");
    expect(text).toContain("*长江电力0* · B 级 · _未分配_ · 最近接触 ");
    expect(text).toContain("尚无接触");
    expect(text).toContain("…还有 55 个。");
    expect(reply.text).toMatch(/^重点客户（95）：长江电力0、长江电力1、/);
    expect(reply.text).toMatch(/，另有 55 个$/);
    const risky = allText(buildClientList(ZH, "key", items.slice(0, 2), 2, new Map<string, RiskFlag[]>([["c0", [{ rule: "overdue", days: 4, dueOn: "2026-11-19" }, { rule: "lifecycle" }]]])));
    expect(risky).toMatch(/\*长江电力0\* · B 级 · .* · :warning: 2 项风险：跟进逾期、生命周期有风险\n/);
    expect(englishLeft(risky, ["长江电力0", "长江电力1"])).toEqual([]);
    expect(buildClientList(ZH, "mine", [], 0).text).toBe("您的客户：无。可用 `/client add <客户名称>` 添加。");
    expect(buildClientList(ZH, "A", [], 0).text).toBe("A 级客户：无。");
  });

  it("says in Chinese who carries more key clients than the rules suggest", () => {
    const items = [clientRow({ id: "c0", name: "长江电力", ownerSlackId: OWNER })];
    const reply = buildClientList(ZH, "key", items, 1, new Map(), { maxPerRep: 15, owners: [{ ownerSlackId: OWNER, keyClients: 23 }] });
    expectWithinLimits(reply);
    const text = allText(reply);
    expect(text).toContain(`:warning: <@${OWNER}> 名下有 23 个重点客户，超过规则建议的 15 个：可在规则文件中提高重点客户门槛，或接受现状。`);
    expect(englishLeft(text, ["长江电力"])).toEqual([]);
    expect(reply.text).toContain("超过规则建议的 15 个");
  });

  describe("the edit form", () => {
    const modal: ModalView = buildClientEditModal(ZH, clientRow({ tierOverride: "A", tierOverrideReason: "总行战略客户" }), "CNY");
    const inputs = modal.blocks.filter((b): b is InputBlock => b.type === "input");
    const optionsOf = (block: string) => {
      const element = inputs.find((i) => i.block_id === block)!.element as { options: PlainTextOption[]; initial_option?: PlainTextOption };
      return element;
    };

    it("is titled, labelled and hinted in Chinese, within Slack's lengths", () => {
      expect(modal.title.text).toBe("编辑客户");
      expect(modal.submit?.text).toBe("保存");
      expect(modal.close?.text).toBe("取消");
      for (const part of [modal.title, modal.submit!, modal.close!]) expect([...part.text].length).toBeLessThanOrEqual(24);
      const labels = inputs.map((i) => i.label.text);
      expect(labels).toContain("年收入（CNY）");
      expect(labels).toContain("跟进周期（两次接触间隔天数）");
      expect(labels).toContain("人工调整等级");
      for (const label of labels) expect([...label].length).toBeLessThanOrEqual(2000);
      const { blocks, ...frame } = modal;
      expectChinese({ frame, blocks: blocks.slice(1) }); // the header is the client's name
    });

    it("names the choices in Chinese and keeps the stored values", () => {
      const lifecycle = optionsOf(CLIENT_EDIT.lifecycleStage.block);
      expect(lifecycle.options.map((o) => o.text.text)).toEqual(["潜在客户", "导入期", "活跃", "成熟", "有风险", "休眠"]);
      expect(lifecycle.initial_option).toEqual({ text: { type: "plain_text", text: "有风险" }, value: "at-risk" });
      const types = optionsOf(CLIENT_EDIT.relationshipType.block);
      expect(types.initial_option?.value).toBe("strategic-cooperative");
      expect(types.initial_option?.text.text).toBe("战略合作型");
      const override = optionsOf(CLIENT_EDIT.tierOverride.block);
      expect(override.options.map((o) => [o.text.text, o.value])).toEqual([
        ["不调整：按评分定级", "none"],
        ["A 级", "A"],
        ["B 级", "B"],
        ["C 级", "C"],
      ]);
      expect(override.initial_option?.value).toBe("A");
      for (const option of [...lifecycle.options, ...types.options, ...override.options]) expect([...option.text.text].length).toBeLessThanOrEqual(75);
    });

    it("says each field's problem in Chinese", () => {
      const field = (f: { block: string; action: string }, value: Record<string, unknown>) => ({ [f.block]: { [f.action]: { type: "x", ...value } } });
      const values = {
        ...field(CLIENT_EDIT.satisfaction, { value: "101" }),
        ...field(CLIENT_EDIT.annualRevenue, { value: "-5" }),
        ...field(CLIENT_EDIT.industry, { value: "能".repeat(101) }),
        ...field(CLIENT_EDIT.relationshipSince, { selected_date: "2030-01-01" }),
        ...field(CLIENT_EDIT.tierOverride, { selected_option: { value: "A" } }),
      };
      const { errors } = readClientEdit(ZH, values as never, "2026-06-15");
      expect(errors[CLIENT_EDIT.satisfaction.block]).toBe("满意度：请输入 0 到 100 的整数。");
      expect(errors[CLIENT_EDIT.annualRevenue.block]).toBe("年收入：请输入 0 及以上的数字。");
      expect(errors[CLIENT_EDIT.industry.block]).toMatch(/^行业：最多 \d+ 个字符（当前 101 个）。$/);
      expect(errors[CLIENT_EDIT.relationshipSince.block]).toBe("合作起始日期不能晚于今天。");
      expect(errors[CLIENT_EDIT.overrideReason.block]).toBe("请填写调整等级的原因：客户卡片上会显示。");
      for (const message of Object.values(errors)) expect(englishLeft(message)).toEqual([]);
      const english = readClientEdit(EN, values as never, "2026-06-15").errors;
      expect(english[CLIENT_EDIT.satisfaction.block]).toBe("Satisfaction: a whole number from 0 to 100.");
      expect(english[CLIENT_EDIT.annualRevenue.block]).toBe("Annual revenue: a number from 0 up.");
    });
  });
});

describe("/team in Chinese", () => {
  const members: TeamMember[] = [
    { slackId: "U0ADMIN01", role: "admin", managerSlackId: null, active: true, fromConfig: true },
    { slackId: "U0MGR0001", role: "manager", managerSlackId: null, active: true, fromConfig: false },
    { slackId: REP, role: "rep", managerSlackId: "U0MGR0001", active: false, fromConfig: false },
  ];

  it("names roles and states in Chinese", () => {
    const reply = buildTeam(ZH, members);
    expectWithinLimits(reply);
    expectChinese(reply);
    const text = allText(reply);
    expect(text).toContain("团队（3）");
    expect(text).toContain("• <@U0ADMIN01> · 管理员 · 经 ADMIN_USER_IDS 设为管理员");
    expect(text).toContain(`• <@${REP}> · 客户经理 · 向 <@U0MGR0001> 汇报 · 已停用`);
    expect(reply.text).toBe("团队：管理员 1 人，主管 1 人，客户经理 1 人");
    expectChinese(buildTeam(ZH, []));
  });

  it("answers role changes in Chinese", () => {
    const changed = roleChangeReply(ZH, { kind: "changed", previous: "rep", member: { ...members[2]!, role: "manager", active: true } });
    expect(changed.text).toBe(`<@${REP}> 现为主管，向 <@U0MGR0001> 汇报（原为客户经理）。`);
    expect(roleChangeReply(ZH, { kind: "refused" }).text).toBe("只有管理员可以更改角色。请联系管理员，或用 `/team` 查看谁是管理员。");
    expect(roleChangeReply(ZH, { kind: "invalid", problem: "own-manager" }).text).toBe("不能把一个人设为自己的主管。");
    for (const reply of [changed, roleChangeReply(ZH, { kind: "refused" })]) expectChinese(reply);
    expect(roleChangeReply(EN, { kind: "changed", previous: "rep", member: { ...members[0]!, fromConfig: false } }).text).toBe("<@U0ADMIN01> is now an admin (was rep).");
  });
});
