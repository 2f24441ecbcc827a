/**
 * What each person in the sandbox sees, rebuilt from what the bot did on the Slack emulator: messages posted,
 * updated and deleted (chat.*), ephemeral replies (command answers, chat.postEphemeral, response_url posts),
 * modals (views.open/push/update) and the App Home (views.publish). The console adds what Slack itself would
 * show: the person's own messages and which request each response_url or trigger_id belongs to.
 */
import type { RecordedEntry, SlackEmulator } from "../../test/support/slack-emulator.ts";

export const SALES_CHANNEL = { id: "C0SBSALES", name: "sales-team" } as const;

/** The author of what Slack itself says (Slack's own user id for Slackbot). */
export const SLACKBOT = "USLACKBOT";

export const dmChannelOf = (userId: string) => `D${userId}`;

export interface ConsoleMessage {
  id: string;
  channel: string;
  /** Slack's ts for messages the bot posted; a console one for the others. */
  ts: string;
  author: string;
  text: string;
  blocks: unknown[];
  /** Ephemeral: only this person sees it. */
  visibleTo?: string;
  /** The echo of a slash command the person typed (Slack shows nothing; the console says what ran). */
  command?: boolean;
  edited?: boolean;
}

interface ResponseTarget {
  userId: string;
  channel: string;
  /** The message a `replace_original` / `delete_original` post acts on. */
  originalId?: string;
}

type Body = Record<string, unknown>;

const isRecord = (value: unknown): value is Body => typeof value === "object" && value !== null && !Array.isArray(value);
const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const blocksOf = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

export class ConsoleWorkspace {
  private readonly messages: ConsoleMessage[] = [];
  private readonly responseTargets = new Map<string, ResponseTarget>();
  /** response_url posts that arrived before the console learnt whose request the URL belonged to. */
  private readonly pendingResponses = new Map<string, unknown[]>();
  private readonly triggers = new Map<string, string>();
  private readonly modalStacks = new Map<string, string[]>();
  private readonly homes = new Map<string, string>();
  private sequence = 0;
  private changeListeners = new Set<() => void>();
  version = 0;

  constructor(private readonly emulator: SlackEmulator) {
    emulator.onRecorded((entry) => {
      try {
        if (this.apply(entry)) this.changed();
      } catch {
        // A payload the console cannot show must never break the emulator's answer to the bot.
      }
    });
  }

  onChange(listener: () => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** A trigger_id the console made for a request by `userId`: views.open with it opens that person's modal. */
  registerTrigger(triggerId: string, userId: string): void {
    this.triggers.set(triggerId, userId);
  }

  registerResponseUrl(url: string, target: ResponseTarget): void {
    const id = responseUrlId(url);
    if (!id) return;
    this.responseTargets.set(id, target);
    const pending = this.pendingResponses.get(id) ?? [];
    this.pendingResponses.delete(id);
    if (pending.map((body) => this.applyResponse(id, body)).some(Boolean)) this.changed();
  }

  addUserMessage(userId: string, channel: string, text: string, options: { command?: boolean } = {}): ConsoleMessage {
    return this.add({ channel, author: userId, text, blocks: [], ...(options.command ? { command: true, visibleTo: userId } : {}) });
  }

  /** A command's answer in the HTTP response (Bolt's `ack(body)`): ephemeral unless `response_type: in_channel`. */
  addCommandAnswer(userId: string, channel: string, body: Body): ConsoleMessage {
    return this.add({
      channel,
      author: this.emulator.botUserId,
      text: str(body.text) ?? "",
      blocks: blocksOf(body.blocks),
      ...(body.response_type === "in_channel" ? {} : { visibleTo: userId }),
    });
  }

  /** A note from the console itself (a request the bot refused or did not answer), shown to one person. */
  addNotice(userId: string, channel: string, text: string): ConsoleMessage {
    return this.add({ channel, author: "console", text, blocks: [], visibleTo: userId });
  }

  /** What Slack itself says to one person (an unknown command), from Slackbot. */
  addSlackbotNotice(userId: string, channel: string, text: string): ConsoleMessage {
    return this.add({ channel, author: SLACKBOT, text, blocks: [], visibleTo: userId });
  }

  message(id: string): ConsoleMessage | undefined {
    return this.messages.find((m) => m.id === id);
  }

  /** The messages `userId` can see in `channel` (their DM with the bot, or a public channel), oldest first. */
  messagesFor(userId: string, channel: string): ConsoleMessage[] {
    if (channel.startsWith("D") && channel !== dmChannelOf(userId)) return [];
    return this.messages.filter((m) => m.channel === channel && (m.visibleTo === undefined || m.visibleTo === userId));
  }

  /** #sales-team, then every other channel the bot has posted in (an alert channel set in the rules, say). */
  channels(): { id: string; name: string }[] {
    const others = [...new Set(this.messages.map((m) => m.channel))].filter((id) => /^[CG]/.test(id) && id !== SALES_CHANNEL.id);
    return [{ ...SALES_CHANNEL }, ...others.map((id) => ({ id, name: id }))];
  }

  /** The top modal of `userId`'s stack, as the emulator last stored it. */
  modalFor(userId: string): Record<string, unknown> | undefined {
    const stack = this.modalStacks.get(userId) ?? [];
    const top = stack[stack.length - 1];
    return top ? this.emulator.view(top) : undefined;
  }

  modalDepth(userId: string): number {
    return this.modalStacks.get(userId)?.length ?? 0;
  }

  closeModal(userId: string, options: { all?: boolean } = {}): void {
    const stack = this.modalStacks.get(userId) ?? [];
    if (options.all) stack.length = 0;
    else stack.pop();
    this.modalStacks.set(userId, stack);
    this.changed();
  }

  homeFor(userId: string): Record<string, unknown> | undefined {
    const id = this.homes.get(userId);
    return id ? this.emulator.view(id) : undefined;
  }

  changed(): void {
    this.version += 1;
    for (const listener of this.changeListeners) listener();
  }

  private add(fields: Omit<ConsoleMessage, "id" | "ts"> & { ts?: string }): ConsoleMessage {
    const message: ConsoleMessage = { id: `M${++this.sequence}`, ts: fields.ts ?? consoleTs(this.sequence), ...fields };
    this.messages.push(message);
    this.changed();
    return message;
  }

  /** True when the entry changed what someone sees. */
  private apply(entry: RecordedEntry): boolean {
    if (entry.kind === "response") return this.applyResponse(entry.response.id, entry.response.body);
    const { method, args, response } = entry.call;
    const body = response?.body;
    if (!isRecord(body) || body.ok !== true) return false;
    switch (method) {
      case "chat.postMessage": {
        const channel = str(body.channel) ?? "";
        this.messages.push({ id: `M${++this.sequence}`, channel, ts: str(body.ts) ?? "", author: this.emulator.botUserId, text: str(args.text) ?? "", blocks: blocksOf(args.blocks) });
        return true;
      }
      case "chat.update": {
        const found = this.messages.find((m) => m.channel === str(body.channel) && m.ts === str(body.ts));
        if (!found) return false;
        if (args.text !== undefined) found.text = str(args.text) ?? "";
        if (args.blocks !== undefined) found.blocks = blocksOf(args.blocks);
        found.edited = true;
        return true;
      }
      case "chat.delete": {
        const at = this.messages.findIndex((m) => m.channel === str(body.channel) && m.ts === str(body.ts));
        if (at >= 0) this.messages.splice(at, 1);
        return at >= 0;
      }
      case "chat.postEphemeral": {
        const user = str(args.user) ?? "";
        const target = str(args.channel) ?? "";
        const channel = /^[UW]/.test(target) ? dmChannelOf(target) : target;
        this.messages.push({ id: `M${++this.sequence}`, channel, ts: str(body.message_ts) ?? "", author: this.emulator.botUserId, text: str(args.text) ?? "", blocks: blocksOf(args.blocks), visibleTo: user });
        return true;
      }
      case "views.open":
      case "views.push": {
        const userId = this.triggers.get(str(args.trigger_id) ?? "");
        const viewId = isRecord(body.view) ? str(body.view.id) : undefined;
        if (!userId || !viewId) return false;
        const stack = method === "views.open" ? [] : (this.modalStacks.get(userId) ?? []);
        this.modalStacks.set(userId, [...stack, viewId]);
        return true;
      }
      case "views.update":
        return true;
      case "views.publish": {
        const viewId = isRecord(body.view) ? str(body.view.id) : undefined;
        const userId = str(args.user_id);
        if (!viewId || !userId) return false;
        this.homes.set(userId, viewId);
        return true;
      }
      default:
        return false;
    }
  }

  private applyResponse(id: string, raw: unknown): boolean {
    const target = this.responseTargets.get(id);
    if (!target) {
      this.pendingResponses.set(id, [...(this.pendingResponses.get(id) ?? []), raw]);
      return false;
    }
    if (!isRecord(raw)) return false;
    const original = target.originalId ? this.messages.find((m) => m.id === target.originalId) : undefined;
    if (raw.delete_original === true || raw.delete_original === "true") {
      if (original) this.messages.splice(this.messages.indexOf(original), 1);
      return original !== undefined;
    }
    if ((raw.replace_original === true || raw.replace_original === "true") && original) {
      original.text = str(raw.text) ?? "";
      original.blocks = blocksOf(raw.blocks);
      original.edited = true;
      return true;
    }
    const message = this.add({
      channel: target.channel,
      author: this.emulator.botUserId,
      text: str(raw.text) ?? "",
      blocks: blocksOf(raw.blocks),
      ...(raw.response_type === "in_channel" ? {} : { visibleTo: target.userId }),
    });
    // A later replace_original through the same URL (a command's follow-up) acts on what this URL posted.
    target.originalId ??= message.id;
    return true;
  }
}

export function responseUrlId(url: string): string | undefined {
  return /\/response\/([^/?#]+)$/.exec(url)?.[1];
}

function consoleTs(sequence: number): string {
  return `${Math.floor(Date.now() / 1000)}.${String(sequence).padStart(6, "0")}`;
}
