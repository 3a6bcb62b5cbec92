import { QueryView } from "@keel/admin-ui"
import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Container, Heading, Text } from "@medusajs/ui"
import type { SignalsAnswer } from "../../../../lib/contract"
import { ExportLink } from "../../../components/export-link"
import { SignalCard } from "../../../components/signal-card"
import { formatDateTime, useAnalyticsSignals } from "../../../lib/analytics"

// The metrics turned into what to do next: each signal is ok, worth watching, or calls for action.
const SignalsPage = () => {
  // Evaluated on the server per request; refreshed every 30 seconds while the page is open.
  const signals = useAnalyticsSignals({ refetchInterval: 30_000 })
  const { data } = signals

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-wrap items-start justify-between gap-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading level="h1">Signals</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Each signal compares its last window with the one before, against a watch and an act threshold.
          </Text>
          {data && <Evaluated answer={data} />}
        </div>
        <ExportLink metric="signals" />
      </Container>
      <QueryView
        query={signals}
        errorTitle="Could not load the signals"
        empty={(answer) => (answer.signals.length ? null : { title: "No signals", description: "No signal is configured to evaluate." })}
      >
        {(answer) => answer.signals.map((signal) => <SignalCard key={signal.id} signal={signal} />)}
      </QueryView>
    </div>
  )
}

const Evaluated = ({ answer }: { answer: SignalsAnswer }) => (
  <Text size="small" className="text-ui-fg-muted" data-testid="signals-evaluated">
    Evaluated {formatDateTime(answer.evaluated_at)} over the last {answer.window_hours} {answer.window_hours === 1 ? "hour" : "hours"}
  </Text>
)

export const config = defineRouteConfig({
  label: "Signals",
})

export default SignalsPage
