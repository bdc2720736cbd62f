/** The claim composer: failed posts keep the draft with the error beside it; keyboard use. */
import { expect, test } from "@playwright/test";
import {
  claimCard,
  claimId,
  expectLive,
  newClaimForm,
  openDebate,
  SEEDED,
  signUp,
  token,
} from "./support/app";

test("a failed post keeps the draft and shows the error inside the composer", async ({ page }) => {
  await signUp(page, "drafter");
  await openDebate(page);
  const form = newClaimForm(page);
  const box = form.getByRole("textbox", { name: "Post a new claim" });
  const post = form.getByRole("button", { name: "Post claim" });

  // Only whitespace.
  const blank = "   \n\n   ";
  await box.fill(blank);
  await post.click();
  const alert = form.getByRole("alert");
  await expect(alert).toContainText(/empty/i);
  await expect(box).toHaveValue(blank);
  await expect(box).toHaveAttribute("aria-invalid", "true");
  await expect(box).toHaveAccessibleDescription(/empty/i);
  // The error is the composer's, not a page-level one (Next's route announcer is also an alert).
  await expect(page.getByRole("alert").filter({ hasText: /empty/i })).toHaveCount(1);

  // Over 20,000 characters.
  const marker = `Too long ${token()}`;
  const long = `${marker} ${"x".repeat(20_001)}`;
  await box.fill(long);
  await expect(form.getByText(/^20,0\d\d \/ 20,000$/)).toHaveClass(/\bover\b/);
  await post.click();
  await expect(alert).toContainText("20,000");
  await expect(post).toBeEnabled();
  expect(await box.inputValue()).toBe(long);
  await expect(claimCard(page, marker)).toHaveCount(0);

  // The draft survives a reload too (it is kept in localStorage).
  await page.reload();
  await expectLive(page);
  await expect(form.getByRole("textbox", { name: "Post a new claim" })).toHaveValue(long);

  // Fixing it posts, clears the error, the editor and the saved draft.
  const fixed = `Short enough now ${token()}`;
  await box.fill(fixed);
  await post.click();
  await expect(claimCard(page, fixed)).toHaveCount(1);
  await expect(form.getByRole("alert")).toHaveCount(0);
  await expect(box).toHaveValue("");
  await page.reload();
  await expectLive(page);
  await expect(form.getByRole("textbox", { name: "Post a new claim" })).toHaveValue("");

  // A reply's error shows in the reply composer, not the top one.
  const parent = claimCard(page, SEEDED.second);
  const parentId = await claimId(parent);
  await parent.getByRole("button", { name: "Reply", exact: true }).click();
  const replyForm = parent.getByRole("form", { name: `Reply to claim ${parentId}` });
  await replyForm.getByRole("textbox").fill("  ");
  await replyForm.getByRole("button", { name: "Post reply" }).click();
  await expect(replyForm.getByRole("alert")).toContainText(/empty/i);
  await expect(replyForm.getByRole("textbox")).toHaveValue("  ");
  await expect(form.getByRole("alert")).toHaveCount(0);
});

test("the composers' controls are reachable by Tab and have accessible names", async ({ page }) => {
  await signUp(page, "keys");
  await openDebate(page);
  const form = newClaimForm(page);
  const box = form.getByRole("textbox", { name: "Post a new claim" });
  const post = form.getByRole("button", { name: "Post claim" });

  // From the top of the page, Tab reaches the editor and then its buttons.
  await page.locator("body").focus();
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press("Tab");
    reached = await box.evaluate((el) => el === document.activeElement);
  }
  expect(reached, "Tab should reach the new-claim editor").toBe(true);
  const text = `Typed and posted from the keyboard ${token()}`;
  await page.keyboard.type(text);
  await page.keyboard.press("Tab");
  await expect(post).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(form.getByRole("button", { name: "Preview" })).toBeFocused();
  await page.keyboard.press("Shift+Tab");
  await expect(post).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(claimCard(page, text)).toHaveCount(1);
  await expect(box).toHaveValue("");

  // Reply composer: open it with the keyboard, then Tab through every control.
  const parent = claimCard(page, SEEDED.first);
  const parentId = await claimId(parent);
  const replyButton = parent.getByRole("button", { name: "Reply", exact: true });
  await replyButton.focus();
  await page.keyboard.press("Enter");
  await expect(replyButton).toHaveAttribute("aria-expanded", "true");
  const replyForm = parent.getByRole("form", { name: `Reply to claim ${parentId}` });
  const order = [
    parent.getByRole("button", { name: "Make this a crux" }),
    parent.getByRole("button", { name: `Report claim ${parentId}` }),
    replyForm.getByRole("combobox", { name: "Stance" }),
    replyForm.getByRole("button", { name: "Quote selection" }),
    replyForm.getByRole("textbox", { name: `Reply to claim ${parentId}` }),
    replyForm.getByRole("button", { name: "Post reply" }),
    replyForm.getByRole("button", { name: "Preview" }),
    replyForm.getByRole("button", { name: "Cancel" }),
  ];
  for (const control of order) {
    await page.keyboard.press("Tab");
    await expect(control).toBeFocused();
  }
  await page.keyboard.press("Enter");
  await expect(replyForm).toHaveCount(0);

  // Other thread controls have names too.
  await expect(page.getByRole("combobox", { name: /Sort/ })).toBeVisible();
  await expect(
    parent.getByRole("button", { name: `Collapse thread of claim ${parentId}` }),
  ).toBeVisible();
  await expect(
    parent.getByRole("group", { name: `Quality of claim ${parentId}` }).getByRole("button", {
      name: "Upvote quality",
    }),
  ).toBeEnabled();
});

// APG: a toggle button's label must not change with its state; screen readers then announce
// "Edit, pressed" for what is really "Preview, pressed". Fails until ClaimComposer keeps the name.
test("the Preview toggle keeps its name while pressed", async ({ page }) => {
  await signUp(page, "toggle");
  await openDebate(page);
  const form = newClaimForm(page);
  await form.getByRole("textbox", { name: "Post a new claim" }).fill("Some *markdown*");
  const toggle = form.getByRole("button", { name: "Preview" });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await expect(form.getByRole("region", { name: "Preview" })).toContainText("Some markdown");
});

// Closing a reply composer (Cancel, or a successful post) unmounts the focused control and drops
// keyboard focus to <body>; focus should go back to the claim's Reply button (WCAG 2.4.3).
// Fails until ClaimNode restores focus.
test("closing the reply composer returns focus to the Reply button", async ({ page }) => {
  await signUp(page, "focus");
  await openDebate(page);
  const parent = claimCard(page, SEEDED.first);
  const parentId = await claimId(parent);
  const replyButton = parent.getByRole("button", { name: "Reply", exact: true });
  await replyButton.focus();
  await page.keyboard.press("Enter");
  const replyForm = parent.getByRole("form", { name: `Reply to claim ${parentId}` });
  await replyForm.getByRole("button", { name: "Cancel" }).focus();
  await page.keyboard.press("Enter");
  await expect(replyForm).toHaveCount(0);
  await expect(replyButton).toBeFocused();
});
