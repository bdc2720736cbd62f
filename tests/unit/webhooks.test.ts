import crypto from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  isPublicAddress,
  newWebhookSecret,
  signatureHeader,
  verifySignature,
  webhookUrlProblem,
} from "@/server/domain/webhooks";

describe("signatures", () => {
  const body = '{"type":"claim.created"}';
  it("is t=<seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>'>", () => {
    const expected = crypto
      .createHmac("sha256", "whsec_test")
      .update(`1700000000.${body}`)
      .digest("hex");
    expect(signatureHeader("whsec_test", body, 1_700_000_000)).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies the sender's recent signature and nothing else", () => {
    const h = signatureHeader("s3cret", body, 1_700_000_000);
    expect(verifySignature(h, "s3cret", body, 1_700_000_100)).toBe(true);
    expect(verifySignature(h, "other", body, 1_700_000_100)).toBe(false);
    expect(verifySignature(h, "s3cret", `${body} `, 1_700_000_100)).toBe(false);
    // Too old: a replay.
    expect(verifySignature(h, "s3cret", body, 1_700_000_301)).toBe(false);
    expect(verifySignature("garbage", "s3cret", body, 1_700_000_000)).toBe(false);
    expect(verifySignature(h.replace(/.$/, "0"), "s3cret", body, 1_700_000_000)).toBe(
      h.endsWith("0"),
    );
  });

  it("makes unguessable secrets", () => {
    const a = newWebhookSecret();
    expect(a).toMatch(/^whsec_[A-Za-z0-9_-]{32}$/);
    expect(newWebhookSecret()).not.toBe(a);
  });
});

describe("where a webhook may point", () => {
  it("only at public unicast addresses", () => {
    for (const ip of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
      expect(isPublicAddress(ip), ip).toBe(true);
    for (const ip of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
      "224.0.0.1",
      "not an ip",
    ])
      expect(isPublicAddress(ip), ip).toBe(false);
  });

  it("names what is wrong with a URL", () => {
    expect(webhookUrlProblem("https://hooks.example.org/x", false)).toBeNull();
    expect(webhookUrlProblem("nope", false)).toMatch(/not a URL/);
    expect(webhookUrlProblem("ftp://example.org", false)).toMatch(/https:\/\/ or http:\/\//);
    expect(webhookUrlProblem("https://u:p@example.org", false)).toMatch(/user name or password/);
    for (const url of [
      "http://127.0.0.1:9/x",
      "http://localhost/x",
      "http://[::1]/x",
      "http://169.254.169.254/",
    ])
      expect(webhookUrlProblem(url, false), url).toMatch(/private, loopback/);
    expect(webhookUrlProblem("http://127.0.0.1:9/x", true)).toBeNull();
  });
});
