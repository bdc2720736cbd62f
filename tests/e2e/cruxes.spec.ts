import { expect, test, type Page } from "@playwright/test";
import {
  claimCard,
  DEBATE_PATH,
  openDebate,
  saveScreenshot,
  SEEDED,
  signUp,
  token,
} from "./support/app";

const NECESSARY = "Was RLHF necessary for ChatGPT's commercial success?";
const MODE_COLLAPSE = "Is mode collapse substantially worse";

async function openCrux(page: Page, title: string) {
  await page.goto(DEBATE_PATH);
  await page.getByRole("tab", { name: /Cruxes/ }).click();
  await page.getByRole("tabpanel").getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title.slice(0, 30));
  await expect(page.getByText("● Live")).toBeVisible();
}

const forecasterLine = (page: Page) => page.locator(".crowd > p.muted");
const bigNumber = (page: Page) => page.locator(".big-number");
const chartCaption = (page: Page) => page.locator("figure.chart figcaption");

test("one person forecasts; another browser sees the community prediction and the chart move live", async ({
  browser,
}, testInfo) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  await signUp(pageA, "fcst");
  await openCrux(pageA, NECESSARY);
  await openCrux(pageB, NECESSARY);
  await expect(forecasterLine(pageB)).toContainText("5 forecasters");
  const before = await bigNumber(pageB).innerText();
  const captionBefore = await chartCaption(pageB).innerText();
  await pageB.evaluate(() => (window.__noReload = "still here"));

  const form = pageA.getByRole("form", { name: "Your forecast" });
  await form.getByRole("textbox", { name: "Probability as text" }).fill("1 in 20");
  await expect(form.getByText("= 5% chance of YES")).toBeVisible();
  await form.getByRole("button", { name: "Save forecast" }).click();
  await expect(forecasterLine(pageA)).toContainText("you: 5%");

  await expect(forecasterLine(pageB)).toContainText("6 forecasters", { timeout: 5_000 });
  await expect(bigNumber(pageB)).not.toHaveText(before);
  await expect(chartCaption(pageB)).not.toHaveText(captionBefore);
  expect(await pageB.evaluate(() => window.__noReload)).toBe("still here");
  // B's histogram now lists A's handle in the 0-10% bucket.
  await expect(pageB.getByRole("row", { name: /0–10%/ })).toContainText("@fcst-");
  await saveScreenshot(pageB, testInfo, "crux-live");
  await a.close();
  await b.close();
});

test("the slider and the text box agree, and a bad probability is explained without losing the input", async ({
  page,
}) => {
  await signUp(page, "slider");
  await openCrux(page, NECESSARY);
  const form = page.getByRole("form", { name: "Your forecast" });
  const text = form.getByRole("textbox", { name: "Probability as text" });
  await text.fill("3:1");
  await expect(form.getByRole("slider", { name: "Your P(YES)" })).toHaveValue("750");
  await text.fill("150%");
  await expect(form.getByText(/outside the allowed range/)).toBeVisible();
  await form.getByRole("button", { name: "Save forecast" }).click();
  await expect(form.getByRole("alert")).toContainText('"37%"');
  await expect(text).toHaveValue("150%");
  await form.getByRole("slider", { name: "Your P(YES)" }).fill("420");
  await expect(text).toHaveValue("42%");
  await form.getByRole("button", { name: "Save forecast" }).click();
  await expect(forecasterLine(page)).toContainText("you: 42%");
  await expect(form.getByRole("button", { name: "Withdraw forecast" })).toBeVisible();
});

test("making a crux from a claim shows it inline, live, to another reader", async ({ browser }) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  await signUp(pageA, "maker");
  await openDebate(pageA);
  await openDebate(pageB);
  const title = `Will imitation learning close the gap by 2030? ${token()}`;
  const card = claimCard(pageA, SEEDED.impractical);
  await card.getByRole("button", { name: "Make this a crux" }).click();
  const form = card.getByRole("form", { name: /a crux$/ });
  await form.getByLabel("Yes/no question").fill(title);
  await form
    .getByLabel(/Resolution criteria/)
    .fill("YES if a published comparison finds the gap under 5 points.");
  await form.getByRole("button", { name: "Create crux" }).click();
  await expect(card.getByRole("status")).toContainText("Crux created");

  const inline = claimCard(pageB, SEEDED.impractical)
    .locator(".crux-inline")
    .filter({ hasText: title });
  await expect(inline).toBeVisible({ timeout: 5_000 });
  // A new crux says once that nobody has forecast yet, not "no forecasts · 0 forecasting".
  await expect(inline).toContainText("No forecasts yet — be the first");
  await expect(inline).not.toContainText("0 forecasting");

  await card.getByRole("link", { name: "Open it to forecast" }).click();
  await expect(pageA.getByRole("heading", { level: 1 })).toHaveText(title);
  const forecast = pageA.getByRole("form", { name: "Your forecast" });
  await forecast.getByRole("textbox", { name: "Probability as text" }).fill("25%");
  await forecast.getByRole("button", { name: "Save forecast" }).click();
  await expect(bigNumber(pageA)).toHaveText("25%");
  await expect(inline).toContainText("25%", { timeout: 5_000 });
  await expect(inline).toContainText("1 forecasting");
  await a.close();
  await b.close();
});

test("a crux that hides the crowd shows nothing until you forecast", async ({ page }) => {
  await signUp(page, "hidden");
  await openCrux(page, MODE_COLLAPSE);
  await expect(bigNumber(page)).toHaveText("hidden until you forecast");
  await expect(page.getByRole("heading", { name: "Who is where" })).toHaveCount(0);
  const form = page.getByRole("form", { name: "Your forecast" });
  await form.getByRole("textbox", { name: "Probability as text" }).fill("0.6");
  await form.getByRole("button", { name: "Save forecast" }).click();
  await expect(bigNumber(page)).toHaveText(/^\d+%$/);
  await expect(page.getByRole("heading", { name: "Who is where" })).toBeVisible();
});
