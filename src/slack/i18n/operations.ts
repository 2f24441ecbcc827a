/**
 * What admins see of the bot's own work (App Home and digest). Job names and message kinds are the operators'
 * identifiers and stay as stored; `to` is a mention or channel link; `error` is escaped mrkdwn; `at` a UTC time.
 */
import { plural } from "../../domain/text.ts";

export const en = {
  heading: "*Operations* (admins)",
  failuresHeading: "Delivery failures:",
  failure: (kind: string, to: string, attempts: number, error: string) => `• ${kind} to ${to} failed after ${plural(attempts, "attempt")}: ${error}`,
  unknownError: "unknown error",
  noFailuresThisWeek: "No delivery failures this week.",
  noFailures: "No delivery failures.",
  waitingHeading: "Waiting to be sent:",
  /** `at`: a UTC time. */
  waitingRetry: (count: number, at: string) => `• ${plural(count, "post")} waiting for a retry (the next at ${at} UTC)`,
  waitingDue: (count: number) => `• ${plural(count, "post")} due and not yet picked up`,
  waitingSending: (count: number) => `• ${plural(count, "post")} being sent now`,
  runsHeading: "Recent job runs:",
  /** `status` from runStatus. */
  run: (job: string, status: string, at: string, error: string | null) => `• ${job} ${status} at ${at} UTC${error ? `: ${error}` : ""}`,
  runStatus: { running: "running", done: "done", failed: "failed" } as Record<string, string>,
  noRuns: "No job runs yet.",
};

export const zhCN: typeof en = {
  heading: "*运行状况*（管理员可见）",
  failuresHeading: "发送失败：",
  failure: (kind, to, attempts, error) => `• 发给 ${to} 的 \`${kind}\` 尝试 ${attempts} 次后失败：${error}`,
  unknownError: "未知错误",
  noFailuresThisWeek: "本周没有发送失败。",
  noFailures: "没有发送失败。",
  waitingHeading: "等待发送：",
  waitingRetry: (count, at) => `• ${count} 条消息等待重试（下一次在 ${at} UTC）`,
  waitingDue: (count) => `• ${count} 条消息已到发送时间，尚未开始发送`,
  waitingSending: (count) => `• ${count} 条消息正在发送`,
  runsHeading: "最近的任务运行：",
  run: (job, status, at, error) => `• \`${job}\` ${status}（${at} UTC）${error ? `：${error}` : ""}`,
  runStatus: { running: "运行中", done: "已完成", failed: "失败" },
  noRuns: "尚无任务运行记录。",
};
