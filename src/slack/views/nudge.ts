/** The morning nudge DM: overdue and due-today follow-ups in one message, with the list's buttons. Pure. */
import type { FollowUpList } from "../../services/follow-ups.ts";
import type { EphemeralReply } from "./blocks.ts";
import { buildFollowUpList } from "./follow-ups.ts";

export function buildNudge(list: Extract<FollowUpList, { kind: "list" }>): { text: string; blocks: EphemeralReply["blocks"] } {
  const count = list.items.length + list.more;
  const overdue = list.items.filter((i) => i.daysLate > 0).length;
  const greeting = `Good morning! ${count} follow-up${count === 1 ? " needs" : "s need"} you today${overdue ? ` (${overdue} overdue)` : ""}.`;
  const { text, blocks } = buildFollowUpList(list, greeting);
  return { text, blocks };
}
