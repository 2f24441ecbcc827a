/** Who may act for whom: reps for themselves, managers for their team, admins for everyone. */
import type { Store } from "../store/index.ts";
import type { RequestContext } from "./context.ts";

export type Role = "rep" | "manager" | "admin";

export function roleService(deps: { store: Store; adminUserIds: readonly string[] }) {
  const { store, adminUserIds } = deps;

  async function roleOf(ctx: RequestContext): Promise<Role> {
    if (adminUserIds.includes(ctx.userId)) return "admin";
    const user = await store.users.find(ctx.workspaceId, ctx.userId);
    return user?.role === "admin" || user?.role === "manager" ? user.role : "rep";
  }

  return {
    roleOf,

    /** True when the caller is that person, their manager, or an admin. */
    async canActFor(ctx: RequestContext, personId: string): Promise<boolean> {
      if (personId === ctx.userId) return true;
      if ((await roleOf(ctx)) === "admin") return true;
      const person = await store.users.find(ctx.workspaceId, personId);
      return person?.managerSlackId === ctx.userId;
    },
  };
}
export type RoleService = ReturnType<typeof roleService>;
