import { describe, expect, it } from "vitest";
import { requestKey } from "../../src/slack/listeners/retries.ts";

describe("requestKey: what a Slack payload is deduplicated by", () => {
  it.each([
    ["an event, by event_id", { type: "event_callback", event_id: "Ev123", event: { type: "app_home_opened" } }, "event:Ev123"],
    ["a slash command, by trigger", { command: "/log", text: "x", trigger_id: "1.2.abc" }, "command:1.2.abc"],
    ["a button click, by trigger", { type: "block_actions", trigger_id: "3.4.def" }, "trigger:3.4.def"],
    ["a form submission, by trigger", { type: "view_submission", trigger_id: "5.6.ghi", view: { id: "V1" } }, "trigger:5.6.ghi"],
    ["a global shortcut, by trigger", { type: "shortcut", trigger_id: "7.8.jkl" }, "trigger:7.8.jkl"],
  ])("keys %s", (_label, body, key) => {
    expect(requestKey(body)).toBe(key);
  });

  it.each([
    ["type-ahead options (each keystroke is new)", { type: "block_suggestion", value: "acm" }],
    ["an event without an id", { type: "event_callback", event: {} }],
    ["a command without a trigger", { command: "/log", text: "x" }],
    ["/tier, which only reads", { command: "/tier", text: "x", trigger_id: "1.2.abc" }],
    ["/followups, which reads or sets a pause date (the same when repeated)", { command: "/followups", text: "", trigger_id: "1.2.abc" }],
    ["a view closed without a trigger", { type: "view_closed", view: { id: "V1" } }],
    ["an empty trigger", { type: "block_actions", trigger_id: "" }],
  ])("leaves %s alone", (_label, body) => {
    expect(requestKey(body)).toBeUndefined();
  });
});
