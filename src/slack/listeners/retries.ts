/**
 * Global middleware: each Slack payload is handled once. Events are keyed by event_id (Slack retries them, with
 * X-Slack-Retry-Num, when it saw no quick answer), commands and interactions by their trigger_id (unique per
 * invocation). A second arrival is acknowledged and changes nothing. Options requests (type-ahead) are not keyed,
 * nor are the commands that do the same when repeated (`/tier` reads; `/followups` reads, or sets or clears a pause
 * date): answering them twice changes nothing, and the claim is a write the hottest command would otherwise wait on.
 */
import type { AnyMiddlewareArgs, App, Middleware } from "@slack/bolt";
import type { Services } from "../../services/index.ts";
import { DEFAULT_MESSAGES } from "../i18n/index.ts";
import { COMMANDS } from "../ids.ts";
import { alreadyHandled } from "../views/replies.ts";
import { messagesOrDefault, readerOf } from "./request-context.ts";

type Body = Record<string, unknown>;
const text = (value: unknown): string | undefined => (typeof value === "string" && value !== "" ? value : undefined);
const REPEATABLE_COMMANDS: ReadonlySet<string> = new Set([COMMANDS.tier, COMMANDS.followups]);

/** The key a payload is deduplicated by, or undefined for payloads that are not. */
export function requestKey(body: Body): string | undefined {
  if (body.type === "event_callback") {
    const eventId = text(body.event_id);
    return eventId && `event:${eventId}`;
  }
  const command = text(body.command);
  if (command) {
    if (REPEATABLE_COMMANDS.has(command)) return undefined;
    const trigger = text(body.trigger_id);
    return trigger && `command:${trigger}`;
  }
  if (body.type === "block_actions" || body.type === "view_submission" || body.type === "shortcut" || body.type === "message_action") {
    const trigger = text(body.trigger_id);
    return trigger && `trigger:${trigger}`;
  }
  return undefined;
}

function workspaceOf(body: Body, contextTeam: string | undefined): string {
  const team = body.team as { id?: unknown } | null | undefined;
  return contextTeam ?? text(body.team_id) ?? text(team?.id) ?? "unknown";
}

/** The messages of the command's sender: English when the payload names no user or the profile cannot be read. */
async function senderMessages(services: Pick<Services, "profiles">, body: Body, workspaceId: string) {
  const userId = text(body.user_id);
  if (!userId || workspaceId === "unknown") return DEFAULT_MESSAGES;
  return messagesOrDefault(() => readerOf(services, { workspaceId, userId }));
}

export function retryGuard(services: Pick<Services, "requests" | "profiles">): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const guard = services.requests;
    const body = args.body as unknown as Body;
    const key = requestKey(body);
    if (!key) return args.next();
    const workspaceId = workspaceOf(body, args.context.teamId);
    if (!(await guard.claim(workspaceId, key))) {
      args.logger.info(`duplicate Slack payload ignored (${key.split(":")[0]}, retry ${String(args.context.retryNum ?? 0)})`);
      // Events were acknowledged already; commands and interactions still need their answer within 3 seconds.
      if ("ack" in args && typeof args.ack === "function") {
        const ack = args.ack as (reply?: unknown) => Promise<void>;
        await ack(text(body.command) ? alreadyHandled(await senderMessages(services, body, workspaceId)) : undefined);
      }
      return;
    }
    try {
      await args.next();
    } catch (error) {
      await guard.release(workspaceId, key).catch(() => undefined);
      throw error;
    }
  };
}

export function registerRetryGuard(app: App, services: Pick<Services, "requests" | "profiles">): void {
  app.use(retryGuard(services));
}
