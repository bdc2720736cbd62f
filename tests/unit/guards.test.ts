import { describe, expect, it } from "vitest";
import {
  bodyRefusal,
  clientAddress,
  crossSiteWrite,
  MAX_BODY_BYTES,
  securityHeaders,
} from "@/server/http/guards";
import { safeRedirectPath } from "@/lib/safeRedirect";
import { nulPath } from "@/server/trpc/init";
import { passwordProblem } from "@/server/domain/passwords";

describe("bodyRefusal", () => {
  it("lets bodies up to the cap through and refuses larger ones by their declared length", () => {
    expect(bodyRefusal({})).toBeNull();
    expect(bodyRefusal({ "content-length": String(MAX_BODY_BYTES) })).toBeNull();
    expect(bodyRefusal({ "content-length": String(MAX_BODY_BYTES + 1) })).toMatchObject({
      status: 413,
      code: "PAYLOAD_TOO_LARGE",
    });
    expect(bodyRefusal({ "content-length": "lots" })?.status).toBe(400);
  });

  it("refuses a streamed body of unknown length", () => {
    expect(bodyRefusal({ "transfer-encoding": "chunked" })).toMatchObject({ status: 411 });
  });
});

describe("crossSiteWrite", () => {
  const own = "https://cruxible.example";
  it("refuses a cookie-authenticated write from another origin or from nowhere", () => {
    expect(
      crossSiteWrite("POST", { cookie: "s=1", origin: "https://evil.example" }, own),
    ).toMatchObject({ status: 403, message: expect.stringContaining("https://evil.example") });
    expect(crossSiteWrite("DELETE", { cookie: "s=1" }, own)?.status).toBe(403);
    expect(
      crossSiteWrite("POST", { cookie: "s=1", referer: "https://evil.example/page" }, own)?.status,
    ).toBe(403);
  });

  it("lets through our own origin, the request's own host, reads, key-authenticated and cookieless writes", () => {
    expect(crossSiteWrite("POST", { cookie: "s=1", origin: own }, own)).toBeNull();
    expect(
      crossSiteWrite(
        "POST",
        { cookie: "s=1", origin: "http://127.0.0.1:3000", host: "127.0.0.1:3000" },
        "http://localhost:3000",
      ),
    ).toBeNull();
    expect(
      crossSiteWrite("GET", { cookie: "s=1", origin: "https://evil.example" }, own),
    ).toBeNull();
    expect(crossSiteWrite("POST", { cookie: "s=1", authorization: "Bearer k" }, own)).toBeNull();
    expect(crossSiteWrite("POST", { origin: "https://evil.example" }, own)).toBeNull();
  });
});

describe("clientAddress", () => {
  it("uses the peer unless told to trust a proxy's X-Forwarded-For", () => {
    const headers = { "x-forwarded-for": "198.51.100.7, 10.0.0.1" };
    expect(clientAddress(headers, "10.0.0.1", false)).toBe("10.0.0.1");
    expect(clientAddress(headers, "10.0.0.1", true)).toBe("198.51.100.7");
    expect(clientAddress({}, undefined, true)).toBe("unknown");
  });
});

describe("securityHeaders", () => {
  it("allows scripts only from us or with the nonce, forbids framing, and adds HSTS on https", () => {
    const h = securityHeaders({ nonce: "abc", dev: false, https: true });
    expect(h["Content-Security-Policy"]).toContain(
      "script-src 'self' 'nonce-abc' 'strict-dynamic'",
    );
    expect(h["Content-Security-Policy"]).toContain("frame-ancestors 'none'");
    expect(h["Content-Security-Policy"]).not.toContain("unsafe-eval");
    expect(h).toMatchObject({
      "X-Frame-Options": "DENY",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Strict-Transport-Security": "max-age=31536000; includeSubDomains",
    });
    expect(securityHeaders({ nonce: "x", dev: false, https: false })).not.toHaveProperty(
      "Strict-Transport-Security",
    );
  });
});

describe("safeRedirectPath", () => {
  it.each([
    ["/cruxes/5?x=1#top", "/cruxes/5?x=1#top"],
    ["http://elsewhere/phish", "/"],
    ["//elsewhere/phish", "/"],
    ["/\\elsewhere", "/"],
    ["javascript:alert(1)", "/"],
    ["", "/"],
    [null, "/"],
  ])("%s -> %s", (raw, expected) => {
    expect(safeRedirectPath(raw)).toBe(expected);
  });
});

describe("nulPath", () => {
  it("finds the first NUL character anywhere in an input, with its path", () => {
    expect(nulPath({ a: "fine", b: [1, "x\u0000"] })).toEqual(["b", 1]);
    expect(nulPath({ a: "fine", b: [1, "x"] })).toBeNull();
    expect(nulPath("\u0000")).toEqual([]);
  });
});

describe("passwordProblem", () => {
  it("refuses short, huge, common and personal passwords, saying why", () => {
    expect(passwordProblem("short")).toBe("must be at least 8 characters");
    expect(passwordProblem("x".repeat(1025))).toBe("must be at most 1024 characters");
    expect(passwordProblem("12345678")).toMatch(
      /^is too easy to guess\. This is a heavily used password\./,
    );
    expect(passwordProblem("        ")).toMatch(/^is too easy to guess\. Repeated characters/);
    expect(passwordProblem("quokkasmith2", ["quokkasmith"])).toMatch(/too easy to guess/);
    expect(passwordProblem("quokka ledger tangent")).toBeNull();
  });
});
