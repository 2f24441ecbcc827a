import type { RequestContext } from "../../services/context.ts";
import type { Services } from "../../services/index.ts";
import type { Reader } from "../../services/profiles.ts";
import { DEFAULT_MESSAGES, messagesFor, type Messages } from "../i18n/index.ts";

/** The workspace and user of any Slack payload: commands carry team_id, interactions carry team.id or user.team_id. */
export function contextOf(body: { team_id?: string; user_id?: string; team?: { id: string } | null; user?: { id: string; team_id?: string } }): RequestContext {
  const workspaceId = body.team_id ?? body.team?.id ?? body.user?.team_id;
  const userId = body.user_id ?? body.user?.id;
  if (!workspaceId || !userId) throw new Error("Slack payload without a team or a user");
  return { workspaceId, userId };
}

/** The person a reply is for: their messages (from their Slack locale), timezone and calendar day. */
export async function readerOf(services: Pick<Services, "profiles">, ctx: RequestContext): Promise<Reader & { t: Messages }> {
  const reader = await services.profiles.reader(ctx);
  return { ...reader, t: messagesFor(reader.locale) };
}

/** The reader of a reply, asked for when needed. */
export type ReaderOnce = () => Promise<Reader & { t: Messages }>;

/**
 * The reader of one request, asked for only when a reply needs it. The profile service reads the store once per
 * request context, so the work and, should it fail, its apology share that read (one that failed is not tried
 * again: the apology is then in English).
 */
export function readerOnce(services: Pick<Services, "profiles">, ctx: RequestContext): ReaderOnce {
  return () => readerOf(services, ctx);
}

/** The reader's messages for an apology: English when even the reader cannot be read. */
export const messagesOrDefault = (reader: () => Promise<{ t: Messages }>): Promise<Messages> =>
  reader().then(
    (r) => r.t,
    () => DEFAULT_MESSAGES,
  );
