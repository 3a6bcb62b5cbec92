import { ArrowDownTray } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import type { ExportMetric } from "../../lib/contract"
import { exportUrl, type OverviewParams } from "../lib/analytics"

/** A link the browser downloads as CSV (with the session cookie), for one metric over the range. */
export const ExportLink = ({ metric, params }: { metric: ExportMetric; params?: OverviewParams }) => (
  <Button size="small" variant="secondary" asChild>
    <a href={exportUrl(metric, params)} download={`${metric}.csv`} data-testid={`export-${metric}`}>
      <ArrowDownTray />
      Export CSV
    </a>
  </Button>
)
