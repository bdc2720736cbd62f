/** Phone width (390x844): no sideways scrolling, deep replies stay readable. */
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  claimCard,
  claimId,
  openDebate,
  postReply,
  saveScreenshot,
  SEEDED,
  signUp,
  token,
} from "./support/app";

const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, "page must not scroll sideways").toBeLessThanOrEqual(clientWidth);
}

/** Scrolls the card into view; it must fit the screen's width and keep room for text. */
async function expectReadable(card: Locator): Promise<number> {
  await card.scrollIntoViewIfNeeded();
  await expect(card).toBeVisible();
  await expect(card).toBeInViewport();
  const box = await card.boundingBox();
  expect(box).not.toBeNull();
  const { x, width } = box!;
  expect(x).toBeGreaterThanOrEqual(0);
  expect(x + width).toBeLessThanOrEqual(PHONE.width);
  expect(width, "deep replies keep at least 60% of the screen").toBeGreaterThanOrEqual(
    PHONE.width * 0.6,
  );
  return width;
}

test("the debate page fits a phone and deep replies are visible", async ({ page }, testInfo) => {
  const handle = await signUp(page, "phone");
  await openDebate(page);
  await expectNoHorizontalOverflow(page);

  // c74 sits five levels deep in the seed.
  const deepest = claimCard(page, SEEDED.deepest);
  const width5 = await expectReadable(deepest);
  await saveScreenshot(page, testInfo, "phone-debate-deep-thread", false);

  // Two more levels: past the indent limit, replies stop indenting and say whom they answer.
  const level6 = `Level six on a phone ${token()}`;
  const level7 = `Level seven on a phone ${token()}`;
  const id6 = await postReply(page, deepest, level6, "Clarifies");
  const card6 = page.locator(`#claim-${id6}`);
  await expect(card6.getByText("↳ replying to @commenter-18")).toBeVisible();
  const id7 = await postReply(page, card6, level7, "Supports");
  const card7 = page.locator(`#claim-${id7}`);
  await expect(card7.getByText(`↳ replying to @${handle}`)).toBeVisible();

  const width6 = await expectReadable(card6);
  const width7 = await expectReadable(card7);
  expect(width6).toBeLessThanOrEqual(width5);
  expect(Math.abs(width7 - width6), "no further indent past the limit").toBeLessThanOrEqual(1);

  // An open reply composer at the deepest level fits too.
  await card7.getByRole("button", { name: "Reply", exact: true }).click();
  const form = card7.getByRole("form", { name: `Reply to claim ${await claimId(card7)}` });
  await expect(form.getByRole("button", { name: "Post reply" })).toBeVisible();
  await expectReadable(form);
  await expectNoHorizontalOverflow(page);
  await saveScreenshot(page, testInfo, "phone-debate-deep-reply-composer", false);
});
