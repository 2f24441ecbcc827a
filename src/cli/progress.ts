/**
 * A long import's progress on standard error. On a terminal: one line redrawn in place, a bar of the file's share read
 * with rows per second and the time left. Elsewhere (a log file, a pipe): a plain line every few seconds with the same
 * figures and no control characters. The text comes from pure functions of (bytes read, file size, rows, elapsed
 * time); the display around them only decides when to write, and on a terminal, how to redraw.
 */

export interface ProgressState {
  /** Bytes of the file taken by the import so far. */
  bytes: number;
  /** The file's size; 0 when not known (no share or time left is shown then). */
  totalBytes: number;
  /** Data rows read, and of those, imported and skipped so far. */
  rows: number;
  imported: number;
  skipped: number;
  elapsedMs: number;
}

export interface Estimate {
  /** The file's share read, 0 to 1, or null when the size is not known. */
  share: number | null;
  rowsPerSecond: number | null;
  /** Null until there is enough to go by (a second and some bytes). */
  leftMs: number | null;
}

/** Below this much time the rate and the time left say more about start-up than about the file. */
const MIN_SAMPLE_MS = 1000;

export function estimate(p: ProgressState): Estimate {
  const share = p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : null;
  const sampled = p.elapsedMs >= MIN_SAMPLE_MS;
  const rowsPerSecond = sampled ? p.rows / (p.elapsedMs / 1000) : null;
  // The bytes still to read go at the pace the bytes read so far went (row writes included).
  const leftMs = sampled && share !== null && p.bytes > 0 ? (p.elapsedMs * (p.totalBytes - Math.min(p.bytes, p.totalBytes))) / p.bytes : null;
  return { share, rowsPerSecond, leftMs };
}

const count = new Intl.NumberFormat("en-US");

/** "8s", "1m 05s", "2h 03m": whole seconds, rounded up so that a little time left never reads as 0s. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.ceil(ms / 1000));
  const two = (n: number) => String(n).padStart(2, "0");
  if (seconds < 60) return `${seconds}s`;
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${two(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${two(Math.floor((seconds % 3600) / 60))}m`;
}

export function formatRate(rowsPerSecond: number): string {
  return `${rowsPerSecond < 10 ? rowsPerSecond.toFixed(1) : count.format(Math.round(rowsPerSecond))} rows/s`;
}

const percent = (share: number) => `${Math.floor(share * 100)}%`;

function timeLeft(p: ProgressState, e: Estimate): string | null {
  if (e.share === null) return null;
  if (e.share >= 1) return "all read, writing the last rows";
  return e.leftMs === null ? "time left not known yet" : `${formatDuration(e.leftMs)} left`;
}

/** The plain line, for a log or a pipe: "… 42% read, 41,234 rows (40,100 imported, 1,134 skipped), 8,120 rows/s, 1m 12s left". */
export function progressLine(p: ProgressState): string {
  const e = estimate(p);
  const parts = [
    `${e.share === null ? "" : `${percent(e.share)} read, `}${count.format(p.rows)} rows (${count.format(p.imported)} imported, ${count.format(p.skipped)} skipped)`,
  ];
  if (e.rowsPerSecond !== null) parts.push(formatRate(e.rowsPerSecond));
  const left = timeLeft(p, e);
  if (left) parts.push(left);
  return `… ${parts.join(", ")}`;
}

const BAR_MIN = 10;
const BAR_MAX = 40;

/**
 * The terminal line, at most `columns - 1` wide (writing the last column makes some terminals wrap, and a wrapped
 * line cannot be redrawn in place): "██████░░░░░░░░░ 42%  41,234 rows (12 skipped)  8,120 rows/s  1m 12s left".
 * The bar goes first when the terminal is too narrow for both.
 */
export function progressBar(p: ProgressState, columns: number): string {
  const e = estimate(p);
  const facts = [`${count.format(p.rows)} rows${p.skipped > 0 ? ` (${count.format(p.skipped)} skipped)` : ""}`];
  if (e.rowsPerSecond !== null) facts.push(formatRate(e.rowsPerSecond));
  const left = timeLeft(p, e);
  if (left) facts.push(left);
  const width = Math.max(1, columns - 1);
  const text = facts.join("  ");
  if (e.share === null) return text.slice(0, width);
  const share = ` ${percent(e.share).padStart(4)}  `;
  const room = width - share.length - text.length;
  if (room < BAR_MIN) return `${percent(e.share)}  ${text}`.slice(0, width);
  const size = Math.min(BAR_MAX, room);
  const filled = Math.floor(e.share * size);
  return `${"█".repeat(filled)}${"░".repeat(size - filled)}${share}${text}`;
}

/** The closing line once the file is read: "read 95,000 rows in 12s, 7,917 rows/s". */
export function finishedLine(p: ProgressState): string {
  const e = estimate(p);
  return `read ${count.format(p.rows)} rows in ${formatDuration(p.elapsedMs)}${e.rowsPerSecond === null ? "" : `, ${formatRate(e.rowsPerSecond)}`}`;
}

// ---------------------------------------------------------------------------------------------------------------
// The display: when to write, and on a terminal, how to redraw.

export interface ProgressOutput {
  write(text: string): unknown;
  isTTY?: boolean;
  /** The terminal's width, read at each redraw (it may be resized). */
  columns?: number;
}

export interface ProgressDisplay {
  /** The figures now; written when it is time (see the options). */
  update(state: Omit<ProgressState, "elapsedMs">): void;
  /** A line of its own (a bad row, a note): on a terminal the bar makes way and is drawn again at the next update. */
  say(line: string): void;
  /** The import ended: the bar goes; when progress was shown, the closing line says how long the whole file took. */
  finish(state: Omit<ProgressState, "elapsedMs">): void;
  /** The import failed: the bar goes, so that the one line saying why stands alone. */
  abort(): void;
}

export interface ProgressOptions {
  /** Milliseconds since some fixed point (performance.now by default). */
  now?: () => number;
  /** Between redraws on a terminal (default 200 ms). */
  redrawEveryMs?: number;
  /** Between plain lines (default 5 s); the first comes after as long. */
  lineEveryMs?: number;
}

const CLEAR_LINE = "\r\x1b[K";

export function progressDisplay(out: ProgressOutput, options: ProgressOptions = {}): ProgressDisplay {
  const now = options.now ?? (() => performance.now());
  const tty = out.isTTY === true;
  const every = tty ? (options.redrawEveryMs ?? 200) : (options.lineEveryMs ?? 5000);
  const started = now();
  let lastWrite = started;
  let shown = false; // anything drawn or written yet
  let barVisible = false;

  const draw = (state: Omit<ProgressState, "elapsedMs">, at: number) => {
    const full = { ...state, elapsedMs: at - started };
    if (tty) out.write(`${CLEAR_LINE}${progressBar(full, out.columns ?? 80)}`);
    else out.write(`${progressLine(full)}\n`);
    lastWrite = at;
    shown = true;
    barVisible = tty;
  };
  const clearBar = () => {
    if (barVisible) out.write(CLEAR_LINE);
    barVisible = false;
  };

  return {
    update(state) {
      const at = now();
      // A bar that made way for a line comes back at once; otherwise, only once it is time.
      if (at - lastWrite >= every || (tty && shown && !barVisible)) draw(state, at);
    },
    say(line) {
      clearBar();
      out.write(`${line}\n`);
    },
    finish(state) {
      clearBar();
      if (shown) out.write(`${finishedLine({ ...state, elapsedMs: now() - started })}\n`);
    },
    abort() {
      clearBar();
    },
  };
}

/** Passes a byte stream on unchanged, counting what has been taken from it. */
export async function* countBytes(source: AsyncIterable<string | Buffer>, counter: { bytes: number }): AsyncGenerator<string | Buffer> {
  for await (const chunk of source) {
    counter.bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
    yield chunk;
  }
}
