/**
 * The debate page as a reader finds their way around it: a new post is brought into view, what is
 * new since the last visit is counted and walked through, the thread is searched (claims not
 * loaded yet included), a reply previews the claim it answers, the state panel stays collapsed.
 */
import fs from "node:fs";
import { asc } from "drizzle-orm";
import { expect, test, type Page } from "@playwright/test";
import { openDatabase } from "@/db/client";
import { users } from "@/db/schema";
import { bigDebate } from "../support/bigDebate";
import {
  claimCard,
  claimId,
  DEBATE_PATH,
  expectAccessible,
  expectLive,
  liveStatus,
  newClaimForm,
  openDebate,
  postClaim,
  SEEDED,
  signUp,
  token,
  waitForHydration,
} from "./support/app";

// axe-core over a thread of a hundred claims takes a while on a busy machine.
test.describe.configure({ timeout: 240_000 });

const PHONE = { width: 390, height: 844 };
const BIG_CLAIMS = 400;
const bigSlug = `nav-${token()}`;
let bigIds: number[] = [];

test.beforeAll(async () => {
  const url = fs.readFileSync("test-results/e2e-database-url", "utf8");
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const [author] = await db.db.select({ id: users.id }).from(users).orderBy(asc(users.id));
    bigIds = await bigDebate(db.db, bigSlug, BIG_CLAIMS, author!.id);
  } finally {
    await db.close();
  }
});

/** The page's own announcements (not the live status in the toolbar). */
const announcer = (page: Page) => page.locator("p.visually-hidden[role=status]");

test.describe("at phone width", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

  test("a new claim and a new reply are brought into view, highlighted and announced", async ({
    page,
  }) => {
    await signUp(page, "poster");
    await openDebate(page);
    // Oldest first: a new top-level claim lands after every seeded one, far below the composer.
    await expect(page.getByRole("combobox", { name: /Sort/ })).toHaveValue("oldest");
    const text = `Lands at the very end ${token()}`;
    const form = newClaimForm(page);
    await form.getByRole("textbox", { name: "Post a new claim" }).fill(text);
    await form.getByRole("button", { name: "Post claim" }).click();
    const card = claimCard(page, text);
    await expect(card).toBeInViewport();
    await expect(card).toHaveClass(/\bfocused\b/);
    await expect(announcer(page)).toHaveText(/Your claim was posted/);
    const box = await page.locator("ol.thread").boundingBox();
    expect(box!.height, "the thread is long: the claim really was far down").toBeGreaterThan(
      PHONE.height * 10,
    );
    await expectAccessible(page, "a new claim highlighted at 390x844");

    // A reply to a claim near the top.
    await page.evaluate(() => window.scrollTo(0, 0));
    const parent = claimCard(page, SEEDED.impractical);
    const parentId = await claimId(parent);
    await parent.getByRole("button", { name: "Reply", exact: true }).click();
    const replyForm = parent.getByRole("form", { name: `Reply to claim ${parentId}` });
    const reply = `A reply in view ${token()}`;
    await replyForm.getByRole("textbox").fill(reply);
    await replyForm.getByRole("button", { name: "Post reply" }).click();
    await expect(replyForm).toHaveCount(0);
    const replyCard = claimCard(page, reply);
    await expect(replyCard).toBeInViewport();
    await expect(replyCard).toHaveClass(/\bfocused\b/);
    await expect(card).not.toHaveClass(/\bfocused\b/);
    await expect(announcer(page)).toHaveText(/Your reply was posted/);
  });

  test("a reply previews the claim it answers on a tap; Escape closes it", async ({ page }) => {
    await openDebate(page);
    const c11 = claimCard(page, SEEDED.lessSafe);
    const c11Id = await claimId(c11);
    const reply = page.locator(`li:has(> article#claim-${c11Id}) > ol.replies > li > article`);
    const ref = reply.first().getByRole("button", { name: /^↳ @.+’s claim$/ });
    await ref.tap();
    const tip = page.getByRole("tooltip");
    await expect(tip).toBeVisible();
    await expect(tip).toContainText(SEEDED.lessSafe);
    await expect(ref).toHaveAccessibleDescription(new RegExp(SEEDED.lessSafe));
    await expectAccessible(page, "a reply's parent preview open at 390x844");
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
    await page.keyboard.press("Escape");
    await expect(tip).toHaveCount(0);
  });
});

test("a reply previews its parent on hover and on keyboard focus", async ({ page }) => {
  await openDebate(page);
  const c11 = claimCard(page, SEEDED.lessSafe);
  const c11Id = await claimId(c11);
  const ref = page
    .locator(`li:has(> article#claim-${c11Id}) > ol.replies > li > article`)
    .first()
    .getByRole("button", { name: /^↳ @/ });
  await ref.hover();
  await expect(page.getByRole("tooltip")).toContainText(SEEDED.lessSafe);
  await page.mouse.move(0, 0);
  await expect(page.getByRole("tooltip")).toHaveCount(0);
  await ref.focus();
  await expect(page.getByRole("tooltip")).toContainText("@post-author");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("tooltip")).toHaveCount(0);
});

test("claims posted since your last visit are counted, highlighted and walked through", async ({
  page,
  browser,
  baseURL,
}) => {
  // A: signed in (the server keeps the visit). C: anonymous (the browser keeps it).
  await signUp(page, "reader");
  await openDebate(page);
  const contextC = await browser.newContext({ baseURL });
  const pageC = await contextC.newPage();
  await openDebate(pageC);
  await expect(page.locator(".new-since")).toHaveCount(0);

  // B posts two claims: one at the top level, one reply deep in the thread.
  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  await signUp(pageB, "writer");
  await openDebate(pageB);
  const first = `New while you were away ${token()}`;
  const firstId = await postClaim(pageB, first);
  const deep = claimCard(pageB, SEEDED.deepest);
  const deepId = await claimId(deep);
  await deep.getByRole("button", { name: "Reply", exact: true }).click();
  const second = `Also new, deep down ${token()}`;
  const replyForm = deep.getByRole("form", { name: `Reply to claim ${deepId}` });
  await replyForm.getByRole("textbox").fill(second);
  await replyForm.getByRole("button", { name: "Post reply" }).click();
  await expect(replyForm).toHaveCount(0);
  await expect(claimCard(pageB, second)).toHaveCount(1);
  const secondId = await claimId(claimCard(pageB, second));
  // B's own claims are not new to B.
  await pageB.reload();
  await expectLive(pageB);
  await expect(pageB.locator(".new-since")).toHaveCount(0);

  for (const reader of [page, pageC]) {
    await reader.reload();
    await expectLive(reader);
    const bar = reader.getByRole("group", { name: "New since your last visit" });
    await expect(bar).toContainText("2 new since your last visit");
    for (const id of [firstId, secondId]) {
      await expect(reader.locator(`#claim-${id}`)).toHaveClass(/\bis-new\b/);
      await expect(reader.locator(`#claim-${id}`).getByText("new", { exact: true })).toBeVisible();
    }
    // Reading order: the reply deep in claim c11's branch comes before the claim at the end.
    const next = bar.getByRole("button", { name: "Next new claim" });
    await next.focus();
    await reader.keyboard.press("Enter");
    await expect(reader.locator(`#claim-${secondId}`)).toBeFocused();
    await expect(reader.locator(`#claim-${secondId}`)).toBeInViewport();
    await expect(bar).toContainText("1 of 2");
    await next.click();
    await expect(reader.locator(`#claim-${firstId}`)).toBeFocused();
    await expect(reader.locator(`#claim-${firstId}`)).toBeInViewport();
    await expect(bar).toContainText("2 of 2");
    await expectAccessible(reader, "claims new since the last visit, one focused");
    // That visit is now the last one: nothing is new any more.
    await reader.reload();
    await expectLive(reader);
    await expect(reader.locator(".new-since")).toHaveCount(0);
  }
  await contextB.close();
  await contextC.close();
});

test("new claims a big thread has not loaded are counted and reachable", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUp(page, "bigreader");
  await page.goto(`/debates/${bigSlug}`);
  await waitForHydration(page, "ol.thread");
  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  await signUp(pageB, "bigwriter");
  // A reply to the last claim: deep in some branch, not in the first window.
  const target = bigIds.at(-1)!;
  await pageB.goto(`/debates/${bigSlug}/claims/${target}`);
  await waitForHydration(pageB, "ol.thread");
  await expectLive(pageB);
  const card = pageB.locator(`#claim-${target}`);
  await card.getByRole("button", { name: "Reply", exact: true }).click();
  const text = `New and far away ${token()}`;
  await card.getByRole("form").getByRole("textbox").fill(text);
  await card.getByRole("form").getByRole("button", { name: "Post reply" }).click();
  await expect(card.getByRole("form")).toHaveCount(0);
  const newCard = claimCard(pageB, text);
  await expect(newCard).toHaveCount(1);
  const newId = await claimId(newCard);
  await contextB.close();

  await page.reload();
  await waitForHydration(page, "ol.thread");
  await expect(page.locator(`#claim-${newId}`)).toHaveCount(0);
  const bar = page.getByRole("group", { name: "New since your last visit" });
  await expect(bar).toContainText("1 new since your last visit");
  await bar.getByRole("button", { name: "Next new claim" }).click();
  await expect(page.locator(`#claim-${newId}`)).toBeFocused();
  await expect(page.locator(`#claim-${newId}`)).toBeInViewport();
  await expect(page.locator(`#claim-${target}`)).toBeVisible();
});

test("the thread search finds claims by text or author, loaded or not", async ({ page }) => {
  await signUp(page, "searcher");
  await openDebate(page);
  const t = token();
  const mine = await postClaim(page, `A needle ${t} in the haystack`);
  const search = page.getByRole("search", { name: "Search this thread" });
  const box = search.getByRole("searchbox", { name: "Search this thread" });
  await box.fill(`NEEDLE ${t}`);
  await expect(search.getByRole("status")).toHaveText("1 match");
  await expect(page.locator(`#claim-${mine}`)).toHaveClass(/\bsearch-hit\b/);
  await page.evaluate(() => window.scrollTo(0, 0));
  await box.press("Enter");
  await expect(page.locator(`#claim-${mine}`)).toBeFocused();
  await expect(page.locator(`#claim-${mine}`)).toBeInViewport();
  await expect(search.getByRole("status")).toHaveText("1 of 1 match");
  await expectAccessible(page, "a thread search with a match focused");

  // By author: the seeded claims of commenter-18 and only theirs.
  await box.fill("@commenter-18");
  await expect(search.getByRole("status")).toHaveText(/^\d+ match/);
  const hits = page.locator("article.search-hit");
  await expect(hits.first()).toBeVisible();
  for (const meta of await hits.locator(".claim-meta .author").allInnerTexts())
    expect(meta).toBe("@commenter-18");
  await search.getByRole("button", { name: "Previous match" }).click();
  await expect(hits.last()).toBeFocused();

  await box.fill(`nothing like this ${t}`);
  await expect(search.getByRole("status")).toHaveText("No matches");
  await expect(search.getByRole("button", { name: "Next match" })).toBeDisabled();
  await expect(hits).toHaveCount(0);
});

test("the search reaches a big thread's claims that are not loaded and loads them in place", async ({
  page,
}) => {
  await page.goto(`/debates/${bigSlug}`);
  await waitForHydration(page, "ol.thread");
  const target = bigIds.at(-1)!;
  await expect(page.locator(`#claim-${target}`)).toHaveCount(0);
  const search = page.getByRole("search", { name: "Search this thread" });
  await search.getByRole("searchbox").fill(`(#${BIG_CLAIMS - 1})`);
  await expect(search.getByRole("status")).toHaveText("1 match");
  await search.getByRole("button", { name: "Next match" }).click();
  const card = page.locator(`#claim-${target}`);
  await expect(card).toBeFocused();
  await expect(card).toBeInViewport();
  await expect(card).toHaveClass(/\bsearch-hit\b/);
  // In place: inside the thread, under its parent (loaded with it), not appended somewhere.
  await expect(page.locator(`ol.replies > li > article#claim-${target}`)).toHaveCount(1);
  await expectAccessible(page, "a big thread with a search hit loaded in place");
});

test("the state of the debate collapses to one line and stays collapsed", async ({ page }) => {
  await openDebate(page);
  const panel = page.getByRole("region", { name: "State of the debate" });
  const toggle = panel.getByRole("button", { name: "Hide state of the debate" });
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  const open = (await panel.boundingBox())!.height;
  await toggle.click();
  const show = panel.getByRole("button", { name: "Show state of the debate" });
  await expect(show).toHaveAttribute("aria-expanded", "false");
  await expect(panel.getByRole("heading", { name: "Most disputed open cruxes" })).toBeHidden();
  await expect(panel).toContainText(/\d+ open cruxes?/);
  const closed = (await panel.boundingBox())!.height;
  expect(closed).toBeLessThan(open / 2);
  expect(closed).toBeLessThan(80);
  await expectAccessible(page, "the state panel collapsed");

  // The server renders it collapsed too: no jump after the page loads.
  const html = await (await page.request.get(DEBATE_PATH)).text();
  expect(html).toMatch(/aria-expanded="false"[^>]*>Show<span class="visually-hidden"> state/);
  await page.reload();
  await expectLive(page);
  await expect(show).toHaveAttribute("aria-expanded", "false");
  await show.click();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
  await page.reload();
  await expect(toggle).toHaveAttribute("aria-expanded", "true");
});

test("the expanded state panel is compact: at most three items a list", async ({ page }) => {
  await openDebate(page);
  const panel = page.getByRole("region", { name: "State of the debate" });
  for (const list of await panel.getByRole("list").all())
    expect(await list.getByRole("listitem").count()).toBeLessThanOrEqual(3);
  expect((await panel.boundingBox())!.height).toBeLessThan(800 / 2);
});

test("vote controls say what they are; offline says so and comes back", async ({
  page,
  context,
}) => {
  await openDebate(page);
  const card = claimCard(page, SEEDED.first);
  await expect(card.getByRole("button", { name: "Upvote quality" })).toHaveAttribute(
    "title",
    /quality/i,
  );
  await expect(card.getByRole("button", { name: /^Agree/ })).toHaveAttribute("title", /agree/i);
  await expect(card.locator(".vote-label").first()).toHaveText("quality");

  await context.setOffline(true);
  await expect(liveStatus(page)).toHaveText("○ Offline — retrying…");
  await context.setOffline(false);
  await expectLive(page);
});

test("a double click posts a claim once", async ({ page }) => {
  await signUp(page, "double");
  await openDebate(page);
  // Slow the post down, so the second click lands while the first is on its way.
  await page.route("**/api/trpc/claims.create**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  const text = `Posted once ${token()}`;
  const form = newClaimForm(page);
  await form.getByRole("textbox", { name: "Post a new claim" }).fill(text);
  await form.getByRole("button", { name: "Post claim" }).dblclick();
  await expect(claimCard(page, text)).toHaveCount(1);
  await page.waitForTimeout(1_500);
  await page.reload();
  await expectLive(page);
  await expect(claimCard(page, text)).toHaveCount(1);
});
