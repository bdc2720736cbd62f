/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages with native/wasm parts or their own module graphs: load them from
  // node_modules at run time instead of bundling, so the custom server and route handlers share them.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pg",
    "socket.io",
    "@socket.io/redis-adapter",
    "redis",
    "bcryptjs",
    "drizzle-orm",
  ],
  // Lets parallel test runs build into separate folders (NEXT_DIST_DIR=.next-e2e); default .next.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
