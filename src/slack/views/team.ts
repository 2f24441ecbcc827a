/** `/team`: who is an admin, who manages whom, who is a rep, in the reader's words. Pure. */
import type { KnownBlock } from "@slack/types";
import type { Role } from "../../services/roles.ts";
import type { SetRoleResult, TeamMember } from "../../services/team.ts";
import type { Messages } from "../i18n/index.ts";
import { context, ephemeral, header, mention, section, type EphemeralReply } from "./blocks.ts";

const LINES_PER_SECTION = 15;
const MAX_LINES = 300;

function line(t: Messages, m: TeamMember): string {
  const details = [
    t.team.role[m.role],
    m.managerSlackId ? t.team.reportsTo(mention(m.managerSlackId)) : null,
    m.fromConfig ? t.team.adminFromConfig : null,
    m.active ? null : t.team.inactive,
  ].filter(Boolean);
  return `• ${mention(m.slackId)} · ${details.join(" · ")}`;
}

const ORDER = { admin: 0, manager: 1, rep: 2 } as const;

export function buildTeam(t: Messages, members: readonly TeamMember[]): EphemeralReply {
  if (members.length === 0) return ephemeral(t.team.noRoles);
  const sorted = [...members].sort((a, b) => ORDER[a.role] - ORDER[b.role] || a.slackId.localeCompare(b.slackId));
  const shown = sorted.slice(0, MAX_LINES);
  const blocks: KnownBlock[] = [header(t.team.header(members.length))];
  let listed = 0;
  for (; listed < shown.length && blocks.length < 47; listed += LINES_PER_SECTION) {
    blocks.push(section(shown.slice(listed, listed + LINES_PER_SECTION).map((m) => line(t, m)).join("\n")));
  }
  listed = Math.min(listed, shown.length);
  // A workspace of thousands is cut to the first MAX_LINES (admins and managers first): say how many are left out.
  if (listed < members.length) blocks.push(context(t.team.more(members.length - listed)));
  blocks.push(context(t.team.note));
  const count = (role: Role) => members.filter((m) => m.role === role).length;
  return ephemeral(t.team.counts({ admin: count("admin"), manager: count("manager"), rep: count("rep") }), blocks);
}

export function roleChangeReply(t: Messages, result: SetRoleResult): EphemeralReply {
  switch (result.kind) {
    case "changed": {
      const m = result.member;
      return ephemeral(t.team.changed(mention(m.slackId), t.team.role[m.role], m.managerSlackId ? mention(m.managerSlackId) : null, t.team.role[result.previous]));
    }
    case "refused":
      return ephemeral(t.team.refused);
    case "invalid":
      return ephemeral(t.team.ownManager);
  }
}
