/**
 * Reactions anchored to quoted text (docs/reactions.md) between two signed-in browsers: a span
 * marked "that's a crux" in one shows up highlighted in the other without a reload, reactions
 * added and removed on either side follow live, and the whole-claim path works by keyboard.
 */
import fs from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { claimCard, expectAccessible, openDebate, postClaim, signUp, token } from "./support/app";

const LIVE = { timeout: 5_000 };
/** Screenshots for a person to look at (not compared): set REACTION_SHOTS to a folder. */
const SHOTS = process.env.REACTION_SHOTS;

/** Selects `text` inside the card's rendered claim, as a mouse drag would, and lets go. */
async function selectText(card: Locator, text: string): Promise<void> {
  await card.locator(".claim-text").evaluate((root, wanted) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(wanted) ?? -1;
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      const selection = window.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      root.dispatchEvent(new MouseEvent("mouseup", { bubbles: true }));
      return;
    }
    throw new Error(`"${wanted}" is not in the claim`);
  }, text);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png` });
}

test("a span marked in one browser is highlighted live in another; reactions follow both ways", async ({
  page,
  browser,
  baseURL,
}) => {
  // Two browsers and many steps: allow for a busy machine.
  test.setTimeout(150_000);
  const alice = await signUp(page, "rx-a");
  await openDebate(page);
  const marker = `Reactions ${token()}`;
  const id = await postClaim(
    page,
    `${marker}: ChatGPT shortened timelines by 1-4 weeks, and **investment** is $200B-$500B.`,
    marker,
  );

  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  const bob = await signUp(pageB, "rx-b");
  await pageB.setViewportSize({ width: 1440, height: 900 });
  await openDebate(pageB);
  const cardA = claimCard(page, marker);
  const cardB = claimCard(pageB, marker);
  await expect(cardB).toHaveCount(1);
  await pageB.evaluate(() => (window.__noReload = "same"));

  // A selects a span and marks it "that's a crux".
  await selectText(cardA, "1-4 weeks");
  await cardA.getByRole("button", { name: "React to selection" }).click();
  await cardA
    .getByRole("group", { name: "React to “1-4 weeks”" })
    .getByRole("button", { name: "that's a crux" })
    .click();
  await expect(cardA.locator("mark.reaction-mark")).toHaveText("1-4 weeks");
  const popoverA = cardA.getByRole("dialog", { name: "Reactions to “1-4 weeks”" });
  await expect(popoverA).toContainText(`that's a crux 1: @${alice}`);

  // B sees the highlight and the count live, without a reload.
  const markB = cardB.locator("mark.reaction-mark");
  await expect(markB).toHaveText("1-4 weeks", LIVE);
  await expect(cardB.getByText("1 marked this a crux")).toBeVisible();
  expect(await pageB.evaluate(() => window.__noReload)).toBe("same");

  // B taps the highlight, sees who, and agrees on the same span.
  await markB.click();
  const popoverB = cardB.getByRole("dialog", { name: "Reactions to “1-4 weeks”" });
  await expect(popoverB).toContainText(`@${alice}`);
  await popoverB
    .getByRole("group", { name: "Add a reaction to “1-4 weeks”" })
    .getByRole("button", { name: "agree", exact: true })
    .click();
  await expect(popoverB).toContainText(`agree 1: @${bob}`);
  await expect(popoverA).toContainText(`agree 1: @${bob}`, LIVE);
  // B marks it a crux too: two marks put it among the debate's most-marked passages, live in A.
  await popoverB
    .getByRole("group", { name: "Add a reaction to “1-4 weeks”" })
    .getByRole("button", { name: "that's a crux", exact: true })
    .click();
  await expect(cardA.getByText("2 marked this a crux")).toBeVisible(LIVE);
  const panelA = page.getByRole("region", { name: "State of the debate" });
  await expect(panelA.getByRole("listitem").filter({ hasText: "“1-4 weeks”" })).toContainText(
    "2 crux marks",
  );
  await expectAccessible(pageB, "a claim with a reaction popover open");
  await shot(pageB, "desktop-popover");

  // "That's a crux" offers to make a crux from the text.
  await popoverA.getByRole("button", { name: "Make a crux from this text" }).click();
  const form = page.getByRole("form", { name: `Make claim ${id} a crux` });
  await expect(form.getByLabel("Yes/no question")).toHaveValue("1-4 weeks");

  // A removes theirs; B sees it go, and B's own reactions stay on the highlighted span.
  await cardA.locator("mark.reaction-mark").click();
  await popoverA.getByRole("button", { name: "Remove your 'that's a crux' reaction" }).click();
  await expect(popoverA).toContainText(`that's a crux 1: @${bob}`);
  await expect(cardB.getByText("1 marked this a crux")).toBeVisible(LIVE);
  await expect(popoverB).not.toContainText(`@${alice}`);
  await expect(markB).toHaveText("1-4 weeks");

  const marked = pageB.getByRole("region", { name: "State of the debate" });
  await popoverB.getByRole("button", { name: "Close reactions" }).click();
  await expect(popoverB).toHaveCount(0);
  await cardB.scrollIntoViewIfNeeded();
  await shot(pageB, "desktop-claim");
  await marked.scrollIntoViewIfNeeded();
  await shot(pageB, "desktop-panel");

  // Phone width: the popover fits the screen.
  await pageB.setViewportSize({ width: 390, height: 844 });
  await cardB.scrollIntoViewIfNeeded();
  await markB.click();
  await expect(popoverB).toBeVisible();
  await shot(pageB, "phone-popover");
  const box = await popoverB.boundingBox();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(390);
  await expectAccessible(pageB, "a reaction popover at phone width");
  await contextB.close();
});

test("reacting to a whole claim works by keyboard alone", async ({ page }) => {
  await signUp(page, "rx-k");
  await openDebate(page);
  const marker = `Keyboard reactions ${token()}`;
  const id = await postClaim(page, `${marker}: the whole claim is unclear.`, marker);
  const card = claimCard(page, marker);
  const react = card.getByRole("button", { name: `React to claim ${id}` });

  // From the claim's first control, Tab reaches "React".
  await card.getByRole("button", { name: `Collapse thread of claim ${id}` }).focus();
  const focused = (l: Locator) => l.evaluate((el) => el === document.activeElement);
  for (let i = 0; i < 25 && !(await focused(react)); i++) await page.keyboard.press("Tab");
  await expect(react).toBeFocused();
  await page.keyboard.press("Enter");
  const picker = card.getByRole("group", { name: `React to the whole of claim ${id}` });
  await expect(picker).toBeVisible();
  for (let i = 0; i < 15; i++) {
    await page.keyboard.press("Tab");
    if (
      await picker
        .getByRole("button", { name: "unclear", exact: true })
        .evaluate((b) => b === document.activeElement)
    )
      break;
  }
  await expect(picker.getByRole("button", { name: "unclear", exact: true })).toBeFocused();
  await page.keyboard.press("Enter");

  // The whole-claim chip appears; focus went back to "React".
  const chip = card.getByRole("button", { name: /^whole claim\s*: 1 unclear/ });
  await expect(chip).toBeVisible();
  await expect(react).toBeFocused();
  for (let i = 0; i < 12 && !(await focused(chip)); i++) await page.keyboard.press("Shift+Tab");
  await expect(chip).toBeFocused();
  await page.keyboard.press("Enter");
  const popover = card.getByRole("dialog", { name: "Reactions to the whole claim" });
  await expect(popover).toBeFocused();
  const remove = popover.getByRole("button", { name: "Remove your 'unclear' reaction" });
  for (let i = 0; i < 4 && !(await remove.evaluate((b) => b === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(remove).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(chip).toHaveCount(0);
  await expectAccessible(page, "a claim after keyboard reactions");
});

test("an edit moves a reaction with its text, or keeps it as made on an earlier version", async ({
  page,
}) => {
  await signUp(page, "rx-e");
  await openDebate(page);
  const marker = `Edited reactions ${token()}`;
  const id = await postClaim(page, `${marker}: stable words and doomed words.`, marker);
  const card = claimCard(page, marker);
  for (const [words, kind] of [
    ["stable words", "agree"],
    ["doomed words", "unclear"],
  ] as const) {
    await selectText(card, words);
    await card.getByRole("button", { name: "React to selection" }).click();
    await card
      .getByRole("group", { name: `React to “${words}”` })
      .getByRole("button", { name: kind, exact: true })
      .click();
    await expect(card.locator("mark.reaction-mark", { hasText: words })).toHaveCount(1);
    await card.getByRole("dialog").getByRole("button", { name: "Close reactions" }).click();
  }

  await card.getByRole("button", { name: "Edit", exact: true }).click();
  const editor = card.getByRole("textbox", { name: `Edit claim ${id}` });
  await editor.fill(`${marker}: new opening, then stable words.`);
  await card.getByRole("button", { name: "Save edit" }).click();
  await expect(editor).toHaveCount(0);

  await expect(card.locator("mark.reaction-mark")).toHaveText("stable words");
  const earlier = card.getByRole("list", { name: "Reactions on an earlier version" });
  await expect(earlier).toContainText("on an earlier version");
  await earlier.getByRole("button", { name: /doomed words/ }).click();
  await expect(card.getByRole("dialog")).toContainText("on an earlier version");
  await expectAccessible(page, "a claim with a reaction on an earlier version");
});
