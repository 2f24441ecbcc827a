import type { Logger } from "@slack/bolt";
import type { RequestContext } from "../../services/context.ts";
import type { Services } from "../../services/index.ts";
import type { Reader } from "../../services/profiles.ts";
import { DEFAULT_MESSAGES, type Messages } from "../i18n/index.ts";
import { somethingWentWrong, type EphemeralReply } from "../views/replies.ts";
import { readerOf } from "./request-context.ts";

/** The reader of a reply, asked for when needed. */
export type ReaderOnce = () => Promise<Reader & { t: Messages }>;

/**
 * The reader of one command, read from the store at most once: the command's work and, should it fail, its
 * apology share the one read (a read that failed is not tried again: the apology is then in English).
 */
export function readerOnce(services: Pick<Services, "profiles">, ctx: RequestContext): ReaderOnce {
  let read: Promise<Reader & { t: Messages }> | undefined;
  return () => (read ??= readerOf(services, ctx));
}

/** The reader's messages for an apology: English when even the reader cannot be read. */
export const messagesOrDefault = (reader: () => Promise<{ t: Messages }>): Promise<Messages> =>
  reader().then(
    (r) => r.t,
    () => DEFAULT_MESSAGES,
  );

/**
 * Runs a command's work and answers with its reply; an unexpected failure is logged and answered with a plain
 * apology (never a stack trace or an internal name) in the reader's language (English when even that cannot be
 * read), so the user is never left with Slack's timeout error. The reader is only read here when the work failed.
 */
export async function answerCommand(
  logger: Logger,
  ack: (reply: EphemeralReply) => Promise<void>,
  reader: () => Promise<{ t: Messages }>,
  work: () => Promise<EphemeralReply>,
): Promise<void> {
  let reply: EphemeralReply;
  try {
    reply = await work();
  } catch (error) {
    logger.error("command failed", error instanceof Error ? error.message : String(error));
    reply = somethingWentWrong(await messagesOrDefault(reader));
  }
  await ack(reply);
}
