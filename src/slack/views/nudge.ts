/** The morning nudge DM: overdue and due-today follow-ups in one message, with the list's buttons. Pure. */
import type { FollowUpList } from "../../services/follow-ups.ts";
import type { Messages } from "../i18n/index.ts";
import type { EphemeralReply } from "./blocks.ts";
import { buildFollowUpList } from "./follow-ups.ts";

/** In the rep's own language: `t` from their stored locale. */
export function buildNudge(t: Messages, list: Extract<FollowUpList, { kind: "list" }>): { text: string; blocks: EphemeralReply["blocks"] } {
  const count = list.items.length + list.more;
  const overdue = list.items.filter((i) => i.daysLate > 0).length;
  const { text, blocks } = buildFollowUpList(t, list, t.followUps.nudgeGreeting(count, overdue));
  return { text, blocks };
}
