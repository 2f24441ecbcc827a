import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "data/", "src/store/generated/", "coverage/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": ["error", { allow: ["error"] }],
    },
  },
  {
    // The sandbox console's page: plain browser modules, served as they are.
    files: ["src/sandbox/public/**/*.js"],
    languageOptions: {
      globals: Object.fromEntries(
        ["document", "window", "location", "localStorage", "fetch", "URLSearchParams", "EventSource", "Intl", "setTimeout", "clearTimeout"].map((name) => [name, "readonly"]),
      ),
    },
  },
  {
    files: ["src/cli/**", "bench/**", "prisma/**"],
    rules: { "no-console": "off" },
  },
);
