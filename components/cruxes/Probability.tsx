import { formatProbability } from "@/server/domain/probability";

/** A probability as text, or a note that the crowd is hidden. */
export function Probability({ p, hidden = false }: { p: number | null; hidden?: boolean }) {
  if (hidden) return <span className="muted">hidden until you forecast</span>;
  if (p === null) return <span className="muted">no forecasts</span>;
  return <strong className="probability">{formatProbability(p)}</strong>;
}

export function Change({ before, after }: { before: number | null; after: number | null }) {
  const f = (p: number | null) => (p === null ? "—" : formatProbability(p));
  if (before === null && after === null) return <span className="muted">(hidden)</span>;
  return (
    <span>
      {f(before)} → {f(after)}
    </span>
  );
}
