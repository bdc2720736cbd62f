/** The crux map (issue 13): the seeded map, its list view, previews, filters, downloads, live updates. */
import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { DEBATE_PATH, expectAccessible, saveScreenshot, signUp, token } from "./support/app";

const MAP_PATH = `${DEBATE_PATH}/map`;
const NECESSARY = "Was RLHF necessary for ChatGPT's commercial success?";

const svgNodes = (page: Page) => page.getByTestId("crux-map").locator("a[data-node-id]");
const listNodes = (page: Page) => page.getByTestId("crux-map-list").locator("li[data-node-id]");
const ids = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) => els.map((e) => e.getAttribute("data-node-id")!));

async function openMap(page: Page) {
  await page.goto(MAP_PATH);
  await expect(page.getByRole("heading", { level: 1, name: "Crux map" })).toBeVisible();
  await expect(page.locator(".map-controls").getByRole("status")).toHaveText("● Live");
}

interface ApiMap {
  nodes: { id: string; kind: string; status?: string }[];
  edges: { kind: string; strength?: number | null }[];
}

/** The map as an anonymous reader gets it from API v1 (other specs may have added cruxes). */
async function apiMap(page: Page): Promise<ApiMap> {
  const res = await page.request.get("/api/v1/debates/rlhf-impact/map");
  expect(res.status()).toBe(200);
  return (await res.json()) as ApiMap;
}

/** A tRPC mutation sent by the page itself (same origin, its session cookie); returns the data. */
async function mutate<T>(page: Page, path: string, input: unknown): Promise<T> {
  const res = await page.evaluate(
    async ([p, body]) => {
      const r = await fetch(`/api/trpc/${p}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      return { status: r.status, json: (await r.json()) as { result?: { data: unknown } } };
    },
    [path, input] as const,
  );
  expect(res.status, JSON.stringify(res.json)).toBe(200);
  return res.json.result!.data as T;
}

test("the debate links to its map; the seeded map draws positions, cruxes and weighted links, and the list lists the same", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto(DEBATE_PATH);
  await page.getByRole("link", { name: "See the crux map" }).click();
  await expect(page).toHaveURL(new RegExp(`${MAP_PATH}$`));
  await expect(page).toHaveTitle(/Crux map: The impact of RLHF research/);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /cruxes/);
  await expect(page.locator(".map-controls").getByRole("status")).toHaveText("● Live");

  const api = await apiMap(page);
  const bearsOn = api.edges.filter((e) => e.kind === "bears-on");
  // The seed alone has 7 cruxes, 14 positions and 9 linked replies, 19 links and a condition.
  expect(api.nodes.filter((n) => n.kind === "crux").length).toBeGreaterThanOrEqual(7);
  expect(api.nodes.length).toBeGreaterThanOrEqual(30);
  expect(bearsOn.length).toBeGreaterThanOrEqual(19);
  await expect(svgNodes(page)).toHaveCount(api.nodes.length);
  const onMap = await ids(page, "[data-testid=crux-map] a[data-node-id]");
  expect([...onMap].sort()).toEqual(api.nodes.map((n) => n.id).sort());
  await expect(page.locator("[data-testid=crux-map] path[data-edge=bears-on]")).toHaveCount(
    bearsOn.length,
  );
  await expect(page.locator("[data-testid=crux-map] path[data-edge=condition]")).toHaveCount(
    api.edges.length - bearsOn.length,
  );
  const necessary = svgNodes(page).filter({ hasText: "Was RLHF necessary" });
  await expect(necessary).toHaveAttribute(
    "aria-label",
    /^\d+%, Crux · open\. Was RLHF necessary.*double crux$/,
  );
  // The hidden-crowd crux says so instead of a number.
  await expect(svgNodes(page).filter({ hasText: "Is mode collapse" })).toContainText("hidden");
  // Labels do not overlap: no two node boxes intersect.
  const boxes = await svgNodes(page).evaluateAll((els) =>
    els.map((e) => (e.querySelector("rect") as SVGRectElement).getBoundingClientRect().toJSON()),
  );
  for (const [i, a] of boxes.entries())
    for (const b of boxes.slice(i + 1))
      expect(
        a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom,
        "two nodes overlap",
      ).toBe(false);
  await expectAccessible(page, "crux map at 1440x900");
  await saveScreenshot(page, testInfo, "map-1440", false);

  // Hover a position: its camps on each crux.
  await svgNodes(page).filter({ hasText: "Objection: RLHF makes AI" }).hover();
  const camps = page.getByRole("table", { name: /Where the camps disagree/ });
  await expect(camps).toBeVisible();
  await expect(camps.getByRole("row", { name: /Was RLHF necessary/ })).toContainText(
    /30%\s*85%\s*55 pts/,
  );

  // Filters: strong links only, then resolved cruxes only (none yet).
  await page.getByLabel(/Minimum strength/).fill("50");
  await expect(page.locator("[data-testid=crux-map] path[data-edge=bears-on]")).toHaveCount(
    bearsOn.filter((e) => (e.strength ?? 0) >= 0.5).length,
  );
  await page.getByLabel(/Minimum strength/).fill("0");
  await page.getByRole("combobox", { name: /^Cruxes/ }).selectOption("resolved");
  await expect(page.locator("[data-testid=crux-map] a[data-node-id^=crux-]")).toHaveCount(
    api.nodes.filter((n) => n.status === "resolved" || n.status === "annulled").length,
  );
  await page.getByRole("combobox", { name: /^Cruxes/ }).selectOption("all");
  await page.getByLabel("Colour links by how far apart the camps are").check();
  await expectAccessible(page, "crux map coloured by camp gap");

  // Downloads: the SVG as a file, and a PNG drawn from it.
  const [svgFile] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download SVG" }).click(),
  ]);
  expect(svgFile.suggestedFilename()).toBe("crux-map.svg");
  const svgText = fs.readFileSync((await svgFile.path())!, "utf8");
  expect(svgText).toMatch(/^<\?xml[\s\S]*<svg[\s\S]*Was RLHF necessary/);
  const [pngFile] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("button", { name: "Download PNG" }).click(),
  ]);
  expect(pngFile.suggestedFilename()).toBe("crux-map.png");
  const png = fs.readFileSync((await pngFile.path())!);
  expect(png.subarray(1, 4).toString()).toBe("PNG");
  expect(png.length).toBeGreaterThan(10_000);

  // The list view shows the same nodes.
  await page.getByRole("button", { name: "List" }).click();
  await expect(listNodes(page)).toHaveCount(api.nodes.length);
  expect((await ids(page, "[data-testid=crux-map-list] li[data-node-id]")).sort()).toEqual(
    [...onMap].sort(),
  );
  await expect(page.getByTestId("crux-map-list")).toContainText(
    "strength 50 pts (2 ratings); camps: agree 30%, disagree 85%, 55 pts apart; double crux",
  );
  await expectAccessible(page, "crux map list at 1440x900");

  // Clicking a crux node opens the crux.
  await page.getByRole("button", { name: "Map" }).click();
  await svgNodes(page).filter({ hasText: "Was RLHF necessary" }).click();
  await expect(page).toHaveURL(/\/cruxes\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(NECESSARY.slice(0, 30));
});

test("on a phone the map opens as a list, and the map is one tap away", async ({
  page,
}, testInfo) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openMap(page);
  const { nodes } = await apiMap(page);
  await expect(listNodes(page)).toHaveCount(nodes.length);
  await expect(page.getByRole("button", { name: "List" })).toHaveAttribute("aria-pressed", "true");
  await expectAccessible(page, "crux map list at 390x844");
  await saveScreenshot(page, testInfo, "map-list-390", false);
  await page.getByRole("button", { name: "Map" }).click();
  await expect(svgNodes(page)).toHaveCount(nodes.length);
  await page.getByRole("button", { name: "Zoom in" }).click();
  await expectAccessible(page, "crux map at 390x844");
  await saveScreenshot(page, testInfo, "map-390", false);
});

test("a crux made and linked in one browser appears on another's open map without reload, and nothing else moves", async ({
  browser,
}) => {
  const a = await browser.newContext();
  const b = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const pageA = await a.newPage();
  const pageB = await b.newPage();
  await signUp(pageA, "mapper");
  await openMap(pageB);
  await pageB.evaluate(() => (window.__noReload = "still here"));
  const before = await svgNodes(pageB).count();
  const edgesBefore = await pageB
    .locator("[data-testid=crux-map] path[data-edge=bears-on]")
    .count();
  const rectOf = (id: string) =>
    pageB
      .locator(`[data-testid=crux-map] a[data-node-id="${id}"] rect`)
      .evaluate((r) => [r.getAttribute("x"), r.getAttribute("y")]);
  const necessaryId = await svgNodes(pageB)
    .filter({ hasText: "Was RLHF necessary" })
    .getAttribute("data-node-id");
  const kept = await rectOf(necessaryId!);

  const positions = await ids(pageB, "[data-testid=crux-map] a[data-node-id^=claim-]");
  const [first, second] = positions.map((id) => Number(id.slice("claim-".length)));
  const title = `Will the map show this crux live? ${token()}`;
  const crux = await mutate<{ id: number }>(pageA, "cruxes.create", {
    debateSlug: "rlhf-impact",
    claimId: first,
    title,
    resolutionCriteria: "Resolves YES if it does.",
    closesAt: new Date(Date.now() + 365 * 24 * 3600 * 1000).toISOString(),
  });
  await mutate(pageA, "cruxes.link", {
    id: crux.id,
    claimId: second,
    pClaimIfYes: 0.9,
    pClaimIfNo: 0.2,
  });

  const node = pageB.locator(`[data-testid=crux-map] a[data-node-id="crux-${crux.id}"]`);
  await expect(node).toContainText("Will the map show");
  await expect(svgNodes(pageB)).toHaveCount(before + 1);
  await expect(pageB.locator(`[data-testid=crux-map] path[data-edge=bears-on]`)).toHaveCount(
    edgesBefore + 2,
  );
  // Existing nodes stay where they were.
  expect(await rectOf(necessaryId!)).toEqual(kept);
  expect(await pageB.evaluate(() => window.__noReload)).toBe("still here");

  // A forecast from A moves the new crux's number on B's map.
  await mutate(pageA, "cruxes.forecast", { id: crux.id, probability: 0.25 });
  await expect(node).toContainText("25%");
  await expect(node).toHaveAttribute("aria-label", /^25%, Crux · open\. Will the map show/);
  await a.close();
  await b.close();
});

declare global {
  interface Window {
    __noReload?: string;
  }
}

test("a link to the map previews as a picture of the debate's cruxes", async ({
  page,
  request,
}) => {
  await page.goto(`${DEBATE_PATH}/map`);
  const image = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(image).toMatch(/\/debates\/rlhf-impact\/map\/opengraph-image/);
  const res = await request.get(image!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toBe("image/png");
  const png = await res.body();
  expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
  expect(png.length).toBeGreaterThan(10_000);
});

test("the state of the debate names where the camps split most and links the map", async ({
  page,
}) => {
  await page.goto(DEBATE_PATH);
  const panel = page.getByRole("region", { name: "State of the debate" });
  const line = panel.locator(".widest-gap");
  await expect(line).toContainText("Where the camps split most");
  await expect(line).toContainText(/at \d+(\.\d)?%, those who disagree at \d+(\.\d)?%/);
  await line.getByRole("link", { name: "See it on the crux map" }).click();
  // The client router changes the address once the map page has rendered on the server, which
  // takes a while on a busy machine after the whole suite has filled the debate.
  await expect(page).toHaveURL(/\/debates\/rlhf-impact\/map$/, { timeout: 30_000 });
});
