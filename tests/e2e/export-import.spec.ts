/**
 * A reader downloads a debate (JSON and CSV); an admin imports the JSON as a new debate through
 * the admin page and finds the same thread there.
 */
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import {
  DEBATE_PATH,
  expectAccessible,
  SEEDED,
  signInAsNewAdmin,
  signUp,
  token,
  waitForHydration,
} from "./support/app";

test("a debate downloads as JSON and CSV; an admin imports it back as the same thread", async ({
  page,
  browser,
}, testInfo) => {
  await page.goto(DEBATE_PATH);
  const json = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download this debate as JSON" }).click();
  const file = await json;
  expect(file.suggestedFilename()).toMatch(/^rlhf-impact-\d{4}-\d{2}-\d{2}\.json$/);
  const saved = testInfo.outputPath("rlhf-impact.json");
  await file.saveAs(saved);
  const archive = JSON.parse(fs.readFileSync(saved, "utf8")) as { claims: { deleted: boolean }[] };
  // Claims deleted by earlier tests keep their place in the export but are not imported.
  const kept = archive.claims.filter((c) => !c.deleted).length;
  expect(archive.claims.length).toBeGreaterThanOrEqual(30);

  const csv = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download this debate as CSV files (zip)" }).click();
  expect((await csv).suggestedFilename()).toMatch(/-csv\.zip$/);

  // Someone who is not an admin is told so, with no form.
  const otherCtx = await browser.newContext();
  const other = await otherCtx.newPage();
  await signUp(other, "notadmin");
  await other.goto("/admin/import");
  await expect(other.getByText("Only admins import debates.")).toBeVisible();
  await expect(other.getByRole("form", { name: "Import a thread" })).toHaveCount(0);
  await otherCtx.close();

  await signInAsNewAdmin(page);
  await page.goto("/account");
  await page.getByRole("link", { name: "Import a thread" }).click();
  await expect(page).toHaveURL(/\/admin\/import$/);
  await waitForHydration(page, "form[aria-label='Import a thread']");
  const form = page.getByRole("form", { name: "Import a thread" });
  const slug = `rlhf-copy-${token()}`;
  await form.getByLabel("Address of the new debate").fill(slug);

  // A file that is not JSON: a clear message, and the address typed stays.
  const bad = testInfo.outputPath("bad.json");
  fs.writeFileSync(bad, "not json at all");
  await form.getByLabel("Thread file (JSON)").setInputFiles(bad);
  await form.getByRole("button", { name: "Import thread" }).click();
  await expect(form.getByRole("alert")).toHaveText("bad.json is not valid JSON.");
  await expect(form.getByLabel("Address of the new debate")).toHaveValue(slug);

  await form.getByLabel("Thread file (JSON)").setInputFiles(saved);
  await form.getByRole("button", { name: "Import thread" }).click();
  await expect(form.getByRole("status")).toContainText(`Imported ${kept} claims by`);
  await expectAccessible(page, "admin import done");
  await form.getByRole("link", { name: "The impact of RLHF research" }).click();
  await expect(page).toHaveURL(new RegExp(`/debates/${slug}$`));
  await expect(page.getByText(SEEDED.first)).toBeVisible();
  await expect(page.getByText(`@${slug}-1`).first()).toBeVisible();
});
