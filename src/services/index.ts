/** The service layer the Slack listeners, the jobs and the CLI share. */
import type { Rules } from "../domain/rules.ts";
import type { Store } from "../store/index.ts";
import { clientService } from "./clients.ts";
import type { Clock } from "./context.ts";
import { interactionService } from "./interactions.ts";
import { profileService, type FetchSlackProfile } from "./profiles.ts";

export function createServices(deps: { store: Store; rules: Rules; clock: Clock; fetchProfile: FetchSlackProfile }) {
  const clients = clientService(deps);
  const profiles = profileService(deps);
  const interactions = interactionService({ ...deps, clients, profiles });
  return { clients, profiles, interactions, clock: deps.clock, store: deps.store };
}
export type Services = ReturnType<typeof createServices>;
