/** The most calls one tRPC batch request may carry: the server refuses more, the client splits. */
export const TRPC_MAX_BATCH = 10;
