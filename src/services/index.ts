/** The service layer the Slack listeners, the jobs and the CLI share. */
import type { Rules } from "../domain/rules.ts";
import type { Store } from "../store/index.ts";
import { clientRecordService } from "./client-records.ts";
import { clientService } from "./clients.ts";
import type { Clock } from "./context.ts";
import { followUpService } from "./follow-ups.ts";
import { homeService } from "./home.ts";
import { installService } from "./installs.ts";
import { interactionService } from "./interactions.ts";
import { profileService, type FetchSlackProfile } from "./profiles.ts";
import { requestGuard } from "./request-guard.ts";
import { roleService } from "./roles.ts";
import { teamService } from "./team.ts";

export function createServices(deps: { store: Store; rules: Rules; clock: Clock; fetchProfile: FetchSlackProfile; adminUserIds: readonly string[] }) {
  const clients = clientService(deps);
  const profiles = profileService(deps);
  const roles = roleService(deps);
  const interactions = interactionService({ ...deps, clients, profiles });
  const followUps = followUpService({ ...deps, clients, interactions, profiles, roles });
  const team = teamService({ ...deps, roles });
  const records = clientRecordService({ ...deps, clients, roles });
  const home = homeService({ ...deps, followUps, profiles, roles });
  const installs = installService(deps);
  const requests = requestGuard(deps);
  return { rules: deps.rules, clients, records, profiles, roles, team, interactions, followUps, home, installs, requests, clock: deps.clock, store: deps.store };
}
export type Services = ReturnType<typeof createServices>;
