/**
 * One webhook POST: the host is resolved once and every address it resolves to must be public
 * (unless private ones are allowed), and the connection goes to exactly the address checked, so a
 * name that changes between check and connect (DNS rebinding) cannot reach inside. Times out, and
 * reads at most MAX_RESPONSE_BYTES of the answer.
 */
import dns from "node:dns/promises";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { DELIVERY_TIMEOUT_MS, isPublicAddress, MAX_RESPONSE_BYTES } from "@/server/domain/webhooks";

export class DeliveryError extends Error {}

export async function postWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  { allowPrivate }: { allowPrivate: boolean },
): Promise<number> {
  const url = new URL(target);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const found = await dns.lookup(host, { all: true }).catch(() => {
    throw new DeliveryError(`could not resolve ${host}`);
  });
  const address = found[0];
  if (!address) throw new DeliveryError(`could not resolve ${host}`);
  if (!allowPrivate && !found.every((a) => isPublicAddress(a.address)))
    throw new DeliveryError(`${host} resolves to a private address; refused`);
  const lookup: LookupFunction = (_name, options, callback) => {
    if (options.all) callback(null, [address]);
    else callback(null, address.address, address.family);
  };
  const send = url.protocol === "https:" ? https.request : http.request;
  return new Promise<number>((resolve, reject) => {
    const req = send(
      url,
      {
        method: "POST",
        lookup,
        timeout: DELIVERY_TIMEOUT_MS,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          "user-agent": "Cruxible-Webhooks/1",
        },
      },
      (res) => {
        let read = 0;
        res.on("data", (chunk: Buffer) => {
          read += chunk.length;
          if (read > MAX_RESPONSE_BYTES) res.destroy();
        });
        res.on("close", () => resolve(res.statusCode ?? 0));
        res.on("error", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("timeout", () =>
      req.destroy(new DeliveryError(`no answer in ${DELIVERY_TIMEOUT_MS} ms`)),
    );
    req.on("error", (err) =>
      reject(err instanceof DeliveryError ? err : new DeliveryError(err.message)),
    );
    req.end(body);
  });
}
