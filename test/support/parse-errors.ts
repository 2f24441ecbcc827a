/** Every parse error a command reply can be asked to explain, for the reply tests in each language. */
import type { LogCommandError } from "../../src/domain/log-command.ts";
import type { WhenError } from "../../src/domain/when.ts";

/** Each `/log` parse error; `typed` stands for what the user typed where an error quotes it. */
export const logCommandErrors = (typed: string): LogCommandError[] => [
  { code: "empty" },
  { code: "missing-type" },
  { code: "missing-client" },
  { code: "missing-summary" },
  { code: "bad-sentiment", value: typed },
  { code: "bad-sentiment", value: "<!channel>" },
  { code: "duplicate-option", option: "next" },
  { code: "duplicate-option", option: "sentiment" },
  { code: "client-name-too-long", limit: 200, actual: 201 },
  { code: "summary-too-long", limit: 3000, actual: 4000 },
  { code: "command-too-long", limit: 20_000, actual: 25_000 },
];

export const WHEN_ERRORS: readonly WhenError[] = ["empty", "unrecognised", "past", "invalid-date", "too-far"];
