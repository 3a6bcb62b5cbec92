import { Badge, Container, Heading, Select, Table, Text } from "@medusajs/ui"
import { useState } from "react"
import { EmptyState, ErrorState, LoadingState, useErrorToast } from "@keel/admin-ui"
import { QueryCount, useSearchQueries } from "../lib/search-tuning"
import { SectionHeader } from "./section-header"

const RANGES = [
  { days: 7, label: "Last 7 days" },
  { days: 30, label: "Last 30 days" },
]

const dateFormat = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric" })

export const SearchInsightsSection = () => {
  const [days, setDays] = useState(7)
  const { data, isPending, error } = useSearchQueries(days)
  useErrorToast(error, "Could not load the search insights")

  return (
    <Container className="divide-y p-0" role="region" aria-label="Search insights">
      <SectionHeader
        title="Search insights"
        description={
          data
            ? `What shoppers searched for in your store, ${dateFormat.format(new Date(data.from))} – ${dateFormat.format(new Date(data.to))}.`
            : "What shoppers searched for in your store."
        }
        actions={
          <Select size="small" value={String(days)} onValueChange={(value) => setDays(Number(value))}>
            <Select.Trigger className="w-[150px]" aria-label="Date range">
              <Select.Value />
            </Select.Trigger>
            <Select.Content>
              {RANGES.map((range) => (
                <Select.Item key={range.days} value={String(range.days)}>
                  {range.label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        }
      />
      {isPending ? (
        <LoadingState />
      ) : error ? (
        <ErrorState title="Could not load the search insights" error={error} />
      ) : (
        <div className="grid grid-cols-1 divide-y lg:grid-cols-2 lg:divide-x lg:divide-y-0">
          <QueryTable
            title="Top queries"
            emptyText="No searches in this period."
            queries={data.top}
            countLabel="Searches"
            count={(query) => query.searches}
            showLastHits
          />
          <QueryTable
            title="Zero-result queries"
            emptyText="Every search in this period found something."
            queries={data.zero_results}
            countLabel="Searches"
            count={(query) => query.zero_result_searches}
          />
        </div>
      )}
    </Container>
  )
}

type QueryTableProps = {
  title: string
  emptyText: string
  queries: QueryCount[]
  countLabel: string
  count: (query: QueryCount) => number
  showLastHits?: boolean
}

const QueryTable = ({ title, emptyText, queries, countLabel, count, showLastHits }: QueryTableProps) => (
  <section aria-label={title} className="flex flex-col">
    <div className="px-6 py-4">
      <Heading level="h3">{title}</Heading>
    </div>
    {!queries.length ? (
      <EmptyState title="Nothing to show" description={emptyText} />
    ) : (
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Query</Table.HeaderCell>
            {showLastHits && <Table.HeaderCell className="text-right">Latest results</Table.HeaderCell>}
            <Table.HeaderCell className="text-right">{countLabel}</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {queries.map((query) => (
            <Table.Row key={query.query}>
              <Table.Cell>
                <Text size="small" leading="compact" className="truncate">
                  {query.query}
                </Text>
              </Table.Cell>
              {showLastHits && (
                <Table.Cell className="text-right">
                  {query.last_hit_count === 0 ? (
                    <Badge size="2xsmall" color="red">
                      none
                    </Badge>
                  ) : (
                    query.last_hit_count
                  )}
                </Table.Cell>
              )}
              <Table.Cell className="text-right tabular-nums">{count(query)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    )}
  </section>
)
