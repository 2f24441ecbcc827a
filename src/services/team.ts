/** Who is who in a workspace (`/team`), and role changes by admins (`/team set`). */
import type { Store } from "../store/index.ts";
import type { UserRow } from "../store/users.ts";
import type { RequestContext } from "./context.ts";
import type { Role, RoleService } from "./roles.ts";

export const ROLES: readonly Role[] = ["rep", "manager", "admin"];
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

export interface TeamMember {
  slackId: string;
  role: Role;
  managerSlackId: string | null;
  active: boolean;
  /** Admin through ADMIN_USER_IDS (cannot be changed from Slack). */
  fromConfig: boolean;
}

export type SetRoleResult =
  | { kind: "changed"; member: TeamMember; previous: Role }
  | { kind: "refused" }
  | { kind: "invalid"; problem: "own-manager" };

export function teamService(deps: { store: Store; roles: RoleService; adminUserIds: readonly string[] }) {
  const { store, roles, adminUserIds } = deps;
  const asRole = (value: string): Role => (isRole(value) ? value : "rep");
  const member = (u: Pick<UserRow, "slackId" | "role" | "managerSlackId" | "active">): TeamMember => ({
    slackId: u.slackId,
    role: adminUserIds.includes(u.slackId) ? "admin" : asRole(u.role),
    managerSlackId: u.managerSlackId,
    active: u.active,
    fromConfig: adminUserIds.includes(u.slackId),
  });

  return {
    /** Everyone with a role other than rep, or a manager, or known to the bot; plus the configured admins. */
    async overview(ctx: RequestContext): Promise<TeamMember[]> {
      const users = await store.users.list(ctx.workspaceId);
      const known = new Set(users.map((u) => u.slackId));
      const configured = adminUserIds.filter((id) => !known.has(id)).map((slackId) => member({ slackId, role: "admin", managerSlackId: null, active: true }));
      return [...users.map(member), ...configured];
    },

    async setRole(ctx: RequestContext, targetId: string, role: Role, managerId: string | null): Promise<SetRoleResult> {
      if ((await roles.roleOf(ctx)) !== "admin") return { kind: "refused" };
      if (managerId === targetId) return { kind: "invalid", problem: "own-manager" };
      const before = await store.users.find(ctx.workspaceId, targetId);
      await store.workspaces.ensure(ctx.workspaceId);
      await store.users.saveRole(ctx.workspaceId, targetId, role, managerId);
      const previous = before ? asRole(before.role) : "rep";
      await store.audit.record(ctx.workspaceId, {
        actorSlackId: ctx.userId,
        action: "role.change",
        entity: "user",
        entityId: targetId,
        details: { from: previous, to: role, manager: managerId },
      });
      return { kind: "changed", previous, member: member({ slackId: targetId, role, managerSlackId: managerId, active: before?.active ?? true }) };
    },
  };
}
export type TeamService = ReturnType<typeof teamService>;
