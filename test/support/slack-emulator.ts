// A local stand-in for Slack's Web API (and response URLs) that a real Bolt app or WebClient can talk to.
// Answers follow Slack's OpenAPI description (see slack-openapi.ts); behaviour the 2020 spec gets wrong
// or leaves out (metadata, include_locale, DM ids) follows Slack's docs.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { blockKitProblems, type BlockKitPayload } from "./block-kit-limits.ts";
import { checkCall, isNotInSpecProblem } from "./slack-openapi.ts";

export interface SlackEmulatorOptions {
  /** When set, every Web API call must carry exactly this token. */
  botToken?: string;
  teamId?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  teamName?: string;
  teamDomain?: string;
  /** Refuse calls that miss an argument Slack's OpenAPI description requires (default). */
  checkCallsAgainstSpec?: boolean;
  /** The app's OAuth credentials: oauth.v2.access checks them. */
  oauthClient?: { clientId: string; clientSecret: string };
}

/** A workspace that installs the app through OAuth (see `authorizeInstall`). */
export interface EmulatedInstall {
  teamId: string;
  teamName?: string;
  /** The person who clicked "Allow". */
  userId: string;
  botToken: string;
  botUserId?: string;
  botId?: string;
  scopes?: readonly string[];
}

/** What the emulator has just recorded: an answered Web API call or a response_url post. */
export type RecordedEntry = { kind: "call"; call: RecordedCall } | { kind: "response"; response: RecordedResponse };

export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  token: string | undefined;
  at: number;
  /** Filled in once the emulator has answered. */
  response?: { status: number; body: Record<string, unknown> };
}

export interface RecordedResponse {
  id: string;
  body: unknown;
  at: number;
}

/** Name that response-URL posts use for fault injection (`"*"` does not match them). */
export const RESPONSE_URL_METHOD = "response_url";

export type Fault = { method: string; times?: number } & (
  | { kind: "rate_limit"; retryAfterSeconds: number }
  /** `landed`: the call takes effect (a post is stored) before the error answer, as when Slack fails mid-reply. */
  | { kind: "server_error"; status?: 500 | 502 | 503; landed?: boolean }
  | { kind: "latency"; ms: number }
  /** Lost on the way: the call never takes effect; after `ms` (a caller that waited so long timed out) a 504. */
  | { kind: "lost"; ms: number }
  /** The call takes effect at once; its answer comes `ms` later (a caller that dies meanwhile never hears it). */
  | { kind: "slow_reply"; ms: number }
  | { kind: "error"; error: string }
);

export interface EmulatedUser {
  /** IANA zone; default "UTC". */
  tz?: string;
  /** Default "en-US"; only returned when the caller passes include_locale, as Slack does. */
  locale?: string;
  name?: string;
  realName?: string;
  deleted?: boolean;
  isBot?: boolean;
}

export interface RateLimits {
  perChannelPerSecond?: number;
  workspacePerSecond?: number;
}

export type MethodHandler = (
  args: Record<string, unknown>,
  call: RecordedCall,
) => Record<string, unknown> | Promise<Record<string, unknown>>;

interface Answer {
  status: number;
  body: Record<string, unknown>;
  headers?: Record<string, string>;
}

type FaultEffect = { kind: "instead"; answer: Answer } | { kind: "after"; answer?: Answer; delayMs?: number };

type StoredMessage = Record<string, unknown> & { ts: string };

// Slack: a response_url takes up to 5 posts within 30 minutes.
const RESPONSE_URL_USES = 5;
const RESPONSE_URL_TTL_MS = 30 * 60 * 1000;
const TS_PATTERN = /^\d+(\.\d+)?$/;
const SERVER_ERRORS: Record<number, string> = { 500: "fatal_error", 502: "bad_gateway", 503: "service_unavailable" };
const NO_TOKEN_METHODS = new Set(["oauth.v2.access"]);

export class SlackEmulator {
  readonly calls: RecordedCall[] = [];
  readonly responses: RecordedResponse[] = [];
  readonly botToken: string | undefined;
  readonly teamId: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly teamName: string;
  readonly teamDomain: string;

  private readonly checkCallsAgainstSpec: boolean;
  private readonly listeners = new Set<(entry: RecordedEntry) => void>();
  private readonly server: Server;
  private baseUrl = "";
  private faults: Array<Fault & { remaining: number }> = [];
  private readonly handlers = new Map<string, MethodHandler>();
  /** OAuth: codes Slack would hand the redirect, and the bot tokens they were exchanged for. */
  private readonly codes = new Map<string, EmulatedInstall>();
  private readonly installs = new Map<string, EmulatedInstall & { revoked: boolean }>();
  private readonly oauthClient: SlackEmulatorOptions["oauthClient"];
  private readonly users = new Map<string, EmulatedUser>();
  private messages = new Map<string, StoredMessage[]>();
  private views = new Map<string, Record<string, unknown>>();
  private homeViews = new Map<string, string>();
  private responseUrls = new Map<string, { issuedAt: number; uses: number }>();
  private readonly callWaiters = new WaitList<RecordedCall>();
  private readonly responseWaiters = new WaitList<RecordedResponse>();
  private limits: RateLimits = {};
  private postTimes = { workspace: [] as number[], perChannel: new Map<string, number[]>() };
  private counters = { postMessage: 0, rateLimited: 0 };
  /**
   * Every payload refused because it breaks Block Kit's limits (as Slack answers `invalid_blocks`), kept across
   * `reset()` so that the test helper can fail the whole file on any of them.
   */
  readonly blockKitRefusals: string[] = [];
  private lastTsMicros = 0;
  private sequence = 0;

  private constructor(options: SlackEmulatorOptions) {
    this.botToken = options.botToken;
    this.teamId = options.teamId ?? "T0TEST";
    this.botUserId = options.botUserId ?? "U0BOT";
    this.botId = options.botId ?? "B0BOT";
    this.appId = options.appId ?? "A0TEST";
    this.teamName = options.teamName ?? "Test Workspace";
    this.teamDomain = options.teamDomain ?? "test-workspace";
    this.checkCallsAgainstSpec = options.checkCallsAgainstSpec ?? true;
    this.oauthClient = options.oauthClient;
    this.users.set(this.botUserId, { name: "followup-bot", realName: "Follow-up Bot", isBot: true });
    this.server = createServer((req, res) => {
      this.route(req, res).catch((error: unknown) => {
        const detail = error instanceof Error ? error.message : String(error);
        if (!res.headersSent) send(res, { status: 500, body: { ok: false, error: "emulator_error", detail } });
      });
    });
  }

  static async start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
    const emulator = new SlackEmulator(options);
    await new Promise<void>((resolve, reject) => {
      emulator.server.once("error", reject);
      emulator.server.listen(0, "127.0.0.1", () => resolve());
    });
    const { port } = emulator.server.address() as AddressInfo;
    emulator.baseUrl = `http://127.0.0.1:${port}`;
    return emulator;
  }

  /** Calls `listener` after each answered call and each response_url post; returns the unsubscribe function. */
  onRecorded(listener: (entry: RecordedEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(entry: RecordedEntry): void {
    for (const listener of this.listeners) listener(entry);
  }

  /** People known to users.info (the bot user included), by id. */
  knownUsers(): Map<string, EmulatedUser> {
    return new Map(this.users);
  }

  /** For Bolt's `clientOptions.slackApiUrl` or WebClient's `slackApiUrl`. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.close((error) => (error ? reject(error) : resolve()));
      // fetch keeps connections alive; without this close() waits for them to time out.
      this.server.closeAllConnections();
    });
  }

  /** Clears recorded calls, responses, messages, views, faults and counters; keeps users, handlers and limits. */
  reset(): void {
    this.calls.length = 0;
    this.responses.length = 0;
    this.faults = [];
    this.messages = new Map();
    this.views = new Map();
    this.homeViews = new Map();
    this.responseUrls = new Map();
    this.postTimes = { workspace: [], perChannel: new Map() };
    this.counters = { postMessage: 0, rateLimited: 0 };
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /** Resolves with the first matching call (already recorded or future) once it has been answered. */
  waitForCall(method: string, predicate?: (call: RecordedCall) => boolean, timeoutMs = 2000): Promise<RecordedCall> {
    const match = (call: RecordedCall): boolean =>
      call.method === method && call.response !== undefined && (predicate ? predicate(call) : true);
    return this.callWaiters.wait(this.calls, match, timeoutMs, () => {
      const seen = this.calls.map((call) => `  ${call.method} ${truncate(JSON.stringify(call.args), 160)}`);
      const what = predicate ? `${method} matching the predicate` : method;
      return `SlackEmulator: no call to ${what} within ${timeoutMs}ms; calls seen (${seen.length}):\n${seen.join("\n") || "  (none)"}`;
    });
  }

  /** A fresh response_url served by this emulator. */
  responseUrl(): string {
    const id = `R${++this.sequence}${randomBytes(4).toString("hex")}`;
    this.responseUrls.set(id, { issuedAt: Date.now(), uses: 0 });
    return `${this.baseUrl}/response/${id}`;
  }

  waitForResponse(predicate?: (response: RecordedResponse) => boolean, timeoutMs = 2000): Promise<RecordedResponse> {
    return this.responseWaiters.wait(this.responses, predicate ?? (() => true), timeoutMs, () => {
      const seen = this.responses.map((r) => `  ${r.id} ${truncate(JSON.stringify(r.body), 160)}`);
      return `SlackEmulator: no matching response_url post within ${timeoutMs}ms; posts seen (${seen.length}):\n${seen.join("\n") || "  (none)"}`;
    });
  }

  /** Faults are used up in the order injected; each request consumes at most one. */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  setUser(id: string, user: EmulatedUser = {}): void {
    if (user.tz !== undefined) new Intl.DateTimeFormat("en-US", { timeZone: user.tz }); // throws on an unknown zone
    this.users.set(id, { ...this.users.get(id), ...user });
  }

  /** Answer `method` with `handler` (overrides a built-in one). */
  on(method: string, handler: MethodHandler): void {
    this.handlers.set(method, handler);
  }

  /** Built-in methods plus those added with `on()`. */
  implementedMethods(): string[] {
    return [...new Set([...Object.keys(this.builtins), ...this.handlers.keys()])].sort();
  }

  /** chat.postMessage answers 429 when a limit is exceeded; pass `{}` to stop enforcing. */
  enforceRateLimits(limits: RateLimits): void {
    this.limits = { ...limits };
  }

  /** postMessage: messages accepted; rateLimited: 429 answers (injected or enforced). */
  stats(): { postMessage: number; rateLimited: number } {
    return { ...this.counters };
  }

  /** Messages stored for a channel, oldest first. */
  messagesIn(channel: string): StoredMessage[] {
    return [...(this.messages.get(channel) ?? [])];
  }

  view(id: string): Record<string, unknown> | undefined {
    return this.views.get(id);
  }

  /** The App Home last published for a user (as Slack shows it: with its id and hash). */
  homeView(userId: string): Record<string, unknown> | undefined {
    const id = this.homeViews.get(userId);
    return id === undefined ? undefined : this.views.get(id);
  }

  /**
   * What Slack does when someone approves the install on its authorize page: returns the `code` it appends to the
   * redirect URL; oauth.v2.access exchanges it (once) for `install.botToken`, which then works for that team.
   */
  authorizeInstall(install: EmulatedInstall): string {
    const code = `${Date.now()}.${++this.sequence}.${randomBytes(8).toString("hex")}`;
    this.codes.set(code, install);
    return code;
  }

  /** The token stops working (an uninstall or a revocation): calls with it get `token_revoked`. */
  revokeToken(token: string): void {
    const install = this.installs.get(token);
    if (install) install.revoked = true;
  }

  /** The team a token belongs to: an installed workspace's, else the emulator's own. */
  private teamOf(token: string | undefined): { teamId: string; teamName: string; botUserId: string; botId: string } {
    const install = token === undefined ? undefined : this.installs.get(token);
    if (!install) return { teamId: this.teamId, teamName: this.teamName, botUserId: this.botUserId, botId: this.botId };
    return { teamId: install.teamId, teamName: install.teamName ?? install.teamId, botUserId: install.botUserId ?? this.botUserId, botId: install.botId ?? this.botId };
  }

  /** Undefined when the call may proceed, else Slack's error. Without a configured token any token works until an install exists. */
  private tokenProblem(token: string | undefined): string | undefined {
    if (!token) return "not_authed";
    const install = this.installs.get(token);
    if (install) return install.revoked ? "token_revoked" : undefined;
    if (this.botToken !== undefined) return token === this.botToken ? undefined : "invalid_auth";
    return this.installs.size > 0 ? "invalid_auth" : undefined;
  }

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const raw = await readBody(req);
    const [, area, name] = url.pathname.split("/");
    if (area === "api" && name) return send(res, await this.apiCall(name, req, url, raw));
    if (area === "response" && name && req.method === "POST") return send(res, await this.responsePost(name, raw));
    send(res, { status: 404, body: { ok: false, error: "not_found" } });
  }

  private async apiCall(method: string, req: IncomingMessage, url: URL, raw: string): Promise<Answer> {
    let args: Record<string, unknown>;
    try {
      args = parseArgs(req.headers["content-type"] ?? "", raw, url.searchParams);
    } catch {
      return fail("invalid_json");
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    const token = bearer ?? (typeof args.token === "string" ? args.token : undefined);
    const call: RecordedCall = { method, args, token, at: Date.now() };
    this.calls.push(call);
    const answer = await this.answer(call);
    call.response = { status: answer.status, body: answer.body };
    this.callWaiters.offer(call);
    this.notify({ kind: "call", call });
    return answer;
  }

  private async answer(call: RecordedCall): Promise<Answer> {
    const effect = await this.applyFault(call.method);
    if (effect?.kind === "instead") return effect.answer;
    const answer = await this.handle(call);
    if (effect?.delayMs) await sleep(effect.delayMs);
    return effect?.answer ?? answer;
  }

  private async handle(call: RecordedCall): Promise<Answer> {
    const handler = this.handlers.get(call.method) ?? this.builtins[call.method];
    if (!handler) return fail("unknown_method");
    // oauth.v2.access authenticates the app by its client id and secret, not by a token.
    if (!NO_TOKEN_METHODS.has(call.method)) {
      const problem = this.tokenProblem(call.token);
      if (problem) return fail(problem === "not_authed" ? "invalid_auth" : problem);
    }
    const missing = this.checkCallsAgainstSpec ? checkCall(call.method, call.args).filter((problem) => !isNotInSpecProblem(problem)) : [];
    if (missing.length > 0) {
      return { status: 200, body: { ok: false, error: "invalid_arguments", response_metadata: { messages: missing } } };
    }
    const overLimits = blockKitProblemsOf(call.method, call.args);
    if (overLimits.length > 0) {
      this.blockKitRefusals.push(...overLimits.map((problem) => `${call.method}: ${problem}`));
      return { status: 200, body: { ok: false, error: "invalid_blocks", response_metadata: { messages: overLimits } } };
    }
    if (call.method === "chat.postMessage") {
      const retryAfter = this.rateLimitedFor(dmChannel(str(call.args.channel) ?? ""));
      if (retryAfter !== undefined) return this.rateLimited(retryAfter);
    }
    return { status: 200, body: await handler(call.args, call) };
  }

  /** A fault's effect: an answer instead of the call, or after it (a different answer, or the real one late). */
  private async applyFault(method: string): Promise<FaultEffect | undefined> {
    const index = this.faults.findIndex(
      (fault) => fault.method === method || (fault.method === "*" && method !== RESPONSE_URL_METHOD),
    );
    const fault = this.faults[index];
    if (!fault) return undefined;
    if (--fault.remaining <= 0) this.faults.splice(index, 1);
    switch (fault.kind) {
      case "latency":
        await sleep(fault.ms);
        return undefined;
      case "lost":
        await sleep(fault.ms);
        return { kind: "instead", answer: { status: 504, body: { ok: false, error: "request_timeout" } } };
      case "slow_reply":
        return { kind: "after", delayMs: fault.ms };
      case "rate_limit":
        return { kind: "instead", answer: this.rateLimited(fault.retryAfterSeconds) };
      case "server_error": {
        const status = fault.status ?? 500;
        const answer = { status, body: { ok: false, error: SERVER_ERRORS[status] ?? "fatal_error" } };
        return fault.landed ? { kind: "after", answer } : { kind: "instead", answer };
      }
      case "error":
        return { kind: "instead", answer: fail(fault.error) };
    }
  }

  private rateLimited(retryAfterSeconds: number): Answer {
    this.counters.rateLimited++;
    return { status: 429, body: { ok: false, error: "ratelimited" }, headers: { "retry-after": String(retryAfterSeconds) } };
  }

  /** Seconds to wait when a post to `channel` now would exceed the limits; undefined when allowed. */
  private rateLimitedFor(channel: string): number | undefined {
    const now = Date.now();
    const recent = (times: number[]): number[] => times.filter((t) => now - t < 1000);
    const waitFor = (times: number[], limit: number | undefined): number | undefined =>
      limit !== undefined && times.length >= limit ? Math.max(1, Math.ceil(((times[0] ?? now) + 1000 - now) / 1000)) : undefined;
    this.postTimes.workspace = recent(this.postTimes.workspace);
    const channelTimes = recent(this.postTimes.perChannel.get(channel) ?? []);
    this.postTimes.perChannel.set(channel, channelTimes);
    return waitFor(this.postTimes.workspace, this.limits.workspacePerSecond) ?? waitFor(channelTimes, this.limits.perChannelPerSecond);
  }

  private async responsePost(id: string, raw: string): Promise<Answer> {
    const effect = await this.applyFault(RESPONSE_URL_METHOD);
    if (effect?.kind === "instead") return effect.answer;
    const issued = this.responseUrls.get(id);
    if (!issued) return { status: 404, body: { ok: false, error: "no_such_url" } };
    if (Date.now() - issued.issuedAt > RESPONSE_URL_TTL_MS) return { status: 404, body: { ok: false, error: "expired_url" } };
    if (issued.uses >= RESPONSE_URL_USES) return { status: 404, body: { ok: false, error: "used_url" } };
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return { status: 400, body: { ok: false, error: "invalid_payload" } };
    }
    const overLimits = isRecord(body) ? blockKitProblems(body as BlockKitPayload) : [];
    if (overLimits.length > 0) {
      this.blockKitRefusals.push(...overLimits.map((problem) => `response_url: ${problem}`));
      return { status: 400, body: { ok: false, error: "invalid_blocks" } };
    }
    issued.uses++;
    const response: RecordedResponse = { id, body, at: Date.now() };
    this.responses.push(response);
    this.responseWaiters.offer(response);
    this.notify({ kind: "response", response });
    return { status: 200, body: { ok: true } };
  }

  private nextTs(): string {
    this.lastTsMicros = Math.max(Date.now() * 1000, this.lastTsMicros + 1);
    return `${Math.floor(this.lastTsMicros / 1e6)}.${String(this.lastTsMicros % 1e6).padStart(6, "0")}`;
  }

  private findMessage(channel: string, ts: string): StoredMessage | undefined {
    return this.messages.get(channel)?.find((message) => message.ts === ts);
  }

  private makeView(id: string, spec: Record<string, unknown>, previous?: Record<string, unknown>): Record<string, unknown> {
    const view = {
      id,
      team_id: this.teamId,
      type: spec.type ?? "modal",
      title: spec.title,
      submit: spec.submit ?? null,
      close: spec.close ?? null,
      blocks: spec.blocks ?? [],
      private_metadata: spec.private_metadata ?? "",
      callback_id: spec.callback_id ?? "",
      external_id: spec.external_id ?? previous?.external_id ?? "",
      state: { values: {} },
      hash: `${Math.floor(Date.now() / 1000)}.${randomBytes(4).toString("hex")}`,
      clear_on_close: spec.clear_on_close === true,
      notify_on_close: spec.notify_on_close === true,
      root_view_id: previous?.root_view_id ?? id,
      previous_view_id: null,
      app_id: this.appId,
      app_installed_team_id: this.teamId,
      bot_id: this.botId,
    };
    this.views.set(id, view);
    return view;
  }

  private newViewId(): string {
    return `V${String(++this.sequence).padStart(10, "0")}`;
  }

  private userObject(id: string, user: EmulatedUser, includeLocale: boolean): Record<string, unknown> {
    const tz = user.tz ?? "UTC";
    const name = user.name ?? id.toLowerCase();
    const realName = user.realName ?? name;
    return {
      id,
      team_id: this.teamId,
      name,
      deleted: user.deleted ?? false,
      color: "9f69e7",
      real_name: realName,
      tz,
      tz_label: zoneName(tz, "long"),
      tz_offset: zoneOffsetSeconds(tz),
      ...(includeLocale ? { locale: user.locale ?? "en-US" } : {}),
      profile: {
        real_name: realName,
        real_name_normalized: realName,
        display_name: name,
        display_name_normalized: name,
        avatar_hash: "ge3b51ca72de",
        title: "",
        phone: "",
        skype: "",
        status_text: "",
        status_emoji: "",
        fields: null,
        team: this.teamId,
      },
      is_admin: false,
      is_owner: false,
      is_bot: user.isBot ?? false,
      is_app_user: false,
      updated: 1700000000,
    };
  }

  private readonly builtins: Record<string, MethodHandler> = {
    "auth.test": (_args, call) => {
      const team = this.teamOf(call.token);
      return {
        ok: true,
        url: `https://${team.teamId === this.teamId ? this.teamDomain : team.teamId.toLowerCase()}.slack.com/`,
        team: team.teamName,
        user: this.users.get(team.botUserId)?.name ?? "bot",
        team_id: team.teamId,
        user_id: team.botUserId,
        bot_id: team.botId,
        is_enterprise_install: false,
      };
    },

    // https://docs.slack.dev/reference/methods/oauth.v2.access (a bot-token install, no user scopes).
    "oauth.v2.access": (args) => {
      if (this.oauthClient) {
        if (args.client_id !== this.oauthClient.clientId) return notOk("invalid_client_id");
        if (args.client_secret !== this.oauthClient.clientSecret) return notOk("bad_client_secret");
      }
      const code = str(args.code) ?? "";
      const install = this.codes.get(code);
      if (!install) return notOk("invalid_code");
      this.codes.delete(code); // a code is good for one exchange
      const installed = { ...install, revoked: false };
      this.installs.set(install.botToken, installed);
      const team = this.teamOf(install.botToken);
      this.users.set(team.botUserId, { name: "followup-bot", realName: "Follow-up Bot", isBot: true });
      return {
        ok: true,
        access_token: install.botToken,
        token_type: "bot",
        scope: (install.scopes ?? ["commands", "chat:write", "users:read"]).join(","),
        bot_user_id: team.botUserId,
        app_id: this.appId,
        team: { id: install.teamId, name: team.teamName },
        enterprise: null,
        is_enterprise_install: false,
        authed_user: { id: install.userId },
      };
    },

    "team.info": () => ({
      ok: true,
      team: {
        id: this.teamId,
        name: this.teamName,
        domain: this.teamDomain,
        email_domain: "",
        icon: { image_default: true, image_34: "https://a.slack-edge.com/80588/img/avatars-teams/ava_0001-34.png" },
      },
    }),

    "chat.postMessage": (args) => {
      if (args.text === undefined && args.blocks === undefined && args.attachments === undefined) return notOk("no_text");
      const channel = dmChannel(str(args.channel) ?? "");
      const ts = this.nextTs();
      const message: StoredMessage = compact({
        type: "message",
        text: str(args.text) ?? "",
        user: this.botUserId,
        bot_id: this.botId,
        app_id: this.appId,
        team: this.teamId,
        ts,
        thread_ts: str(args.thread_ts),
        blocks: args.blocks,
        attachments: args.attachments,
        metadata: args.metadata,
      });
      this.messages.set(channel, [...(this.messages.get(channel) ?? []), message]);
      const now = Date.now();
      this.postTimes.workspace.push(now);
      this.postTimes.perChannel.set(channel, [...(this.postTimes.perChannel.get(channel) ?? []), now]);
      this.counters.postMessage++;
      return { ok: true, channel, ts, message };
    },

    "conversations.history": (args) => {
      const channel = str(args.channel);
      // Slack wants a conversation id here (not a user id), though the 2020 spec marks channel optional.
      if (!channel || /^[UW]/.test(channel)) return notOk("channel_not_found");
      const oldestArg = str(args.oldest) ?? "0";
      const latestArg = str(args.latest);
      if (!TS_PATTERN.test(oldestArg)) return notOk("invalid_ts_oldest");
      if (latestArg !== undefined && !TS_PATTERN.test(latestArg)) return notOk("invalid_ts_latest");
      const oldest = tsMicros(oldestArg);
      const latest = latestArg === undefined ? undefined : tsMicros(latestArg);
      const inclusive = flag(args.inclusive);
      const limit = Number(str(args.limit) ?? 100) || 100;
      const withMetadata = flag(args.include_all_metadata);
      const matching = this.messagesIn(channel)
        .reverse()
        .filter((message) => {
          const at = tsMicros(message.ts);
          const afterOldest = inclusive ? at >= oldest : at > oldest;
          const beforeLatest = latest === undefined || (inclusive ? at <= latest : at < latest);
          return afterOldest && beforeLatest;
        });
      const messages = matching.slice(0, limit).map((message) => {
        if (withMetadata) return { ...message };
        const { metadata: _metadata, ...rest } = message;
        return rest;
      });
      return {
        ok: true,
        messages,
        has_more: matching.length > limit,
        pin_count: 0,
        channel_actions_ts: null,
        channel_actions_count: 0,
      };
    },

    "chat.postEphemeral": () => ({ ok: true, message_ts: this.nextTs() }),

    "chat.update": (args) => {
      const channel = dmChannel(str(args.channel) ?? "");
      const ts = str(args.ts) ?? "";
      // Messages the emulator never posted (e.g. from a synthetic block_actions payload) are updated blindly.
      const stored = this.findMessage(channel, ts);
      const changes = compact({ text: str(args.text), blocks: args.blocks, attachments: args.attachments, metadata: args.metadata });
      if (stored) Object.assign(stored, changes, { edited: { user: this.botUserId, ts: this.nextTs() } });
      const text = str(stored?.text) ?? str(args.text) ?? "";
      return { ok: true, channel, ts, text, message: compact({ type: "message", ...stored, ...changes, text }) };
    },

    "chat.delete": (args) => {
      const channel = str(args.channel);
      const ts = str(args.ts);
      if (!channel) return notOk("channel_not_found");
      if (!ts) return notOk("message_not_found");
      const key = dmChannel(channel);
      this.messages.set(key, (this.messages.get(key) ?? []).filter((message) => message.ts !== ts));
      return { ok: true, channel: key, ts };
    },

    "chat.getPermalink": (args) => {
      const channel = str(args.channel) ?? "";
      const ts = str(args.message_ts) ?? "";
      return { ok: true, channel, permalink: `https://${this.teamDomain}.slack.com/archives/${channel}/p${ts.replace(".", "")}` };
    },

    "conversations.open": (args) => {
      const users = (str(args.users) ?? "").split(",").filter(Boolean);
      if (users.length === 0) {
        const channel = str(args.channel);
        return channel ? { ok: true, channel: { id: channel } } : notOk("users_list_not_supplied");
      }
      // A deactivated person cannot be messaged any more.
      if (users.some((user) => this.users.get(user)?.deleted)) return notOk("user_not_found");
      const id = users.length === 1 ? `D${users[0]}` : `G${users.join("").slice(0, 12)}`;
      return { ok: true, channel: { id } };
    },

    "views.open": (args) => {
      const spec = args.view;
      return isRecord(spec) ? { ok: true, view: this.makeView(this.newViewId(), spec) } : notOk("invalid_arguments");
    },

    "views.push": (args) => {
      const spec = args.view;
      return isRecord(spec) ? { ok: true, view: this.makeView(this.newViewId(), spec) } : notOk("invalid_arguments");
    },

    "views.update": (args) => {
      const spec = args.view;
      const givenId = str(args.view_id);
      const externalId = str(args.external_id);
      if (!isRecord(spec) || (!givenId && !externalId)) return notOk("invalid_arguments");
      const byExternalId = [...this.views.values()].find((view) => externalId && view.external_id === externalId);
      const viewId = givenId ?? str(byExternalId?.id) ?? this.newViewId();
      const previous = this.views.get(viewId);
      const hash = str(args.hash);
      if (previous && hash !== undefined && hash !== previous.hash) return notOk("hash_conflict");
      // A view id the emulator never issued (e.g. from a synthetic view_submission) is accepted as new.
      return { ok: true, view: this.makeView(viewId, { external_id: externalId, ...spec }, previous) };
    },

    "views.publish": (args) => {
      const spec = args.view;
      const userId = str(args.user_id) ?? "";
      if (!isRecord(spec)) return notOk("invalid_arguments");
      const viewId = this.homeViews.get(userId) ?? this.newViewId();
      this.homeViews.set(userId, viewId);
      return { ok: true, view: this.makeView(viewId, { ...spec, type: "home" }, this.views.get(viewId)) };
    },

    "users.info": (args) => {
      const id = str(args.user);
      const user = id === undefined ? undefined : this.users.get(id);
      if (id === undefined || !user) return notOk("user_not_found");
      return { ok: true, user: this.userObject(id, user, flag(args.include_locale)) };
    },
  };
}

class WaitList<T> {
  private readonly pending = new Set<{ match: (item: T) => boolean; settle: (item: T | Error) => void }>();

  wait(existing: readonly T[], match: (item: T) => boolean, timeoutMs: number, describe: () => string): Promise<T> {
    const found = existing.find(match);
    if (found !== undefined) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const entry = {
        match,
        settle: (item: T | Error) => {
          clearTimeout(timer);
          this.pending.delete(entry);
          if (item instanceof Error) reject(item);
          else resolve(item);
        },
      };
      const timer = setTimeout(() => entry.settle(new Error(describe())), timeoutMs);
      this.pending.add(entry);
    });
  }

  offer(item: T): void {
    for (const entry of [...this.pending]) {
      try {
        if (entry.match(item)) entry.settle(item);
      } catch (error) {
        entry.settle(error instanceof Error ? error : new Error(String(error)));
      }
    }
  }
}

function send(res: ServerResponse, answer: Answer): void {
  const text = JSON.stringify(answer.body);
  res.writeHead(answer.status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
    ...answer.headers,
  });
  res.end(text);
}

function fail(error: string): Answer {
  return { status: 200, body: notOk(error) };
}

function notOk(error: string): Record<string, unknown> {
  return { ok: false, error };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

function parseArgs(contentType: string, raw: string, query: URLSearchParams): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of query) args[key] = decodeFormValue(key, value);
  if (contentType.includes("application/json")) {
    const parsed: unknown = raw === "" ? {} : JSON.parse(raw);
    if (!isRecord(parsed)) throw new Error("JSON body is not an object");
    Object.assign(args, parsed);
  } else {
    for (const [key, value] of new URLSearchParams(raw)) args[key] = decodeFormValue(key, value);
  }
  return args;
}

// @slack/web-api sends object arguments (blocks, view, metadata) as JSON strings in a form body.
// `text` is always a string in Slack, even when a user types something bracketed.
function decodeFormValue(key: string, value: string): unknown {
  const trimmed = value.trim();
  const looksJson = (trimmed.startsWith("[") && trimmed.endsWith("]")) || (trimmed.startsWith("{") && trimmed.endsWith("}"));
  if (key === "text" || !looksJson) return value;
  try {
    return JSON.parse(trimmed);
  } catch {
    return value;
  }
}

/** Methods whose arguments carry Block Kit, and where: a message body, or a view. */
const MESSAGE_METHODS = new Set(["chat.postMessage", "chat.postEphemeral", "chat.update"]);
const VIEW_METHODS = new Set(["views.open", "views.push", "views.update", "views.publish"]);

function blockKitProblemsOf(method: string, args: Record<string, unknown>): string[] {
  if (MESSAGE_METHODS.has(method)) return blockKitProblems({ text: args.text, blocks: args.blocks as unknown[] | undefined });
  if (VIEW_METHODS.has(method) && isRecord(args.view)) return blockKitProblems(args.view as BlockKitPayload);
  return [];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  return undefined;
}

function flag(value: unknown): boolean {
  return value === true || value === 1 || value === "true" || value === "1";
}

function compact<T extends Record<string, unknown>>(record: T): T {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as T;
}

/** Posting to a user id delivers a DM; Slack answers with the DM's id. */
function dmChannel(channel: string): string {
  return /^[UW]/.test(channel) ? `D${channel}` : channel;
}

// BigInt: "1700000000.000100" has more significant digits than a double keeps.
function tsMicros(ts: string): bigint {
  const [seconds = "0", fraction = ""] = ts.split(".");
  return BigInt(seconds || "0") * 1_000_000n + BigInt((fraction + "000000").slice(0, 6));
}

function zoneName(tz: string, style: "long" | "longOffset"): string {
  return (
    new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: style })
      .formatToParts(new Date())
      .find((part) => part.type === "timeZoneName")?.value ?? ""
  );
}

function zoneOffsetSeconds(tz: string): number {
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(zoneName(tz, "longOffset"));
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
