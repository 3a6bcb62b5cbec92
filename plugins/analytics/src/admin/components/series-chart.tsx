import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import type { SeriesPoint } from "../../lib/contract"
import { formatBucket, formatDateTime, formatInteger } from "../lib/analytics"

const SESSIONS_COLOR = "var(--fg-interactive)"
const ORDERS_COLOR = "var(--tag-green-icon)"

/**
 * Sessions (left axis) and orders (right axis) per bucket: hours for short ranges, days otherwise.
 * Two axes, as orders are a small fraction of sessions and would lie flat on one.
 */
export const SeriesChart = ({ series, grain }: { series: SeriesPoint[]; grain: "hour" | "day" }) => (
  <div className="h-[280px] w-full px-2 py-4" data-testid="series-chart">
    <ResponsiveContainer width="100%" height="100%">
      <LineChart data={series} margin={{ top: 8, right: 8, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border-base)" vertical={false} />
        <XAxis
          dataKey="bucket"
          tickFormatter={(value: string) => formatBucket(value, grain)}
          tick={{ fontSize: 12, fill: "var(--fg-subtle)" }}
          tickLine={false}
          minTickGap={24}
        />
        <YAxis
          yAxisId="sessions"
          allowDecimals={false}
          tickFormatter={(value: number) => formatInteger(value)}
          tick={{ fontSize: 12, fill: "var(--fg-subtle)" }}
          tickLine={false}
          axisLine={false}
          width={48}
        />
        <YAxis
          yAxisId="orders"
          orientation="right"
          allowDecimals={false}
          tickFormatter={(value: number) => formatInteger(value)}
          tick={{ fontSize: 12, fill: "var(--fg-subtle)" }}
          tickLine={false}
          axisLine={false}
          width={40}
        />
        <Tooltip
          labelFormatter={(label) => (typeof label === "string" ? formatDateTime(label) : label)}
          formatter={(value) => (typeof value === "number" ? formatInteger(value) : value)}
        />
        <Legend wrapperStyle={{ fontSize: 12 }} />
        <Line
          yAxisId="sessions"
          type="monotone"
          dataKey="sessions"
          name="Sessions"
          stroke={SESSIONS_COLOR}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
        <Line
          yAxisId="orders"
          type="monotone"
          dataKey="orders"
          name="Orders"
          stroke={ORDERS_COLOR}
          strokeWidth={2}
          dot={false}
          isAnimationActive={false}
        />
      </LineChart>
    </ResponsiveContainer>
  </div>
)
