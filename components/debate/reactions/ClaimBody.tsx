"use client";

import { useMemo, useRef, useState, type CSSProperties } from "react";
import { Markdown } from "@/components/Markdown";
import { errorMessage } from "@/lib/trpc";
import type { ReactionKind, ReactionSpan } from "@/server/domain/reactions";
import type { ClaimView } from "@/server/domain/thread";
import { useThread } from "../ThreadContext";
import { ReactionBar } from "./ReactionBar";
import { SelectionToolbar } from "./SelectionToolbar";
import { SpanPopover, type SpanActions } from "./SpanPopover";
import { highlightsFor, spanKey } from "./spans";

interface Open {
  keys: string[];
  /** Opened by a click, a tap or the keyboard (stays); else by hovering (goes with the mouse). */
  pinned: boolean;
  style?: CSSProperties;
}

const POPOVER_WIDTH = 320;

/**
 * A claim's text with its reactions: quoted spans highlighted inline, a toolbar for reacting to a
 * selection, the reactions row, and the popover saying who reacted how (docs/reactions.md).
 */
export function ClaimBody({
  claim,
  onMakeCrux,
}: {
  claim: ClaimView;
  /** Opens "Make this a crux" with a title draft. */
  onMakeCrux: (title: string) => void;
}) {
  const thread = useThread();
  const spans = thread.reactionsOf(claim.id);
  const highlights = useMemo(() => highlightsFor(claim.body, spans), [claim.body, spans]);
  const [open, setOpen] = useState<Open | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const frame = useRef<HTMLDivElement>(null);
  const text = useRef<HTMLDivElement>(null);

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const own = thread.cruxState.cruxes.filter((c) => c.status === "open" && c.claimId === claim.id);
  const linked = thread.cruxState.links
    .filter((l) => l.claimId === claim.id)
    .map((l) => thread.cruxState.cruxes.find((c) => c.id === l.cruxId && c.status === "open"));
  const betCrux = [...own, ...linked].find((c) => c !== undefined) ?? null;
  const actions: SpanActions = {
    // Locked or suspended: who reacted is shown, nothing can be added or removed.
    viewer: thread.blockedAt(claim.id) ? null : thread.viewer,
    betCrux: betCrux && { id: betCrux.id, title: betCrux.title },
    busy,
    makeCrux: (title) => {
      setOpen(null);
      onMakeCrux(title);
    },
    toggle: (span, kind, pressed) =>
      void run(() =>
        pressed
          ? thread.unreact(claim.id, kind, span.quote)
          : thread.react(claim.id, kind, span.quote, span.start ?? undefined),
      ),
  };

  /** Where a mark's popover floats: under it, kept inside the claim. */
  const placeAt = (mark: Element): CSSProperties | undefined => {
    const box = frame.current?.getBoundingClientRect();
    if (!box) return undefined;
    const at = mark.getBoundingClientRect();
    const left = Math.max(0, Math.min(at.left - box.left, box.width - POPOVER_WIDTH));
    return { top: at.bottom - box.top + 4, left };
  };
  const markOf = (target: EventTarget) =>
    target instanceof Element ? target.closest("mark[data-span]") : null;

  const afterReact = async (kind: ReactionKind, quote: string, start: number) => {
    await run(() => thread.react(claim.id, kind, quote, start));
    // Show the span's reactions (and the follow-ups: make a crux, offer a bet) under the row.
    setOpen({ keys: [`${start}-${start + quote.length}`], pinned: true });
  };

  const shown: ReactionSpan[] = open ? spans.filter((s) => open.keys.includes(spanKey(s))) : [];
  return (
    <div
      className="claim-body"
      ref={frame}
      onMouseLeave={() => open && !open.pinned && setOpen(null)}
    >
      <div
        ref={text}
        className="claim-text"
        onMouseOver={(e) => {
          const mark = markOf(e.target);
          if (!mark || open?.pinned) return;
          const keys = (mark.getAttribute("data-span") ?? "").split(" ");
          if (open?.keys.join() !== keys.join())
            setOpen({ keys, pinned: false, style: placeAt(mark) });
        }}
        onClick={(e) => {
          const mark = markOf(e.target);
          if (!mark || !window.getSelection()?.isCollapsed) return;
          const keys = (mark.getAttribute("data-span") ?? "").split(" ");
          setOpen({ keys, pinned: true, style: placeAt(mark) });
        }}
      >
        <Markdown source={claim.body} highlights={highlights} />
      </div>
      {thread.viewer && !thread.blockedAt(claim.id) && (
        <SelectionToolbar body={claim.body} textRef={text} onReact={afterReact} />
      )}
      <ReactionBar
        claimId={claim.id}
        spans={spans}
        openKeys={open?.pinned && !open.style ? open.keys : []}
        onOpen={(key) =>
          setOpen((o) =>
            o?.pinned && !o.style && o.keys[0] === key ? null : { keys: [key], pinned: true },
          )
        }
      />
      {error && (
        <p className="form-error small" role="alert">
          {error}
        </p>
      )}
      {open && shown.length > 0 && (
        <SpanPopover
          spans={shown}
          actions={actions}
          style={open.style}
          focusOnOpen={open.pinned}
          onClose={() => setOpen(null)}
        />
      )}
    </div>
  );
}
