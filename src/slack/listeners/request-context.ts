import type { RequestContext } from "../../services/context.ts";

/** The workspace and user of any Slack payload: commands carry team_id, interactions carry team.id or user.team_id. */
export function contextOf(body: { team_id?: string; user_id?: string; team?: { id: string } | null; user?: { id: string; team_id?: string } }): RequestContext {
  const workspaceId = body.team_id ?? body.team?.id ?? body.user?.team_id;
  const userId = body.user_id ?? body.user?.id;
  if (!workspaceId || !userId) throw new Error("Slack payload without a team or a user");
  return { workspaceId, userId };
}
