import { ErrorState, LoadingState } from "@keel/admin-ui"
import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminProduct, DetailWidgetProps } from "@medusajs/framework/types"
import { Container, Heading, Text } from "@medusajs/ui"
import { countOf } from "../components/format"
import { useProductWishlists } from "../lib/wishlists"

// How many shoppers keep this product for later, counted over lists that still exist.
const ProductWishlistsWidget = ({ data: product }: DetailWidgetProps<AdminProduct>) => {
  const { data, isPending, error } = useProductWishlists(product.id)

  return (
    <Container className="divide-y p-0" role="region" aria-label="Wishlists">
      <div className="px-6 py-4">
        <Heading level="h2">Wishlists</Heading>
      </div>
      {isPending ? (
        <LoadingState />
      ) : error ? (
        <ErrorState error={error} />
      ) : (
        <div className="flex flex-col gap-y-1 px-6 py-4">
          <Text size="small" weight="plus" leading="compact">
            {`On ${countOf(data.wishlists, "wishlist", "wishlists")}`}
          </Text>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {countOf(data.items, "item", "items")}
          </Text>
        </div>
      )}
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "product.details.side.after",
})

export default ProductWishlistsWidget
