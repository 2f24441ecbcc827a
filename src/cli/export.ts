/**
 * `npm run export -- clients|interactions|users|audit [--team T…]`: CSV on standard output, nothing else there
 * (progress and errors go to standard error), so `> file.csv` or a pipe gets clean data.
 */
import { exportService } from "../services/exports.ts";
import { EXPORT_USAGE, parseExportArgs, type ExportArgs } from "./args.ts";
import { runCli } from "./run.ts";

const isBrokenPipe = (error: unknown) => (error as { code?: unknown }).code === "EPIPE";

// A reader that stops early (`| head`) closes the pipe: that ends the export, it is not a failure.
process.stdout.on("error", (error) => {
  if (isBrokenPipe(error)) return;
  console.error(`cannot write the export: ${error.message}`);
  process.exit(1);
});

await runCli<ExportArgs>({
  usage: EXPORT_USAGE,
  parse: parseExportArgs,
  async main(ctx, args) {
    const team = await ctx.team(args.team);
    const exporter = exportService({ store: ctx.store });
    let rows: number;
    try {
      rows = await exporter.writeCsv(args.kind, team, process.stdout);
    } catch (error) {
      if (isBrokenPipe(error)) return;
      throw error;
    }
    await exporter.recordExport(args.kind, team, rows);
    ctx.say(`exported ${rows} ${args.kind === "audit" ? "audit entries" : args.kind} from workspace ${team}`);
  },
});
