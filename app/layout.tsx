import type { Metadata, Viewport } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { getServerSession } from "next-auth";
import { authOptions } from "@/server/auth";
import { getConfig } from "@/server/runtime";
import { Providers } from "@/components/Providers";
import { AccountMenu } from "@/components/AccountMenu";
import { StandingProvider } from "@/components/moderation/Standing";
import { serverCaller } from "@/server/trpc/serverCaller";
import "./globals.css";

export function generateMetadata(): Metadata {
  return {
    title: { default: "Cruxible", template: "%s · Cruxible" },
    description: "Argue about a question, find the cruxes, and find out who was right.",
    // Link previews (a crux map's picture) need absolute addresses: the site's public one.
    metadataBase: new URL(getConfig().publicUrl),
  };
}

export const viewport: Viewport = { width: "device-width", initialScale: 1 };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const session = await getServerSession(authOptions());
  const handle = session?.user?.handle ?? null;
  // Moderators get a link to the queue; a failed read just leaves it out.
  const moderates = handle
    ? await (
        await serverCaller()
      ).moderation
        .myScope()
        .then((s) => s.moderator)
        .catch(() => false)
    : false;
  // A suspended or banned person sees it on every page (docs/moderation.md).
  const standing = handle
    ? await serverCaller()
        .then((api) => api.account.standing())
        .catch(() => null)
    : null;
  return (
    <html lang="en">
      <body>
        <Providers session={session}>
          <a className="skip-link" href="#main">
            Skip to content
          </a>
          <header className="site-header">
            <Link href="/" className="brand">
              Cruxible
            </Link>
            <nav aria-label="Main">
              <Link href="/">Debates</Link>
              <Link href="/leaderboards">Leaderboards</Link>
            </nav>
            <AccountMenu handle={handle} moderates={moderates} />
          </header>
          <main id="main">
            <StandingProvider initial={standing}>{children}</StandingProvider>
          </main>
          <footer className="site-footer">
            <Link href="/scores">How scores work</Link>
            <span aria-hidden="true"> · </span>
            <Link href="/api-docs">API reference</Link>
            <span aria-hidden="true"> · </span>
            <a href="/api/v1/openapi.json">OpenAPI JSON</a>
          </footer>
        </Providers>
      </body>
    </html>
  );
}
