/**
 * `npm run sandbox` in a real browser (Debian's Chromium through playwright-core): the console it prints, `/tier`,
 * the first App Home telling the card's risk states, logging a touch through the log modal, the nudges job run
 * "as of" a Monday, Done on the nudge, and the App Home.
 * Screenshots go to test-results/sandbox/. Skipped, saying why, where Chromium is not installed.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const ARTIFACTS = path.join(ROOT, "test-results", "sandbox");
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) process.stderr.write(`browser tests skipped: ${CHROMIUM} not found (install it with: apt-get install -y chromium)\n`);

let sandbox: ChildProcess | undefined;
let output = "";
let context: BrowserContext | undefined;
let page: Page;
let scratch: string;
/** Every request of the page that failed or was answered 4xx/5xx (a missing favicon, say). */
const failedRequests: string[] = [];

/** Starts `npm run sandbox` and resolves with the URL on the line that names the console. */
function startSandbox(dataFile: string): Promise<string> {
  // Monday 23 November 2026, 09:00 UTC: a business day for every demo person.
  const child = spawn("npm", ["run", "sandbox", "--", "--port", "0", "--data", dataFile, "--now", "2026-11-23T09:00"], { cwd: ROOT, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  sandbox = child;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no Console line within 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /^Console: (http\S+)$/m.exec(output)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve(url);
      }
    };
    child.stdout?.on("data", read);
    child.stderr?.on("data", read);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`npm run sandbox exited (${code}):\n${output}`));
    });
  });
}

async function stopSandbox(): Promise<void> {
  const child = sandbox;
  if (!child?.pid || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  process.kill(-child.pid, "SIGINT");
  const timer = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

const composer = () => page.getByLabel("Message or /command");

/** Waits until the locator's text matches (Playwright's own expect is in @playwright/test, not playwright-core). */
async function textOf(locator: Locator, pattern: string | RegExp): Promise<void> {
  await expect.poll(async () => (await locator.first().textContent({ timeout: 5000 }).catch(() => "")) ?? "", { timeout: 15_000 }).toMatch(pattern);
}

async function send(text: string) {
  await composer().fill(text);
  await composer().press("Enter");
}

describe.skipIf(!hasChromium)(`the sandbox console in Chromium${hasChromium ? "" : ` (skipped: ${CHROMIUM} not installed)`}`, () => {
  beforeAll(async () => {
    scratch = mkdtempSync(path.join(tmpdir(), "followups-sandbox-"));
    mkdirSync(ARTIFACTS, { recursive: true });
    const url = await startSandbox(path.join(scratch, "sandbox.db"));
    expect(url).toMatch(/^http:\/\/(127\.0\.0\.1|localhost):\d+\/$/);
    context = await chromium.launchPersistentContext(path.join(scratch, "chromium-profile"), {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 1360, height: 860 },
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(15_000);
    page.on("response", (response) => {
      if (response.status() >= 400) failedRequests.push(`${response.status()} ${response.url()}`);
    });
    page.on("requestfailed", (request) => failedRequests.push(`failed ${request.url()}`));
    await page.goto(url);
    await page.locator("body[data-ready=true]").waitFor();
  }, 150_000);

  afterAll(async () => {
    await context?.close();
    await stopSandbox();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }, 30_000);

  it("shows a client card for /tier, rendered from its Block Kit", async () => {
    await page.getByLabel("You are").selectOption({ label: "Mei Chen (rep)" });
    await send("/tier Yangtze");
    const card = page.locator("article.message").filter({ has: page.getByRole("heading", { name: "Yangtze River Water Holdings" }) });
    await card.getByText("Only visible to you").waitFor();
    await textOf(card.locator(".bk-fields"), /Tier[\s\S]*Score[\s\S]*Owner[\s\S]*@Mei Chen/);
    await textOf(card, /overdue by \d+ days?/);
    await card.getByRole("button", { name: "Log a touch" }).waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "tier-card.png") });
  });

  it("shows on the first App Home the same risk states as the card, as the bot's DM tab", async () => {
    const yangtze = "Yangtze River Water Holdings";
    const card = page.locator("article.message").filter({ has: page.getByRole("heading", { name: yangtze }) }).last();
    // "• Follow-up overdue: follow-up overdue by 10 days (…)" on the card is "• Yangtze…: follow-up overdue, …" on Home.
    const cardStates = (await card.locator(".bk-text").filter({ hasText: "Risks" }).innerText())
      .split("\n")
      .flatMap((line) => {
        const [, rule, reason] = /^• (.+?): (.+)$/.exec(line.trim()) ?? [];
        return rule ? [`${rule.toLowerCase()}, ${reason}`] : [];
      });
    expect(cardStates.length).toBeGreaterThanOrEqual(2);
    await page.getByRole("button", { name: /Follow-up Bot/ }).click();
    await page.getByRole("tab", { name: "Home" }).click();
    const risks = page.locator("#home .bk-text").filter({ hasText: "Risks on your clients" });
    await textOf(risks, yangtze);
    const homeStates = (await risks.first().innerText())
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line.startsWith(`• ${yangtze}: `))
      .map((line) => line.slice(`• ${yangtze}: `.length));
    expect(homeStates).toEqual(cardStates);
    await page.screenshot({ path: path.join(ARTIFACTS, "app-home-risks.png") });
    await page.getByRole("tab", { name: "Messages" }).click();
    // Back where commands are typed: the bot's Messages tab is read-only, as its manifest says.
    await page.getByRole("button", { name: "# sales-team" }).click();
  });

  it("logs a touch through the log modal, searching the client as Slack's external select does", async () => {
    await send("/log");
    const modal = page.getByRole("dialog", { name: "Log a touch" });
    await modal.waitFor();
    await modal.getByRole("combobox", { name: "Client" }).pressSequentially("Gulf");
    await modal.getByRole("option", { name: "Gulf Desalination Partners" }).click();
    await modal.getByLabel("Summary").fill("Agreed the term sheet for the desalination expansion");
    await modal.getByRole("radio", { name: "Positive" }).check();
    await modal.getByRole("button", { name: "Log it" }).click();
    await modal.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: /Follow-up Bot/ }).click();
    await textOf(page.locator("#messages"), "Logged a call with Gulf Desalination Partners");
    await page.locator("#messages").getByRole("button", { name: "Undo" }).waitFor();
  });

  it("runs the nudges job as of a Monday morning, and Done on the nudge records the follow-up", async () => {
    await page.getByLabel("As of (UTC)").fill("2026-11-23T09:00");
    await page.getByRole("button", { name: "Run nudges" }).click();
    await textOf(page.locator("#job-results li"), /^As of 2026-11-23 09:00 UTC: nudges done: .*; posts: [1-9]\d* sent/);
    const greeting = page.locator("article.message").filter({ hasText: "Good morning!" });
    await greeting.waitFor();
    // The same message once Done has redrawn it (without the greeting).
    const nudge = page.locator(`article.message[data-message-id="${await greeting.getAttribute("data-message-id")}"]`);
    await textOf(nudge, "Yangtze River Water Holdings");
    await page.screenshot({ path: path.join(ARTIFACTS, "nudge.png") });
    await nudge.getByRole("button", { name: "Done" }).first().click();
    await textOf(nudge, /Done with .+: next follow-up/);
    await textOf(nudge, "(edited)");
    await page.screenshot({ path: path.join(ARTIFACTS, "console.png") });
  });

  it("snoozes a follow-up by a week from its row's overflow menu, beside the Done and Snooze 1 day buttons", async () => {
    const redrawn = page.locator("article.message").filter({ hasText: /Done with .+: next follow-up/ });
    // The same message once the snooze has redrawn it again.
    const nudge = page.locator(`article.message[data-message-id="${await redrawn.getAttribute("data-message-id")}"]`);
    const row = nudge.locator(".bk-actions").first();
    await expect.poll(async () => (await row.locator(":scope > button").allTextContents()).map((s) => s.trim())).toEqual(["Done", "Snooze 1 day"]);
    const more = row.getByRole("button", { name: "More actions" });
    await more.click();
    await expect.poll(async () => (await row.getByRole("menuitem").allTextContents()).map((s) => s.trim())).toEqual(["Snooze 1 week", "Snooze until…", "Log a touch"]);
    await page.screenshot({ path: path.join(ARTIFACTS, "overflow-menu.png") });
    await row.getByRole("menuitem", { name: "Snooze 1 week" }).click();
    await textOf(nudge, /snoozed until/);
  });

  it("shows the bot's Messages tab read-only, as its manifest says: a note where the composer was", async () => {
    await page.getByRole("tab", { name: "Messages" }).click();
    await page.getByText("Sending messages to this app has been turned off.").waitFor();
    expect(await composer().isVisible()).toBe(false);
  });

  it("opens the App Home published by the bot", async () => {
    await page.getByRole("tab", { name: "Home" }).click();
    await page.getByRole("heading", { name: "Client follow-ups" }).waitFor();
    await textOf(page.locator("#home"), "/followups");
    await page.screenshot({ path: path.join(ARTIFACTS, "app-home.png") });
  });

  it("answers a command no app declares as Slack does, from Slackbot, listing the bot's commands", async () => {
    await page.getByRole("button", { name: "# sales-team" }).click();
    await send("/foo");
    const answer = page.locator("article.message.slackbot").last();
    await textOf(answer, "/foo is not a valid command");
    await textOf(answer, /\/tier[\s\S]*\/log[\s\S]*\/client[\s\S]*\/team[\s\S]*\/followups/);
    await answer.getByText("Only visible to you").waitFor();
    await page.screenshot({ path: path.join(ARTIFACTS, "unknown-command.png") });
  });

  it("has an icon a browser loads without asking the server (no /favicon.ico 404), and no request failed", async () => {
    // Headless Chromium asks for no icon itself: load it as a tab would, from the page's <link rel="icon"> or, without one, /favicon.ico.
    // (A string: the test's TypeScript has no DOM types.)
    const icon = await page.evaluate(`(async () => {
      const href = document.querySelector('link[rel~="icon"]')?.href ?? new URL("/favicon.ico", location.href).href;
      const response = await fetch(href);
      return { scheme: new URL(href).protocol, ok: response.ok, type: response.headers.get("content-type") };
    })()`);
    expect(icon).toEqual({ scheme: "data:", ok: true, type: "image/svg+xml" });
    expect(failedRequests).toEqual([]);
  });
});
