import { defineRouteConfig } from "@medusajs/admin-sdk"
import { MagnifyingGlass } from "@medusajs/icons"
import { Container, Heading, Text } from "@medusajs/ui"
import { SearchInsightsSection } from "../../components/search-insights-section"
import { StopWordsSection } from "../../components/stop-words-section"
import { SynonymsSection } from "../../components/synonyms-section"

// Merchant tuning of the store search (POST /store/search): synonyms, stop words, and
// what shoppers searched for. Backed by the admin API in src/api/admin/search.
const SearchPage = () => (
  <div className="flex flex-col gap-y-3">
    <Container className="px-6 py-4">
      <Heading level="h1">Store search</Heading>
      <Text size="small" className="text-ui-fg-subtle">
        Tune how the storefront search understands your shoppers. Changes apply within a second.
      </Text>
    </Container>
    <SynonymsSection />
    <StopWordsSection />
    <SearchInsightsSection />
  </div>
)

export const config = defineRouteConfig({
  // "Search" alone would sit next to the dashboard's own Search (⌘K) in the sidebar.
  label: "Store search",
  icon: MagnifyingGlass,
})

export default SearchPage
