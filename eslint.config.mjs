// Type-aware linting of everything TypeScript; the few relaxed rules each say why.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import { LAYERS } from "./eslint.layers.mjs";

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "coverage/**", "demo-output/**", "test-artifacts/**", "**/*.js", "**/*.mjs"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Unused arguments are allowed when named with a leading underscore (rule tables).
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: "error",
    },
  },
  {
    // The browser page's start-up and its worker use import.meta, so they live in tsconfig.web.json only.
    files: ["src/web/make-worker.ts", "src/taskpane/browser.ts"],
    languageOptions: { parserOptions: { projectService: false, project: "./tsconfig.web.json", tsconfigRootDir: import.meta.dirname } },
  },
  ...LAYERS,
  {
    files: ["test/**/*.ts"],
    rules: {
      // Tests read parsed JSON and exceljs internals whose shapes the typings do not know.
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
    },
  },
);
