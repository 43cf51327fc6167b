import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import { importX, createNodeResolver } from "eslint-plugin-import-x";
import globals from "globals";

export default tseslint.config(
  { ignores: ["dist", "src/bindings"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["src/**/*.{ts,tsx}"],
    languageOptions: { globals: globals.browser },
    plugins: { "react-hooks": reactHooks, "import-x": importX },
    settings: {
      // The cycle check follows imports into TypeScript files.
      "import-x/extensions": [".ts", ".tsx", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts", ".tsx"] },
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js"] })],
    },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // Only the api module may talk to Tauri.
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@tauri-apps/*"], message: "Chỉ src/api được dùng @tauri-apps." }] },
      ],
      // A component (or function) that no longer fits a screen is split into named hooks and parts.
      "max-lines-per-function": ["error", { max: 300, skipBlankLines: true, skipComments: true }],
      // Two modules that import each other are one job split in the wrong place.
      "import-x/no-cycle": "error",
    },
  },
  {
    files: ["src/api/**/*.ts"],
    rules: { "no-restricted-imports": "off" },
  },
);
