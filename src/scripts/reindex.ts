// `npx medusa exec ./src/scripts/reindex.ts [index ...] [fresh]`: rebuilds the search indexes
// (@keel/search's reindex; `medusa exec` runs scripts of the app only, so the app names it here).
export { default } from "@keel/search/scripts/reindex"
