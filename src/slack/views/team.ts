/** `/team`: who is an admin, who manages whom, who is a rep. Pure. */
import type { KnownBlock } from "@slack/types";
import type { SetRoleResult, TeamMember } from "../../services/team.ts";
import { context, ephemeral, header, mention, section, type EphemeralReply } from "./blocks.ts";

const LINES_PER_SECTION = 15;
const MAX_LINES = 300;

function line(m: TeamMember): string {
  const details = [
    m.role,
    m.managerSlackId ? `reports to ${mention(m.managerSlackId)}` : null,
    m.fromConfig ? "admin via ADMIN_USER_IDS" : null,
    m.active ? null : "inactive",
  ].filter(Boolean);
  return `• ${mention(m.slackId)} · ${details.join(" · ")}`;
}

const ORDER = { admin: 0, manager: 1, rep: 2 } as const;

export function buildTeam(members: readonly TeamMember[]): EphemeralReply {
  if (members.length === 0) {
    return ephemeral("No roles are set yet: everyone is a rep. Admins set roles with `/team set @person rep|manager|admin [@manager]` or `npm run import -- users FILE.csv`.");
  }
  const sorted = [...members].sort((a, b) => ORDER[a.role] - ORDER[b.role] || a.slackId.localeCompare(b.slackId));
  const shown = sorted.slice(0, MAX_LINES);
  const blocks: KnownBlock[] = [header(`Team (${members.length})`)];
  for (let i = 0; i < shown.length && blocks.length < 48; i += LINES_PER_SECTION) blocks.push(section(shown.slice(i, i + LINES_PER_SECTION).map(line).join("\n")));
  blocks.push(context("People never imported or set are reps. Admins change roles with `/team set @person rep|manager|admin [@manager]`."));
  const counts = (["admin", "manager", "rep"] as const).map((r) => `${members.filter((m) => m.role === r).length} ${r}s`).join(", ");
  return ephemeral(`Team: ${counts}`, blocks);
}

export function roleChangeReply(result: SetRoleResult): EphemeralReply {
  switch (result.kind) {
    case "changed": {
      const m = result.member;
      return ephemeral(`${mention(m.slackId)} is now a ${m.role}${m.managerSlackId ? `, reporting to ${mention(m.managerSlackId)}` : ""} (was ${result.previous}).`);
    }
    case "refused":
      return ephemeral("Only admins can change roles. Ask an admin, or see who they are with `/team`.");
    case "invalid":
      return ephemeral("A person cannot be their own manager.");
  }
}
