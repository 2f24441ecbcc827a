/** The follow-up list (`/followups`, and later the nudges): overdue first, each with Done / Snooze / Log. Pure. */
import type { KnownBlock } from "@slack/types";
import { plural } from "../../domain/text.ts";
import { formatDateForHumans } from "../../domain/when.ts";
import type { FollowUpActionResult, FollowUpItem, FollowUpList, PauseResult } from "../../services/follow-ups.ts";
import { ACTIONS, followUpButtonValue } from "../ids.ts";
import { button, context, ephemeral, header, mention, section, userText, type EphemeralReply } from "./blocks.ts";


export function dueText(item: Pick<FollowUpItem, "dueOn" | "daysLate">): string {
  const date = formatDateForHumans(item.dueOn);
  if (item.daysLate > 0) return `*overdue by ${plural(item.daysLate, "day")}* (due ${date})`;
  if (item.daysLate === 0) return `*due today* (${date})`;
  return `due ${date}`;
}

/** One follow-up with its Done / Snooze / Log buttons (lists, nudges and the App Home). */
export function followUpItemBlocks(item: FollowUpItem, listOwnerId: string): KnownBlock[] {
  const value = followUpButtonValue(item.clientId, item.dueOn, listOwnerId);
  return [
    section(`${item.daysLate > 0 ? ":red_circle:" : ":large_yellow_circle:"} *${userText(item.clientName, 200)}* · tier ${item.tier} · ${dueText(item)}`),
    {
      type: "actions",
      elements: [
        button("Done", ACTIONS.followUpDone, value, "primary"),
        button("Snooze 1 day", ACTIONS.followUpSnoozeDay, value),
        button("Snooze 1 week", ACTIONS.followUpSnoozeWeek, value),
        button("Snooze until…", ACTIONS.followUpSnoozeUntil, value),
        button("Log a touch", ACTIONS.openLogModal, item.clientId),
      ],
    },
  ];
}

export function buildFollowUpList(list: Extract<FollowUpList, { kind: "list" }>, notice?: string): EphemeralReply {
  const whose = list.isSelf ? "Your follow-ups" : `Follow-ups of ${mention(list.ownerId)}`;
  const overdue = list.items.filter((i) => i.daysLate > 0).length;
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(context(notice));
  if (list.items.length === 0) {
    const text = `${whose}: nothing due in the next 7 days. :tada:`;
    return ephemeral(notice ? `${notice} ${text}` : text, [...blocks, section(text)]);
  }
  blocks.push(header(list.isSelf ? "Your follow-ups" : "Follow-ups"));
  blocks.push(section(`${whose}: ${overdue} overdue, ${list.items.length - overdue} due this week.`));
  for (const item of list.items) blocks.push(...followUpItemBlocks(item, list.ownerId));
  if (list.more > 0) blocks.push(context(`…and ${list.more} more. Clear some and run \`/followups\` again.`));
  const summary = list.items.map((i) => `${userText(i.clientName, 80)} (${i.daysLate > 0 ? `overdue ${i.daysLate}d` : i.dueOn})`).join(", ");
  return ephemeral(`${notice ? `${notice} ` : ""}${whose}: ${summary}${list.more ? ` and ${list.more} more` : ""}`, blocks);
}

export function followUpsRefused(ownerId: string): EphemeralReply {
  return ephemeral(`You can see ${mention(ownerId)}'s follow-ups only as their manager or as an admin. \`/followups\` alone shows yours.`);
}

/** One line about what a button did, shown above the refreshed list. */
export function followUpNotice(result: FollowUpActionResult): string {
  switch (result.kind) {
    case "done":
      return `:white_check_mark: Done with *${userText(result.clientName, 200)}*: next follow-up ${formatDateForHumans(result.nextDueOn)}.`;
    case "snoozed":
      return `:zzz: *${userText(result.clientName, 200)}* snoozed until ${formatDateForHumans(result.until)}${result.reason ? ` (${userText(result.reason, 200)})` : ""}.`;
    case "stale":
      return "That follow-up was already handled; here is the list as it is now.";
    case "refused":
      return "Only the client's owner, their manager or an admin can snooze that follow-up.";
    case "unknown-client":
      return "That client is no longer there.";
  }
}

const PAUSE_DATE_PROBLEMS: Record<Extract<PauseResult, { kind: "bad-date" }>["error"], string> = {
  empty: "Say until when.",
  unrecognised: "I couldn't read that date.",
  past: "Pause until a day after today.",
  "invalid-date": "That date doesn't exist on the calendar.",
  "too-far": "That date is more than 5 years away.",
};

/** The answer to `/followups pause <when>` and `/followups resume`. */
export function pauseReply(result: PauseResult): EphemeralReply {
  switch (result.kind) {
    case "paused":
      return ephemeral(`:palm_tree: Your morning nudges are paused. They start again on ${formatDateForHumans(result.resumeOn)}; \`/followups resume\` brings them back sooner.`);
    case "resumed":
      return ephemeral(":bell: Your morning nudges are on again.");
    case "bad-date":
      return ephemeral(
        `${PAUSE_DATE_PROBLEMS[result.error]} You wrote \`${userText(result.text, 40)}\`. Give the day nudges start again: 3d, 2w, 1m, a weekday (mon…sun) or YYYY-MM-DD, e.g. \`/followups pause 2w\`. Nothing changed.`,
      );
  }
}
