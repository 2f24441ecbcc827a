/**
 * `npm run import -- clients|interactions|users FILE.csv [--team T…]`: bad rows are reported by line on standard
 * error and skipped; the last line is `imported N, skipped M`; exit code 0 unless the file as a whole is unusable.
 * A long import shows its progress on standard error too (see progress.ts).
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { ImportFileError, importService, type ImportReport } from "../services/imports.ts";
import { CliError, IMPORT_USAGE, parseImportArgs, type ImportArgs } from "./args.ts";
import { countBytes, progressDisplay } from "./progress.ts";
import { runCli } from "./run.ts";

async function checkReadable(file: string): Promise<void> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new CliError(`${file} is a directory, not a CSV file`);
  } catch (error) {
    if (error instanceof CliError) throw error;
    const code = (error as { code?: unknown }).code;
    throw new CliError(`cannot read ${file}: ${code === "ENOENT" ? "no such file" : code === "EACCES" ? "permission denied" : String(code ?? error)}`);
  }
}

function lineList(lines: readonly number[], total: number): string {
  return `line${total > 1 ? "s" : ""} ${lines.join(", ")}${total > lines.length ? ", …" : ""}`;
}

function details(report: ImportReport): string[] {
  const out: string[] = [];
  if (report.changed > 0) {
    out.push(`${report.changed} row${report.changed > 1 ? "s were" : " was"} imported with cells read otherwise than written (said above by line)`);
  }
  if (report.duplicates > 0) {
    out.push(`${report.duplicates} row${report.duplicates > 1 ? "s were" : " was"} already imported, skipped (${lineList(report.duplicateLines, report.duplicates)})`);
  }
  if (report.kind === "clients") out.push(`clients: ${report.created} new, ${report.updated} updated`);
  return out;
}

await runCli<ImportArgs>({
  usage: IMPORT_USAGE,
  parse: parseImportArgs,
  precheck: (args) => checkReadable(args.file),
  async main(ctx, args) {
    const team = await ctx.team(args.team);
    const fileName = path.basename(args.file);
    const totalBytes = (await stat(args.file)).size;
    const importer = importService({ store: ctx.store, rules: ctx.config.rules, clock: ctx.clock });
    ctx.say(`importing ${args.kind} from ${fileName} into workspace ${team}`);
    const read = { bytes: 0 };
    // Standard error, where ctx.say writes; while the import runs, its lines go through the display (the bar makes way).
    const display = progressDisplay(process.stderr);
    const figures = (r: Readonly<ImportReport>) => ({ bytes: read.bytes, totalBytes, rows: r.rows, imported: r.imported, skipped: r.skipped });
    let report: ImportReport;
    try {
      report = await importer.importCsv(args.kind, team, countBytes(createReadStream(args.file), read), {
        fileName,
        // Often enough for a smooth bar; the display decides when to write.
        progressEvery: 100,
        events: {
          problem: ({ line, message }) => display.say(`line ${line}: ${message}`),
          changed: ({ line, message }) => display.say(`line ${line}: ${message}`),
          warning: (message) => display.say(`warning: ${message}`),
          progress: (r) => display.update(figures(r)),
        },
      });
    } catch (error) {
      display.abort();
      if (error instanceof ImportFileError) throw new CliError(`${fileName}: ${error.message}`);
      throw error;
    }
    display.finish(figures(report));
    for (const line of details(report)) ctx.say(line);
    ctx.say(`imported ${report.imported}, skipped ${report.skipped}`);
  },
});
