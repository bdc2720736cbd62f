/**
 * Scores people can read: a crux resolved minutes into a 3-day window scores about 0, shown as
 * "0.0" (never "-0.0") beside how little of the window each forecast held; /scores explains every
 * score with worked examples; the pages read well and pass axe at desktop and phone width.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEBATE_SLUG, expectAccessible, saveScreenshot, signUp, token } from "./support/app";

const sizes = {
  desktop: { viewport: { width: 1440, height: 900 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

/** A write to the public API, signed in by the page's cookie (from our own origin). */
async function api<T>(page: Page, path: string, data: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const res = await page.request.post(`/api/v1${path}`, { data, headers: { origin } });
  expect(res.status(), `${path}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

/** Nothing on the page prints a negative zero such as "-0.0" or "-0.000". */
async function expectNoNegativeZero(page: Page): Promise<void> {
  const text = await page.locator("main").innerText();
  expect(text).not.toMatch(/[-−]0(?:\.0+)?(?![.\d])/);
}

/**
 * Two people forecast a 3-day crux seconds before it is resolved YES (the e2e server finalizes at
 * once): the one who said 20% has tiny negative baseline and peer scores.
 */
async function resolvedEarly(page: Page, other: Page) {
  const title = `Scored within seconds? ${token()}`;
  const crux = await api<{ id: number }>(page, "/cruxes", {
    debateSlug: DEBATE_SLUG,
    title,
    resolutionCriteria: "Resolved by the test.",
    closesAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
  });
  await api(page, `/cruxes/${crux.id}/forecasts`, { probability: 0.9 });
  await api(other, `/cruxes/${crux.id}/forecasts`, { probability: 0.2 });
  await api(page, `/cruxes/${crux.id}/resolution`, { outcome: "yes", note: "It happened." });
  return { id: crux.id, title };
}

let scenario: { title: string; right: string; wrong: string } | null = null;

test.beforeAll(async ({ browser }) => {
  const rightContext = await browser.newContext();
  const wrongContext = await browser.newContext();
  const right = await rightContext.newPage();
  const wrong = await wrongContext.newPage();
  const rightHandle = await signUp(right, "right");
  const wrongHandle = await signUp(wrong, "wrong");
  const { title } = await resolvedEarly(right, wrong);
  scenario = { title, right: rightHandle, wrong: wrongHandle };
  await rightContext.close();
  await wrongContext.close();
});

test("the user page shows 0.0, never -0.0, with how little of the window was held; links explain", async ({
  page,
}) => {
  const { title, wrong } = scenario!;
  await page.goto(`/users/${wrong}`);
  await expect(page.getByRole("heading", { level: 1, name: `@${wrong}` })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: title });
  await expect(row).toHaveCount(1);
  // Crux, said, resolved, Brier, baseline, peer, held for.
  await expect(row.getByRole("cell")).toHaveText([
    "20%",
    "YES",
    "0.640",
    "0.0",
    "0.0",
    "under 0.1% of the window",
  ]);
  await expectNoNegativeZero(page);
  // The explanation of a near-zero score opens in place.
  const note = page.getByText("Why is a score near 0 when I was right?");
  await note.click();
  await expect(page.getByText(/counted for little time/)).toBeVisible();
  await expect(
    page.getByRole("figure", { name: "Calibration chart" }).getByRole("link"),
  ).toHaveAttribute("href", "/scores#calibration");

  await page.getByRole("link", { name: "What do these scores mean?" }).click();
  await expect(page).toHaveURL(/\/scores$/);
  await expect(page.getByRole("heading", { level: 1, name: "How scores work" })).toBeVisible();
});

test("the leaderboard shows coverage and no -0.0; its column links go to the explanation", async ({
  page,
}) => {
  const { wrong, right } = scenario!;
  await page.goto(`/leaderboards?debate=${DEBATE_SLUG}`);
  const board = page.getByRole("table", { name: "Forecasting: total peer score" });
  for (const handle of [wrong, right]) {
    const row = board.getByRole("row").filter({ hasText: `@${handle}` });
    await expect(row).toHaveCount(1);
    // #, who, peer, avg baseline, avg held, resolved.
    await expect(row.getByRole("cell").nth(2)).toHaveText("0.0");
    await expect(row.getByRole("cell").nth(4)).toHaveText("under 0.1%");
  }
  await expectNoNegativeZero(page);
  await board.getByRole("link", { name: "Avg held" }).click();
  await expect(page).toHaveURL(/\/scores#coverage$/);
  await expect(page.getByRole("heading", { level: 2, name: /^Coverage/ })).toBeInViewport();
});

test("/scores explains every score with worked examples computed by the scoring code", async ({
  page,
}) => {
  await page.goto("/");
  await page.getByRole("contentinfo").getByRole("link", { name: "How scores work" }).click();
  await expect(page).toHaveURL(/\/scores$/);
  const toc = page.getByRole("navigation", { name: "On this page" });
  for (const topic of [
    "Brier score",
    "Log score",
    "Baseline score",
    "Time-averaging",
    "Coverage (“held for”)",
    "Peer score",
    "Community prediction",
    "Calibration",
    "Betting profit",
  ])
    await expect(toc.getByRole("link", { name: topic })).toBeVisible();

  const example = (caption: string | RegExp) => page.getByRole("table", { name: caption });
  const row = (caption: string | RegExp, first: string) =>
    example(caption)
      .getByRole("row")
      .filter({ has: page.getByRole("rowheader", { name: first, exact: true }) });
  await expect(
    row(/one forecast, scored three ways/, "80%, resolved YES").getByRole("cell"),
  ).toHaveText(["0.040", "-0.223", "67.8"]);
  await expect(
    row(/a 10-day crux/, "Time-averaged baseline")
      .getByRole("cell")
      .last(),
  ).toHaveText("55.6");
  await expect(
    row(/everyone says 90%/, "Cara, five minutes before it resolved").getByRole("cell"),
  ).toHaveText(["0.1% of the window", "0.1"]);
  await expect(row(/three people/, "Cara").getByRole("cell")).toHaveText(["30%", "-74.6"]);
  await expect(row(/Ben joins halfway/, "Ben").getByRole("cell")).toHaveText([
    "50%",
    "50%",
    "-23.5",
  ]);
  await expect(row(/five forecasts/, "10% first … 90% last").getByRole("cell")).toHaveText("70%");
  await expect(row(/Ana offers YES/, "NO").getByRole("cell")).toHaveText(["-60", "+60"]);
  await expectNoNegativeZero(page);
});

for (const [size, options] of Object.entries(sizes)) {
  test.describe(`${size} width`, () => {
    test.use(options);

    test(`score pages are accessible and fit (${size})`, async ({ page }, testInfo) => {
      const { wrong } = scenario!;
      const pages = [
        { name: "scores", path: "/scores", heading: "How scores work" },
        { name: "user", path: `/users/${wrong}`, heading: `@${wrong}` },
        {
          name: "leaderboards",
          path: `/leaderboards?debate=${DEBATE_SLUG}`,
          heading: "Leaderboards",
        },
      ];
      for (const p of pages) {
        await page.goto(p.path);
        await expect(page.getByRole("heading", { level: 1, name: p.heading })).toBeVisible();
        expect(await sidewaysOverflow(page), `${p.path} scrolls sideways`).toBeLessThanOrEqual(0);
        await expectAccessible(page, `${p.name} at ${size} width`);
        await saveScreenshot(page, testInfo, `scores-${size}-${p.name}`);
      }
    });
  });
}
