/**
 * Someone the bot could not message because they left Slack (`account_inactive`, `user_not_found`): they are
 * marked inactive (no more nudges or digests) and their manager is told once, through the outbox.
 */
import { localeOf } from "../domain/locale.ts";
import type { Logger } from "../logger.ts";
import { messagesFor } from "../slack/i18n/index.ts";
import { buildRepLeftNotice } from "../slack/views/notices.ts";
import type { Store } from "../store/index.ts";

export const REP_LEFT_KIND = "rep-left";

export async function recordDeparture(store: Store, logger: Logger, workspaceId: string, slackId: string, error: string): Promise<void> {
  // Channels that are gone (archived, deleted) are not people: only the post is given up.
  if (!/^[UW]/.test(slackId)) return;
  if (!(await store.users.markInactive(workspaceId, slackId))) return;
  logger.warn({ workspaceId, recipient: slackId, error }, "recipient left Slack: marked inactive");
  const person = await store.users.find(workspaceId, slackId);
  const manager = person?.managerSlackId ? await store.users.find(workspaceId, person.managerSlackId) : null;
  if (!person?.managerSlackId || manager?.active === false) {
    logger.warn({ workspaceId, recipient: slackId }, "no active manager to tell that this person left");
    return;
  }
  const { total } = await store.clients.list(workspaceId, { ownerSlackId: slackId }, 0);
  // In the manager's language (English until the bot has seen them). Keyed by the person who left: however many
  // posts to them fail, their manager hears it once.
  const payload = buildRepLeftNotice(messagesFor(localeOf(manager?.locale)), slackId, total);
  await store.outbox.enqueue(workspaceId, { kind: REP_LEFT_KIND, recipient: person.managerSlackId, period: slackId, payload });
}
