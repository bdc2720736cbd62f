/**
 * Locks between real browsers (docs/moderation.md): a debate's moderator locks it and another
 * person's open page shows the banner and disables replying at once, without a reload; a thread
 * lock marks its claim; unlocking gives everything back.
 */
import { expect, test } from "@playwright/test";
import {
  claimCard,
  expectLive,
  PASSWORD,
  postClaim,
  signIn,
  signUp,
  token,
  uniqueHandle,
  waitForHydration,
  runCli,
} from "./support/app";

const LIVE = { timeout: 5_000 };

test("a moderator locks a debate: another browser sees the banner live and can't reply", async ({
  page,
  browser,
  baseURL,
}) => {
  // Browser B: a participant starts a debate and posts a claim in it.
  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  await signUp(pageB, "author");
  await waitForHydration(pageB, "main button");
  await pageB.getByRole("button", { name: "Start a debate" }).click();
  const title = `Lockable ${token()}`;
  await pageB.getByLabel("Question or topic").fill(title);
  await pageB.getByRole("button", { name: "Create debate" }).click();
  await expect(pageB.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const slug = new URL(pageB.url()).pathname.split("/").pop()!;
  await expectLive(pageB);
  const body = `A claim to argue about ${token()}`;
  await postClaim(pageB, body);
  const card = claimCard(pageB, body);
  const reply = card.getByRole("button", { name: "Reply", exact: true });
  await expect(reply).toBeEnabled();
  await pageB.evaluate(() => (window.__noReload = "same page"));

  // Browser A: made moderator of this debate only, by the operator.
  const mod = uniqueHandle("mod");
  runCli("user:create", mod, "--password", PASSWORD);
  runCli("role:grant", mod, "moderator", "--debate", slug);
  await signIn(page, mod, PASSWORD);
  await page.goto(`/debates/${slug}`);
  await expectLive(page);
  await page
    .getByRole("group", { name: "Moderation" })
    .getByRole("button", { name: "Lock debate" })
    .click();
  await page.getByLabel("Why lock debate? (everyone sees this)").fill("Cooling off for a day");
  await page.getByRole("button", { name: "Lock debate" }).click();
  await expect(page.locator("#lock-banner")).toContainText("This debate is locked");

  // B: the banner appears live, and replying, voting and posting are closed with the reason.
  const banner = pageB.locator("#lock-banner");
  await expect(banner).toContainText(`This debate is locked by @${mod}`, LIVE);
  await expect(banner).toContainText("Cooling off for a day");
  await expect(reply).toBeDisabled();
  await expect(reply).toHaveAccessibleDescription(/This debate is locked by @.*Cooling off/);
  await expect(pageB.getByRole("form", { name: "Post a new claim" })).toHaveCount(0);
  await expect(pageB.locator("#new-claim-blocked")).toContainText("Cooling off for a day");
  expect(await pageB.evaluate(() => window.__noReload)).toBe("same page");

  // Unlocked: B can reply again, still without a reload.
  await page.locator("#lock-banner").getByRole("button", { name: "Unlock debate" }).click();
  await expect(banner).toHaveCount(0, LIVE);
  await expect(reply).toBeEnabled();

  // A thread lock marks its claim and closes replies below it only.
  const modCard = claimCard(page, body);
  await modCard.getByRole("button", { name: /^Lock the thread of claim/ }).click();
  await page.getByLabel("Why lock this thread? (everyone sees this)").fill("Off topic");
  await page.getByRole("button", { name: "Lock this thread" }).click();
  await expect(card.locator(".lock-note")).toContainText("Thread locked by", LIVE);
  await expect(card.locator(".lock-note")).toContainText("Off topic");
  await expect(reply).toBeDisabled();
  await expect(pageB.getByRole("form", { name: "Post a new claim" })).toBeVisible();
  await contextB.close();
});
