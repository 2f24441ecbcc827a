import type { Logger } from "@slack/bolt";
import type { Messages } from "../i18n/index.ts";
import { somethingWentWrong, type EphemeralReply } from "../views/replies.ts";
import { messagesOrDefault } from "./request-context.ts";

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
