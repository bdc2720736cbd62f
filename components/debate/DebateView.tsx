"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import Link from "next/link";
import { trpc } from "@/lib/trpc";
import type { ThreadPage } from "@/lib/types";
import { CruxList } from "@/components/cruxes/CruxList";
import { CruxStatePanel } from "@/components/cruxes/CruxStatePanel";
import {
  childrenByParent,
  excerpt,
  THREAD_SORTS,
  type ClaimView,
  type ThreadSort,
} from "@/server/domain/thread";
import { ClaimComposer } from "./ClaimComposer";
import { ClaimNode } from "./ClaimNode";
import { NewSinceBar } from "./NewSinceBar";
import { ThreadContext, type ThreadActions } from "./ThreadContext";
import { ThreadSearch } from "./ThreadSearch";
import { useDebateCruxes } from "./useDebateCruxes";
import { useAnnouncer, useFocusedClaim } from "./useFocusedClaim";
import { useLiveThread } from "./useLiveThread";
import { readableText } from "@/server/domain/claimVisibility";
import { useNewSinceLastVisit } from "./useNewSinceLastVisit";
import { useThreadWindow } from "./useThreadWindow";
import { LiveStatus } from "@/components/live/LiveStatus";
import { MoreReplies } from "./MoreReplies";
import { useLiveReactions } from "./reactions/useLiveReactions";
import { MostMarkedSpans } from "./reactions/MostMarkedSpans";
import type { MarkedSpan, ReactionSpan } from "@/server/domain/reactions";
import { lockNotice, lockOnPage, type DebateLocks } from "@/server/domain/restrictions";
import type { DebateEvent } from "@/server/domain/events";
import { LockBanner } from "@/components/moderation/LockBanner";
import { LockToggle } from "@/components/moderation/LockControls";
import { useRestriction } from "@/components/moderation/Standing";
import { useLocks } from "@/components/moderation/useLocks";

interface Props {
  slug: string;
  viewer: string | null;
  /** The viewer moderates this debate: moderation controls, and hidden claims' text. */
  moderates?: boolean;
  /** The part of the thread the server sent (all of it, unless the thread is big). */
  initialWindow: ThreadPage;
  /** Claims in the whole thread, sent or not. */
  claimCount: number;
  initialSeq: number;
  /** A permalink's claim: scrolled to and highlighted. */
  focusId?: number | null;
  /** Signed in: what is new since the last visit (the server keeps it); null: the browser does. */
  newSince?: { since: string | null; ids: number[] } | null;
  /** When the server read the page (an anonymous reader's next "last visit"). */
  renderedAt?: string;
  /** The reader's remembered choice, so the server renders the panel as they left it. */
  panelCollapsed?: boolean | null;
  /** The debate's most-marked spans when the page was read (live after that). */
  initialMarked?: MarkedSpan[];
  /** The debate's locks when the page was read (live after that; docs/moderation.md). */
  initialLocks?: DebateLocks;
  /** The viewer moderates this debate (lock and unlock controls). */
  canLock?: boolean;
}

const NO_LOCKS: DebateLocks = { debate: null, claims: [] };

const NO_SPANS: readonly ReactionSpan[] = [];
const NO_MARKED: MarkedSpan[] = [];

const NO_IDS: ReadonlySet<number> = new Set();

export function DebateView({
  slug,
  viewer,
  moderates = false,
  initialWindow,
  claimCount,
  initialSeq,
  focusId = null,
  newSince = null,
  renderedAt = new Date().toISOString(),
  panelCollapsed = null,
  initialMarked = NO_MARKED,
  initialLocks = NO_LOCKS,
  canLock = false,
}: Props) {
  const reactions = useLiveReactions(initialWindow.reactions);
  // Stable, so the live subscription isn't renewed on every render.
  const reader = useMemo(() => ({ handle: viewer, moderates }), [viewer, moderates]);
  const locks = useLocks(initialLocks);
  const { applyEvents: applyReactions } = reactions;
  const { applyEvents: applyLocks } = locks;
  const alsoApply = useCallback(
    (events: DebateEvent[]) => {
      applyReactions(events);
      applyLocks(events);
    },
    [applyReactions, applyLocks],
  );
  const live = useLiveThread(slug, initialWindow.claims, initialSeq, alsoApply, reader);
  const restriction = useRestriction();
  const cruxState = useDebateCruxes(slug, live.cruxVersion);
  const [tab, setTab] = useState<"thread" | "cruxes">("thread");
  const { upsertLocal, setTally, addLoaded } = live;
  const [sort, setSort] = useState<ThreadSort>("oldest");
  const win = useThreadWindow(slug, initialWindow, live.claims, addLoaded, reactions.addLoaded);
  const { reveal } = win;
  const groups = useMemo(() => childrenByParent(live.claims.values(), sort), [live.claims, sort]);
  const topLevel = groups.get(null) ?? [];
  const liveCount = claimCount + live.countChange;
  const focus = useFocusedClaim(focusId);
  const { focusOn } = focus;
  const announcer = useAnnouncer();
  const newIds = useNewSinceLastVisit(slug, newSince, renderedAt);
  const newSet = useMemo(() => new Set(newIds), [newIds]);
  const [searchHits, setSearchHits] = useState<ReadonlySet<number>>(NO_IDS);
  const onHits = useCallback((ids: number[]) => setSearchHits(new Set(ids)), []);
  // The search and "next new" row sticks just under the (sticky) toolbar, whatever its height.
  const toolbar = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = toolbar.current;
    if (!el) return;
    const measure = () =>
      document.documentElement.style.setProperty("--thread-toolbar-h", `${el.offsetHeight}px`);
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  /** Loads the claim if needed, shows the thread, scrolls to it and highlights it. */
  const goTo = useCallback(
    async (id: number, moveFocus: boolean) => {
      await reveal(id);
      setTab("thread");
      focusOn(id, moveFocus);
    },
    [reveal, focusOn],
  );
  const goAndFocus = useCallback((id: number) => goTo(id, true), [goTo]);

  const post = useCallback(
    async (
      parentId: number | null,
      v: { body: string; stance: ClaimView["stance"]; quote: string | null },
    ) => {
      const claim = await trpc.claims.create.mutate({
        slug,
        body: v.body,
        parentId,
        stance: v.stance,
        quote: v.quote,
      });
      upsertLocal(claim);
      // Wherever the sort puts it (87 claims down, say), bring it into view and say so.
      focusOn(claim.id, false);
      announcer.announce(
        parentId === null
          ? "Your claim was posted; it is highlighted in the thread."
          : "Your reply was posted; it is highlighted under the claim it answers.",
      );
    },
    [slug, upsertLocal, focusOn, announcer],
  );

  const lockAt = (id: number | null) =>
    lockOnPage(locks.state, id, (c) => live.claims.get(c)?.parentId);
  const blockedAt = (id: number | null) => {
    const lock = lockAt(id);
    return restriction ?? (lock ? lockNotice(lock) : null);
  };
  const topBlocked = blockedAt(null);
  const debateLockToggle = (
    <LockToggle
      what="debate"
      locked={locks.state.debate !== null}
      lock={async (reason) => {
        const { lock } = await trpc.restrictions.lockDebate.mutate({ slug, reason });
        locks.setDebateLock(lock);
      }}
      unlock={async () => {
        await trpc.restrictions.unlockDebate.mutate({ slug });
        locks.setDebateLock(null);
      }}
    />
  );

  const actions: ThreadActions = {
    slug,
    viewer,
    moderates,
    hide: async (id, reason) => upsertLocal(await trpc.reports.hideClaim.mutate({ id, reason })),
    restore: async (id) => upsertLocal(await trpc.reports.restoreClaim.mutate({ id })),
    lockAt,
    threadLockOf: (id) => locks.state.claims.get(id) ?? null,
    blockedAt,
    canLock,
    lockThread: async (id, reason) => {
      const { lock } = await trpc.restrictions.lockThread.mutate({ id, reason });
      locks.setThreadLock(id, lock);
    },
    unlockThread: async (id) => {
      await trpc.restrictions.unlockThread.mutate({ id });
      locks.setThreadLock(id, null);
    },
    sort,
    groups,
    claims: live.claims,
    cruxState,
    more: win.more,
    loadMore: win.loadMore,
    focusId: focus.focusId,
    newIds: newSet,
    searchHits,
    myVote: win.myVote,
    reply: (parentId, v) => post(parentId, v),
    edit: async (id, body) => upsertLocal(await trpc.claims.edit.mutate({ id, body })),
    remove: async (id) => upsertLocal(await trpc.claims.delete.mutate({ id })),
    vote: async (id, axis, value) => {
      const result = await trpc.claims.vote.mutate({ id, axis, value });
      win.setMyVote(id, axis, result.value);
      setTally(id, result);
    },
    reactionsOf: (id) => reactions.byClaim.get(id) ?? NO_SPANS,
    react: async (id, kind, quote, start) => {
      const result = await trpc.reactions.add.mutate({
        id,
        kind,
        quote: quote === "" ? undefined : quote,
        start: quote === "" ? undefined : start,
      });
      reactions.setSpans(id, result.spans);
    },
    unreact: async (id, kind, quote) => {
      const result = await trpc.reactions.remove.mutate({
        id,
        kind,
        quote: quote === "" ? undefined : quote,
      });
      reactions.setSpans(id, result.spans);
    },
  };

  const titleOf = (id: number) => cruxState.cruxes.find((c) => c.id === id)?.title;

  return (
    <ThreadContext.Provider value={actions}>
      {locks.state.debate && (
        <LockBanner lock={locks.state.debate}>{canLock && debateLockToggle}</LockBanner>
      )}
      <CruxStatePanel
        state={cruxState}
        claimExcerpt={(id) => excerpt(readableText(live.claims.get(id) ?? { body: "" }), 90)}
        initiallyCollapsed={panelCollapsed}
        mapHref={`/debates/${slug}/map`}
        onShowAllCruxes={() => setTab("cruxes")}
      >
        <MostMarkedSpans initial={initialMarked} known={reactions.byClaim} onGo={goAndFocus} />
      </CruxStatePanel>
      <div className="thread-toolbar" ref={toolbar}>
        <div role="tablist" aria-label="Debate views" className="tabs">
          <button
            type="button"
            role="tab"
            id="tab-thread"
            aria-controls="panel-thread"
            aria-selected={tab === "thread"}
            onClick={() => setTab("thread")}
          >
            Thread ({liveCount === 1 ? "1 claim" : `${liveCount} claims`})
          </button>
          <button
            type="button"
            role="tab"
            id="tab-cruxes"
            aria-controls="panel-cruxes"
            aria-selected={tab === "cruxes"}
            onClick={() => setTab("cruxes")}
          >
            Cruxes ({cruxState.cruxes.length})
          </button>
        </div>
        {tab === "thread" && (
          <label>
            Sort claims{" "}
            <select value={sort} onChange={(e) => setSort(e.target.value as ThreadSort)}>
              {THREAD_SORTS.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        )}
        <LiveStatus status={live.status} />
        {live.present !== null && <span className="presence">{live.present} here now</span>}
      </div>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcer.message}
      </p>
      <div role="tabpanel" id="panel-cruxes" aria-labelledby="tab-cruxes" hidden={tab !== "cruxes"}>
        <CruxList cruxes={cruxState.cruxes} titleOf={titleOf} />
      </div>
      <div role="tabpanel" id="panel-thread" aria-labelledby="tab-thread" hidden={tab !== "thread"}>
        {canLock && !locks.state.debate && (
          <div className="mod-tools" aria-label="Moderation" role="group">
            {debateLockToggle}
          </div>
        )}
        <div className="thread-tools">
          <NewSinceBar ids={newIds} onGo={goAndFocus} />
          <ThreadSearch slug={slug} sort={sort} onHits={onHits} onGo={goAndFocus} />
        </div>
        {viewer && topBlocked ? (
          <p className="blocked-note" id="new-claim-blocked">
            You can&apos;t post here now. {topBlocked}
          </p>
        ) : viewer ? (
          <section aria-label="New claim" className="new-claim">
            <ClaimComposer
              draftKey={`draft:${slug}:top`}
              label="Post a new claim"
              submitLabel="Post claim"
              onSubmit={(v) => post(null, v)}
            />
          </section>
        ) : (
          <p className="muted">
            <Link href={`/signin?callbackUrl=/debates/${slug}`}>Sign in</Link> to post claims,
            reply, vote and forecast.
          </p>
        )}
        <ol className="thread" aria-label="Claims">
          {topLevel.map((claim) => (
            <ClaimNode key={claim.id} claim={claim} depth={0} />
          ))}
        </ol>
        <MoreReplies parentId={null} />
      </div>
    </ThreadContext.Provider>
  );
}
