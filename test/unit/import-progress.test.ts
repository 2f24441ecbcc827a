import { Readable } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  countBytes,
  estimate,
  finishedLine,
  formatDuration,
  formatRate,
  progressBar,
  progressDisplay,
  progressLine,
  type ProgressOutput,
  type ProgressState,
} from "../../src/cli/progress.ts";

const MB = 1_000_000;
// 42% of a 10 MB file in 30 s: 41,234 rows, so 1,374 rows/s and 30 s × 58/42 ≈ 41.4 s left.
const midway: ProgressState = { bytes: 4.2 * MB, totalBytes: 10 * MB, rows: 41_234, imported: 40_000, skipped: 1_234, elapsedMs: 30_000 };
const CONTROL = /\p{Cc}/u;

describe("estimate", () => {
  it("gives the share read, the rate and the time left at the pace so far", () => {
    const e = estimate(midway);
    expect(e.share).toBeCloseTo(0.42, 10);
    expect(e.rowsPerSecond).toBeCloseTo(41_234 / 30, 10);
    expect(e.leftMs).toBeCloseTo((30_000 * 5.8) / 4.2, 6);
  });

  it("gives no rate or time left in the first second, and no share or time left for a file of unknown size", () => {
    expect(estimate({ ...midway, elapsedMs: 999 })).toEqual({ share: 0.42, rowsPerSecond: null, leftMs: null });
    expect(estimate({ ...midway, bytes: 0 })).toMatchObject({ share: 0, leftMs: null });
    expect(estimate({ ...midway, totalBytes: 0 })).toEqual({ share: null, rowsPerSecond: 41_234 / 30, leftMs: null });
  });

  it("never goes past the whole file (a file that grew while it was read)", () => {
    expect(estimate({ ...midway, bytes: 12 * MB })).toMatchObject({ share: 1, leftMs: 0 });
  });
});

describe("formatDuration and formatRate", () => {
  it.each([
    [0, "0s"],
    [1, "1s"], // rounded up: a little time left is not "0s"
    [59_000, "59s"],
    [59_001, "1m 00s"],
    [72_500, "1m 13s"],
    [3_599_000, "59m 59s"],
    [3_600_000, "1h 00m"],
    [7_380_000, "2h 03m"],
  ])("%d ms is %j", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it.each([
    [8_120.4, "8,120 rows/s"],
    [10, "10 rows/s"],
    [2.5, "2.5 rows/s"],
    [0, "0.0 rows/s"],
  ])("%d rows a second is %j", (rate, text) => {
    expect(formatRate(rate)).toBe(text);
  });
});

describe("progressLine (a log or a pipe)", () => {
  it.each<[string, ProgressState, string]>([
    ["midway", midway, "… 42% read, 41,234 rows (40,000 imported, 1,234 skipped), 1,374 rows/s, 42s left"],
    ["in the first second", { ...midway, rows: 900, imported: 0, skipped: 0, bytes: 90_000, elapsedMs: 500 }, "… 0% read, 900 rows (0 imported, 0 skipped), time left not known yet"],
    ["a file of unknown size", { ...midway, totalBytes: 0 }, "… 41,234 rows (40,000 imported, 1,234 skipped), 1,374 rows/s"],
    ["all read, the last batch being written", { ...midway, bytes: 10 * MB, rows: 99_000 }, "… 100% read, 99,000 rows (40,000 imported, 1,234 skipped), 3,300 rows/s, all read, writing the last rows"],
  ])("%s", (_label, state, text) => {
    expect(progressLine(state)).toBe(text);
  });

  const states = fc.record({
    bytes: fc.nat(),
    totalBytes: fc.nat(),
    rows: fc.nat(),
    imported: fc.nat(),
    skipped: fc.nat(),
    elapsedMs: fc.nat(),
  });

  it("never holds a control character, whatever the figures", () => {
    fc.assert(
      fc.property(states, (state) => {
        expect(progressLine(state)).not.toMatch(CONTROL);
        expect(finishedLine(state)).not.toMatch(CONTROL);
      }),
    );
  });

  it("progressBar fits the terminal, short of its last column, whatever the figures and the width", () => {
    fc.assert(
      fc.property(states, fc.integer({ min: 1, max: 400 }), (state, columns) => {
        const bar = progressBar(state, columns);
        expect([...bar].length).toBeLessThanOrEqual(Math.max(1, columns - 1));
        expect(bar).not.toMatch(CONTROL);
      }),
    );
  });
});

describe("progressBar (a terminal)", () => {
  it("draws the share read as a bar, then the rows, the rate and the time left", () => {
    const bar = progressBar(midway, 100);
    expect(bar).toBe(`${"█".repeat(16)}${"░".repeat(24)}  42%  41,234 rows (1,234 skipped)  1,374 rows/s  42s left`);
    expect(bar.length).toBeLessThanOrEqual(99);
  });

  it("grows the bar with the share, up to 40 cells", () => {
    const cells = (bytes: number) => [...progressBar({ ...midway, bytes }, 200)].filter((c) => c === "█").length;
    expect([0, 2.5 * MB, 5 * MB, 10 * MB].map(cells)).toEqual([0, 10, 20, 40]);
  });

  it("drops the bar first on a narrow terminal, then cuts the line", () => {
    expect(progressBar(midway, 60)).toBe("42%  41,234 rows (1,234 skipped)  1,374 rows/s  42s left");
    expect(progressBar(midway, 21)).toBe("42%  41,234 rows (1,");
  });

  it("says nothing of skipped rows when there are none", () => {
    expect(progressBar({ ...midway, skipped: 0 }, 100)).toBe(`${"█".repeat(16)}${"░".repeat(24)}  42%  41,234 rows  1,374 rows/s  42s left`);
  });
});

describe("finishedLine", () => {
  it("says how many rows took how long", () => {
    expect(finishedLine({ ...midway, bytes: 10 * MB, rows: 95_000, elapsedMs: 12_000 })).toBe("read 95,000 rows in 12s, 7,917 rows/s");
  });
});

describe("progressDisplay", () => {
  function setup(isTTY: boolean) {
    let clock = 1_000;
    const writes: string[] = [];
    const out: ProgressOutput = { isTTY, columns: 100, write: (text: string) => writes.push(text) };
    const display = progressDisplay(out, { now: () => clock, redrawEveryMs: 200, lineEveryMs: 5_000 });
    const at = (ms: number) => {
      clock = 1_000 + ms;
    };
    return { display, writes, at };
  }
  const figures = (rows: number) => ({ bytes: rows * 100, totalBytes: 10 * MB, rows, imported: rows, skipped: 0 });

  it("off a terminal writes a plain line every 5 s, and the closing line, with no control characters", () => {
    const { display, writes, at } = setup(false);
    at(4_999);
    display.update(figures(1_000));
    expect(writes).toEqual([]);
    at(5_000);
    display.update(figures(5_000));
    at(9_000);
    display.update(figures(9_000));
    display.say("line 7: industry has a line break inside the cell; put it on one line");
    at(10_000);
    display.update(figures(10_000));
    at(12_000);
    display.finish(figures(12_000));
    expect(writes).toEqual([
      "… 5% read, 5,000 rows (5,000 imported, 0 skipped), 1,000 rows/s, 1m 35s left\n",
      "line 7: industry has a line break inside the cell; put it on one line\n",
      "… 10% read, 10,000 rows (10,000 imported, 0 skipped), 1,000 rows/s, 1m 30s left\n",
      "read 12,000 rows in 12s, 1,000 rows/s\n",
    ]);
    expect(writes.join("").replaceAll("\n", "")).not.toMatch(CONTROL);
  });

  it("on a terminal redraws one line in place, makes way for a line of its own, and leaves the closing line", () => {
    const { display, writes, at } = setup(true);
    at(100);
    display.update(figures(100));
    expect(writes).toEqual([]); // not yet time
    at(2_000);
    display.update(figures(2_000));
    at(2_100);
    display.update(figures(2_100)); // within 200 ms of the last: not drawn
    display.say("line 9: risk_level must be one of low, medium, high");
    at(2_150);
    display.update(figures(2_150)); // the bar comes back at once
    at(3_000);
    display.finish(figures(3_000));
    expect(writes).toEqual([
      "\r\x1b[K" + progressBar({ ...figures(2_000), elapsedMs: 2_000 }, 100),
      "\r\x1b[K",
      "line 9: risk_level must be one of low, medium, high\n",
      "\r\x1b[K" + progressBar({ ...figures(2_150), elapsedMs: 2_150 }, 100),
      "\r\x1b[K",
      "read 3,000 rows in 3s, 1,000 rows/s\n",
    ]);
  });

  it("writes nothing of its own for an import that ended before anything was shown", () => {
    const { display, writes, at } = setup(true);
    at(150);
    display.update(figures(150));
    display.say("line 2: name is required");
    display.finish(figures(200));
    expect(writes).toEqual(["line 2: name is required\n"]);
  });

  it("on a failure takes the bar away and says nothing more, so that the error line stands alone", () => {
    const { display, writes, at } = setup(true);
    at(1_000);
    display.update(figures(1_000));
    display.abort();
    expect(writes.slice(1)).toEqual(["\r\x1b[K"]);
  });
});

describe("countBytes", () => {
  it("passes the chunks on unchanged and counts their bytes (UTF-8 for strings)", async () => {
    const counter = { bytes: 0 };
    const chunks: (string | Buffer)[] = [];
    for await (const chunk of countBytes(Readable.from([Buffer.from("name\n"), "华为\n"], { objectMode: true }), counter)) chunks.push(chunk);
    expect(chunks.map(String)).toEqual(["name\n", "华为\n"]);
    expect(counter.bytes).toBe(5 + 7);
  });
});
