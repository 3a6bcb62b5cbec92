export * from "./record-analytics-events"
export * from "./rollup-analytics"
export * from "./sample-database-load"
