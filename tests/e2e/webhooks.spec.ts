/**
 * A person makes a webhook on their account page, a claim is posted, and the page lists the
 * delivery their receiver (run by this test on loopback) answered.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import {
  DEBATE_PATH,
  expectAccessible,
  postClaim,
  signUp,
  token,
  waitForHydration,
} from "./support/app";

test("a webhook made on the account page receives a new claim and lists the delivery", async ({
  page,
}) => {
  const bodies: string[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c: Buffer) => (body += c.toString()));
    req.on("end", () => (bodies.push(body), res.writeHead(204).end()));
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  try {
    await signUp(page, "hooks");
    await page.goto("/account");
    await waitForHydration(page, "form[aria-label='Create a webhook']");
    const form = page.getByRole("form", { name: "Create a webhook" });
    await form.getByLabel("URL").fill(url);
    await form.getByLabel(/Only this debate/).fill("rlhf-impact");
    await form.getByLabel("claim.created").check();
    await form.getByRole("button", { name: "Create webhook" }).click();
    const hook = page.getByRole("article", { name: `Webhook to ${url}` });
    await expect(hook).toContainText("claim.created in /debates/rlhf-impact");
    await expect(hook.locator("code.secret")).toHaveText(/^whsec_/);
    await expectAccessible(page, "account with a webhook");

    const text = `Webhook e2e ${token()}`;
    await page.goto(DEBATE_PATH);
    await postClaim(page, text);
    await expect.poll(() => bodies.some((b) => b.includes(text)), { timeout: 20_000 }).toBe(true);

    await page.goto("/account");
    await expect(
      page
        .getByRole("article", { name: `Webhook to ${url}` })
        .getByRole("row")
        .nth(1),
    ).toContainText("delivered");
    await page.getByRole("button", { name: `Delete webhook to ${url}` }).click();
    await expect(page.getByRole("article", { name: `Webhook to ${url}` })).toHaveCount(0);
  } finally {
    receiver.closeAllConnections();
    await new Promise((resolve) => receiver.close(resolve));
  }
});
