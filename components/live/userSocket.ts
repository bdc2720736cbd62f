"use client";

import { io, type Socket } from "socket.io-client";

/**
 * One socket per page for the signed-in person's own room (notifications, standing), shared by
 * the components that listen to it, so a page does not open a connection per component.
 */
let shared: { socket: Socket; users: number } | null = null;

export function acquireUserSocket(): { socket: Socket; release: () => void } {
  if (!shared) shared = { socket: io({ path: "/realtime", transports: ["websocket"] }), users: 0 };
  const entry = shared;
  entry.users += 1;
  let released = false;
  return {
    socket: entry.socket,
    release: () => {
      if (released) return;
      released = true;
      entry.users -= 1;
      if (entry.users === 0) {
        entry.socket.disconnect();
        if (shared === entry) shared = null;
      }
    },
  };
}
