/**
 * Where to go after signing in: only a path on this site. Anything else ("http://elsewhere",
 * "//elsewhere", "/\\elsewhere", "javascript:…") becomes the home page, so a link can't use our
 * sign-in page to send someone to a look-alike site.
 */
export function safeRedirectPath(raw: string | null | undefined): string {
  if (!raw || !raw.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return "/";
  try {
    const url = new URL(raw, "http://cruxible.invalid");
    return url.origin === "http://cruxible.invalid"
      ? `${url.pathname}${url.search}${url.hash}`
      : "/";
  } catch {
    return "/";
  }
}
