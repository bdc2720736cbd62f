/**
 * A big thread (docs/benchmarks.md, P3): the page sends the first claims and the top of each
 * branch, loads the rest in place, and every claim has a permalink that renders it, with or
 * without JavaScript.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { openDatabase } from "@/db/client";
import { claims, users } from "@/db/schema";
import { asc, eq, inArray } from "drizzle-orm";
import { bigDebate } from "../support/bigDebate";
import { saveScreenshot, token, waitForHydration } from "./support/app";

const CLAIMS = 1200;
const slug = `big-${token()}`;
let ids: number[] = [];

test.beforeAll(async () => {
  const url = fs.readFileSync("test-results/e2e-database-url", "utf8");
  const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
  try {
    const [author] = await db.db.select({ id: users.id }).from(users).orderBy(asc(users.id));
    ids = await bigDebate(db.db, slug, CLAIMS, author!.id);
  } finally {
    await db.close();
  }
});

test("sends the top of each branch, says how many replies are left, and loads them in place", async ({
  page,
}, testInfo) => {
  const html = await page.request.get(`/debates/${slug}`);
  expect((await html.body()).byteLength).toBeLessThan(1024 * 1024);

  await page.goto(`/debates/${slug}`);
  await waitForHydration(page, "ol.thread");
  await expect(page.getByRole("tab", { name: `Thread (${CLAIMS} claims)` })).toBeVisible();
  const articles = page.locator("ol.thread article.claim");
  const before = await articles.count();
  expect(before).toBeGreaterThan(40);
  expect(before).toBeLessThan(CLAIMS / 4);

  const more = page.getByRole("link", { name: /^Show \d+ more repl/ }).first();
  const label = (await more.textContent()) ?? "";
  const left = Number(/Show (\d+)/.exec(label)![1]);
  const parentId = /claims\/(\d+)$/.exec((await more.getAttribute("href"))!)![1];
  const replies = page.locator(`li:has(> #claim-${parentId}) > ol.replies > li`);
  const shown = await replies.count();
  await more.click();
  await expect(replies).toHaveCount(shown + left);
  expect(await articles.count()).toBeGreaterThan(before + left - 1);
  await saveScreenshot(page, testInfo, "big-thread-more-loaded", false);
});

test("a claim's permalink renders it in place, scrolled to and highlighted", async ({ page }) => {
  const target = ids.at(-1)!; // the last claim: deep in some branch, not in the first window
  const firstPage = await (await page.request.get(`/debates/${slug}`)).text();
  expect(firstPage).not.toContain(`id="claim-${target}"`);

  await page.goto(`/debates/${slug}/claims/${target}`);
  const claim = page.locator(`#claim-${target}`);
  await expect(claim).toBeVisible();
  await expect(claim).toHaveClass(/focused/);
  await expect(claim).toBeInViewport();
  await expect(page).toHaveTitle(/This is a claim of ordinary length/);

  await page.goto(`/debates/${slug}/claims/999999999`);
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
});

test("without JavaScript every claim is reachable through links", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  try {
    await page.goto(`/debates/${slug}`);
    const more = page.getByRole("link", { name: /^Show \d+ more repl/ }).first();
    const href = (await more.getAttribute("href"))!;
    const parentId = Number(/claims\/(\d+)$/.exec(href)![1]);
    await more.click();
    await expect(page).toHaveURL(new RegExp(`/claims/${parentId}$`));
    // Every direct reply of that claim is on its page.
    const url = fs.readFileSync("test-results/e2e-database-url", "utf8");
    const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
    try {
      const replies = await db.db
        .select({ id: claims.id })
        .from(claims)
        .where(inArray(claims.parentId, [parentId]));
      expect(replies.length).toBeGreaterThan(0);
      for (const r of replies) await expect(page.locator(`#claim-${r.id}`)).toHaveCount(1);
      const [parent] = await db.db.select().from(claims).where(eq(claims.id, parentId));
      await expect(page.locator(`#claim-${parent!.id}`)).toContainText(parent!.body.slice(0, 30));
    } finally {
      await db.close();
    }
  } finally {
    await context.close();
  }
});
