import { execFileSync } from "node:child_process";
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { saveScreenshot, signUp, token } from "./support/app";

/** ledger:check against the run's database: exits non-zero naming any broken invariant. */
function ledgerCheck(): string {
  const url = fs.readFileSync("test-results/e2e-database-url", "utf8");
  return execFileSync(process.execPath, ["--import", "tsx", "server/cli.ts", "ledger:check"], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
}

async function makeCrux(page: Page, title: string): Promise<void> {
  await page.goto("/debates/rlhf-impact");
  await expect(page.locator(".thread-toolbar").getByRole("status")).toHaveText("● Live");
  const card = page.getByRole("article").filter({ hasText: "the whole approach is impractical" });
  await card.getByRole("button", { name: "Make this a crux" }).click();
  const form = card.getByRole("form", { name: /a crux$/ });
  await form.getByLabel("Yes/no question").fill(title);
  await form.getByLabel(/Resolution criteria/).fill("YES if the report says so.");
  await form.getByRole("button", { name: "Create crux" }).click();
  await card.getByRole("link", { name: "Open it to forecast" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
}

const balanceIn = async (page: Page) => {
  const res = await page.request.get("/api/trpc/account.me");
  const body = (await res.json()) as { result: { data: { balance: number } } };
  return body.result.data.balance;
};

test("one offers, another accepts, the resolver resolves with evidence; both see payout and scores live", async ({
  browser,
}, testInfo) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const maker = await a.newPage();
  const taker = await b.newPage();
  const makerHandle = await signUp(maker, "maker");
  const takerHandle = await signUp(taker, "taker");
  const title = `Will the report say yes? ${token()}`;
  await makeCrux(maker, title);
  const url = maker.url();
  await taker.goto(url);
  await expect(taker.getByRole("status").first()).toHaveText("● Live");

  // Both forecast so both get scored.
  for (const [page, p] of [
    [maker, "70%"],
    [taker, "20%"],
  ] as const) {
    const form = page.getByRole("form", { name: "Your forecast" });
    await form.getByRole("textbox", { name: "Probability as text" }).fill(p);
    await form.getByRole("button", { name: "Save forecast" }).click();
    await expect(page.locator(".crowd > p.muted")).toContainText(`you: ${p}`);
  }

  // The maker offers YES at 60% with 60 credits (the form opens from a button); the form says
  // what each side risks.
  await maker.getByRole("button", { name: "Offer a bet", exact: true }).click();
  const offerForm = maker.getByRole("form", { name: "Offer a bet" });
  await offerForm.getByLabel("Price (% chance of YES)").fill("60");
  await offerForm.getByLabel("My stake (credits)").fill("60");
  await expect(offerForm).toContainText("You risk 60; a taker risks 40 to take it all");
  await offerForm.getByRole("button", { name: "Offer bet" }).click();

  // The offer shows up live in the taker's order book; the taker takes it all.
  const book = taker.getByRole("table", { name: "Open offers" });
  const row = book.getByRole("row").filter({ hasText: `@${makerHandle}` });
  await expect(row).toContainText("60%", { timeout: 5_000 });
  const take = row.getByRole("form", { name: /Take offer/ });
  await expect(take).toContainText("You risk 40 to win 60 (pot 100)");
  const takerBefore = await balanceIn(taker);
  await take.getByRole("button", { name: "Take NO at 60%" }).click();
  await expect(row).toHaveCount(0);
  expect(await balanceIn(taker)).toBe(takerBefore - 40);
  // The maker hears about the fill.
  await expect(maker.getByRole("link", { name: /Notifications, \d+ unread/ })).toBeVisible({
    timeout: 5_000,
  });

  // Evidence, then the resolver resolves YES (the dispute window is 0 in this run).
  await maker.getByRole("button", { name: "Add evidence", exact: true }).click();
  const evidence = maker.getByRole("form", { name: "Add evidence" });
  await evidence.getByLabel("Title").fill("The report");
  await evidence.getByLabel("Link").fill("https://example.test/report");
  await evidence.getByLabel("Points").selectOption("yes");
  await evidence.getByRole("button", { name: "Add evidence" }).click();
  await expect(taker.getByRole("link", { name: "The report" })).toBeVisible({ timeout: 5_000 });
  const makerBefore = await balanceIn(maker);
  await maker.getByRole("button", { name: "Propose a resolution", exact: true }).click();
  const resolve = maker.getByRole("form", { name: "Resolve this crux" });
  await resolve.getByLabel("Outcome").selectOption("yes");
  await resolve.getByLabel("The report").check();
  await resolve.getByRole("button", { name: "Propose resolution" }).click();

  // Both browsers see the outcome and the scores arrive live; the maker got the pot.
  for (const page of [maker, taker]) {
    await expect(page.getByRole("status").filter({ hasText: "Resolved YES" })).toBeVisible({
      timeout: 5_000,
    });
    const scores = page.getByRole("table", { name: "Scores" });
    await expect(scores).toContainText(`@${makerHandle}`);
    await expect(scores).toContainText(`@${takerHandle}`);
  }
  expect(await balanceIn(maker)).toBe(makerBefore + 100);
  await saveScreenshot(taker, testInfo, "crux-resolved");
  expect(ledgerCheck()).toContain("Ledger OK");
  await a.close();
  await b.close();
});
