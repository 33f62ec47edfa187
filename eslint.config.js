import js from "@eslint/js";
import importX, { createNodeResolver } from "eslint-plugin-import-x";
import tseslint from "typescript-eslint";

// Who may import whom (ARCHITECTURE.md, DESIGN §2). A part not listed may not be imported.
const MAY_IMPORT = {
  domain: ["lib"],
  lib: [],
  platforms: ["domain", "lib"],
  store: ["domain", "lib"],
  notify: ["domain", "store", "lib"],
  catalog: ["domain", "platforms", "lib"],
  poller: ["domain", "platforms", "store", "notify", "catalog", "lib"],
  http: ["domain", "store", "catalog", "lib"],
  admin: ["domain", "store", "poller", "platforms", "notify", "config", "catalog", "http", "lib"],
  config: ["domain", "platforms", "notify", "catalog", "lib"],
};
const PARTS = [...Object.keys(MAY_IMPORT), "cli"];

const zones = Object.entries(MAY_IMPORT).flatMap(([part, allowed]) =>
  PARTS.filter((other) => other !== part && !allowed.includes(other))
    .map((other) => ({
      target: `./src/${part}`,
      from: `./src/${other}`,
      message: `${part} may import only ${allowed.join(", ") || "nothing of Pingoru"} (ARCHITECTURE.md)`,
    }))
    .concat(
      ["main", "serve"].map((root) => ({
        target: `./src/${part}`,
        from: `./src/${root}.ts`,
        message: `only cli imports ${root}`,
      })),
    ),
);

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "coverage/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    // The boundaries between parts, and no import circles, in production code (tests may reach anywhere).
    files: ["src/**/*.ts"],
    ignores: ["src/**/*.test.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js"] })],
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
    },
    rules: {
      "import-x/no-restricted-paths": ["error", { zones }],
      "import-x/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
);
