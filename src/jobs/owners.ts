/** Who of some client owners can be told (still here), and in which language: for the jobs' notices. */
import type { Store } from "../store/index.ts";

export async function reachableOwners(store: Pick<Store, "users">, workspaceId: string, owners: readonly string[]) {
  const profiles = await store.users.nudgeProfiles(workspaceId, owners);
  // People never seen by the bot have no profile yet: they count as active.
  const inactive = new Set(profiles.filter((p) => !p.active).map((p) => p.slackId));
  return { active: new Set(owners.filter((o) => !inactive.has(o))), locales: new Map(profiles.map((p) => [p.slackId, p.locale])) };
}
