import { Text } from "@medusajs/ui"
import { useCreateStopWord, useDeleteStopWord, useStopWords } from "../lib/search-tuning"
import { TuningListSection } from "./tuning-list-section"

export const StopWordsSection = () => {
  const { data, isPending, error } = useStopWords()
  const create = useCreateStopWord()

  return (
    <TuningListSection
      title="Stop words"
      description="Words the search ignores in a query, such as “the” or a brand name every product shares."
      noun="stop word"
      items={data?.stop_words}
      isPending={isPending}
      error={error}
      loadErrorTitle="Could not load the stop words"
      empty={{
        title: "No stop words yet",
        description: "Add words that carry no meaning in your shop, like “the” or “for”, so they no longer narrow the results.",
      }}
      form={{
        label: "New stop word",
        placeholder: "the",
        submitText: "Add stop word",
        validate: (value) => {
          const word = value.trim()
          if (!word) {
            return "Enter a word."
          }
          return /\s/.test(word) ? "A stop word is a single word." : undefined
        },
      }}
      isAdding={create.isPending}
      // A duplicate answers 422 with e.g. `"the" is already a stop word`.
      add={async (value) => (await create.mutateAsync(value.trim())).stop_word}
      column="Word"
      nameOf={(stopWord) => stopWord.word}
      renderItem={(stopWord) => (
        <Text size="small" leading="compact">
          {stopWord.word}
        </Text>
      )}
      deleteDescription={(word) => `Queries containing “${word}” will have to match it again.`}
      useDelete={useDeleteStopWord}
    />
  )
}
