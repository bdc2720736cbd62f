/**
 * Following (docs/notifications.md): a reader follows a crux from its page; when its maker
 * proposes a resolution, the reader's bell counts it live, and the notifications page lists it,
 * with what they follow and their preferences. Setup that is not the point goes through tRPC.
 */
import { expect, test } from "@playwright/test";
import {
  DEBATE_SLUG,
  expectAccessible,
  signUp,
  token,
  waitForHydration,
  callTrpc as call,
  readTrpc as read,
} from "./support/app";

test("a follower hears of a proposal live, and manages what they follow and hear", async ({
  browser,
}) => {
  const makerContext = await browser.newContext();
  const readerContext = await browser.newContext();
  const maker = await makerContext.newPage();
  const reader = await readerContext.newPage();
  await signUp(maker, "maker");
  await signUp(reader, "follower");
  const title = `Will the follow test pass? ${token()}`;
  const crux = await call<{ id: number }>(maker, "cruxes.create", {
    debateSlug: DEBATE_SLUG,
    title,
    resolutionCriteria: "YES if it does.",
    closesAt: new Date(Date.now() + 3 * 24 * 3600_000).toISOString(),
  });

  await reader.goto(`/cruxes/${crux.id}`);
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText(title);
  await waitForHydration(reader, ".follow button");
  await reader.getByRole("button", { name: "Follow this crux" }).click();
  await expect(reader.getByRole("button", { name: "Unfollow this crux" })).toBeVisible();
  await expect(reader.locator(".follow [role=status]")).toContainText("Following:");
  await expectAccessible(reader, "a followed crux");
  const bell = reader.getByRole("banner").getByRole("link", { name: /^Notifications/ });
  await expect(bell).toHaveAccessibleName("Notifications");

  await call(maker, "resolution.propose", { id: crux.id, outcome: "yes" });
  // Live: the page was not reloaded. The e2e server has no dispute window (DISPUTE_WINDOW_HOURS=0),
  // so the proposal is final at once: proposed, then resolved.
  await expect(bell).toHaveAccessibleName("Notifications, 2 unread");

  await bell.click();
  await expect(reader.getByRole("heading", { level: 1 })).toHaveText("Notifications");
  await expect(
    reader.getByRole("link", { name: `“${title}” was proposed to resolve YES`, exact: false }),
  ).toBeVisible();
  await expect(
    reader.getByRole("link", { name: `“${title}” resolved YES`, exact: false }),
  ).toBeVisible();
  const follows = reader.getByRole("region", { name: "What you follow" });
  await expect(follows.getByRole("link", { name: title })).toBeVisible();

  // Preferences: turning a kind off and a bad number explained, nothing saved.
  const prefs = reader.getByRole("form", { name: "Notification preferences" });
  await waitForHydration(reader, ".notification-prefs button");
  await prefs.getByLabel("The community prediction on a crux you follow moves").uncheck();
  await prefs.getByLabel(/Remind me of a forecast once it is/).fill("400");
  await prefs.getByRole("button", { name: "Save notification preferences" }).click();
  await expect(prefs.getByRole("alert")).toContainText(/from 1 to 365/);
  await prefs.getByLabel(/Remind me of a forecast once it is/).fill("14");
  await prefs.getByRole("button", { name: "Save notification preferences" }).click();
  await expect(prefs.getByRole("status")).toHaveText("Saved.");
  expect(await read(reader, "follows.preferences")).toEqual({
    off: ["crowd-move"],
    movePoints: 10,
    closingSoonHours: 24,
    staleAfterDays: 14,
  });
  await expectAccessible(reader, "notifications with preferences");

  await follows.getByRole("button", { name: `Unfollow the crux ${title}` }).click();
  await expect(follows.getByRole("link", { name: title })).toHaveCount(0);
  expect(await read(reader, "follows.cruxFollowState", { id: crux.id })).toEqual({
    following: false,
  });
  await makerContext.close();
  await readerContext.close();
});
