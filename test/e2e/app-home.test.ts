/**
 * The App Home through signed events and actions: a rep sees their follow-ups (with working buttons), A-tier
 * clients and risks; a manager also sees the team's overdue totals; an admin the bot's operations. The tab is
 * published again after a button or a touch logged from it.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { ImportKind } from "../../src/services/imports.ts";
import { createPrismaClient } from "../../src/store/prisma.ts";
import { mentionProblems } from "../support/block-kit-limits.ts";
import { allText } from "../support/block-text.ts";
import { importCsv, startTestBot, TEST_TEAM, type TestBot, openHome as openHomeAs } from "../support/test-bot.ts";

const clock = { now: () => new Date("2026-11-23T10:00:00Z") };
const [REP, MANAGER, ADMIN] = ["U0HOMEREP", "U0HOMEMGR", "U0HOMEADM"];
let t: TestBot;

const load = (kind: ImportKind, csv: string) => importCsv(t, kind, csv);

const openHome = (user: string) => openHomeAs(t, user);

const buttonValue = (view: unknown, actionId: string) => JSON.stringify(view).match(new RegExp(`"action_id":"${actionId}","value":"([^"]+)"`))?.[1] ?? "";

beforeAll(async () => {
  t = await startTestBot({ clock });
  await load("users", ["slack_id,role,manager", `${MANAGER},manager,`, `${REP},rep,${MANAGER}`, `${ADMIN},admin,`].join("\n"));
  await load(
    "clients",
    [
      "name,owner,annual_revenue,relationship_since,lifecycle_stage,risk_level,satisfaction",
      `Home Harbour,${REP},20000000,2010-01-01,mature,low,95`,
      `Home Heath,${REP},50000,2025-01-01,at-risk,medium,`,
    ].join("\n"),
  );
  await load("interactions", ["client,rep,type,occurred_at,summary", `Home Heath,${REP},call,2026-08-01T10:00:00Z,old`, `Home Harbour,${REP},meeting,2026-11-20T10:00:00Z,review`].join("\n"));
  const db = createPrismaClient(t.database.target);
  const heath = await db.client.findFirstOrThrow({ where: { workspaceId: TEST_TEAM, name: "Home Heath" } });
  await db.riskFlag.create({ data: { workspaceId: TEST_TEAM, clientId: heath.id, rule: "lifecycle", reason: "lifecycle stage is at-risk", openedAt: new Date("2026-11-20T01:00:00Z") } });
  await db.outboundMessage.create({ data: { workspaceId: TEST_TEAM, kind: "nudge", recipient: "U0GONE", period: "2026-11-20", payload: "{}", status: "failed", attempts: 1, lastError: "account_inactive" } });
  await db.$disconnect();
});

afterAll(async () => {
  await t?.stop();
});

beforeEach(() => {
  t.emulator.reset();
});

describe("App Home", () => {
  it("shows a rep their follow-ups with buttons, their A-tier clients and the risks on their clients", async () => {
    const { view, text } = await openHome(REP);
    expect(text).toContain("Your follow-ups*: 1 overdue, 0 due this week.");
    expect(text).toContain("Home Heath");
    expect(buttonValue(view, "followup_done")).toMatch(/\|2026-10-30\|U0HOMEREP$/);
    // Home Harbour is A-tier and a key client (revenue and years): listed once, with the key clients.
    expect(text).toMatch(/\*Your key clients\* \(1\), highest score first\n• \*Home Harbour\* · tier A · score \d+ · next follow-up due in 11 days \(Fri 4 Dec 2026\)/);
    expect(text).toContain("*Your other A-tier clients*: none.");
    expect(text.match(/Home Harbour\*/g)).toHaveLength(2); // the key list and its risk line
    // The states Home Heath is in now, as its card tells them, though the risk job never ran for it.
    expect(text).toContain("*Risks on your clients*: 3 risk states on 2 clients");
    expect(text).toContain("• *Home Heath*: follow-up overdue, follow-up overdue by 24 days (due 2026-10-30)\n• *Home Heath*: lifecycle at-risk, lifecycle stage is at-risk");
    expect(text).toContain("• *Home Harbour*: revenue concentration, 100% of the workspace's revenue, above 30%");
    expect(text).not.toContain("Your team");
    expect(text).not.toContain("Operations");
    expect(text).toContain("/tier <client>");
  });

  it("tells a rep with more clients than a page the risk states of all of them, listing a few and counting the rest", async () => {
    // 1,200 clients (three pages of the risk inputs); every third is at-risk, and in no other state (never touched,
    // added today, no revenue).
    const BIG = "U0HOMEBIG";
    const rows = Array.from({ length: 1200 }, (_, i) => `Big Book ${String(i).padStart(4, "0")},${BIG},${i % 3 === 0 ? "at-risk" : "active"}`);
    await load("clients", ["name,owner,lifecycle_stage", ...rows].join("\n"));
    const { text } = await openHome(BIG);
    expect(text).toContain("*Risks on your clients*: 400 risk states on 400 clients");
    // Most states first, then by name: the first eight at-risk clients, the other 392 counted.
    expect(text).toContain("• *Big Book 0000*: lifecycle at-risk, lifecycle stage is at-risk\n• *Big Book 0003*: lifecycle at-risk");
    expect(text).toContain("• *Big Book 0021*: lifecycle at-risk");
    expect(text).not.toContain("Big Book 0024");
    expect(text).toContain("…and 392 more clients in a risk state: `/client list mine` shows each one's risks");
  });

  it("shows a manager the team's overdue totals, and an admin the bot's operations", async () => {
    const manager = await openHome(MANAGER);
    expect(manager.text).toContain("Your team*: 1 overdue follow-up across 2 people");
    expect(manager.text).toContain(`<@${REP}>: 1 overdue`);
    expect(mentionProblems({ blocks: manager.view.blocks as never }, [REP, MANAGER])).toEqual([]);
    const admin = await openHome(ADMIN);
    expect(admin.text).toContain("Operations");
    expect(admin.text).toContain("nudge to <@U0GONE> failed after 1 attempt: account_inactive");
  });

  it("records Done from the App Home and publishes the tab again; a stale second click records nothing", async () => {
    const { view } = await openHome(REP);
    const home = t.emulator.homeView(REP)!;
    const value = buttonValue(view, "followup_done");
    t.emulator.reset();
    const click = await t.slack.blockAction({ actionId: "followup_done", value, userId: REP, view: home });
    expect(click.status).toBe(200);
    const published = await t.emulator.waitForCall("views.publish", (c) => c.args.user_id === REP);
    expect(allText(published.args.view)).toContain("nothing due in the next 7 days");
    t.emulator.reset();
    await t.slack.blockAction({ actionId: "followup_done", value, userId: REP, view: home });
    await t.emulator.waitForCall("views.publish", (c) => c.args.user_id === REP);
    const card = await t.slack.command("/tier", "Home Heath", { userId: REP });
    expect(allText(card.json).match(/Follow-up done/g)).toHaveLength(1);
  });

  it("opens the log form from the App Home and publishes the tab again once the touch is logged", async () => {
    await openHome(REP);
    const home = t.emulator.homeView(REP)!;
    const clientId = (await t.bot.services.store.clients.findByKey(TEST_TEAM, "home harbour"))!.id;
    await t.slack.blockAction({ actionId: "log_open", value: clientId, userId: REP, view: home });
    const opened = await t.emulator.waitForCall("views.open");
    const modal = opened.response!.body.view as { id: string; private_metadata?: string };
    expect(JSON.parse(modal.private_metadata ?? "{}")).toEqual({ home: true });
    t.emulator.reset();
    const submitted = await t.slack.viewSubmission({
      callbackId: "log_interaction",
      viewId: modal.id,
      userId: REP,
      privateMetadata: JSON.stringify({ home: true }),
      values: {
        client: { client_pick: { type: "external_select", selected_option: { text: { type: "plain_text", text: "Home Harbour" }, value: clientId } } },
        type: { type: { type: "static_select", selected_option: { text: { type: "plain_text", text: "Call" }, value: "call" } } },
        summary: { summary: { type: "plain_text_input", value: "Called from the Home tab" } },
      },
    });
    expect(submitted.status).toBe(200);
    await t.emulator.waitForCall("views.publish", (c) => c.args.user_id === REP);
  });
});
