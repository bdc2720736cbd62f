"use client";

import Link from "next/link";
import { useEffect, useRef, useState } from "react";
import { RelativeTime } from "@/components/RelativeTime";
import { countDescendants, type ClaimView } from "@/server/domain/thread";
import { ClaimCruxes } from "@/components/cruxes/ClaimCruxes";
import { CruxForm } from "@/components/cruxes/CruxForm";
import { ClaimComposer } from "./ClaimComposer";
import { EditHistory, EditHistoryToggle } from "./EditHistory";
import { ParentPreview } from "./ParentPreview";
import { ClaimBody } from "./reactions/ClaimBody";
import { WholeClaimPicker } from "./reactions/WholeClaimPicker";
import { MoreReplies } from "./MoreReplies";
import { useThread } from "./ThreadContext";
import { VoteControls } from "./VoteControls";
import { HideClaimControl } from "@/components/moderation/HideClaimControl";
import { ReportButton } from "@/components/moderation/ReportButton";
import { hiddenPlaceholder } from "@/server/domain/claimVisibility";
import { ThreadLockNote } from "@/components/moderation/LockBanner";
import { LockToggle } from "@/components/moderation/LockControls";

/** Past this depth replies stop indenting further, so deep threads stay readable on a phone. */
const MAX_INDENT_DEPTH = 6;

export function ClaimNode({ claim, depth }: { claim: ClaimView; depth: number }) {
  const thread = useThread();
  const [collapsed, setCollapsed] = useState(false);
  const [mode, setMode] = useState<"view" | "reply" | "edit" | "crux" | "react">("view");
  const [historyOpen, setHistoryOpen] = useState(false);
  // A title draft for "Make this a crux" (from a span marked "that's a crux").
  const [cruxDraft, setCruxDraft] = useState("");
  // When a composer closes, focus goes back to the button that opened it (not to <body>).
  const replyButton = useRef<HTMLButtonElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const reactButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef<"reply" | "edit" | "react" | null>(null);
  const close = (from: "reply" | "edit" | "react") => {
    returnFocus.current = from;
    setMode("view");
  };
  useEffect(() => {
    if (mode !== "view" || !returnFocus.current) return;
    const button = { reply: replyButton, edit: editButton, react: reactButton }[
      returnFocus.current
    ];
    button.current?.focus();
    returnFocus.current = null;
  }, [mode]);
  const children = thread.groups.get(claim.id) ?? [];
  const mine = thread.viewer !== null && thread.viewer === claim.authorHandle;
  const parent = claim.parentId === null ? undefined : thread.claims.get(claim.parentId);
  const hidden = collapsed ? countDescendants(thread.groups, claim.id) : 0;
  const focused = thread.focusId === claim.id;
  // A lock on this thread or debate, or the viewer's suspension: controls stay, disabled, with why.
  const lock = thread.lockAt(claim.id);
  const ownLock = thread.threadLockOf(claim.id);
  const blocked = thread.blockedAt(claim.id);
  const blockedProps = blocked
    ? { disabled: true, title: blocked, "aria-describedby": `claim-${claim.id}-blocked` }
    : {};
  const isNew = thread.newIds.has(claim.id);
  const classes = [
    "claim",
    claim.deleted && "deleted",
    claim.hidden && "moderated",
    focused && "focused",
    isNew && "is-new",
    thread.searchHits.has(claim.id) && "search-hit",
  ];

  return (
    <li className={`claim-item${depth >= MAX_INDENT_DEPTH ? " flat" : ""}`}>
      <article
        className={classes.filter(Boolean).join(" ")}
        id={`claim-${claim.id}`}
        aria-labelledby={`claim-${claim.id}-meta`}
        // Script focus only ("next new", search results), never a Tab stop.
        tabIndex={focused ? -1 : undefined}
      >
        <header className="claim-meta" id={`claim-${claim.id}-meta`}>
          <button
            type="button"
            className="collapse"
            aria-expanded={!collapsed}
            aria-label={
              collapsed
                ? `Expand thread of claim ${claim.id}`
                : `Collapse thread of claim ${claim.id}`
            }
            onClick={() => setCollapsed((c) => !c)}
          >
            {collapsed ? "+" : "−"}
          </button>
          {isNew && <span className="new-badge">new</span>}
          {claim.stance && <span className={`stance stance-${claim.stance}`}>{claim.stance}</span>}
          <Link href={`/users/${claim.authorHandle}`} className="author">
            @{claim.authorHandle}
          </Link>
          <a
            href={`/debates/${thread.slug}/claims/${claim.id}`}
            className="muted permalink"
            title="Link to this claim"
          >
            <RelativeTime iso={claim.createdAt} />
          </a>
          {claim.editedAt && !claim.deleted && (
            <EditHistoryToggle
              claimId={claim.id}
              editedAt={claim.editedAt}
              open={historyOpen}
              onToggle={() => setHistoryOpen((o) => !o)}
            />
          )}
          {parent && <ParentPreview parent={parent} long={depth >= MAX_INDENT_DEPTH} />}
          {collapsed && (
            <span className="muted">
              {hidden === 1 ? "1 reply hidden" : `${hidden} replies hidden`}
            </span>
          )}
        </header>
        {ownLock && (
          <ThreadLockNote claimId={claim.id} lock={ownLock}>
            {thread.canLock && (
              <>
                {" "}
                <LockToggle
                  what="thread"
                  locked
                  subject={`the thread of claim ${claim.id}`}
                  lock={(reason) => thread.lockThread(claim.id, reason)}
                  unlock={() => thread.unlockThread(claim.id)}
                />
              </>
            )}
          </ThreadLockNote>
        )}
        {historyOpen && !claim.deleted && <EditHistory claimId={claim.id} />}
        {!collapsed && (
          <>
            {claim.deleted ? (
              <p className="muted">[deleted]</p>
            ) : claim.hidden && !claim.hidden.bodyShown ? (
              <p className="hidden-claim">{hiddenPlaceholder(claim.hidden.reason)}</p>
            ) : mode === "edit" && !blocked ? (
              <ClaimComposer
                draftKey={`draft:edit:${claim.id}`}
                label={`Edit claim ${claim.id}`}
                submitLabel="Save edit"
                initialBody={claim.body}
                onSubmit={async (v) => {
                  await thread.edit(claim.id, v.body);
                  close("edit");
                }}
                onCancel={() => close("edit")}
              />
            ) : (
              <>
                {claim.hidden && (
                  <p className="hidden-mark">
                    <span className="hidden-badge">hidden</span>{" "}
                    {hiddenPlaceholder(claim.hidden.reason)}. Only its author and moderators see the
                    text.
                  </p>
                )}
                {claim.quote && <blockquote className="quote">{claim.quote}</blockquote>}
                <ClaimBody
                  claim={claim}
                  onMakeCrux={(title) => {
                    setCruxDraft(title);
                    setMode("crux");
                  }}
                />
              </>
            )}
            <ClaimCruxes claimId={claim.id} state={thread.cruxState} />
            {!claim.deleted && (
              <footer className="claim-actions">
                <VoteControls
                  claimId={claim.id}
                  quality={claim.quality}
                  agree={claim.agree}
                  disagree={claim.disagree}
                  myQuality={thread.myVote(claim.id, "quality")}
                  myAgreement={thread.myVote(claim.id, "agreement")}
                  canVote={thread.viewer !== null && !mine && !blocked}
                  onVote={(axis, value) => thread.vote(claim.id, axis, value)}
                />
                {thread.viewer && !claim.hidden && (
                  <button
                    type="button"
                    className="link-button"
                    ref={reactButton}
                    aria-expanded={mode === "react"}
                    aria-label={`React to claim ${claim.id}`}
                    {...blockedProps}
                    onClick={() => setMode(mode === "react" ? "view" : "react")}
                  >
                    React
                  </button>
                )}
                {thread.viewer ? (
                  <button
                    type="button"
                    className="link-button"
                    ref={replyButton}
                    onClick={() => setMode(mode === "reply" ? "view" : "reply")}
                    aria-expanded={mode === "reply"}
                    {...blockedProps}
                  >
                    Reply
                  </button>
                ) : (
                  <Link href={`/signin?callbackUrl=/debates/${thread.slug}`} className="muted">
                    Sign in to reply
                  </Link>
                )}
                {thread.viewer && !(claim.hidden && !claim.hidden.bodyShown) && (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => {
                      setCruxDraft("");
                      setMode(mode === "crux" ? "view" : "crux");
                    }}
                    aria-expanded={mode === "crux"}
                    {...blockedProps}
                  >
                    Make this a crux
                  </button>
                )}
                {thread.viewer && !mine && (
                  <ReportButton
                    target={{ kind: "claim", id: claim.id }}
                    label={`Report claim ${claim.id}`}
                  />
                )}
                {thread.moderates && (
                  <HideClaimControl
                    claimId={claim.id}
                    hidden={Boolean(claim.hidden)}
                    onHide={(reason) => thread.hide(claim.id, reason)}
                    onRestore={() => thread.restore(claim.id)}
                  />
                )}
                {mine && mode !== "edit" && (
                  <>
                    <button
                      type="button"
                      className="link-button"
                      ref={editButton}
                      onClick={() => setMode("edit")}
                      {...blockedProps}
                    >
                      Edit
                    </button>
                    <button
                      type="button"
                      className="link-button danger"
                      {...blockedProps}
                      onClick={() => {
                        if (window.confirm("Delete this claim? Replies stay in place."))
                          void thread.remove(claim.id);
                      }}
                    >
                      Delete
                    </button>
                  </>
                )}
                {thread.canLock && !lock && (
                  <LockToggle
                    what="thread"
                    locked={false}
                    subject={`the thread of claim ${claim.id}`}
                    lock={(reason) => thread.lockThread(claim.id, reason)}
                    unlock={() => thread.unlockThread(claim.id)}
                  />
                )}
                {blocked && (
                  <span className="visually-hidden" id={`claim-${claim.id}-blocked`}>
                    {blocked}
                  </span>
                )}
              </footer>
            )}
            {mode === "react" && !blocked && (
              <WholeClaimPicker claimId={claim.id} onDone={() => close("react")} />
            )}
            {mode === "crux" && !blocked && (
              <CruxForm
                key={cruxDraft}
                initialTitle={cruxDraft}
                debateSlug={thread.slug}
                claimId={claim.id}
                cruxes={thread.cruxState.cruxes}
                onDone={() => setMode("view")}
              />
            )}
            {mode === "reply" && !blocked && (
              <ClaimComposer
                draftKey={`draft:${thread.slug}:reply:${claim.id}`}
                label={`Reply to claim ${claim.id}`}
                submitLabel="Post reply"
                parentBody={claim.body}
                onSubmit={async (v) => {
                  await thread.reply(claim.id, v);
                  close("reply");
                }}
                onCancel={() => close("reply")}
              />
            )}
          </>
        )}
      </article>
      {!collapsed && children.length > 0 && (
        <ol className="replies">
          {children.map((child) => (
            <ClaimNode key={child.id} claim={child} depth={depth + 1} />
          ))}
        </ol>
      )}
      {!collapsed && <MoreReplies parentId={claim.id} />}
    </li>
  );
}
