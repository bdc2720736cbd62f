/** Helpers for driving Cruxible's pages the way a person does: by roles and accessible names. */
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Locator, type Page, type TestInfo } from "@playwright/test";

declare global {
  interface Window {
    /** Set by a successful XSS payload in tests/e2e/xss.spec.ts; must stay undefined. */
    __xss?: number;
    /** Set by a test before live updates; still there afterwards means the page never reloaded. */
    __noReload?: string;
  }
}

export const DEBATE_SLUG = "rlhf-impact";
export const DEBATE_PATH = `/debates/${DEBATE_SLUG}`;
export const DEBATE_TITLE = "The impact of RLHF research";
export const PASSWORD = "e2e-password-123";

/** Opening words of seeded claims (db/seed/rlhf-impact.json), quote-free so they match in HTML too. */
export const SEEDED = {
  /** c01, top level, quality +1. */
  first: "In this post I describe my basic justification for working on RLHF in 2017-2020",
  /** c02, top level, quality 0. */
  second: "The simplest plausible alignment strategies",
  /** c11, top level, with a deep subtree (c62 > c68 > c72 > c73 > c74). */
  lessSafe: "Objection: RLHF is less safe",
  /** c12, top level, no replies in the seed. */
  impractical: "the whole approach is impractical",
  /** c36, a reply with exactly one reply (c39). */
  oneReply: "One thing worth pointing out in defense of the original",
  /** c74, five levels below c11. */
  deepest: "What do you mean when you say the model is or is not",
} as const;

/** A short random token that makes texts and handles unique per run. */
export function token(): string {
  return crypto.randomBytes(4).toString("hex");
}

/** Handles are 3–32 lowercase letters, digits and dashes. */
export function uniqueHandle(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${token()}`.slice(0, 32);
}

/** Waits until React has hydrated the element (client-side handlers are attached). */
export async function waitForHydration(page: Page, selector: string): Promise<void> {
  await page.waitForFunction((sel) => {
    const el = document.querySelector(sel);
    return el !== null && Object.keys(el).some((k) => k.startsWith("__reactFiber"));
  }, selector);
}

/** The header link that shows who is signed in. */
export function accountLink(page: Page, handle: string): Locator {
  // The name starts with the visible text (WCAG 2.5.3, axe's label-content-name-mismatch).
  return page.getByRole("banner").getByRole("link", { name: `@${handle}, your account` });
}

/** Signs a new user up through /signup; returns the handle once the header shows it. */
export async function signUp(page: Page, prefix = "e2e"): Promise<string> {
  const handle = uniqueHandle(prefix);
  await page.goto("/signup");
  await waitForHydration(page, "form.auth-box");
  const form = page.getByRole("form", { name: "Sign up" });
  await form.getByLabel("Handle", { exact: true }).fill(handle);
  await form.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await form.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(accountLink(page, handle)).toHaveText(`@${handle}`);
  return handle;
}

/** Signs in through /signin; returns once the header shows who is signed in. */
export async function signIn(page: Page, handle: string, password: string): Promise<void> {
  await page.goto("/signin");
  await waitForHydration(page, "form[aria-label='Sign in']");
  const form = page.getByRole("form", { name: "Sign in" });
  await form.getByLabel("Handle").fill(handle);
  await form.getByLabel("Password").fill(password);
  await form.getByRole("button", { name: "Sign in" }).click();
  await expect(accountLink(page, handle)).toHaveText(`@${handle}`);
}

/** Signs in as one of the seeded debate's demo accounts (password from db/seed). */
export async function signInAsDemo(page: Page, handle: string): Promise<void> {
  await signIn(page, handle, "cruxible-demo");
}

/** Runs the admin CLI as an operator would, against the e2e server's database; returns stdout. */
export function runCli(...args: string[]): string {
  const url = fs.readFileSync("test-results/e2e-database-url", "utf8");
  return execFileSync(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
  });
}

/**
 * Makes a new admin with the CLI (as an operator would, against the e2e server's database) and
 * signs in as them; returns the handle.
 */
export async function signInAsNewAdmin(page: Page): Promise<string> {
  const handle = uniqueHandle("admin");
  runCli("user:create", handle, "--password", PASSWORD, "--admin");
  await signIn(page, handle, PASSWORD);
  return handle;
}

/** Opens the seeded debate and waits until its live connection has joined the room. */
export async function openDebate(page: Page): Promise<void> {
  await page.goto(DEBATE_PATH);
  await expect(page.getByRole("heading", { level: 1, name: DEBATE_TITLE })).toBeVisible();
  await expectLive(page);
}

export function liveStatus(page: Page): Locator {
  return page.locator(".thread-toolbar").getByRole("status");
}

export async function expectLive(page: Page): Promise<void> {
  await expect(liveStatus(page)).toHaveText("● Live");
}

/** Claim cards (articles) whose text contains `text`; tests expect exactly one. */
export function claimCard(page: Page, text: string): Locator {
  return page.getByRole("article").filter({ hasText: text });
}

/** The claim list (top level) and its direct children's cards, in display order. */
export function topLevelCards(page: Page): Locator {
  return page.getByRole("list", { name: "Claims" }).locator(":scope > li > article");
}

/** Cards of the direct replies of claim `id`, in display order. */
export function replyCards(page: Page, id: number): Locator {
  return page.locator(`li:has(> article#claim-${id}) > ol.replies > li > article`);
}

/** Every card inside claim `id`'s list item: the claim and all its visible descendants. */
export function subtreeCards(page: Page, id: number): Locator {
  return page.locator(`li:has(> article#claim-${id}) article`);
}

/** The numeric id of a claim card (from its `claim-<id>` element id). */
export async function claimId(card: Locator): Promise<number> {
  const id = await card.getAttribute("id");
  const match = /^claim-(\d+)$/.exec(id ?? "");
  if (!match) throw new Error(`not a claim card: id=${id}`);
  return Number(match[1]);
}

/** The new-claim composer at the top of the debate. */
export function newClaimForm(page: Page): Locator {
  return page.getByRole("form", { name: "Post a new claim" });
}

/** Posts a top-level claim and returns its id once its card shows. `marker` must be in the text. */
export async function postClaim(page: Page, body: string, marker = body): Promise<number> {
  const form = newClaimForm(page);
  await form.getByRole("textbox", { name: "Post a new claim" }).fill(body);
  await form.getByRole("button", { name: "Post claim" }).click();
  await expect(form.getByRole("textbox", { name: "Post a new claim" })).toHaveValue("");
  const card = claimCard(page, marker);
  await expect(card).toHaveCount(1);
  return claimId(card);
}

export type StanceLabel = "Supports" | "Opposes" | "Clarifies";

/** Replies to the claim card `parent` with a stance; returns the reply's id. */
export async function postReply(
  page: Page,
  parent: Locator,
  body: string,
  stance: StanceLabel,
): Promise<number> {
  const parentId = await claimId(parent);
  await parent.getByRole("button", { name: "Reply", exact: true }).click();
  const form = parent.getByRole("form", { name: `Reply to claim ${parentId}` });
  await form.getByLabel("Stance").selectOption({ label: stance });
  await form.getByRole("textbox", { name: `Reply to claim ${parentId}` }).fill(body);
  await form.getByRole("button", { name: "Post reply" }).click();
  await expect(form).toHaveCount(0);
  const card = replyCards(page, parentId).filter({ hasText: body });
  await expect(card).toHaveCount(1);
  return claimId(card);
}

/** The quality score shown on a claim card. */
export function qualityCount(card: Locator): Locator {
  return card.getByRole("group", { name: /^Quality of claim \d+$/ }).locator(".vote-number");
}

/** Saves a screenshot under test-results/screenshots/ and attaches it to the report. */
export async function saveScreenshot(
  page: Page,
  testInfo: TestInfo,
  name: string,
  fullPage = true,
): Promise<void> {
  const dir = path.join(testInfo.project.outputDir, "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  await testInfo.attach(name, { path: file, contentType: "image/png" });
}

/**
 * Runs axe-core on the page as it is now (WCAG 2.1 A and AA rules) and fails with every violation
 * listed, so a test can check each state it reaches (an open form, a resolved crux, a phone width).
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  const found = violations.map(
    (v) =>
      `${v.id} (${v.impact ?? "?"}): ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`,
  );
  expect(found, `accessibility violations on ${state}`).toEqual([]);
}

/** Calls a tRPC procedure from the page (same origin, the page's session) and returns its data. */
export async function callTrpc<T>(page: Page, procedure: string, input: unknown): Promise<T> {
  const body = await page.evaluate(
    async ([p, i]) => {
      const res = await fetch(`/api/trpc/${p}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(i),
      });
      return (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
    },
    [procedure, input] as const,
  );
  if (!body.result) throw new Error(`${procedure}: ${body.error?.message ?? "failed"}`);
  return body.result.data as T;
}

/** Reads a tRPC query from the page (GET, the page's session). */
export async function readTrpc<T>(page: Page, procedure: string, input?: unknown): Promise<T> {
  const body = await page.evaluate(
    async ([p, i]) => {
      const query = i === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(i))}`;
      const res = await fetch(`/api/trpc/${p}${query}`);
      return (await res.json()) as { result?: { data: unknown }; error?: { message: string } };
    },
    [procedure, input] as const,
  );
  if (!body.result) throw new Error(`${procedure}: ${body.error?.message ?? "failed"}`);
  return body.result.data as T;
}
