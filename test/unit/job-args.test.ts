import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/cli/args.ts";
import { parseAt, parseJobArgs } from "../../src/cli/job-args.ts";

describe("parseAt", () => {
  it.each([
    ["2026-11-23", "2026-11-23T00:00:00.000Z"],
    ["2026-11-23T09:30", "2026-11-23T09:30:00.000Z"],
    ["2026-11-23T09:30:15", "2026-11-23T09:30:15.000Z"],
    ["2026-11-23T09:30:00Z", "2026-11-23T09:30:00.000Z"],
    ["2026-11-23T09:30:00+08:00", "2026-11-23T01:30:00.000Z"],
    ["2028-02-29", "2028-02-29T00:00:00.000Z"],
  ])("reads %s as %s (no offset: UTC)", (text, iso) => {
    expect(parseAt(text).toISOString()).toBe(iso);
  });

  it.each(["yesterday", "2026-02-30", "2026-13-01", "2026-11-23T25:00", "23/11/2026", ""])("refuses %j", (text) => {
    expect(() => parseAt(text)).toThrow(UsageError);
  });
});

describe("parseJobArgs", () => {
  it("takes the job, --at and --team", () => {
    expect(parseJobArgs(["rescore", "--at", "2026-11-23", "--team", "T0ABC"])).toEqual({
      job: "rescore",
      at: new Date("2026-11-23T00:00:00Z"),
      team: "T0ABC",
    });
    expect(parseJobArgs(["--", "rescore"])).toEqual({ job: "rescore", at: undefined, team: undefined });
    expect(parseJobArgs(["--help"])).toBe("help");
  });

  it.each([
    [[], /say which job/],
    [["teleport"], /there is no job "teleport"/],
    [["rescore", "extra"], /unexpected argument "extra"/],
    [["rescore", "--team", "acme"], /not a Slack team id/],
    [["rescore", "--verbose"], /verbose/],
  ])("refuses %j with a message", (argv, message) => {
    expect(() => parseJobArgs(argv)).toThrow(message);
  });
});
