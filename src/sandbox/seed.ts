/**
 * Loads the demo workspace into a store through the same CSV import the CLI uses, and records each person's
 * timezone and locale as the bot would after asking Slack (users.info). Idempotent, like the imports.
 */
import { Readable } from "node:stream";
import type { Rules } from "../domain/rules.ts";
import type { Clock } from "../services/context.ts";
import { importService, type ImportKind, type ImportReport } from "../services/imports.ts";
import type { Store } from "../store/index.ts";
import { keyStatusOf } from "../domain/scoring.ts";
import { DEMO_KEY_EXIT, type DemoData } from "./demo-data.ts";

export class SeedError extends Error {}

export async function seedDemoData(deps: { store: Store; rules: Rules; clock: Clock }, workspaceId: string, data: DemoData): Promise<Record<ImportKind, ImportReport>> {
  const imports = importService(deps);
  const problems: string[] = [];
  const load = (kind: ImportKind) =>
    imports.importCsv(kind, workspaceId, Readable.from([data.csv[kind]]), {
      fileName: `sandbox-${kind}.csv`,
      actor: "sandbox",
      events: { problem: (p) => problems.push(`${kind} line ${p.line}: ${p.message}`) },
    });
  const users = await load("users");
  const clients = await load("clients");
  const interactions = await load("interactions");
  // Every row is generated: a skipped one is a bug in the demo data, not something to paper over.
  if (problems.length > 0) throw new SeedError(`demo data rejected by the import: ${problems.slice(0, 3).join("; ")}`);
  for (const person of data.people) {
    await deps.store.users.saveProfile(workspaceId, person.id, { timezone: person.tz, locale: person.locale }, deps.clock.now());
  }
  await recordKeyExit(deps, workspaceId);
  return { users, clients, interactions };
}

/**
 * The demo's key list changed recently: one client left it a few days ago (DEMO_KEY_EXIT), as an import cutting its
 * revenue would have recorded, so its card, its owner's next risk run and the manager's digest show a key event.
 */
async function recordKeyExit(deps: { store: Store; rules: Rules; clock: Clock }, workspaceId: string): Promise<void> {
  const { items } = await deps.store.clients.list(workspaceId, {}, 100);
  const client = items.find((c) => c.name === DEMO_KEY_EXIT.client);
  if (!client) throw new SeedError(`demo data has no client "${DEMO_KEY_EXIT.client}" to leave the key list`);
  const at = new Date(deps.clock.now().getTime() - DEMO_KEY_EXIT.daysAgo * 86_400_000);
  const status = keyStatusOf(client, deps.rules, at);
  // Under other rules (a --rules file) it may still be key: then there is no exit to tell. Seeded once.
  if (status.key || (await deps.store.keyChanges.latestFor(workspaceId, client.id))) return;
  await deps.store.keyChanges.record(workspaceId, [{ clientId: client.id, key: false, details: JSON.stringify(status), was: true }], "import", "sandbox", at);
}

/** True when the workspace already has clients (a kept sandbox database). */
export async function isSeeded(store: Store, workspaceId: string): Promise<boolean> {
  const { total } = await store.clients.list(workspaceId, {}, 1);
  return total > 0;
}
