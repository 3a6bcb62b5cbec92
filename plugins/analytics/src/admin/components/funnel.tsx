import { Table } from "@medusajs/ui"
import { Bar, BarChart, CartesianGrid, LabelList, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts"
import type { FunnelRow } from "../../lib/contract"
import { formatInteger, formatPercent } from "../lib/analytics"

/** Sessions at each step, as horizontal bars from the first step down to the order. */
export const FunnelChart = ({ rows }: { rows: FunnelRow[] }) => (
  <div className="h-[280px] w-full px-2 py-4" data-testid="funnel-chart">
    <ResponsiveContainer width="100%" height="100%">
      <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 56, bottom: 0, left: 8 }}>
        <CartesianGrid strokeDasharray="3 3" stroke="var(--border-base)" horizontal={false} />
        <XAxis
          type="number"
          allowDecimals={false}
          tickFormatter={(value: number) => formatInteger(value)}
          tick={{ fontSize: 12, fill: "var(--fg-subtle)" }}
          tickLine={false}
        />
        <YAxis
          type="category"
          dataKey="label"
          tick={{ fontSize: 12, fill: "var(--fg-subtle)" }}
          tickLine={false}
          axisLine={false}
          width={96}
        />
        <Tooltip formatter={(value) => (typeof value === "number" ? formatInteger(value) : value)} />
        <Bar dataKey="sessions" name="Sessions" fill="var(--fg-interactive)" radius={[0, 4, 4, 0]} isAnimationActive={false}>
          <LabelList
            dataKey="sessions"
            position="right"
            formatter={(value) => (typeof value === "number" ? formatInteger(value) : "")}
            style={{ fontSize: 12, fill: "var(--fg-base)" }}
          />
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  </div>
)

/** The funnel's numbers: sessions per step, what each step lost, and what is left of the start. */
export const FunnelTable = ({ rows }: { rows: FunnelRow[] }) => (
  <Table>
    <Table.Header>
      <Table.Row>
        <Table.HeaderCell>Step</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Sessions</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Drop-off</Table.HeaderCell>
        <Table.HeaderCell className="text-right">Conversion from start</Table.HeaderCell>
      </Table.Row>
    </Table.Header>
    <Table.Body>
      {rows.map((row) => (
        <Table.Row key={row.step} data-testid={`funnel-${row.step}`}>
          <Table.Cell>{row.label}</Table.Cell>
          <Table.Cell className="text-right tabular-nums" data-testid={`funnel-${row.step}-sessions`}>
            {formatInteger(row.sessions)}
          </Table.Cell>
          <Table.Cell className="text-right tabular-nums">{formatPercent(row.drop_off)}</Table.Cell>
          <Table.Cell className="text-right tabular-nums">{formatPercent(row.conversion_from_start)}</Table.Cell>
        </Table.Row>
      ))}
    </Table.Body>
  </Table>
)
