/**
 * The thread's own conditional bet (the Sydney crux): commenter-1 backs YES, commenter-8 took part
 * of it. When its condition resolves NO, both bettors watch the crux become annulled, live, and
 * get their stakes back.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signInAsDemo } from "./support/app";

const SYDNEY = /Given a supervised-only fix of Bing Chat/;
const CONDITION = /Will Microsoft try to fix Bing Chat/;

const me = async (page: Page) => {
  const res = await page.request.get("/api/trpc/account.me");
  return ((await res.json()) as { result: { data: { balance: number; locked: number } } }).result
    .data;
};

/** The crux's page, found from the debate's Cruxes list. */
async function cruxUrl(page: Page, title: RegExp): Promise<string> {
  const res = await page.request.get("/api/v1/debates/rlhf-impact/cruxes");
  const { cruxes } = (await res.json()) as { cruxes: { id: number; title: string }[] };
  const crux = cruxes.find((c) => title.test(c.title));
  if (!crux) throw new Error(`no crux matching ${title}`);
  return `/cruxes/${crux.id}`;
}

test("the Sydney bet's condition resolves NO: both bettors see it annulled and their stakes back, live", async ({
  browser,
}, testInfo) => {
  const makerContext = await browser.newContext();
  const takerContext = await browser.newContext();
  const maker = await makerContext.newPage();
  const taker = await takerContext.newPage();
  await signInAsDemo(maker, "commenter-1");
  await signInAsDemo(taker, "commenter-8");
  const sydney = await cruxUrl(maker, SYDNEY);
  const before = { maker: await me(maker), taker: await me(taker) };
  // commenter-1's 120 (60 matched, 60 unmatched) and commenter-8's 40 are locked in the bet.
  expect(before.maker.locked).toBeGreaterThanOrEqual(120);
  expect(before.taker.locked).toBeGreaterThanOrEqual(40);

  for (const page of [maker, taker]) {
    await page.goto(sydney);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(SYDNEY);
    await expect(page.getByText("● Live")).toBeVisible();
    await expect(page.locator(".condition")).toContainText("If “Will Microsoft try to fix");
  }

  // The condition's resolver (commenter-1, its creator) resolves it NO in another tab; the
  // dispute window is 0 in this run, so it is final at once and the cascade runs with it.
  const resolver = await makerContext.newPage();
  await resolver.goto(await cruxUrl(resolver, CONDITION));
  await resolver.getByRole("button", { name: "Propose a resolution", exact: true }).click();
  const form = resolver.getByRole("form", { name: "Resolve this crux" });
  await form.getByLabel("Outcome").selectOption("no");
  await form.getByLabel("Note").fill("Microsoft shipped an RLHF update instead.");
  await form.getByRole("button", { name: "Propose resolution" }).click();
  await expect(resolver.getByRole("status").filter({ hasText: "Resolved NO" })).toBeVisible();

  for (const page of [maker, taker]) {
    // The page leads with the outcome and why.
    await expect(page.getByRole("status").filter({ hasText: "Annulled" })).toBeVisible({
      timeout: 5_000,
    });
    await expect(page.locator(".outcome-banner")).toContainText(
      "Its condition did not resolve YES, so every stake was refunded",
    );
    await expect(page.locator(".condition")).toContainText("Condition not met");
    await expect(page.getByRole("heading", { name: "Resolution history" })).toBeVisible();
    await expect(page.locator(".timeline")).toContainText("did not resolve YES");
    // Nothing more can be forecast or bet on it.
    await expect(page.getByRole("form", { name: "Your forecast" })).toHaveCount(0);
    await expect(page.getByRole("form", { name: "Offer a bet" })).toHaveCount(0);
  }
  const after = { maker: await me(maker), taker: await me(taker) };
  expect(after.maker.balance).toBe(before.maker.balance + 120);
  expect(after.taker.balance).toBe(before.taker.balance + 40);
  expect(after.maker.locked).toBe(before.maker.locked - 120);
  expect(after.taker.locked).toBe(before.taker.locked - 40);
  await saveScreenshot(taker, testInfo, "sydney-annulled");

  const url = fs.readFileSync("test-results/e2e-database-url", "utf8");
  const check = execFileSync(
    process.execPath,
    ["--import", "tsx", "server/cli.ts", "ledger:check"],
    { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8" },
  );
  expect(check).toContain("Ledger OK");
  await makerContext.close();
  await takerContext.close();
});
