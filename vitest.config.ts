import { defineConfig } from "vitest/config";

// Unit tests run once; store and end-to-end tests run once per store (SQLite, then PostgreSQL); the browser test
// drives `npm run sandbox` in Chromium (skipped where /usr/bin/chromium is missing).
export default defineConfig({
  test: {
    env: { TZ: "UTC" },
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { extends: true, test: { name: "sqlite", include: ["test/{e2e,integration}/**/*.test.ts"], env: { TEST_STORE: "sqlite" } } },
      // `npm run bench` at the tiny size, as a smoke test of the benchmark itself (figures are not judged here).
      { extends: true, test: { name: "bench", include: ["test/bench/**/*.test.ts"], testTimeout: 180_000 } },
      {
        extends: true,
        test: { name: "postgres", include: ["test/{e2e,integration}/**/*.test.ts"], env: { TEST_STORE: "postgres" }, globalSetup: ["test/support/postgres-template.ts"] },
      },
      { extends: true, test: { name: "browser", include: ["test/browser/**/*.test.ts"], testTimeout: 60_000 } },
    ],
  },
});
