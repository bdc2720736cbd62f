/** "Your forecasts": a forecast shows there with the crowd, and is reaffirmed and updated in place. */
import { expect, test } from "@playwright/test";
import {
  DEBATE_PATH,
  DEBATE_SLUG,
  expectAccessible,
  signUp,
  token,
  waitForHydration,
  callTrpc as call,
} from "./support/app";

const CRUX = "Was RLHF necessary for ChatGPT's commercial success?";

test("a forecast is listed with the crowd, reaffirmed in one click and updated in place", async ({
  page,
}) => {
  await signUp(page, "mine");
  await page.goto(DEBATE_PATH);
  await page.getByRole("tab", { name: /Cruxes/ }).click();
  await page.getByRole("tabpanel").getByRole("link", { name: CRUX }).first().click();
  const form = page.getByRole("form", { name: "Your forecast" });
  await form.getByRole("textbox", { name: "Probability as text" }).fill("20%");
  await form.getByRole("button", { name: "Save forecast" }).click();
  await expect(page.locator(".crowd > p.muted")).toContainText("you: 20%");

  await page.getByRole("banner").getByRole("link", { name: "Forecasts" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your forecasts");
  await waitForHydration(page, ".my-forecasts form");
  const item = page.getByRole("listitem", { name: CRUX });
  await expect(item).toContainText("You said 20%");
  await expect(item).toContainText(/crowd then \d+%, now \d+%/);
  await expectAccessible(page, "your forecasts");

  await item.getByRole("button", { name: "Reaffirm 20%" }).click();
  await expect(item.getByRole("status")).toHaveText("Reaffirmed 20%.");
  await item.getByLabel("New forecast").fill("35%");
  await item.getByRole("button", { name: "Update" }).click();
  await expect(item.getByRole("status")).toHaveText("Updated to 35%.");
  await expect(item).toContainText("You said 35%");
  // A bad number is explained and the draft stays.
  await item.getByLabel("New forecast").fill("2 in");
  await item.getByRole("button", { name: "Update" }).click();
  await expect(item.getByRole("alert")).toBeVisible();
  await expect(item.getByLabel("New forecast")).toHaveValue("2 in");
});

test("a numeric forecast is listed with the crowd's median and reaffirmed in one click", async ({
  page,
}) => {
  await signUp(page, "minenum");
  const title = `How many weeks until the e2e numeric crux? ${token()}`;
  const crux = await call<{ id: number }>(page, "cruxes.create", {
    debateSlug: DEBATE_SLUG,
    title,
    resolutionCriteria: "The number.",
    closesAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
    kind: "numeric",
    unit: "weeks",
    min: 0,
    max: 20,
    openLower: false,
    openUpper: false,
    scale: "linear",
  });
  await call(page, "cruxes.forecast", { id: crux.id, median: 4, low: 2, high: 7 });
  await page.goto("/forecasts");
  await waitForHydration(page, ".my-forecasts form");
  const item = page.getByRole("listitem", { name: title });
  await expect(item).toContainText(/You said 4 weeks \(80%: 2 to 7 weeks\)/);
  await expect(item).toContainText("crowd median then 4 weeks, now 4 weeks");
  await expect(item.getByRole("link", { name: `Update on its page: ${title}` })).toBeVisible();
  await item.getByRole("button", { name: "Reaffirm median 4 weeks" }).click();
  await expect(item.getByRole("status")).toHaveText(/^Reaffirmed 4 weeks/);
  await expectAccessible(page, "your forecasts with a numeric one");
});
