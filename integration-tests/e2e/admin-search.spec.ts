import { describeInChromium, expectVisible, keelAdminSession, until } from "../helpers/admin-browser"

// The merchant's Store search page (@keel/search: plugins/search/src/admin/routes/search) in a
// real browser: Keel started as `npm start` starts it (the admin build is reused when
// `.medusa/server` is up to date, e.g. after npm-start.spec.ts), Debian's Chromium driven by
// playwright-core, every change checked again through the admin API.
jest.setTimeout(6 * 60 * 1000)

const SCREENSHOT = "/tmp/admin-search.png"

type Json = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

;describeInChromium("admin-search")("the admin Store search page", () => {
  const keel = keelAdminSession({ prefix: "keel-admin-search-", screenshot: "/tmp/admin-search-last.png" })
  const section = (name: string) => keel.page.getByRole("region", { name, exact: true })

  it("is in the sidebar and shows empty synonyms and stop words on a new shop", async () => {
    await keel.page.getByRole("link", { name: "Store search", exact: true }).click()
    await keel.page.waitForURL(`${keel.base}/app/search`)
    await expectVisible(keel.page.getByRole("heading", { name: "Store search", level: 1 }))
    await expectVisible(keel.page.getByText("No synonym groups yet"))
    await expectVisible(keel.page.getByText("No stop words yet"))
  })

  it("adds a synonym group and stop words, refuses a duplicate stop word, and deletes one", async () => {
    const synonyms = section("Synonyms")
    await synonyms.getByLabel("New synonym group").fill("tee")
    await synonyms.getByRole("button", { name: "Add group" }).click()
    await expectVisible(synonyms.getByText("Enter at least two different terms, separated by commas."))

    // Terms are stored as the search sees them: lower case, no accents, "T-shirt" as two words.
    await synonyms.getByLabel("New synonym group").fill("Tee, T-shirt, top")
    await synonyms.getByRole("button", { name: "Add group" }).click()
    await expectVisible(synonyms.getByRole("button", { name: "Delete synonym group tee, t shirt, top" }))
    expect(await synonyms.getByLabel("New synonym group").inputValue()).toBe("")

    const stopWords = section("Stop words")
    for (const word of ["the", "Für"]) {
      await stopWords.getByLabel("New stop word").fill(word)
      await stopWords.getByRole("button", { name: "Add stop word" }).click()
      await expectVisible(stopWords.getByRole("cell", { name: word === "Für" ? "fur" : word, exact: true }))
    }

    await stopWords.getByLabel("New stop word").fill("The")
    await stopWords.getByRole("button", { name: "Add stop word" }).click()
    await expectVisible(keel.page.getByText('"the" is already a stop word'))
    expect(await stopWords.getByLabel("New stop word").inputValue()).toBe("The")

    await stopWords.getByRole("button", { name: "Delete stop word fur" }).click()
    await keel.page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click()
    await stopWords.getByRole("cell", { name: "fur", exact: true }).waitFor({ state: "detached" })

    const synonymsNow = await keel.request("GET", "/admin/search/synonyms")
    expect(synonymsNow.body.synonyms.map((s: Json) => s.terms)).toEqual([["tee", "t shirt", "top"]])
    const stopWordsNow = await keel.request("GET", "/admin/search/stop-words")
    expect(stopWordsNow.body.stop_words.map((s: Json) => s.word)).toEqual(["the"])
  })

  it("lists a store search that found nothing among the zero-result queries", async () => {
    const search = (q: string) =>
      keel.request("POST", "/store/search", { entity: "product", filters: { q } }, keel.store)
    const nothing = await search("zorblatfish")
    expect([nothing.status, nothing.body.results[0].hits]).toEqual([200, []])
    const merino = await search("merino")
    expect(merino.body.results[0].hits.length).toBeGreaterThan(0)
    // Searches are recorded after the answer, through an event.
    await until(
      () => keel.request("GET", "/admin/search/queries"),
      (reply) => reply.body.zero_results.some((q: Json) => q.query === "zorblatfish") && reply.body.top.length === 2,
      10_000,
      "search log"
    )

    await keel.page.reload()
    const zero = section("Zero-result queries")
    await expectVisible(zero.getByRole("row", { name: "zorblatfish 1" }))
    const top = section("Top queries")
    await expectVisible(top.getByRole("cell", { name: "merino", exact: true }))
    expect(await zero.getByRole("cell", { name: "merino", exact: true }).count()).toBe(0)

    await keel.page.getByRole("combobox", { name: "Date range" }).click()
    await keel.page.getByRole("option", { name: "Last 30 days" }).click()
    await expectVisible(zero.getByRole("row", { name: "zorblatfish 1" }))

    // The synonym group deleted last, so the screenshot shows all three sections filled.
    await keel.page.setViewportSize({ width: 1440, height: 1500 }) // the dashboard scrolls inside its own pane
    await keel.page.screenshot({ path: SCREENSHOT })
    const synonyms = section("Synonyms")
    await synonyms.getByRole("button", { name: "Delete synonym group tee, t shirt, top" }).click()
    await keel.page.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click()
    await expectVisible(synonyms.getByText("No synonym groups yet"))
    expect((await keel.request("GET", "/admin/search/synonyms")).body.synonyms).toEqual([])
  })
})
