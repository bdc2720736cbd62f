/**
 * Reports and hiding, between real browsers (docs/moderation.md): a reader reports a claim, a
 * moderator's open queue shows it live and they hide it, and every open page of the debate changes live:
 * the reader sees "hidden by moderators: <reason>", the author still sees the text, marked hidden.
 */
import { expect, test, type Browser, type Page } from "@playwright/test";
import {
  claimCard,
  DEBATE_PATH,
  expectAccessible,
  openDebate,
  PASSWORD,
  postClaim,
  signIn,
  signUp,
  token,
  uniqueHandle,
  runCli,
} from "./support/app";

const LIVE = { timeout: 5_000 };

/** A site-wide moderator made with the CLI, as an operator would, signed in in a new browser. */
async function newModerator(browser: Browser): Promise<{ page: Page; handle: string }> {
  const handle = uniqueHandle("mod");
  runCli("user:create", handle, "--password", PASSWORD);
  runCli("role:grant", handle, "moderator");
  const page = await (await browser.newContext()).newPage();
  await signIn(page, handle, PASSWORD);
  return { page, handle };
}

async function newBrowser(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("a report reaches the moderator's queue; hiding the claim shows live in other browsers", async ({
  browser,
}) => {
  const secret = `Buy cheap watches at example dot com ${token()}`;
  const reason = `spam ${token()}`;

  // The author posts; their page stays open.
  const authorPage = await newBrowser(browser);
  await signUp(authorPage, "author");
  await openDebate(authorPage);
  const id = await postClaim(authorPage, secret);

  // A moderator has the queue open.
  const mod = await newModerator(browser);
  await mod.page.getByRole("banner").getByRole("link", { name: "Moderation" }).click();
  await expect(mod.page.getByRole("heading", { level: 1, name: "Moderation" })).toBeVisible();
  await mod.page.evaluate(() => {
    window.__noReload = "the queue page, unreloaded";
  });

  // A reader reports it; a failed report keeps what they wrote.
  const readerPage = await newBrowser(browser);
  await signUp(readerPage, "reader");
  await openDebate(readerPage);
  await readerPage.evaluate(() => {
    window.__noReload = "still the same document";
  });
  const card = claimCard(readerPage, secret);
  await card.getByRole("button", { name: `Report claim ${id}` }).click();
  const dialog = readerPage.getByRole("dialog", { name: `Report claim ${id}` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("radio", { name: "Something else" }).check();
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(dialog.getByRole("alert")).toContainText("say what is wrong");
  await expect(dialog.getByRole("radio", { name: "Something else" })).toBeChecked();
  await dialog.getByLabel(/Details/).fill("Advertising watches, nothing to do with RLHF.");
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(dialog.getByRole("status")).toHaveText("Thanks: moderators will look at it.");
  await expectAccessible(readerPage, "report dialog sent");
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  // A second report of the same claim is refused with a clear message.
  await card.getByRole("button", { name: `Report claim ${id}` }).click();
  await dialog.getByRole("radio", { name: "Spam or advertising" }).check();
  await dialog.getByRole("button", { name: "Send report" }).click();
  await expect(dialog.getByRole("alert")).toContainText("already reported this claim");
  await dialog.getByRole("button", { name: "Cancel" }).click();

  // It reaches the moderator's open queue live, in context; they hide it.
  const item = mod.page.getByRole("listitem").filter({
    has: mod.page.getByRole("heading", { name: new RegExp(`^Claim ${id} by @`) }),
  });
  await expect(item).toContainText(secret, LIVE);
  expect(await mod.page.evaluate(() => window.__noReload)).toBe("the queue page, unreloaded");
  await expect(item).toContainText("Advertising watches");
  await expect(item).toContainText("Something else");
  await expectAccessible(mod.page, "moderation queue");
  await item.getByLabel("Reason shown to everyone").fill(reason);
  await item.getByRole("button", { name: `Hide claim ${id}` }).click();
  await expect(item.getByRole("button", { name: `Restore claim ${id}` })).toBeVisible();

  // The reader's open page turns it into the placeholder, without a reload.
  const hiddenCard = readerPage.locator(`#claim-${id}`);
  await expect(hiddenCard).toContainText(`hidden by moderators: ${reason}`, LIVE);
  await expect(hiddenCard).not.toContainText(secret);
  expect(await readerPage.evaluate(() => window.__noReload)).toBe("still the same document");

  // The author still reads their text, marked hidden.
  const authorCard = authorPage.locator(`#claim-${id}`);
  await expect(authorCard.locator(".hidden-badge")).toBeVisible(LIVE);
  await expect(authorCard).toContainText(secret);

  // A fresh, signed-out page never gets the text, not even in the HTML.
  const anon = await newBrowser(browser);
  const response = await anon.goto(`${DEBATE_PATH}/claims/${id}`);
  expect(await response?.text()).not.toContain(secret);
  await expect(anon.locator(`#claim-${id}`)).toContainText(`hidden by moderators: ${reason}`);

  // Resolving closes the item; the log records both actions.
  await item.getByLabel("Note for the log").fill("hidden as spam");
  await item.getByRole("button", { name: /^Resolve the reports about/ }).click();
  await expect(item).toHaveCount(0);
  await mod.page.goto("/moderation/log");
  await expect(mod.page.getByRole("table")).toContainText("claim.hide");
  await expect(mod.page.getByRole("table")).toContainText("report.resolve");

  // Restored from the thread, it comes back live for the reader.
  await mod.page.goto(`${DEBATE_PATH}/claims/${id}`);
  await mod.page
    .locator(`#claim-${id}`)
    .getByRole("button", { name: `Restore claim ${id}` })
    .click();
  await expect(readerPage.locator(`#claim-${id}`)).toContainText(secret, LIVE);
  await expect(readerPage.locator(`#claim-${id}`)).not.toContainText("hidden by moderators");
});
