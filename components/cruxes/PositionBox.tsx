import type { Position } from "@/lib/types";

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : "±0");
const credits = (n: number) => (n === 1 ? "1 credit" : `${n} credits`);

/** What the fills came to once final, in one sentence. */
function resultSentence(position: Position): string | null {
  if (position.outcome === null || position.result === null) return null;
  if (position.outcome === "annulled") return "Annulled: every stake was refunded to you.";
  const outcome = position.outcome.toUpperCase();
  if (position.result > 0) return `Resolved ${outcome}: you won ${credits(position.result)}.`;
  if (position.result < 0) return `Resolved ${outcome}: you lost ${credits(-position.result)}.`;
  return `Resolved ${outcome}: you broke even.`;
}

/** "Your position", as on Manifold: your bets and offers here and what each outcome pays you. */
export function PositionBox({ position }: { position: Position }) {
  const { fills, openOffers } = position;
  const result = resultSentence(position);
  return (
    <section className="position-box" aria-labelledby="position-heading">
      <h2 id="position-heading">Your position</h2>
      {fills.length === 0 && openOffers.length === 0 ? (
        <p className="muted small">You have no bets or offers on this crux.</p>
      ) : (
        <>
          {result && (
            <p className={`position-result ${position.result! < 0 ? "debit" : "credit"}`}>
              {result}
            </p>
          )}
          {fills.length > 0 && (
            <ul className="plain small">
              {fills.map((f) => (
                <li key={f.fillId}>
                  <strong>{f.side.toUpperCase()}</strong> at {f.price}%: you risk{" "}
                  {credits(f.myStake)} against @{f.counterpartyHandle}&rsquo;s {f.theirStake} (
                  {f.role === "maker" ? "they took your offer" : "you took their offer"})
                </li>
              ))}
            </ul>
          )}
          {fills.length > 0 && (
            <table className="position-table">
              <caption>
                You risk {credits(position.risk)}
                {position.outcome === null ? "; on each outcome you get" : "; settlement paid"}
              </caption>
              <thead>
                <tr>
                  <th scope="col">If</th>
                  <th scope="col">You get back</th>
                  <th scope="col">You win or lose</th>
                </tr>
              </thead>
              <tbody>
                {(["yes", "no", "annulled"] as const).map((o) => (
                  <tr key={o} aria-current={position.outcome === o ? "true" : undefined}>
                    <th scope="row">{o === "annulled" ? "Annulled" : o.toUpperCase()}</th>
                    <td>{position.payout[o]}</td>
                    <td className={position.net[o] < 0 ? "debit" : "credit"}>
                      {signed(position.net[o])}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {openOffers.length > 0 && (
            <p className="small">
              Open offers:{" "}
              {openOffers
                .map((o) => `${o.side.toUpperCase()} at ${o.price}%, ${o.remaining} left`)
                .join("; ")}
              . {credits(position.inOffers)} locked until someone takes them or you cancel (refunded
              at the close if nobody does).
            </p>
          )}
        </>
      )}
    </section>
  );
}
