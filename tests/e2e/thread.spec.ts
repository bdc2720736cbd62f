/** Thread display: sort order, collapsing subtrees, and server-rendered HTML. */
import { expect, test, type Locator } from "@playwright/test";
import {
  claimCard,
  claimId,
  DEBATE_PATH,
  DEBATE_TITLE,
  openDebate,
  postClaim,
  qualityCount,
  SEEDED,
  signUp,
  subtreeCards,
  token,
  topLevelCards,
} from "./support/app";

interface Row {
  id: string;
  time: string;
  /** null for a deleted claim (no vote controls shown). */
  quality: number | null;
}

function rows(cards: Locator): Promise<Row[]> {
  return cards.evaluateAll((els) =>
    els.map((el) => {
      const count = el.querySelector('[role="group"] .vote-number');
      return {
        id: el.id,
        time: el.querySelector("header time")?.getAttribute("datetime") ?? "",
        quality: count ? Number(count.textContent) : null,
      };
    }),
  );
}

const ms = (iso: string) => Date.parse(iso);

test("the sort control reorders top-level claims (oldest, newest, top)", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUp(page, "sorter");
  await openDebate(page);
  const newest = `Newest claim, soon upvoted ${token()}`;
  const newId = await postClaim(page, newest);

  // Another user upvotes it so that "top" has something to move.
  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  await signUp(pageB, "upvoter");
  await openDebate(pageB);
  const cardB = pageB.locator(`#claim-${newId}`);
  await cardB.getByRole("button", { name: "Upvote quality" }).click();
  await expect(qualityCount(page.locator(`#claim-${newId}`))).toHaveText("1", { timeout: 5_000 });
  await contextB.close();

  const sort = page.getByRole("combobox", { name: /Sort/ });
  const first = `claim-${await claimId(claimCard(page, SEEDED.first))}`;
  const second = `claim-${await claimId(claimCard(page, SEEDED.second))}`;
  const mine = `claim-${newId}`;
  const indexOf = (list: Row[], id: string) => list.findIndex((r) => r.id === id);

  await expect(sort).toHaveValue("oldest");
  let list = await rows(topLevelCards(page));
  for (let i = 1; i < list.length; i++)
    expect(ms(list[i]!.time)).toBeGreaterThanOrEqual(ms(list[i - 1]!.time));
  expect(indexOf(list, first)).toBe(0);
  expect(indexOf(list, first)).toBeLessThan(indexOf(list, second));
  expect(indexOf(list, second)).toBeLessThan(indexOf(list, mine));

  await sort.selectOption("newest");
  await expect(topLevelCards(page).first()).toHaveAttribute("id", mine);
  list = await rows(topLevelCards(page));
  for (let i = 1; i < list.length; i++)
    expect(ms(list[i]!.time)).toBeLessThanOrEqual(ms(list[i - 1]!.time));
  expect(indexOf(list, second)).toBeLessThan(indexOf(list, first));
  expect(list.at(-1)?.id).toBe(first);

  await sort.selectOption("top");
  await expect
    .poll(async () => {
      const l = await rows(topLevelCards(page));
      return indexOf(l, mine) < indexOf(l, second);
    })
    .toBe(true);
  list = (await rows(topLevelCards(page))).filter((r) => r.quality !== null);
  for (let i = 1; i < list.length; i++) {
    const [a, b] = [list[i - 1]!, list[i]!];
    expect(b.quality!).toBeLessThanOrEqual(a.quality!);
    if (a.quality === b.quality) expect(ms(b.time)).toBeGreaterThanOrEqual(ms(a.time));
  }
  // Upvoted (1) beats older unvoted (0); among equals, older first.
  expect(indexOf(list, mine)).toBeLessThan(indexOf(list, second));
  expect(indexOf(list, first)).toBeLessThan(indexOf(list, mine));
});

test("collapsing a claim hides its replies and says how many", async ({ page }) => {
  await openDebate(page);
  const card = claimCard(page, SEEDED.lessSafe);
  const id = await claimId(card);
  const own = page.locator(`#claim-${id}`);
  const total = await subtreeCards(page, id).count();
  const hidden = total - 1;
  // c11's seeded subtree has 15 replies at five levels.
  expect(hidden).toBeGreaterThanOrEqual(15);
  await expect(page.getByText(SEEDED.deepest)).toBeVisible();

  const collapse = own.getByRole("button", { name: `Collapse thread of claim ${id}` });
  await expect(collapse).toHaveAttribute("aria-expanded", "true");
  await collapse.click();

  const expand = own.getByRole("button", { name: `Expand thread of claim ${id}` });
  await expect(expand).toHaveAttribute("aria-expanded", "false");
  await expect(own.getByText(`${hidden} replies hidden`, { exact: true })).toBeVisible();
  await expect(subtreeCards(page, id)).toHaveCount(1);
  await expect(page.getByText(SEEDED.deepest)).toHaveCount(0);
  // Other threads are untouched.
  await expect(claimCard(page, SEEDED.first)).toBeVisible();

  await expand.click();
  await expect(subtreeCards(page, id)).toHaveCount(total);
  await expect(own.getByText(/replies? hidden/)).toHaveCount(0);
  await expect(page.getByText(SEEDED.deepest)).toBeVisible();

  // A single hidden reply is "1 reply hidden" (seeded c36 has exactly one reply, c39).
  const single = claimCard(page, SEEDED.oneReply);
  const singleId = await claimId(single);
  const singleOwn = page.locator(`#claim-${singleId}`);
  await expect(subtreeCards(page, singleId)).toHaveCount(2);
  await singleOwn.getByRole("button", { name: `Collapse thread of claim ${singleId}` }).click();
  await expect(singleOwn.getByText("1 reply hidden", { exact: true })).toBeVisible();
});

test("the debate page's HTML from the server contains the seeded claims", async ({ request }) => {
  const response = await request.get(DEBATE_PATH);
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("text/html");
  const html = await response.text();
  // Only markup counts: drop scripts, which carry the same text as data for hydration.
  const markup = html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
  expect(markup).toContain(DEBATE_TITLE);
  for (const text of Object.values(SEEDED)) expect(markup).toContain(text);
  const articles = markup.match(/<article\b[^>]*\bid="claim-\d+"/g) ?? [];
  expect(articles.length).toBeGreaterThanOrEqual(77);
  // Threads are nested in the HTML itself.
  expect(markup).toMatch(/<ol[^>]*class="replies"/);
});
