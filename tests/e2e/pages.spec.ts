/**
 * The main pages render at desktop and phone width, without sideways scrolling on a phone.
 * Screenshots go to test-results/screenshots/ and are attached to the HTML report.
 */
import { expect, test, type Page } from "@playwright/test";
import { DEBATE_PATH, DEBATE_TITLE, expectLive, saveScreenshot } from "./support/app";

const sizes = {
  desktop: { viewport: { width: 1280, height: 800 }, isMobile: false },
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true },
} as const;

const pages: { name: string; path: string; heading: string | RegExp; fullPage: boolean }[] = [
  { name: "home", path: "/", heading: "Debates", fullPage: true },
  { name: "debate", path: DEBATE_PATH, heading: DEBATE_TITLE, fullPage: false },
  { name: "signin", path: "/signin", heading: "Sign in", fullPage: true },
  { name: "signup", path: "/signup", heading: "Create an account", fullPage: true },
  { name: "profile", path: "/users/post-author", heading: "@post-author", fullPage: false },
];

async function scrollWidthOverflow(page: Page): Promise<number> {
  return page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
}

for (const [size, options] of Object.entries(sizes)) {
  test.describe(`${size} width`, () => {
    test.use(options);

    test(`main pages render (screenshots: ${size})`, async ({ page }, testInfo) => {
      for (const p of pages) {
        await page.goto(p.path);
        await expect(page.getByRole("heading", { level: 1, name: p.heading })).toBeVisible();
        if (p.path === DEBATE_PATH) await expectLive(page);
        expect(await scrollWidthOverflow(page), `${p.path} scrolls sideways`).toBeLessThanOrEqual(
          0,
        );
        await saveScreenshot(page, testInfo, `${size}-${p.name}`, p.fullPage);
      }
    });
  });
}

test("pages read through tRPC's server-side caller answer unknown things with the not-found page", async ({
  page,
}) => {
  for (const path of [
    "/cruxes/999999999",
    "/cruxes/abc",
    "/debates/no-such-debate/map",
    "/debates/no-such-debate",
    "/debates/rlhf-impact/claims/999999999",
    "/debates/rlhf-impact/claims/abc",
    "/users/nobody-at-all",
  ]) {
    const res = await page.goto(path);
    expect(res?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
  }
});
