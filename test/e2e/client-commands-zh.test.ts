/**
 * `/client`, `/team` and `/tier` through signed HTTP for a reader whose Slack locale is Chinese: every reply is in
 * Simplified Chinese, the command syntax as typed; a reader in another locale still reads English.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { allText, asEphemeral } from "../support/block-text.ts";
import { startTestBot, type TestBot } from "../support/test-bot.ts";

const NOW = new Date("2026-11-23T03:00:00Z");
const ZH_REP = "U0ZHREP01";
const ZH_OTHER = "U0ZHREP02";
const EN_REP = "U0ENREP01";
let t: TestBot;

async function say(command: string, text: string, userId = ZH_REP, triggerId?: string): Promise<{ text: string; all: string }> {
  const reply = await t.slack.command(command, text, { userId, ...(triggerId ? { triggerId } : {}) });
  expect(reply.status).toBe(200);
  const body = asEphemeral(reply.json);
  return { text: body.text, all: allText(body) };
}

beforeAll(async () => {
  t = await startTestBot({ clock: { now: () => NOW } });
  t.emulator.setUser(ZH_REP, { locale: "zh-CN", tz: "Asia/Shanghai" });
  t.emulator.setUser(ZH_OTHER, { locale: "zh-TW", tz: "Asia/Taipei" });
  t.emulator.setUser(EN_REP, { locale: "en-GB", tz: "Europe/London" });
});

afterAll(async () => {
  await t?.stop();
});

describe("/client for a Chinese reader", () => {
  it("adds a client and says so in Chinese, with Chinese buttons", async () => {
    const reply = await say("/client", "add 长江电力");
    expect(reply.text).toMatch(/^已添加 \*长江电力\*（[ABC] 级），由您负责。$/);
    expect(reply.all).toContain("记录接触");
    expect(reply.all).toContain("查看卡片");
    expect(reply.all).not.toMatch(/Added|Show card|Log a touch/);
  });

  it("says in Chinese that a client exists already", async () => {
    const reply = await say("/client", "add  长江电力 ");
    expect(reply.text).toContain("*长江电力* 已存在。");
  });

  it("lists clients under a Chinese title, with Chinese words on each line", async () => {
    await say("/client", "add 华东水务");
    const reply = await say("/client", "list");
    expect(reply.all).toContain("全部客户（2）");
    expect(reply.all).toMatch(/• \*华东水务\* · [ABC] 级 · <@U0ZHREP01> · 尚无接触/);
    expect(reply.text).toBe("全部客户（2）：华东水务、长江电力");
    expect(reply.all).not.toMatch(/All clients|tier [ABC]|no touch yet/);
    expect((await say("/client", "list mine", ZH_OTHER)).text).toBe("您的客户：无。可用 `/client add <客户名称>` 添加。");
  });

  it("answers a usage problem in Chinese and keeps the syntax as typed", async () => {
    expect((await say("/client", "list everything")).text).toBe(
      "可列出全部客户、您的客户（`mine`）、某一等级（`A`、`B`、`C`）或重点客户（`key`）。\n用法：`/client list [mine|A|B|C|key]`",
    );
    expect((await say("/client", "")).text).toMatch(/^想对客户做什么？\n用法：`\/client add <name> \| show <name>/);
    expect((await say("/client", "frobnicate")).text).toMatch(/^无法识别 `\/client frobnicate`。\n用法：/);
    expect((await say("/tier", "")).text).toBe("哪个客户？`/tier` 可查看客户的等级、评分、负责人和下次跟进。\n用法：`/tier <client name>`");
  });

  it("says in Chinese when no client matches, and offers the close names", async () => {
    expect((await say("/tier", "黄河能源")).text).toBe("没有与 *黄河能源* 匹配的客户。可用 `/client add 黄河能源` 添加。");
    const close = await say("/client", "archive 长江");
    expect(close.text).toBe("没有与 *长江* 匹配的客户。您要找的是不是：长江电力？");
    expect(close.all).toContain("或用 `/client add 长江` 添加。");
  });

  it("refuses a rep's /client history in Chinese", async () => {
    expect((await say("/client", "history 长江电力")).text).toBe("客户变更历史仅限管理员查看。");
  });

  it("answers a /log parse problem in Chinese under the /log syntax", async () => {
    const reply = await say("/log", "长江电力");
    expect(reply.all).toContain("没有找到接触类型");
    expect(reply.all).toContain("*用法：*`/log <client> <type> <summary> [next:<when>] [sentiment:positive|neutral|negative]`");
  });

  it("apologises in Chinese when a command fails", async () => {
    const list = vi.spyOn(t.bot.services.clients, "list").mockRejectedValueOnce(new Error("database is down"));
    try {
      expect((await say("/client", "list")).text).toBe("抱歉，系统出了问题，未保存任何内容。请稍后再试。");
    } finally {
      list.mockRestore();
    }
  });

  it("says in Chinese that a command reached the bot twice", async () => {
    await say("/client", "add 珠江港务", ZH_REP, "trigger-zh-twice");
    expect((await say("/client", "add 珠江港务", ZH_REP, "trigger-zh-twice")).text).toBe("这条命令收到了两次；第一次已处理，这次未作任何更改。");
  });
});

describe("/team for a Chinese reader", () => {
  it("refuses a rep's /team set in Chinese", async () => {
    const reply = await say("/team", `set <@${ZH_OTHER}> manager`);
    expect(reply.text).toBe("只有管理员可以更改角色。请联系管理员，或用 `/team` 查看谁是管理员。");
  });

  it("answers /team set without a role in Chinese, the role words as typed", async () => {
    expect((await say("/team", `set <@${ZH_OTHER}> boss`)).text).toBe(
      "角色只能是 `rep`（客户经理）、`manager`（主管）或 `admin`（管理员）。\n用法：`/team | /team set @person rep|manager|admin [@manager]`",
    );
  });

  it("speaks Chinese to a Traditional Chinese reader too", async () => {
    expect((await say("/team", `set <@${ZH_REP}> admin`, ZH_OTHER)).text).toContain("只有管理员可以更改角色");
  });
});

describe("the same commands for an English reader", () => {
  it("keeps English", async () => {
    expect((await say("/client", "add Pearl River Ports", EN_REP)).text).toMatch(/^Added \*Pearl River Ports\* \(tier [ABC]\), owned by you\.$/);
    expect((await say("/team", `set <@${ZH_REP}> admin`, EN_REP)).text).toBe("Only admins can change roles. Ask an admin, or see who they are with `/team`.");
    expect((await say("/client", "list mine", EN_REP)).all).toContain("Your clients (1)");
  });
});
