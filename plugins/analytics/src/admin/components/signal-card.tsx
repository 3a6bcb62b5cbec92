import { Container, Heading, StatusBadge, Table, Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import type { Signal, SignalStatus } from "../../lib/contract"
import { formatDateTime, formatDecimal, formatInteger, formatPercent, NO_VALUE } from "../lib/analytics"

const STATUS_COLOR = { ok: "green", watch: "orange", act: "red" } as const satisfies Record<SignalStatus, "green" | "orange" | "red">

const TREND = {
  up: { arrow: "↑", label: "Up" },
  down: { arrow: "↓", label: "Down" },
  flat: { arrow: "→", label: "Flat" },
} as const

/** A ratio as a percent, a rate as transactions per second. */
export function formatSignalValue(value: number | null, unit: Signal["unit"]): string {
  if (value == null) {
    return NO_VALUE
  }
  return unit === "ratio" ? formatPercent(value) : `${formatDecimal(value)} tx/s`
}

/** One signal: where it stands, against what, what to do about it, and the numbers behind it. */
export const SignalCard = ({ signal }: { signal: Signal }) => {
  const testId = `signal-${signal.id}`
  return (
    <Container className="divide-y p-0" role="region" aria-label={signal.title} data-testid={testId}>
      <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-4">
        <Heading level="h2">{signal.title}</Heading>
        <StatusBadge color={STATUS_COLOR[signal.status]} data-testid={`${testId}-status`}>
          {signal.status}
        </StatusBadge>
      </div>
      <dl className="grid grid-cols-2 gap-4 px-6 py-4 sm:grid-cols-4">
        <Figure label="Now">
          <span className="txt-xlarge-plus text-ui-fg-base tabular-nums" data-testid={`${testId}-value`}>
            {formatSignalValue(signal.value, signal.unit)}
          </span>
        </Figure>
        <Figure label="Window before">
          <span className="tabular-nums" data-testid={`${testId}-previous`}>
            {formatSignalValue(signal.previous, signal.unit)}
          </span>
          {signal.trend && (
            <span className="text-ui-fg-subtle ml-2" data-testid={`${testId}-trend`} title={`Trend: ${TREND[signal.trend].label.toLowerCase()}`}>
              <span aria-hidden>{TREND[signal.trend].arrow}</span> {TREND[signal.trend].label}
            </span>
          )}
        </Figure>
        <Figure label="Watch at">
          <span className="tabular-nums">{formatSignalValue(signal.threshold.watch, signal.unit)}</span>
        </Figure>
        <Figure label="Act at">
          <span className="tabular-nums">{formatSignalValue(signal.threshold.act, signal.unit)}</span>
        </Figure>
      </dl>
      <div className="flex flex-col gap-y-1 px-6 py-4">
        <Text size="small" weight="plus" leading="compact">
          {signal.status === "act" ? "Act now" : "Recommended action"}
        </Text>
        <Text size="small" className="text-ui-fg-subtle" data-testid={`${testId}-action`}>
          {signal.action}
        </Text>
      </div>
      {signal.evidence.length > 0 && (
        <div className="flex flex-col gap-y-2 px-6 py-4">
          <Text size="small" weight="plus" leading="compact">
            Evidence
          </Text>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1" data-testid={`${testId}-evidence`}>
            {signal.evidence.map((item) => (
              <div key={item.label} className="contents">
                <dt className="txt-compact-small text-ui-fg-subtle">{item.label}:</dt>
                <dd className="txt-compact-small text-ui-fg-base tabular-nums">{item.value}</dd>
              </div>
            ))}
          </dl>
        </div>
      )}
      {signal.peaks && signal.peaks.length > 0 && <Peaks peaks={signal.peaks} testId={`${testId}-peaks`} />}
    </Container>
  )
}

const Figure = ({ label, children }: { label: string; children: ReactNode }) => (
  <div className="flex flex-col gap-y-1">
    <dt className="txt-compact-small text-ui-fg-subtle">{label}</dt>
    <dd className="txt-compact-medium text-ui-fg-base">{children}</dd>
  </div>
)

/** The busiest sample windows of the database. */
const Peaks = ({ peaks, testId }: { peaks: NonNullable<Signal["peaks"]>; testId: string }) => (
  <div className="flex flex-col" data-testid={testId}>
    <Text size="small" weight="plus" leading="compact" className="px-6 pb-2 pt-4">
      Peaks
    </Text>
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>At</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Transactions/s</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Active connections</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {peaks.map((peak) => (
          <Table.Row key={peak.at}>
            <Table.Cell>{formatDateTime(peak.at)}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{formatDecimal(peak.tps)}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{formatInteger(peak.active_connections)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  </div>
)
