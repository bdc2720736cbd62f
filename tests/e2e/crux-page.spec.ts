/**
 * The crux page as a newcomer from Metaculus or Manifold reads it: the state (or the outcome) first,
 * your own position with what each outcome pays you, forms behind buttons, and the whole
 * resolution history once it is final. Setup that is not the point goes through tRPC.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  DEBATE_SLUG,
  expectAccessible,
  saveScreenshot,
  signInAsNewAdmin,
  signUp,
  token,
  waitForHydration,
  callTrpc as call,
} from "./support/app";

/** Makes a crux in the seeded debate (closing in three days) and returns its id. */
async function makeCrux(page: Page, title: string): Promise<number> {
  await page.goto("/");
  const crux = await call<{ id: number }>(page, "cruxes.create", {
    debateSlug: DEBATE_SLUG,
    title,
    resolutionCriteria: "YES if the report says so.",
    closesAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
  });
  return crux.id;
}

async function openCrux(page: Page, id: number, title: string): Promise<void> {
  await page.goto(`/cruxes/${id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("● Live")).toBeVisible();
  await waitForHydration(page, "form[aria-label='Your forecast'], .crux-page");
}

/** Opens a form behind its button with the keyboard, checking aria-expanded on the way. */
async function openByKeyboard(page: Page, name: string): Promise<void> {
  const button = page.getByRole("button", { name, exact: true });
  await expect(button).toHaveAttribute("aria-expanded", "false");
  await button.focus();
  await page.keyboard.press("Enter");
  await expect(button).toHaveAttribute("aria-expanded", "true");
}

const positionBox = (page: Page) => page.getByRole("region", { name: "Your position" });

/** The "If <outcome>" row of the position table: [you get back, you win or lose]. */
async function expectRow(box: Locator, outcome: string, back: string, net: string) {
  const row = box.getByRole("row", { name: new RegExp(`^${outcome}\\b`) });
  await expect(row.getByRole("cell").nth(0)).toHaveText(back);
  await expect(row.getByRole("cell").nth(1)).toHaveText(net);
}

test("your position: an offer made in one browser, taken in another; both see risk and win per outcome, then what they won or lost", async ({
  browser,
}, testInfo) => {
  const a = await browser.newContext();
  const b = await browser.newContext();
  const maker = await a.newPage();
  const taker = await b.newPage();
  const makerHandle = await signUp(maker, "pos-maker");
  await signUp(taker, "pos-taker");
  const title = `Will the report come out this year? ${token()}`;
  const id = await makeCrux(maker, title);
  await openCrux(maker, id, title);
  await openCrux(taker, id, title);

  // A new crux says once that nobody has forecast, and leads with its state in words.
  await expect(maker.locator(".big-number")).toHaveText("No forecasts yet");
  await expect(maker.locator(".crux-state")).toContainText("Open");
  await expect(maker.locator(".crux-state")).toContainText(/Closes in \d+ days/);
  await expect(maker.getByText("0 forecasting")).toHaveCount(0);
  // The offer form is behind a button until asked for.
  await expect(maker.getByRole("form", { name: "Offer a bet" })).toHaveCount(0);
  await expectAccessible(maker, "an open crux page");

  // The maker offers YES at 60% with 60 credits, opening the form by keyboard.
  await openByKeyboard(maker, "Offer a bet");
  const offer = maker.getByRole("form", { name: "Offer a bet" });
  await offer.getByLabel("Price (% chance of YES)").fill("60");
  await offer.getByLabel("My stake (credits)").fill("60");
  await offer.getByRole("button", { name: "Offer bet" }).click();
  await expect(offer.getByRole("status")).toHaveText(/Offer posted: YES at 60%, 60 credits/);
  await expect(offer.getByLabel("My stake (credits)")).toHaveValue("");
  await expect(positionBox(maker)).toContainText("Open offers: YES at 60%, 60 left");

  // The taker takes 20 credits of it (NO); the page confirms and empties the stake box.
  const row = taker
    .getByRole("table", { name: "Open offers" })
    .getByRole("row")
    .filter({ hasText: `@${makerHandle}` });
  await expect(row).toContainText("60%", { timeout: 5_000 });
  const take = row.getByRole("form", { name: /Take offer/ });
  await take.getByRole("textbox").fill("20");
  await take.getByRole("button", { name: "Take NO at 60%" }).click();
  await expect(taker.getByRole("status").filter({ hasText: "Bet taken" })).toHaveText(
    "Bet taken: NO at 60%. You risk 20 credits to win 30 (pot 50).",
  );
  await expect(take.getByRole("textbox")).toHaveValue("");

  // The taker's position: NO, 20 risked against 30; what each outcome pays.
  const takerBox = positionBox(taker);
  await expect(takerBox).toContainText(
    `NO at 60%: you risk 20 credits against @${makerHandle}’s 30`,
  );
  await expect(takerBox.getByRole("table")).toContainText("You risk 20 credits");
  await expectRow(takerBox, "YES", "0", "−20");
  await expectRow(takerBox, "NO", "50", "+30");
  await expectRow(takerBox, "Annulled", "20", "±0");

  // The maker's page updates live: YES, 30 matched, 30 still offered.
  const makerBox = positionBox(maker);
  await expect(makerBox).toContainText("YES at 60%: you risk 30 credits", { timeout: 5_000 });
  await expectRow(makerBox, "YES", "50", "+20");
  await expectRow(makerBox, "NO", "0", "−30");
  await expectRow(makerBox, "Annulled", "30", "±0");
  await expect(makerBox).toContainText("Open offers: YES at 60%, 30 left");
  await expectAccessible(taker, "a crux page with your position");

  // The same position through the public API.
  const api = await taker.request.get(`/api/v1/cruxes/${id}/position`);
  expect(api.status()).toBe(200);
  const body = (await api.json()) as { risk: number; net: Record<string, number> };
  expect(body.risk).toBe(20);
  expect(body.net).toEqual({ yes: -20, no: 30, annulled: 0 });

  // The maker (the resolver) proposes NO, opening the form by keyboard; the window is 0 here.
  await openByKeyboard(maker, "Propose a resolution");
  const resolve = maker.getByRole("form", { name: "Resolve this crux" });
  await resolve.getByLabel("Outcome").selectOption("no");
  await resolve.getByLabel("Note").fill("The report was shelved.");
  await resolve.getByRole("button", { name: "Propose resolution" }).click();

  // Both lead with the outcome; the taker won 30, the maker lost 30.
  for (const page of [maker, taker]) {
    await expect(page.locator(".big-outcome")).toHaveText("Resolved NO", { timeout: 5_000 });
    await expect(page.locator(".outcome-banner")).toContainText(
      `Proposed by @${makerHandle}; nobody disputed it`,
    );
    await expect(page.locator(".outcome-banner")).toContainText("The report was shelved.");
  }
  await expect(takerBox.locator(".position-result")).toHaveText("Resolved NO: you won 30 credits.");
  await expect(makerBox.locator(".position-result")).toHaveText(
    "Resolved NO: you lost 30 credits.",
    { timeout: 5_000 },
  );
  await expect(takerBox.getByRole("row", { name: /^NO\b/ })).toHaveAttribute(
    "aria-current",
    "true",
  );
  await expectAccessible(taker, "a resolved crux page with your position");
  await saveScreenshot(taker, testInfo, "crux-position-resolved");
  await a.close();
  await b.close();
});

test("a resolved crux leads with its outcome and shows the whole history: proposal, the dispute and the decision, with notes", async ({
  browser,
}, testInfo) => {
  const ctx = await browser.newContext();
  const adminCtx = await browser.newContext();
  const page = await ctx.newPage();
  const admin = await adminCtx.newPage();
  const resolver = await signUp(page, "resolver");
  const title = `Did the lab publish the report? ${token()}`;
  const id = await makeCrux(page, title);
  await call(page, "cruxes.forecast", { id, probability: "70%" });
  await call(page, "resolution.propose", { id, outcome: "yes", note: "The lab's blog says so." });

  // An admin undoes it (the dispute), and the resolver decides again, with notes.
  const adminHandle = await signInAsNewAdmin(admin);
  await call(admin, "resolution.undo", { id, note: "The blog post was an April fool." });
  await call(page, "resolution.decide", {
    id,
    outcome: "no",
    note: "No report exists; the post was a joke.",
  });

  await openCrux(page, id, title);
  // The headline is the outcome, who decided it and why; no countdown, no "closes".
  await expect(page.locator(".big-outcome")).toHaveText("Resolved NO");
  const banner = page.locator(".outcome-banner");
  await expect(banner).toContainText(`Decided by @${resolver} after a dispute`);
  await expect(banner).toContainText("No report exists; the post was a joke.");
  await expect(page.getByText(/Closes in/)).toHaveCount(0);
  // It comes before the crowd, which is labelled final.
  await expect(page.getByRole("heading", { name: "Final community prediction" })).toBeVisible();

  // The history: proposal, the undo that reopened it as a dispute, the decision, each with its note.
  const history = page.locator(".timeline");
  await expect(history).toContainText(`@${resolver} proposed YES`);
  await expect(history).toContainText("The lab's blog says so.");
  await expect(history).toContainText(`@${adminHandle} (admin) undid the resolution`);
  await expect(history).toContainText("The blog post was an April fool.");
  await expect(history).toContainText(`@${resolver} decided NO`);
  await expect(history).toContainText("No report exists; the post was a joke.");
  await expectAccessible(page, "a resolved crux page");

  // The debate's Cruxes tab and the thread say the outcome, not a bare percentage.
  const list = await page.request.get(`/api/v1/debates/${DEBATE_SLUG}/cruxes`);
  const { cruxes } = (await list.json()) as {
    cruxes: { id: number; status: string; outcome: string | null }[];
  };
  expect(cruxes.find((c) => c.id === id)).toMatchObject({ status: "resolved", outcome: "no" });
  await page.goto(`/debates/${DEBATE_SLUG}`);
  await page.getByRole("tab", { name: /Cruxes/ }).click();
  const card = page.locator(".crux-card").filter({ hasText: title });
  await expect(card).toContainText("Resolved NO");

  // At phone width the resolved page reads and passes the same checks.
  await page.setViewportSize({ width: 390, height: 844 });
  await openCrux(page, id, title);
  await expect(page.locator(".big-outcome")).toBeVisible();
  await expectAccessible(page, "a resolved crux page at 390x844");
  await saveScreenshot(page, testInfo, "crux-resolved-phone");
  await ctx.close();
  await adminCtx.close();
});

test("the forecast form confirms in place and credits a claim found by typing", async ({
  page,
}) => {
  await signUp(page, "credit");
  const title = `Will the model be released? ${token()}`;
  const id = await makeCrux(page, title);
  await page.setViewportSize({ width: 390, height: 844 });
  await openCrux(page, id, title);
  const form = page.getByRole("form", { name: "Your forecast" });
  await form.getByRole("textbox", { name: "Probability as text" }).fill("30%");
  await form.getByRole("button", { name: "Save forecast" }).click();
  await expect(form.getByRole("status")).toHaveText("Forecast saved: 30%.");
  await expectAccessible(page, "an open crux page at 390x844");

  // Changed your mind: open the claim finder by keyboard, filter by words, pick one, update.
  await openByKeyboard(page, "Changed your mind? Credit a claim");
  await form.getByRole("searchbox", { name: "Find the claim" }).fill("whole approach impractical");
  const claims = form.getByRole("listbox", { name: "Claim that changed your mind" });
  const match = claims.getByRole("option", {
    name: /Objection: the whole approach is impractical/,
  });
  await expect(match).toHaveCount(1);
  await expect(form.getByText(/^\d+ matching$/)).toBeVisible();
  await claims.selectOption((await match.getAttribute("value")) ?? "");
  await expect(form).toContainText("Crediting: @");
  await form.getByRole("textbox", { name: "Probability as text" }).fill("45%");
  await form.getByRole("button", { name: "Update forecast" }).click();
  await expect(form.getByRole("status")).toHaveText("Forecast saved: 45%.");
  await expect(page.locator(".crux-side")).toContainText("moved by a claim");
});

test("a crux page refetches only what an event about it changes, and nothing for other cruxes", async ({
  browser,
}) => {
  const reader = await (await browser.newContext()).newPage();
  const writer = await (await browser.newContext()).newPage();
  await signUp(writer, "writer");
  const title = `Will the page stay quiet? ${token()}`;
  const watched = await makeCrux(writer, title);
  const other = await makeCrux(writer, `Some other question ${token()}`);
  await openCrux(reader, watched, title);

  // Every tRPC read the reader's page makes from now on, by procedure.
  const reads: string[] = [];
  reader.on("request", (r) => {
    const m = /\/api\/trpc\/([^?]+)/.exec(r.url());
    if (m && r.method() === "GET") reads.push(...m[1]!.split(","));
  });

  // Events arrive in seq order: once the second shows, the first has been handled too.
  await call(writer, "cruxes.forecast", { id: other, probability: 0.9 });
  await call(writer, "cruxes.forecast", { id: watched, probability: 0.7 });
  await expect(reader.locator(".crowd .big-number")).toHaveText("70%");
  // One refetch of what a forecast changes (a signed-out reader has no bets to suggest), and
  // nothing for the other crux's forecast.
  expect(reads.sort()).toEqual(["cruxes.doubleCruxesForCrux", "cruxes.forecasts", "cruxes.get"]);
});
