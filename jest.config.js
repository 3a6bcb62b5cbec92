const { loadEnv } = require("@medusajs/framework/utils")
loadEnv("test", process.cwd())

// One jest run covers unit tests (next to the code), the HTTP suites that boot Medusa
// against a fresh database (integration-tests/http) and the end-to-end checks that
// start Keel the way a newcomer does (integration-tests/e2e). `npm test` wraps it
// (scripts/test.mjs) to provide PostgreSQL.
module.exports = {
  transform: {
    "^.+\\.[jt]s$": [
      "@swc/jest",
      {
        jsc: { parser: { syntax: "typescript", decorators: true }, target: "es2021" },
        // import() stays a real dynamic import, so an ESM-only package (meilisearch) loads
        // through jest's ESM support (scripts/test.mjs runs jest with --experimental-vm-modules).
        module: { type: "commonjs", ignoreDynamic: true },
      },
    ],
  },
  testEnvironment: "node",
  moduleFileExtensions: ["js", "ts", "json"],
  modulePathIgnorePatterns: ["dist/", "<rootDir>/.medusa/", "<rootDir>/.keel/", "<rootDir>/plugins/.*/.medusa/", "<rootDir>/packages/.*/dist/"],
  testMatch: [
    "<rootDir>/src/**/__tests__/**/*.spec.ts",
    "<rootDir>/packages/*/src/**/__tests__/**/*.spec.ts",
    "<rootDir>/plugins/*/src/**/__tests__/**/*.spec.ts",
    "<rootDir>/integration-tests/http/**/*.spec.ts",
    "<rootDir>/integration-tests/e2e/**/*.spec.ts",
  ],
  setupFiles: ["<rootDir>/integration-tests/setup.js"],
}
