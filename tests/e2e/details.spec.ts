/**
 * Small things a newcomer trips over (issue 10, item 7): errors in words, errors that step aside
 * once fixed, a quote shown once, demo accounts that joined when the debate began, "Mark as read".
 */
import { expect, test, type Page } from "@playwright/test";
import {
  claimCard,
  expectAccessible,
  signUp,
  token,
  uniqueHandle,
  waitForHydration,
} from "./support/app";

/** A tRPC mutation sent by the page itself (same origin, the page's session cookie). */
async function mutate(page: Page, path: string, input: unknown): Promise<number> {
  return page.evaluate(
    async ([p, body]) =>
      (
        await fetch(`/api/trpc/${p}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).status,
    [path, input] as const,
  );
}

test("a form error names the field in words and steps aside once the field is edited", async ({
  page,
}) => {
  await page.goto("/signup");
  await waitForHydration(page, "form.auth-box");
  const form = page.getByRole("form", { name: "Sign up" });
  await form.getByLabel("Handle", { exact: true }).fill(uniqueHandle("err"));
  const password = form.getByLabel("Password", { exact: true });
  await password.fill("short");
  await form.getByRole("button", { name: "Create account" }).click();
  const alert = form.getByRole("alert");
  await expect(alert).toHaveText(/^Password must be at least \d+ characters/);
  await expectAccessible(page, "sign-up form with an error");

  await password.fill("short but now much longer and harder to guess");
  await expect(alert).toBeHidden();
});

test("a seeded reply shows the passage it quotes once", async ({ page }) => {
  await page.goto("/debates/rlhf-impact");
  const card = claimCard(page, "I am very confused why you think this");
  await expect(card).toBeVisible();
  const text = (await card.innerText()).split("Imitation learning works nearly as well").length - 1;
  expect(text).toBe(1);
});

test("demo accounts joined when the debate began, not when the machine seeded it", async ({
  page,
}) => {
  await page.goto("/users/commenter-1");
  await expect(page.getByText(/joined \d+ years? ago/)).toBeVisible();
});

test("one unread notification offers to mark it as read, in words that fit one", async ({
  browser,
}) => {
  const maker = await (await browser.newContext()).newPage();
  const target = await (await browser.newContext()).newPage();
  const targetHandle = await signUp(target, "target");
  await signUp(maker, "maker");
  const cruxes = (await (await maker.request.get("/api/v1/debates/rlhf-impact/cruxes")).json()) as {
    cruxes: { id: number; status: string }[];
  };
  const open = cruxes.cruxes.find((c) => c.status === "open");
  expect(open).toBeDefined();
  expect(
    await mutate(maker, "bets.offer", {
      id: open!.id,
      side: "yes",
      price: 60,
      stake: 10,
      counterpartyHandle: targetHandle,
      idempotencyKey: `details-${token()}`,
    }),
  ).toBe(200);

  await target.goto("/notifications");
  const button = target.getByRole("button", { name: "Mark as read" });
  await expect(button).toBeVisible();
  await button.click();
  await expect(button).toBeHidden();
  await target.reload();
  await expect(target.getByRole("button", { name: /Mark/ })).toHaveCount(0);
});
