import { EmptyState, QueryView } from "@keel/admin-ui"
import { defineRouteConfig } from "@medusajs/admin-sdk"
import { Heart } from "@medusajs/icons"
import { Container, Heading, Label, Select, Table, Text } from "@medusajs/ui"
import { type ReactNode, useId, useState } from "react"
import { Link } from "react-router-dom"
import { countOf, formatNumber } from "../../components/format"
import { UndeliveredAlerts } from "../../components/undelivered-alerts"
import { useWishlistInsights, WishlistInsights } from "../../lib/wishlists"

const PERIODS = [
  { days: 7, label: "Last 7 days" },
  { days: 30, label: "Last 30 days" },
  { days: 90, label: "Last 90 days" },
]

// What shoppers keep for later: how many lists and items there are, and what was added most lately.
const WishlistsPage = () => {
  const [days, setDays] = useState(30)
  const insights = useWishlistInsights(days)

  return (
    <div className="flex flex-col gap-y-3">
      <Container className="flex flex-wrap items-end justify-between gap-4 px-6 py-4">
        <div className="flex flex-col gap-y-1">
          <Heading level="h1">Wishlists</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            Lists and items as they are now; alerts and the most wished products count what was added in the period.
          </Text>
        </div>
        <PeriodSelect days={days} onChange={setDays} />
      </Container>
      <QueryView
        query={insights}
        errorTitle="Could not load the wishlists"
        empty={(answer) =>
          answer.totals.wishlists ? null : { title: "No wishlists yet", description: "When shoppers save products for later, their lists are counted here." }
        }
      >
        {(answer) => (
          <>
            <Totals totals={answer.totals} />
            <TopProducts rows={answer.top_products} />
            <TopVariants rows={answer.top_variants} />
          </>
        )}
      </QueryView>
      <UndeliveredAlerts />
    </div>
  )
}

const PeriodSelect = ({ days, onChange }: { days: number; onChange: (days: number) => void }) => {
  const id = useId()
  return (
    <div className="flex flex-col gap-y-1">
      <Label htmlFor={id} size="xsmall" weight="plus">
        Period
      </Label>
      <Select size="small" value={String(days)} onValueChange={(value) => onChange(Number(value))}>
        <Select.Trigger id={id} className="w-[160px]">
          <Select.Value />
        </Select.Trigger>
        <Select.Content>
          {PERIODS.map((period) => (
            <Select.Item key={period.days} value={String(period.days)}>
              {period.label}
            </Select.Item>
          ))}
        </Select.Content>
      </Select>
    </div>
  )
}

const Totals = ({ totals }: { totals: WishlistInsights["totals"] }) => (
  <Container className="p-0" role="region" aria-label="Totals">
    <dl className="grid grid-cols-2 divide-x divide-y sm:grid-cols-3 lg:grid-cols-5 lg:divide-y-0">
      <Tile label="Lists" value={totals.wishlists}>
        {countOf(totals.customer_wishlists, "customer list", "customer lists")}, {countOf(totals.guest_wishlists, "guest list", "guest lists")}
      </Tile>
      <Tile label="Items" value={totals.items} />
      <Tile label="Items per list" value={totals.items_per_list} />
      <Tile label="Back-in-stock alerts" value={totals.back_in_stock_alerts} />
      <Tile label="Price-drop alerts" value={totals.price_drop_alerts} />
    </dl>
  </Container>
)

/** A figure named by its label, so assistive technology (and tests) read "Lists: 3". */
const Tile = ({ label, value, children }: { label: string; value: number; children?: ReactNode }) => {
  const id = useId()
  return (
    <div className="flex flex-col gap-y-1 px-6 py-4">
      <dt id={id} className="txt-compact-small text-ui-fg-subtle">
        {label}
      </dt>
      <dd aria-labelledby={id} className="txt-xlarge-plus text-ui-fg-base tabular-nums">
        {formatNumber(value)}
      </dd>
      {children && <dd className="txt-compact-xsmall text-ui-fg-muted">{children}</dd>}
    </div>
  )
}

const TopProducts = ({ rows }: { rows: WishlistInsights["top_products"] }) => (
  <Container className="divide-y p-0" role="region" aria-label="Most wished products">
    <Heading level="h2" className="px-6 py-4">
      Most wished products
    </Heading>
    {rows.length ? (
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Product</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Lists</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Items</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={row.product_id}>
              <Table.Cell>
                <div className="flex items-center gap-x-3">
                  {row.thumbnail && <img src={row.thumbnail} alt="" className="h-8 w-6 rounded object-cover" />}
                  {row.title ? (
                    <Link to={`/products/${row.product_id}`} className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
                      {row.title}
                    </Link>
                  ) : (
                    <span className="text-ui-fg-muted">Deleted product ({row.product_id})</span>
                  )}
                </div>
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums">{formatNumber(row.wishlists)}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{formatNumber(row.items)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    ) : (
      <NothingAdded />
    )}
  </Container>
)

const TopVariants = ({ rows }: { rows: WishlistInsights["top_variants"] }) => (
  <Container className="divide-y p-0" role="region" aria-label="Most wished variants">
    <Heading level="h2" className="px-6 py-4">
      Most wished variants
    </Heading>
    {rows.length ? (
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Variant</Table.HeaderCell>
            <Table.HeaderCell>SKU</Table.HeaderCell>
            <Table.HeaderCell className="text-right">Lists</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((row) => (
            <Table.Row key={row.variant_id}>
              <Table.Cell>{row.title ?? <span className="text-ui-fg-muted">Deleted variant ({row.variant_id})</span>}</Table.Cell>
              <Table.Cell>{row.sku ?? "-"}</Table.Cell>
              <Table.Cell className="text-right tabular-nums">{formatNumber(row.wishlists)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    ) : (
      <NothingAdded />
    )}
  </Container>
)

const NothingAdded = () => (
  <EmptyState title="Nothing added in this period" description="Choose a longer period to see what shoppers saved before." />
)

export const config = defineRouteConfig({
  label: "Wishlists",
  icon: Heart,
})

export default WishlistsPage
