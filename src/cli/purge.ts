/**
 * `npm run purge -- --team T…`: deletes every row of one workspace (clients, touches, follow-ups, people, audit
 * trail, outbox, job runs, its installation and the workspace itself) in one transaction, and prints how many rows
 * of each kind went. Meant for a workspace that uninstalled the app: while it is still installed (multi-workspace
 * mode) it is refused unless --force is given. Refused without --team.
 */
import { installService } from "../services/installs.ts";
import { CliError, parsePurgeArgs, PURGE_USAGE, type PurgeArgs } from "./args.ts";
import { runCli } from "./run.ts";

await runCli<PurgeArgs>({
  usage: PURGE_USAGE,
  parse: parsePurgeArgs,
  async main(ctx, args) {
    const workspace = await ctx.store.workspaces.find(args.team);
    if (!workspace) throw new CliError(`no workspace ${args.team} in the store; nothing was deleted`);
    if (!args.force && (await ctx.store.installations.find(args.team))) {
      throw new CliError(`the app is still installed in ${args.team}: uninstall it first, or pass --force to delete its data and its token; nothing was deleted`);
    }
    ctx.say(`purging workspace ${args.team}${workspace.name ? ` (${workspace.name})` : ""}`);
    const counts = await installService({ store: ctx.store, clock: ctx.clock }).purge(args.team);
    for (const [kind, count] of Object.entries(counts)) console.log(`${kind} ${count}`);
    const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
    ctx.say(`purged workspace ${args.team}: ${total} rows deleted`);
  },
});
