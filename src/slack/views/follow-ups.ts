/** The follow-up list (`/followups`, and later the nudges): overdue first, each with Done / Snooze / Log. Pure. */
import type { KnownBlock } from "@slack/types";
import type { FollowUpActionResult, FollowUpItem, FollowUpList, PauseResult } from "../../services/follow-ups.ts";
import type { Messages } from "../i18n/index.ts";
import { ACTIONS, followUpButtonValue, overflowOptionValue } from "../ids.ts";
import { button, context, ephemeral, header, mention, overflow, section, userText, type EphemeralReply } from "./blocks.ts";

export function dueText(t: Messages, item: Pick<FollowUpItem, "dueOn" | "daysLate">): string {
  const date = t.common.date(item.dueOn);
  if (item.daysLate > 0) return t.followUps.overdue(item.daysLate, date);
  if (item.daysLate === 0) return t.followUps.dueToday(date);
  return t.followUps.dueIn(-item.daysLate, date);
}

/**
 * One follow-up (lists, nudges and the App Home): Done and Snooze 1 day as buttons, the rest in the row's overflow
 * menu, each option carrying the action and value its button had (the listeners treat both alike).
 */
export function followUpItemBlocks(t: Messages, item: FollowUpItem, listOwnerId: string): KnownBlock[] {
  const value = followUpButtonValue(item.clientId, item.dueOn, listOwnerId);
  const f = t.followUps;
  return [
    section(`${item.daysLate > 0 ? ":red_circle:" : ":large_yellow_circle:"} ${f.item(userText(item.clientName, 200), t.common.tier(item.tier), dueText(t, item))}`),
    {
      type: "actions",
      elements: [
        button(f.done, ACTIONS.followUpDone, value, "primary"),
        button(f.snoozeDay, ACTIONS.followUpSnoozeDay, value),
        overflow(ACTIONS.followUpMore, [
          { text: f.snoozeWeek, value: overflowOptionValue(ACTIONS.followUpSnoozeWeek, value) },
          { text: f.snoozeUntil, value: overflowOptionValue(ACTIONS.followUpSnoozeUntil, value) },
          { text: f.logTouch, value: overflowOptionValue(ACTIONS.openLogModal, item.clientId) },
        ]),
      ],
    },
  ];
}

export function buildFollowUpList(t: Messages, list: Extract<FollowUpList, { kind: "list" }>, notice?: string): EphemeralReply {
  const f = t.followUps;
  const whose = list.isSelf ? f.yours : f.ofPerson(mention(list.ownerId));
  const overdue = list.items.filter((i) => i.daysLate > 0).length;
  const blocks: KnownBlock[] = [];
  if (notice) blocks.push(context(notice));
  if (list.items.length === 0) {
    const text = f.nothingDue(whose);
    return ephemeral(notice ? `${notice} ${text}` : text, [...blocks, section(text)]);
  }
  blocks.push(header(list.isSelf ? f.yours : f.othersHeader));
  blocks.push(section(f.counts(list.isSelf ? null : mention(list.ownerId), overdue, list.items.length - overdue)));
  for (const item of list.items) blocks.push(...followUpItemBlocks(t, item, list.ownerId));
  if (list.more > 0) blocks.push(context(f.more(list.more)));
  const summary = f.summary(
    whose,
    list.items.map((i) => f.summaryItem(userText(i.clientName, 80), i.daysLate, i.dueOn)),
    list.more,
  );
  return ephemeral(`${notice ? `${notice} ` : ""}${summary}`, blocks);
}

export function followUpsRefused(t: Messages, ownerId: string): EphemeralReply {
  return ephemeral(t.followUps.refused(mention(ownerId)));
}

/** One line about what a button did, shown above the refreshed list. */
export function followUpNotice(t: Messages, result: FollowUpActionResult): string {
  const f = t.followUps;
  switch (result.kind) {
    case "done":
      return f.noticeDone(userText(result.clientName, 200), t.common.date(result.nextDueOn));
    case "snoozed":
      return f.noticeSnoozed(userText(result.clientName, 200), t.common.date(result.until), result.reason ? userText(result.reason, 200) : null);
    case "stale":
      return f.noticeStale;
    case "refused":
      return f.noticeRefused;
    case "unknown-client":
      return f.noticeUnknownClient;
  }
}

/** The answer to `/followups pause <when>` and `/followups resume`. */
export function pauseReply(t: Messages, result: PauseResult): EphemeralReply {
  const f = t.followUps;
  switch (result.kind) {
    case "paused":
      return ephemeral(f.paused(t.common.date(result.resumeOn)));
    case "resumed":
      return ephemeral(f.resumed);
    case "bad-date":
      return ephemeral(f.badPauseDate(f.pauseProblem[result.error], userText(result.text, 40)));
  }
}
