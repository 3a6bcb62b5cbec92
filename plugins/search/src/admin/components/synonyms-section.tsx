import { Badge } from "@medusajs/ui"
import { useCreateSynonymGroup, useDeleteSynonymGroup, useSynonyms } from "../lib/search-tuning"
import { TuningListSection } from "./tuning-list-section"

/** "tee, T-shirt , top" → ["tee", "T-shirt", "top"]; the API normalises case and accents. */
function splitTerms(value: string) {
  return [...new Set(value.split(",").map((term) => term.trim()).filter(Boolean))]
}

export const SynonymsSection = () => {
  const { data, isPending, error } = useSynonyms()
  const create = useCreateSynonymGroup()

  return (
    <TuningListSection
      title="Synonyms"
      description="Words shoppers use for the same thing. A search for any term of a group also finds products matching the others."
      noun="synonym group"
      items={data?.synonyms}
      isPending={isPending}
      error={error}
      loadErrorTitle="Could not load the synonyms"
      empty={{
        title: "No synonym groups yet",
        description: "Add the words your shoppers use, like “sneakers, trainers”, so each finds the products named with the other.",
      }}
      form={{
        label: "New synonym group",
        placeholder: "tee, t-shirt, top",
        submitText: "Add group",
        validate: (value) =>
          splitTerms(value).length < 2 ? "Enter at least two different terms, separated by commas." : undefined,
      }}
      isAdding={create.isPending}
      add={async (value) => (await create.mutateAsync(splitTerms(value))).synonym}
      column="Terms"
      nameOf={(synonym) => synonym.terms.join(", ")}
      renderItem={(synonym) => (
        <div className="flex flex-wrap gap-1 py-2">
          {synonym.terms.map((term) => (
            <Badge key={term} size="2xsmall">
              {term}
            </Badge>
          ))}
        </div>
      )}
      deleteDescription={(terms) => `Searches for ${terms} will no longer find each other's products.`}
      useDelete={useDeleteSynonymGroup}
    />
  )
}
