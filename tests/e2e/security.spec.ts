/**
 * What a browser does with our security measures: the sign-in page never sends people to another
 * site, and no other page can frame ours (with a signed-in victim inside).
 */
import { expect, test } from "@playwright/test";
import { accountLink, PASSWORD, signUp, waitForHydration } from "./support/app";

test("signing in from a link that names another site lands on ours", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  const handle = await signUp(page, "redirect");
  await page.context().clearCookies();
  for (const target of ["http://elsewhere.example/phish", "//elsewhere.example/phish"]) {
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(target)}`);
    await waitForHydration(page, "form[aria-label='Sign in']");
    const form = page.getByRole("form", { name: "Sign in" });
    await form.getByLabel("Handle").fill(handle);
    await form.getByLabel("Password").fill(PASSWORD);
    await form.getByRole("button", { name: "Sign in" }).click();
    await expect(accountLink(page, handle)).toBeVisible();
    expect(new URL(page.url()).host).toBe(new URL(test.info().project.use.baseURL!).host);
    await page.context().clearCookies();
  }
  await context.close();
});

test("another page cannot frame ours", async ({ page, baseURL }) => {
  await page.setContent(
    `<iframe id="victim" src="${baseURL}/wallet" width="600" height="400"></iframe>`,
  );
  // The browser refuses to render it (frame-ancestors 'none' / X-Frame-Options: DENY): the frame
  // shows Chromium's error page instead of ours.
  await expect
    .poll(() => page.frames().map((f) => f.url()))
    .toContainEqual(expect.stringMatching(/^chrome-error:/));
  await expect(page.frameLocator("#victim").getByRole("heading", { name: "Wallet" })).toHaveCount(
    0,
  );
});
