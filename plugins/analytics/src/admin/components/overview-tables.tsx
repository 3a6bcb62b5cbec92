import { EmptyState } from "@keel/admin-ui"
import { Table } from "@medusajs/ui"
import { Link } from "react-router-dom"
import type { CohortRow, TopProduct, ZeroResultQuery } from "../../lib/contract"
import { formatInteger, formatPercent } from "../lib/analytics"

/** What shoppers searched for and found nothing, most searched first. */
export const ZeroResultQueriesTable = ({ rows }: { rows: ZeroResultQuery[] }) =>
  rows.length ? (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Query</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Searches</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.query}>
            <Table.Cell className="font-mono">{row.query}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{formatInteger(row.searches)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  ) : (
    <EmptyState title="No searches without results" description="Every search in this range found something." />
  )

/** The products shoppers looked at and added most. */
export const TopProductsTable = ({ rows }: { rows: TopProduct[] }) =>
  rows.length ? (
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Product</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Views</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Adds to cart</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Units ordered</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {rows.map((row) => (
          <Table.Row key={row.product_id}>
            <Table.Cell>
              {row.title ? (
                <Link to={`/products/${row.product_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                  {row.title}
                </Link>
              ) : (
                <span className="text-ui-fg-muted">{row.product_id}</span>
              )}
            </Table.Cell>
            <Table.Cell className="text-right tabular-nums">{formatInteger(row.views)}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{formatInteger(row.adds)}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{formatInteger(row.units)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  ) : (
    <EmptyState title="No product activity" description="No product was viewed, added or ordered in this range." />
  )

/** Monthly cohorts by first order: how many of them ordered again 0, 1, 2… months later. */
export const CohortsTable = ({ rows }: { rows: CohortRow[] }) => {
  if (!rows.length) {
    return <EmptyState title="No cohorts yet" description="Cohorts appear once customers have placed their first orders." />
  }
  const months = Array.from({ length: Math.max(...rows.map((row) => row.retention.length)) }, (_, month) => month)
  return (
    <div className="overflow-x-auto">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Cohort</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Customers</Table.HeaderCell>
            {months.map((month) => (
              <Table.HeaderCell key={month} className="text-right">
                Month {month}
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={row.cohort} data-testid={`cohort-${row.cohort}`}>
              <Table.Cell className="tabular-nums">{row.cohort}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{formatInteger(row.customers)}</Table.Cell>
              {months.map((month) => (
                <Table.Cell key={month} className="text-right tabular-nums">
                  {month < row.retention.length ? formatPercent(row.retention[month]) : ""}
                </Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
