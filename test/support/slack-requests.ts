// Sends Slack-signed HTTP requests (commands, interactions, events) to a running Bolt app,
// shaped like the payloads Slack sends, with response URLs served by a SlackEmulator when given.
import { createHmac, randomBytes } from "node:crypto";
import { blockKitProblems, type BlockKitPayload } from "./block-kit-limits.ts";
import type { SlackEmulator } from "./slack-emulator.ts";

export interface SlackRequestsOptions {
  /** The app's request URL, e.g. http://127.0.0.1:PORT/slack/events */
  appUrl: string;
  signingSecret: string;
  emulator?: SlackEmulator;
  /** Defaults to the emulator's team, else "T0TEST". */
  teamId?: string;
  /** Clock in milliseconds (like Date.now) used for X-Slack-Request-Timestamp. */
  now?: () => number;
}

export interface SlackReply {
  status: number;
  body: string;
  json: unknown | undefined;
  /** The response_url the request carried ("" when it had none). */
  responseUrl: string;
}

export interface CommandOptions {
  userId?: string;
  channelId?: string;
  /** null leaves trigger_id out. */
  triggerId?: string | null;
  teamId?: string;
  enterpriseId?: string;
}

export interface BlockActionOptions {
  actionId: string;
  value?: string;
  blockId?: string;
  userId?: string;
  channelId?: string;
  /** Defaults to a message container (or a view container when `view` is given). */
  container?: Record<string, unknown>;
  message?: Record<string, unknown>;
  /** Set for actions inside a modal or App Home: no channel, message or response_url then. */
  view?: Record<string, unknown>;
  triggerId?: string;
  /** Extra fields of the action itself, e.g. { type: "static_select", selected_option: {...} }. */
  action?: Record<string, unknown>;
  stateValues?: Record<string, unknown>;
  /** The workspace the click comes from (default: the helper's). */
  teamId?: string;
}

export interface ViewSubmissionOptions {
  callbackId: string;
  /** view.state.values: { [blockId]: { [actionId]: { type, value | selected_option | ... } } } */
  values: Record<string, Record<string, Record<string, unknown>>>;
  privateMetadata?: string;
  userId?: string;
  /** When the emulator opened this view, its blocks, metadata and hash are reused. */
  viewId?: string;
  hash?: string;
  /** Defaults to a fresh one; the same trigger twice is the same submission delivered twice. */
  triggerId?: string;
}

export interface ShortcutOptions {
  callbackId: string;
  type: "shortcut" | "message_action";
  message?: Record<string, unknown>;
  userId?: string;
  channelId?: string;
}

export interface OptionsRequest {
  actionId: string;
  value: string;
  blockId?: string;
  userId?: string;
  view?: Record<string, unknown>;
}

export interface EventOptions {
  eventId?: string;
  retryNum?: number;
  retryReason?: string;
}

export interface RawRequest {
  body: string;
  contentType: string;
  /** Seconds; defaults to now. */
  timestamp?: number;
  /** Defaults to the correct signature. */
  signature?: string;
  headers?: Record<string, string>;
}

const VERIFICATION_TOKEN = "verification-token-test";
// Port 9 (discard) refuses connections, so an app responding without an emulator fails fast
// instead of reaching a real Slack host.
const DUMMY_RESPONSE_URL = "http://127.0.0.1:9/response/none";

/** `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{body}`, as in X-Slack-Signature. */
export function slackSignature(signingSecret: string, body: string, timestamp: number): string {
  return `v0=${createHmac("sha256", signingSecret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export class SlackRequests {
  private readonly appUrl: string;
  private readonly signingSecret: string;
  private readonly emulator: SlackEmulator | undefined;
  private readonly teamId: string;
  private readonly now: () => number;
  private sequence = 0;

  constructor(options: SlackRequestsOptions) {
    this.appUrl = options.appUrl;
    this.signingSecret = options.signingSecret;
    this.emulator = options.emulator;
    this.teamId = options.teamId ?? options.emulator?.teamId ?? "T0TEST";
    this.now = options.now ?? Date.now;
  }

  sign(body: string, timestamp: number): string {
    return slackSignature(this.signingSecret, body, timestamp);
  }

  /** `text` goes out as given: pass it the way Slack sends it (&, <, > already escaped). */
  command(command: string, text: string, opts: CommandOptions = {}): Promise<SlackReply> {
    const responseUrl = this.responseUrl();
    const teamId = opts.teamId ?? this.teamId;
    const userId = opts.userId ?? "U0TEST";
    const channelId = opts.channelId ?? "C0TEST";
    const triggerId = opts.triggerId === undefined ? this.triggerId() : opts.triggerId;
    const fields: Record<string, string | undefined> = {
      token: VERIFICATION_TOKEN,
      team_id: teamId,
      team_domain: this.teamDomain(),
      enterprise_id: opts.enterpriseId,
      enterprise_name: opts.enterpriseId === undefined ? undefined : "Test Enterprise",
      channel_id: channelId,
      channel_name: channelId.startsWith("D") ? "directmessage" : "general",
      user_id: userId,
      user_name: userId.toLowerCase(),
      command,
      text,
      api_app_id: this.appId(),
      is_enterprise_install: "false",
      response_url: responseUrl,
      trigger_id: triggerId ?? undefined,
    };
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) form.set(key, value);
    return this.post(form.toString(), "application/x-www-form-urlencoded", responseUrl);
  }

  blockAction(opts: BlockActionOptions): Promise<SlackReply> {
    const inView = opts.view !== undefined;
    const responseUrl = inView ? "" : this.responseUrl();
    const channelId = opts.channelId ?? "C0TEST";
    const message = opts.message ?? {
      type: "message",
      ts: this.messageTs(),
      text: "",
      user: this.emulator?.botUserId ?? "U0BOT",
      bot_id: this.emulator?.botId ?? "B0BOT",
      blocks: [],
    };
    const container =
      opts.container ??
      (inView
        ? { type: "view", view_id: opts.view?.id }
        : { type: "message", message_ts: message.ts, channel_id: channelId, is_ephemeral: false });
    const payload = {
      type: "block_actions",
      user: this.user(opts.userId, opts.teamId),
      api_app_id: this.appId(),
      token: VERIFICATION_TOKEN,
      container,
      trigger_id: opts.triggerId ?? this.triggerId(),
      team: this.team(opts.teamId),
      enterprise: null,
      is_enterprise_install: false,
      ...(inView
        ? { view: opts.view }
        : { channel: { id: channelId, name: "general" }, message, response_url: responseUrl }),
      state: { values: opts.stateValues ?? {} },
      actions: [
        {
          type: "button",
          action_id: opts.actionId,
          block_id: opts.blockId ?? "block",
          text: { type: "plain_text", text: opts.actionId, emoji: true },
          ...(opts.value === undefined ? {} : { value: opts.value }),
          action_ts: this.actionTs(),
          ...opts.action,
        },
      ],
    };
    return this.postPayload(payload, responseUrl);
  }

  viewSubmission(opts: ViewSubmissionOptions): Promise<SlackReply> {
    const viewId = opts.viewId ?? "V0TEST";
    const opened = this.emulator?.view(viewId);
    const payload = {
      type: "view_submission",
      team: this.team(),
      user: this.user(opts.userId),
      api_app_id: this.appId(),
      token: VERIFICATION_TOKEN,
      trigger_id: opts.triggerId ?? this.triggerId(),
      view: {
        id: viewId,
        team_id: this.teamId,
        type: "modal",
        blocks: opened?.blocks ?? [],
        title: opened?.title ?? { type: "plain_text", text: "Modal", emoji: true },
        submit: opened?.submit ?? { type: "plain_text", text: "Submit", emoji: true },
        close: opened?.close ?? null,
        private_metadata: opts.privateMetadata ?? opened?.private_metadata ?? "",
        callback_id: opts.callbackId,
        state: { values: opts.values },
        hash: opts.hash ?? opened?.hash ?? "1700000000.a1b2c3d4",
        clear_on_close: false,
        notify_on_close: false,
        previous_view_id: null,
        root_view_id: opened?.root_view_id ?? viewId,
        app_id: this.appId(),
        external_id: opened?.external_id ?? "",
        app_installed_team_id: this.teamId,
        bot_id: this.emulator?.botId ?? "B0BOT",
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
    return this.postPayload(payload, "");
  }

  shortcut(opts: ShortcutOptions): Promise<SlackReply> {
    const base = {
      type: opts.type,
      token: VERIFICATION_TOKEN,
      action_ts: this.actionTs(),
      team: this.team(),
      user: this.user(opts.userId),
      is_enterprise_install: false,
      enterprise: null,
      callback_id: opts.callbackId,
      trigger_id: this.triggerId(),
    };
    if (opts.type === "shortcut") return this.postPayload(base, "");
    const responseUrl = this.responseUrl();
    const message = opts.message ?? { type: "message", user: "U0OTHER", ts: this.messageTs(), text: "hello" };
    const channelId = opts.channelId ?? "C0TEST";
    const payload = {
      ...base,
      channel: { id: channelId, name: "general" },
      message_ts: message.ts,
      message,
      response_url: responseUrl,
    };
    return this.postPayload(payload, responseUrl);
  }

  /** A block_suggestion request (external_select options). */
  options(opts: OptionsRequest): Promise<SlackReply> {
    const payload = {
      type: "block_suggestion",
      user: this.user(opts.userId),
      container: opts.view ? { type: "view", view_id: opts.view.id } : { type: "message", channel_id: "C0TEST" },
      api_app_id: this.appId(),
      token: VERIFICATION_TOKEN,
      action_id: opts.actionId,
      block_id: opts.blockId ?? "block",
      value: opts.value,
      team: this.team(),
      enterprise: null,
      is_enterprise_install: false,
      ...(opts.view ? { view: opts.view } : {}),
    };
    return this.postPayload(payload, "");
  }

  event(event: Record<string, unknown>, opts: EventOptions = {}): Promise<SlackReply> {
    const eventTime = Math.floor(this.now() / 1000);
    const body = {
      token: VERIFICATION_TOKEN,
      team_id: this.teamId,
      api_app_id: this.appId(),
      event: { event_ts: `${eventTime}.000100`, ...event },
      type: "event_callback",
      event_id: opts.eventId ?? `Ev${randomBytes(5).toString("hex").toUpperCase()}`,
      event_time: eventTime,
      authorizations: [
        {
          enterprise_id: null,
          team_id: this.teamId,
          user_id: this.emulator?.botUserId ?? "U0BOT",
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
    };
    const headers: Record<string, string> = {};
    if (opts.retryNum !== undefined) headers["x-slack-retry-num"] = String(opts.retryNum);
    if (opts.retryReason !== undefined) headers["x-slack-retry-reason"] = opts.retryReason;
    return this.post(JSON.stringify(body), "application/json", "", { headers });
  }

  urlVerification(challenge: string): Promise<SlackReply> {
    const body = JSON.stringify({ token: VERIFICATION_TOKEN, challenge, type: "url_verification" });
    return this.post(body, "application/json", "");
  }

  /** Any body, signed correctly unless `signature` is given; for bad-signature and stale-timestamp tests. */
  raw(request: RawRequest): Promise<SlackReply> {
    return this.post(request.body, request.contentType, "", request);
  }

  private postPayload(payload: Record<string, unknown>, responseUrl: string): Promise<SlackReply> {
    const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
    return this.post(body, "application/x-www-form-urlencoded", responseUrl);
  }

  private async post(
    body: string,
    contentType: string,
    responseUrl: string,
    extra: { timestamp?: number; signature?: string; headers?: Record<string, string> } = {},
  ): Promise<SlackReply> {
    const timestamp = extra.timestamp ?? Math.floor(this.now() / 1000);
    const response = await fetch(this.appUrl, {
      method: "POST",
      headers: {
        "content-type": contentType,
        "x-slack-request-timestamp": String(timestamp),
        "x-slack-signature": extra.signature ?? this.sign(body, timestamp),
        ...extra.headers,
      },
      body,
    });
    const text = await response.text();
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      json = undefined;
    }
    // An ack body is a message (a command's reply) or a view (response_action update/push): Slack holds both to
    // Block Kit's limits, and so do the tests, through the emulator's record of refusals.
    const answered = json as { blocks?: unknown; view?: unknown } | undefined;
    const payload = answered && typeof answered === "object" ? (isPayload(answered.view) ? answered.view : Array.isArray(answered.blocks) ? answered : undefined) : undefined;
    if (payload) this.emulator?.blockKitRefusals.push(...blockKitProblems(payload as BlockKitPayload).map((problem) => `ack: ${problem}`));
    return { status: response.status, body: text, json, responseUrl };
  }

  private responseUrl(): string {
    return this.emulator?.responseUrl() ?? DUMMY_RESPONSE_URL;
  }

  private triggerId(): string {
    return `${Math.floor(this.now() / 1000)}.${++this.sequence}.${randomBytes(16).toString("hex")}`;
  }

  private actionTs(): string {
    return `${(this.now() / 1000).toFixed(6)}`;
  }

  private messageTs(): string {
    return `${Math.floor(this.now() / 1000)}.${String(++this.sequence).padStart(6, "0")}`;
  }

  private appId(): string {
    return this.emulator?.appId ?? "A0TEST";
  }

  private teamDomain(): string {
    return this.emulator?.teamDomain ?? "test-workspace";
  }

  private team(teamId = this.teamId): { id: string; domain: string } {
    return { id: teamId, domain: this.teamDomain() };
  }

  private user(userId = "U0TEST", teamId = this.teamId): { id: string; username: string; name: string; team_id: string } {
    const name = userId.toLowerCase();
    return { id: userId, username: name, name, team_id: teamId };
  }
}

const isPayload = (value: unknown): boolean => typeof value === "object" && value !== null && Array.isArray((value as { blocks?: unknown }).blocks);
