import { expect, test, type Page } from "@playwright/test";
import {
  DEBATE_SLUG,
  expectAccessible,
  saveScreenshot,
  SEEDED,
  signInAsDemo,
  signUp,
  token,
  waitForHydration,
} from "./support/app";

/**
 * Makes a numeric crux from a claim with the crux form ("How many weeks …?", log scale, 0.1 to 100
 * weeks, open above), checking that a bad range is refused beside its field; returns its id.
 */
async function makeNumericCrux(page: Page, title: string): Promise<number> {
  await page.goto(`/debates/${DEBATE_SLUG}`);
  await expect(page.locator(".thread-toolbar").getByRole("status")).toHaveText("● Live");
  const card = page.getByRole("article").filter({ hasText: SEEDED.impractical });
  await card.getByRole("button", { name: "Make this a crux" }).click();
  const form = card.getByRole("form", { name: /a crux$/ });
  await form.getByRole("radio", { name: "Numeric (a number in a range)" }).check();
  await form.getByLabel("Question (answered by a number)").fill(title);
  await form
    .getByLabel(/Resolution criteria/)
    .fill("The panel's median estimate, published at close.");
  await form.getByLabel("Unit").fill("weeks");
  await form.getByLabel("Lowest value").fill("0");
  await form.getByLabel("Highest value").fill("100");
  await form.getByLabel("Open: the answer could be higher").check();
  await form.getByLabel("Scale").selectOption({ label: "Logarithmic" });
  await expectAccessible(page, "the numeric crux form");
  await form.getByRole("button", { name: "Create crux" }).click();
  // A log scale cannot start at zero: said beside the lowest value, the draft kept.
  const lowest = form.getByLabel("Lowest value");
  await expect(lowest).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByRole("alert")).toContainText(/log/i);
  await expect(form.getByLabel("Unit")).toHaveValue("weeks");
  await lowest.fill("0.1");
  await form.getByRole("button", { name: "Create crux" }).click();
  const link = card.getByRole("link", { name: "Open it to forecast" });
  const href = (await link.getAttribute("href")) ?? "";
  const id = Number(/\/cruxes\/(\d+)$/.exec(href)?.[1]);
  expect(id).toBeGreaterThan(0);
  return id;
}

async function openCrux(page: Page, id: number, title: string): Promise<void> {
  await page.goto(`/cruxes/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("● Live")).toBeVisible();
  await waitForHydration(page, "form[aria-label='Your forecast']");
}

async function forecastInterval(page: Page, low: string, high: string, median: string) {
  const form = page.getByRole("form", { name: "Your forecast" });
  await form.getByLabel("Low end (weeks)").fill(low);
  await form.getByLabel("High end (weeks)").fill(high);
  await form.getByLabel("Most likely (weeks)").fill(median);
  return form;
}

test("a numeric forecast, the crowd live in a second browser, and a threshold bet in one click", async ({
  browser,
}, testInfo) => {
  const a = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const b = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const ann = await a.newPage();
  const bob = await b.newPage();
  const annHandle = await signUp(ann, "ann");
  const bobHandle = await signUp(bob, "bob");
  const title = `How many weeks did ChatGPT's release shorten AI timelines? ${token()}`;
  const id = await makeNumericCrux(ann, title);
  await openCrux(ann, id, title);
  await openCrux(bob, id, title);

  // Bad input keeps the draft and says what is wrong.
  let form = await forecastInterval(ann, "1", "4", "6");
  await expect(form.getByText(/median/i).first()).toBeVisible();
  await form.getByRole("button", { name: "Save forecast" }).click();
  await expect(form.getByRole("alert")).toContainText(/median/i);
  await expect(form.getByLabel("Most likely (weeks)")).toHaveValue("6");

  // "1 to 4 weeks, most likely 2": the chart and the percentiles follow the draft.
  form = await forecastInterval(ann, "1", "4", "2");
  await expect(form).toContainText(
    /10% chance below 1 weeks?, median 2 weeks?, 10% chance above 4 weeks?/,
  );
  await expect(form.getByRole("figure")).toBeVisible();
  await form.getByRole("button", { name: "Save forecast" }).click();
  await expect(ann.locator(".crowd")).toContainText("you: 1 to 4 weeks, most likely 2");
  // The confirmation outlives the refresh that redraws the form with the saved input.
  await expect(ann.getByRole("form", { name: "Your forecast" })).toContainText(
    "Forecast saved: 1 to 4 weeks, most likely 2",
  );

  // Bob sees Ann join the crowd live, without reloading.
  await bob.evaluate(() => (window.__noReload = "yes"));
  await expect(bob.getByRole("table", { name: /80% interval/ })).toContainText(`@${annHandle}`, {
    timeout: 10_000,
  });
  expect(await bob.evaluate(() => window.__noReload)).toBe("yes");

  // Bob forecasts 8 to 16 weeks.
  const bobForm = await forecastInterval(bob, "8", "16", "11");
  await bobForm.getByRole("button", { name: "Save forecast" }).click();
  await expect(bob.locator(".crowd")).toContainText("you: 8 to 16 weeks, most likely 11");

  // Ann sees where they disagree most, between 4 and 8 weeks, and offers the bet in one click.
  const panel = ann.getByRole("region", { name: "Disagreements you could bet on" });
  const item = panel.getByRole("listitem").filter({ hasText: `@${bobHandle}` });
  await expect(item).toContainText(/disagree most about whether it exceeds/, { timeout: 10_000 });
  const text = (await item.textContent()) ?? "";
  const threshold = Number(/exceeds ([\d.]+) weeks/.exec(text)?.[1]);
  expect(threshold).toBeGreaterThan(4);
  expect(threshold).toBeLessThan(8);
  await expectAccessible(ann, "a numeric crux page with the crowd and disagreements");
  await saveScreenshot(ann, testInfo, "numeric-crux-disagreements");
  await item
    .getByRole("button", { name: `Offer @${bobHandle} a bet on ‘more than ${threshold} weeks’` })
    .click();
  await expect(panel.getByRole("status")).toContainText(`Offer sent to @${bobHandle}`);
  const link = item.getByRole("link", { name: /Open “more than/ });
  const href = await link.getAttribute("href");
  expect(href).toMatch(/^\/cruxes\/\d+$/);

  // Bob accepts it on the derived crux's page, which says where it comes from.
  await bob.goto(href!);
  await expect(bob.getByRole("heading", { level: 1 })).toContainText(
    `more than ${threshold} weeks`,
  );
  await expect(bob.getByText(/Derived from/)).toBeVisible();
  await expect(bob.getByRole("link", { name: title })).toBeVisible();
  const row = bob
    .getByRole("table", { name: "Open offers" })
    .getByRole("row")
    .filter({ hasText: `@${annHandle}` });
  await row.getByRole("button", { name: /^Take YES at \d+%$/ }).click();
  await expect(bob.getByRole("status").filter({ hasText: "Bet taken" })).toBeVisible();

  await a.close();
  await b.close();
});

test("the seeded timeline crux shows the thread's disagreement as a threshold bet, also at phone width", async ({
  page,
}, testInfo) => {
  const res = await page.request.get(`/api/v1/debates/${DEBATE_SLUG}/cruxes`);
  const { cruxes } = (await res.json()) as {
    cruxes: { id: number; title: string; kind: string }[];
  };
  const crux = cruxes.find((c) => c.kind === "numeric" && /How many weeks/.test(c.title));
  expect(crux).toBeDefined();
  await signInAsDemo(page, "post-author");
  await page.setViewportSize({ width: 390, height: 844 });
  await openCrux(page, crux!.id, crux!.title);
  // The crowd in words with the unit, and the form pre-filled with the last input ("1 to 4 weeks").
  await expect(page.locator(".crowd")).toContainText(/weeks most likely \(median\)/);
  await expect(page.locator(".crowd")).toContainText("you: 1 to 4 weeks, most likely 2");
  await expect(page.getByLabel("Low end (weeks)")).toHaveValue("1");
  await expect(page.getByRole("table", { name: /80% interval/ })).toContainText("@commenter-1");
  const panel = page.getByRole("region", { name: "Disagreements you could bet on" });
  const item = panel.getByRole("listitem").filter({ hasText: "@commenter-1" });
  const text = (await item.textContent()) ?? "";
  const threshold = Number(/exceeds ([\d.]+) weeks/.exec(text)?.[1]);
  expect(threshold).toBeGreaterThan(4);
  expect(threshold).toBeLessThan(8);
  await expect(item.getByRole("button", { name: /^Offer @commenter-1 a bet on/ })).toBeVisible();
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  await expectAccessible(page, "the seeded numeric crux at 390x844");
  await saveScreenshot(page, testInfo, "numeric-crux-phone");
});
