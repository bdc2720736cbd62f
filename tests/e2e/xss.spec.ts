/** Markdown from users renders inert: no script runs, in the live view, the server HTML or the preview. */
import { expect, test, type Page } from "@playwright/test";
import { claimCard, newClaimForm, openDebate, postClaim, signUp, token } from "./support/app";

async function expectInert(page: Page, marker: string): Promise<void> {
  const card = claimCard(page, marker);
  await expect(card).toHaveCount(1);
  // Give an onerror handler on a broken image the time to fire, if there were one.
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();

  await expect(card.locator("script")).toHaveCount(0);
  await expect(card.locator("[onerror], [onclick], [onload]")).toHaveCount(0);
  await expect(card.locator("iframe, object, embed")).toHaveCount(0);
  // No script element anywhere whose code is the payload (the page's own data scripts may carry
  // the body as a JSON string; that is data, not code).
  const payloadScripts = await page.evaluate(
    () =>
      Array.from(document.scripts).filter((s) => /^\s*window\.__xss\s*=/.test(s.textContent ?? ""))
        .length,
  );
  expect(payloadScripts).toBe(0);

  const links = card.locator("a", { hasText: "click" });
  for (const href of await links.evaluateAll((els) => els.map((a) => a.getAttribute("href")))) {
    expect(href ?? "").not.toMatch(/^\s*javascript:/i);
  }
  if ((await links.count()) > 0) {
    // Clicking it must not run anything (it may open a harmless tab; close it).
    const popup = page.waitForEvent("popup", { timeout: 2_000 }).catch(() => null);
    await links.first().click();
    const opened = await popup;
    if (opened) {
      await opened.waitForLoadState().catch(() => undefined);
      expect(opened.url()).not.toMatch(/^javascript:/i);
      expect(await opened.evaluate(() => window.__xss).catch(() => undefined)).toBeUndefined();
      await opened.close();
    }
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  }
}

test("script, event-handler and javascript: payloads in a claim render inert", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUp(page, "mallory");
  await openDebate(page);

  // Another browser already watching receives the claim through the live path.
  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  await openDebate(pageB);

  const marker = `XSS probe ${token()}`;
  const body = [
    marker,
    "",
    "<script>window.__xss=1</script>",
    "",
    '<img src=x onerror="window.__xss=2">',
    "",
    "[click](javascript:window.__xss=3)",
    "",
  ].join("\n");

  // The composer's preview renders the same markdown.
  const form = newClaimForm(page);
  await form.getByRole("textbox", { name: "Post a new claim" }).fill(body);
  await form.getByRole("button", { name: "Preview" }).click();
  const preview = form.getByLabel("Preview", { exact: true });
  await expect(preview).toContainText(marker);
  await page.waitForTimeout(500);
  expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  await expect(preview.locator("script, [onerror]")).toHaveCount(0);
  // The same toggle (now pressed) goes back to the editor.
  await form.getByRole("button", { name: "Preview", pressed: true }).click();

  await postClaim(page, body, marker);
  await expectInert(page, marker);
  await expectInert(pageB, marker);

  // A fresh load renders it on the server.
  const pageC = await contextB.newPage();
  await pageC.goto(`/debates/rlhf-impact`);
  await expectInert(pageC, marker);

  await contextB.close();
});
