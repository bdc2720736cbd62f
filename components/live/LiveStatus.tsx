import type { ConnectionStatus } from "./useDebateEvents";

const text: Record<ConnectionStatus, string> = {
  live: "● Live",
  connecting: "○ Connecting…",
  reconnecting: "○ Connection lost, reconnecting…",
  offline: "○ Offline — retrying…",
};

/** Whether this page is receiving live updates. */
export function LiveStatus({ status }: { status: ConnectionStatus }) {
  return (
    <span className={`live-status ${status}`} role="status" aria-live="polite">
      {text[status]}
    </span>
  );
}
