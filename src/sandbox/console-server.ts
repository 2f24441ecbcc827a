/**
 * The sandbox console's HTTP server (127.0.0.1 only): the static page, a JSON API the page calls, and a stream of
 * "something changed" events. Everything a person does goes to the bot as a Slack-signed request on its
 * POST /slack/events (SlackRequests, as the end-to-end tests do); what the bot does comes back through the emulator.
 */
import { randomBytes } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { SlackEmulator } from "../../test/support/slack-emulator.ts";
import type { SlackReply, SlackRequests } from "../../test/support/slack-requests.ts";
import type { DemoPerson } from "./demo-data.ts";
import type { AppManifest } from "./manifest.ts";
import { commandTextAsSlackSends, parseSlashCommand, unknownCommandText } from "./slack-text.ts";
import { dmChannelOf, type ConsoleWorkspace } from "./workspace.ts";

export interface JobConsole {
  /** Every job the bot knows (src/jobs/run-job.ts JOBS), with the reason one cannot run here. */
  list(): { name: string; available: boolean; reason?: string }[];
  /** `summary`: the closing line `npm run job` prints for a finished run. */
  run(name: string, at: Date): Promise<{ kind: string; stats?: Record<string, number>; summary?: string; error?: string }>;
}

export interface ConsoleServerOptions {
  workspace: ConsoleWorkspace;
  emulator: SlackEmulator;
  /** Requests signed for the bot; replaced when the bot restarts. */
  slack: () => SlackRequests;
  people: readonly DemoPerson[];
  team: { id: string; name: string };
  /** The app as manifest.yml declares it: its commands, and whether its Messages tab takes messages. */
  app: AppManifest;
  jobs: JobConsole;
  /** The sandbox's clock, for the jobs' default "as of". */
  now: () => Date;
  host: string;
  port: number;
}

export interface ConsoleServer {
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** What Slack shows in place of the composer of an app's read-only Messages tab. */
export const MESSAGES_TAB_READ_ONLY = "Sending messages to this app has been turned off.";

const PUBLIC_DIR = fileURLToPath(new URL("./public/", import.meta.url));
const STATIC_FILES: Record<string, string> = {
  "/": "index.html",
  "/console.js": "console.js",
  "/blocks.js": "blocks.js",
  "/mrkdwn.js": "mrkdwn.js",
  "/style.css": "style.css",
};
const CONTENT_TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

type Json = Record<string, unknown>;
const isRecord = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown) => (typeof value === "string" ? value : undefined);

export async function startConsoleServer(options: ConsoleServerOptions): Promise<ConsoleServer> {
  const { workspace, emulator, people, jobs, app } = options;
  const streams = new Set<ServerResponse>();
  let sequence = 0;

  const person = (id: unknown): DemoPerson => {
    const found = people.find((p) => p.id === id);
    if (!found) throw new HttpError(400, `unknown person ${String(id)}`);
    return found;
  };
  const channelFor = (userId: string, channel: unknown): string => {
    if (typeof channel === "string" && (channel === dmChannelOf(userId) || workspace.channels().some((c) => c.id === channel))) return channel;
    throw new HttpError(400, `unknown channel ${String(channel)}`);
  };
  const trigger = (userId: string): string => {
    const id = `${Math.floor(Date.now() / 1000)}.${++sequence}.${randomBytes(8).toString("hex")}`;
    workspace.registerTrigger(id, userId);
    return id;
  };
  /** A request the bot refused or failed is said in the conversation, as Slack shows "failed with the error …". */
  const checkReply = (reply: SlackReply, userId: string, channel: string, what: string): boolean => {
    if (reply.status === 200) return true;
    workspace.addNotice(userId, channel, `${what} failed: the bot answered HTTP ${reply.status}${reply.body ? ` (${reply.body.slice(0, 200)})` : ""}.`);
    return false;
  };

  workspace.onChange(() => {
    for (const res of streams) res.write(`event: change\ndata: ${workspace.version}\n\n`);
  });

  const api: Record<string, (body: Json, url: URL) => Promise<unknown>> = {
    "GET /api/bootstrap": async () => ({
      team: options.team,
      bot: { id: emulator.botUserId, name: emulator.knownUsers().get(emulator.botUserId)?.realName ?? "Bot" },
      people,
      channels: workspace.channels(),
      app: { name: app.name, commands: app.commands.map((c) => c.command), messagesTab: app.messagesTab },
      jobs: jobs.list(),
      now: options.now().toISOString(),
    }),

    "GET /api/state": async (_body, url) => {
      const user = person(url.searchParams.get("user"));
      const channel = channelFor(user.id, url.searchParams.get("channel") ?? dmChannelOf(user.id));
      return {
        version: workspace.version,
        messages: workspace.messagesFor(user.id, channel),
        modal: workspace.modalFor(user.id) ?? null,
        modalDepth: workspace.modalDepth(user.id),
        home: workspace.homeFor(user.id) ?? null,
        dmCount: workspace.messagesFor(user.id, dmChannelOf(user.id)).length,
        channels: workspace.channels(),
      };
    },

    "POST /api/message": async (body) => {
      const user = person(body.user);
      const channel = channelFor(user.id, body.channel);
      const typed = str(body.text)?.trim() ?? "";
      if (!typed) throw new HttpError(400, "empty message");
      // The manifest makes the bot's Messages tab read-only: Slack shows no composer there, for commands either.
      if (channel === dmChannelOf(user.id) && app.messagesTab.readOnly) throw new HttpError(403, MESSAGES_TAB_READ_ONLY);
      const slash = parseSlashCommand(typed);
      if (!slash) {
        workspace.addUserMessage(user.id, channel, typed);
        return { ok: true };
      }
      workspace.addUserMessage(user.id, channel, typed, { command: true });
      // A command no app declares never reaches the bot: Slackbot says so, to this person only.
      if (!app.commands.some((c) => c.command === slash.command)) {
        workspace.addSlackbotNotice(user.id, channel, unknownCommandText(slash.command, app));
        return { ok: true };
      }
      const reply = await options.slack().command(slash.command, commandTextAsSlackSends(slash.text, people), {
        userId: user.id,
        channelId: channel,
        triggerId: trigger(user.id),
      });
      workspace.registerResponseUrl(reply.responseUrl, { userId: user.id, channel });
      if (!checkReply(reply, user.id, channel, slash.command)) return { ok: false, status: reply.status };
      if (isRecord(reply.json) && (reply.json.text !== undefined || reply.json.blocks !== undefined)) {
        const answer = workspace.addCommandAnswer(user.id, channel, reply.json);
        workspace.registerResponseUrl(reply.responseUrl, { userId: user.id, channel, originalId: answer.id });
      }
      return { ok: true };
    },

    "POST /api/action": async (body) => {
      const user = person(body.user);
      const action = isRecord(body.action) ? body.action : {};
      const actionId = str(action.action_id);
      if (!actionId) throw new HttpError(400, "action without action_id");
      const common = {
        actionId,
        blockId: str(action.block_id) ?? "block",
        userId: user.id,
        triggerId: trigger(user.id),
        action,
        ...(str(action.value) !== undefined ? { value: str(action.value)! } : {}),
        ...(isRecord(body.stateValues) ? { stateValues: body.stateValues } : {}),
      };
      const viewId = str(body.viewId);
      if (viewId) {
        const view = emulator.view(viewId);
        if (!view) throw new HttpError(404, `no view ${viewId}`);
        const withState = { ...view, state: { values: isRecord(body.stateValues) ? body.stateValues : {} } };
        const reply = await options.slack().blockAction({ ...common, view: withState });
        checkReply(reply, user.id, dmChannelOf(user.id), "The button");
        return { ok: reply.status === 200 };
      }
      const message = workspace.message(str(body.messageId) ?? "");
      if (!message) throw new HttpError(404, "no such message");
      const reply = await options.slack().blockAction({
        ...common,
        channelId: message.channel,
        message: { type: "message", ts: message.ts, text: message.text, user: message.author, bot_id: emulator.botId, blocks: message.blocks },
        container: { type: "message", message_ts: message.ts, channel_id: message.channel, is_ephemeral: message.visibleTo !== undefined },
      });
      workspace.registerResponseUrl(reply.responseUrl, { userId: user.id, channel: message.channel, originalId: message.id });
      checkReply(reply, user.id, message.channel, "The button");
      return { ok: reply.status === 200 };
    },

    "POST /api/options": async (body) => {
      const user = person(body.user);
      const view = emulator.view(str(body.viewId) ?? "");
      const reply = await options.slack().options({
        actionId: str(body.actionId) ?? "",
        blockId: str(body.blockId) ?? "block",
        value: str(body.value) ?? "",
        userId: user.id,
        ...(view ? { view } : {}),
      });
      if (reply.status !== 200) throw new HttpError(502, `the bot answered HTTP ${reply.status}`);
      return isRecord(reply.json) ? reply.json : { options: [] };
    },

    "POST /api/submit": async (body) => {
      const user = person(body.user);
      const viewId = str(body.viewId) ?? "";
      const view = emulator.view(viewId);
      if (!view) throw new HttpError(404, `no view ${viewId}`);
      const values = isRecord(body.values) ? (body.values as Record<string, Record<string, Record<string, unknown>>>) : {};
      const reply = await options.slack().viewSubmission({ callbackId: str(view.callback_id) ?? "", values, userId: user.id, viewId });
      if (!checkReply(reply, user.id, dmChannelOf(user.id), `Submitting "${titleOf(view)}"`)) {
        workspace.closeModal(user.id);
        return { ok: false };
      }
      const answer = isRecord(reply.json) ? reply.json : {};
      if (answer.response_action === "errors") return { ok: false, errors: answer.errors ?? {} };
      if (answer.response_action === "update" || answer.response_action === "push") {
        workspace.addNotice(user.id, dmChannelOf(user.id), `The bot answered the form with response_action "${answer.response_action}", which the sandbox console does not show yet.`);
      }
      workspace.closeModal(user.id, { all: answer.response_action === "clear" });
      return { ok: true };
    },

    "POST /api/close": async (body) => {
      workspace.closeModal(person(body.user).id);
      return { ok: true };
    },

    "POST /api/home": async (body) => {
      const user = person(body.user);
      const reply = await options.slack().event({ type: "app_home_opened", user: user.id, channel: dmChannelOf(user.id), tab: "home" });
      checkReply(reply, user.id, dmChannelOf(user.id), "Opening the App Home");
      return { ok: reply.status === 200 };
    },

    "POST /api/jobs": async (body) => {
      const name = str(body.job) ?? "";
      const job = jobs.list().find((j) => j.name === name);
      if (!job) throw new HttpError(400, `unknown job ${name}`);
      if (!job.available) throw new HttpError(409, `${name} cannot run here: ${job.reason ?? "no runner"}`);
      const atText = str(body.at);
      const at = atText ? parseAsOf(atText) : options.now();
      const outcome = await jobs.run(name, at);
      return { job: name, at: at.toISOString(), ...outcome };
    },
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const status = error instanceof HttpError ? error.status : 500;
      if (!res.headersSent) sendJson(res, status, { ok: false, error: error instanceof Error ? error.message : String(error) });
      else res.end();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // Only this machine's browser: a page elsewhere that resolves its own name to 127.0.0.1 is refused (DNS rebinding).
    const hostName = (req.headers.host ?? "").replace(/:\d+$/, "");
    if (!["127.0.0.1", "localhost", "[::1]"].includes(hostName)) throw new HttpError(403, "the console answers on localhost only");
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    if (req.method === "GET" && url.pathname === "/api/events") return openStream(res);
    const route = api[`${req.method} ${url.pathname}`];
    if (route) {
      // JSON only: a cross-site form cannot send it without a preflight the console never grants.
      if (req.method === "POST" && !(req.headers["content-type"] ?? "").startsWith("application/json")) throw new HttpError(415, "send JSON");
      const body = req.method === "POST" ? await readJson(req) : {};
      return sendJson(res, 200, await route(body, url));
    }
    const file = req.method === "GET" ? STATIC_FILES[url.pathname] : undefined;
    if (!file) throw new HttpError(404, "not found");
    const content = await readFile(path.join(PUBLIC_DIR, file));
    res.writeHead(200, { "content-type": CONTENT_TYPES[path.extname(file)] ?? "application/octet-stream", "cache-control": "no-store" });
    res.end(content);
  }

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
    res.write(`event: change\ndata: ${workspace.version}\n\n`);
    streams.add(res);
    res.on("close", () => streams.delete(res));
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}/`,
    port,
    async stop() {
      for (const res of streams) res.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

/** `2026-11-23`, `2026-11-23T09:00` (UTC, as the CLI's --at) or a full ISO instant. */
export function parseAsOf(text: string): Date {
  const trimmed = text.trim();
  const withTime = /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? `${trimmed}T09:00` : trimmed;
  const iso = /(Z|[+-]\d{2}:?\d{2})$/.test(withTime) ? withTime : `${withTime}Z`;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) throw new HttpError(400, `"${text}" is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC)`);
  return at;
}

function titleOf(view: Json): string {
  return isRecord(view.title) ? (str(view.title.text) ?? "the form") : "the form";
}

async function readJson(req: IncomingMessage): Promise<Json> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 1_000_000) throw new HttpError(413, "request too large");
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    const parsed: unknown = text ? JSON.parse(text) : {};
    if (!isRecord(parsed)) throw new Error("not an object");
    return parsed;
  } catch {
    throw new HttpError(400, "invalid JSON");
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store", "content-length": Buffer.byteLength(text) });
  res.end(text);
}
