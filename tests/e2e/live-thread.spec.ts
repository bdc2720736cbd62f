/**
 * Live updates between real browsers: replies, new claims, edits, deletes and votes made in one
 * browser context show up in another without a reload, and a client that was offline catches up
 * exactly once from the server's event log (docs/live-updates.md).
 */
import { expect, test, type Page } from "@playwright/test";
import {
  claimCard,
  claimId,
  expectLive,
  liveStatus,
  openDebate,
  postClaim,
  postReply,
  qualityCount,
  replyCards,
  SEEDED,
  signUp,
  token,
  topLevelCards,
} from "./support/app";

/** "Within a few seconds": live changes must arrive well inside this. */
const LIVE = { timeout: 5_000 };

async function markNoReload(page: Page): Promise<void> {
  await page.evaluate(() => {
    window.__noReload = "still the same document";
  });
}

async function expectNoReload(page: Page): Promise<void> {
  expect(await page.evaluate(() => window.__noReload)).toBe("still the same document");
}

test("a new user's reply and claim appear live, in place, in another browser", async ({
  page,
  browser,
  baseURL,
}) => {
  const handle = await signUp(page, "alice");
  await openDebate(page);

  // Browser B: a separate, anonymous context watching the same debate.
  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  await openDebate(pageB);
  await expect(pageB.getByRole("form", { name: "Post a new claim" })).toHaveCount(0);
  await markNoReload(pageB);

  const parentA = claimCard(page, SEEDED.impractical);
  const parentId = await claimId(parentA);
  const repliesBefore = await replyCards(pageB, parentId).count();

  const reply = `Live reply ${token()}: a first step can still point the wrong way.`;
  await postReply(page, parentA, reply, "Opposes");

  // In B: inside the parent claim's replies list, with its stance and author, and nowhere else.
  const replyB = replyCards(pageB, parentId).filter({ hasText: reply });
  await expect(replyB).toHaveCount(1, LIVE);
  await expect(replyCards(pageB, parentId)).toHaveCount(repliesBefore + 1);
  await expect(claimCard(pageB, reply)).toHaveCount(1);
  await expect(replyB.getByText("opposes", { exact: true })).toBeVisible();
  await expect(replyB.getByRole("link", { name: `@${handle}` })).toBeVisible();

  // A new top-level claim appears live in the top-level list.
  const claim = `Live top-level claim ${token()}`;
  await postClaim(page, claim);
  await expect(topLevelCards(pageB).filter({ hasText: claim })).toHaveCount(1, LIVE);
  await expect(claimCard(pageB, claim)).toHaveCount(1);

  // The author sees each of their posts once (the mutation result and the event do not double up).
  await expect(claimCard(page, reply)).toHaveCount(1);
  await expect(claimCard(page, claim)).toHaveCount(1);

  await expectNoReload(pageB);
  await contextB.close();
});

test("a client that was offline catches up on reconnect, each claim exactly once", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUp(page, "poster");
  await openDebate(page);

  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  await openDebate(pageB);
  await markNoReload(pageB);

  // Take B offline: the network and the live socket.
  await contextB.setOffline(true);
  await pageB.evaluate(() => window.__cruxibleLive?.disconnect());
  await expect(liveStatus(pageB)).toHaveText(/Offline/);

  const first = `Posted while B was away ${token()}`;
  const second = `Also posted while B was away ${token()}`;
  await postClaim(page, first);
  await postClaim(page, second);

  // B must not have them yet (give a wrongly delivered event time to arrive).
  await pageB.waitForTimeout(1_500);
  await expect(claimCard(pageB, first)).toHaveCount(0);
  await expect(claimCard(pageB, second)).toHaveCount(0);

  await contextB.setOffline(false);
  await pageB.evaluate(() => window.__cruxibleLive?.connect());
  await expectLive(pageB);

  await expect(claimCard(pageB, first)).toHaveCount(1, LIVE);
  await expect(claimCard(pageB, second)).toHaveCount(1, LIVE);
  // Stay a moment: a late duplicate (replay and live path both delivering) would show up now.
  await pageB.waitForTimeout(1_000);
  await expect(claimCard(pageB, first)).toHaveCount(1);
  await expect(claimCard(pageB, second)).toHaveCount(1);
  // In the order they were posted (the default sort is oldest first).
  const order = await topLevelCards(pageB).allInnerTexts();
  const at = (text: string) => order.findIndex((t) => t.includes(text));
  expect(at(first)).toBeGreaterThanOrEqual(0);
  expect(at(first)).toBeLessThan(at(second));

  // And the live path works again after the reconnect.
  const third = `Posted after B came back ${token()}`;
  await postClaim(page, third);
  await expect(claimCard(pageB, third)).toHaveCount(1, LIVE);

  await expectNoReload(pageB);
  await contextB.close();
});

test("edits, deletes and votes propagate live; agreement is counted apart from quality", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUp(page, "author");
  await openDebate(page);

  const contextB = await browser.newContext({ baseURL });
  const pageB = await contextB.newPage();
  const handleB = await signUp(pageB, "voter");
  await openDebate(pageB);
  await markNoReload(pageB);

  const t = token();
  const original = `Claim to be edited ${t}`;
  const edited = `Claim after its edit ${t}`;
  const doomed = `Claim to be deleted ${t}`;
  const survivor = `Reply that outlives its parent ${t}`;

  const editId = await postClaim(page, original);
  const doomedId = await postClaim(page, doomed);
  await expect(claimCard(pageB, doomed)).toHaveCount(1, LIVE);
  // B replies to the claim A will delete; A sees the reply live.
  await postReply(pageB, claimCard(pageB, doomed), survivor, "Clarifies");
  await expect(replyCards(page, doomedId).filter({ hasText: survivor })).toHaveCount(1, LIVE);

  // --- Edit ---
  const editCardA = page.locator(`#claim-${editId}`);
  const editCardB = pageB.locator(`#claim-${editId}`);
  await expect(editCardB).toContainText(original, LIVE);
  await expect(editCardB.locator("details.edit-history")).toHaveCount(0);
  await editCardA.getByRole("button", { name: "Edit", exact: true }).click();
  const editForm = editCardA.getByRole("form", { name: `Edit claim ${editId}` });
  const editBox = editForm.getByRole("textbox", { name: `Edit claim ${editId}` });
  await expect(editBox).toHaveValue(original);
  await editBox.fill(edited);
  await editForm.getByRole("button", { name: "Save edit" }).click();
  await expect(editForm).toHaveCount(0);

  await expect(editCardB).toContainText(edited, LIVE);
  await expect(editCardB).not.toContainText(original);
  const marker = editCardB.getByRole("button", { name: /^edited\b/ });
  await expect(marker).toHaveAttribute("aria-expanded", "false");
  // Opening the marker shows the earlier version, full width below the claim's header.
  await marker.click();
  await expect(marker).toHaveAttribute("aria-expanded", "true");
  const history = editCardB.getByRole("region", { name: `Earlier versions of claim ${editId}` });
  await expect(history).toContainText(original);
  const [historyBox, cardBox] = [await history.boundingBox(), await editCardB.boundingBox()];
  expect(historyBox!.width).toBeGreaterThan(cardBox!.width * 0.8);

  // --- Delete ---
  const doomedCardA = page.locator(`#claim-${doomedId}`);
  const doomedCardB = pageB.locator(`#claim-${doomedId}`);
  page.once("dialog", (dialog) => void dialog.accept());
  await doomedCardA.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(doomedCardB).toContainText("[deleted]", LIVE);
  await expect(doomedCardB).not.toContainText(doomed);
  await expect(doomedCardB.getByRole("button", { name: "Reply", exact: true })).toHaveCount(0);
  // Its reply stays in place, in both browsers.
  await expect(replyCards(pageB, doomedId).filter({ hasText: survivor })).toHaveCount(1);
  await expect(replyCards(page, doomedId).filter({ hasText: survivor })).toHaveCount(1);
  await expect(
    replyCards(pageB, doomedId)
      .first()
      .getByRole("link", { name: `@${handleB}` }),
  ).toBeVisible();

  // --- Votes: B votes on A's (edited) claim; A sees the counts change live. ---
  const qualityB = editCardB.getByRole("group", { name: `Quality of claim ${editId}` });
  const agreementA = editCardA.getByRole("group", { name: `Agreement with claim ${editId}` });
  const agreementB = editCardB.getByRole("group", { name: `Agreement with claim ${editId}` });
  await expect(qualityCount(editCardA)).toHaveText("0");
  // A cannot vote on their own claim.
  await expect(editCardA.getByRole("button", { name: "Upvote quality" })).toBeDisabled();

  const upvote = qualityB.getByRole("button", { name: "Upvote quality" });
  await upvote.click();
  await expect(upvote).toHaveAttribute("aria-pressed", "true");
  await expect(qualityCount(editCardA)).toHaveText("1", LIVE);
  // Quality is not agreement.
  await expect(agreementA.getByRole("button", { name: "Agree (0)", exact: true })).toBeVisible();

  await agreementB.getByRole("button", { name: "Agree (0)", exact: true }).click();
  await expect(agreementA.getByRole("button", { name: "Agree (1)", exact: true })).toBeVisible(
    LIVE,
  );
  await expect(agreementA.getByRole("button", { name: "Disagree (0)", exact: true })).toBeVisible();
  await expect(qualityCount(editCardA)).toHaveText("1");

  // Taking the quality vote back changes quality only.
  await upvote.click();
  await expect(upvote).toHaveAttribute("aria-pressed", "false");
  await expect(qualityCount(editCardA)).toHaveText("0", LIVE);
  await expect(agreementA.getByRole("button", { name: "Agree (1)", exact: true })).toBeVisible();
  await expect(qualityCount(editCardB)).toHaveText("0");

  await expectNoReload(pageB);
  await contextB.close();
});
