// The index catalog and extensions of search-postgres, whose storage this provider extends:
// the same migration (same name, so a database migrated for either provider is not migrated twice).
// eslint-disable-next-line @medusajs/import-from-framework-not-internal
export { Migration20260807120000 } from "@medusajs/search-postgres/dist/migrations/Migration20260807120000"
