export * from "./purchase-limits"
