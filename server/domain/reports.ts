/**
 * Reports to the moderators and their queue (docs/moderation.md). Pure: no I/O.
 */

/** What can be reported. A user report needs site-wide moderators (it has no debate). */
export const REPORT_TARGETS = ["claim", "crux", "evidence", "user"] as const;
export type ReportTarget = (typeof REPORT_TARGETS)[number];

/** Preset reasons; "other" needs a few words of details. */
export const REPORT_REASONS = ["spam", "harassment", "off-topic", "misleading", "other"] as const;
export type ReportReason = (typeof REPORT_REASONS)[number];

export const REPORT_REASON_LABELS: Record<ReportReason, string> = {
  spam: "Spam or advertising",
  harassment: "Harassment or abuse",
  "off-topic": "Off-topic",
  misleading: "Deliberately misleading",
  other: "Something else",
};

export const MAX_REPORT_DETAILS = 1000;
/** A moderator's reason or note: the audit log's bound. */
export { REASON_MAX_LENGTH as MAX_MODERATION_NOTE } from "./moderation";

export const REPORT_STATUSES = ["open", "resolved", "dismissed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** A problem with a report's reason and details a person can fix, or null. */
export function reportProblem(reason: ReportReason, details: string): string | null {
  if (details.length > MAX_REPORT_DETAILS)
    return `details must be at most ${MAX_REPORT_DETAILS} characters`;
  if (reason === "other" && details.trim() === "")
    return 'details: say what is wrong when the reason is "Something else"';
  return null;
}

export interface QueuedReport {
  id: number;
  targetKind: ReportTarget;
  targetId: number;
  debateId: number | null;
  reporterHandle: string;
  reason: ReportReason;
  details: string;
  /** ISO-8601 */
  createdAt: string;
}

/** One reported item with its open reports, newest report first. */
export interface ReportGroup {
  targetKind: ReportTarget;
  targetId: number;
  debateId: number | null;
  reports: QueuedReport[];
  /** ISO-8601: the newest report. */
  latestAt: string;
  /** How many reports gave each reason. */
  reasons: Partial<Record<ReportReason, number>>;
}

export const QUEUE_ORDERS = ["newest", "most-reported"] as const;
export type QueueOrder = (typeof QUEUE_ORDERS)[number];

const newerFirst = (a: { createdAt: string; id: number }, b: { createdAt: string; id: number }) =>
  a.createdAt === b.createdAt ? b.id - a.id : a.createdAt < b.createdAt ? 1 : -1;

/** Groups open reports by the item they are about. */
export function groupReports(reports: readonly QueuedReport[]): ReportGroup[] {
  const groups = new Map<string, ReportGroup>();
  for (const r of [...reports].sort(newerFirst)) {
    const key = `${r.targetKind}:${r.targetId}`;
    let group = groups.get(key);
    if (!group) {
      group = {
        targetKind: r.targetKind,
        targetId: r.targetId,
        debateId: r.debateId,
        reports: [],
        latestAt: r.createdAt,
        reasons: {},
      };
      groups.set(key, group);
    }
    group.reports.push(r);
    group.reasons[r.reason] = (group.reasons[r.reason] ?? 0) + 1;
  }
  return [...groups.values()];
}

/**
 * Orders the queue: "newest" by the latest report, "most-reported" by the number of reports
 * (ties: the latest report first). Ties beyond that by kind and id, so the order is total.
 */
export function orderQueue(groups: readonly ReportGroup[], order: QueueOrder): ReportGroup[] {
  const byLatest = (a: ReportGroup, b: ReportGroup) =>
    a.latestAt === b.latestAt
      ? a.targetKind.localeCompare(b.targetKind) || b.targetId - a.targetId
      : a.latestAt < b.latestAt
        ? 1
        : -1;
  const compare =
    order === "newest"
      ? byLatest
      : (a: ReportGroup, b: ReportGroup) => b.reports.length - a.reports.length || byLatest(a, b);
  return [...groups].sort(compare);
}

/**
 * Which reports a moderator's queue holds: everything for admins and site-wide moderators, else
 * the items of their debates (never users, which have no debate). Mirrors mayModerate.
 */
export function queueFilter(scope: {
  admin: boolean;
  siteWide: boolean;
  debateIds: readonly number[];
}): { all: true } | { all: false; debateIds: number[] } {
  return scope.admin || scope.siteWide
    ? { all: true }
    : { all: false, debateIds: [...scope.debateIds] };
}
