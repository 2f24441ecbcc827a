import type { Logger } from "@slack/bolt";
import { somethingWentWrong, type EphemeralReply } from "../views/replies.ts";

/**
 * Runs a command's work and answers with its reply; an unexpected failure is logged and answered with a plain
 * apology (never a stack trace or an internal name), so the user is never left with Slack's timeout error.
 */
export async function answerCommand(
  logger: Logger,
  ack: (reply: EphemeralReply) => Promise<void>,
  work: () => Promise<EphemeralReply>,
): Promise<void> {
  let reply: EphemeralReply;
  try {
    reply = await work();
  } catch (error) {
    logger.error("command failed", error instanceof Error ? error.message : String(error));
    reply = somethingWentWrong();
  }
  await ack(reply);
}
