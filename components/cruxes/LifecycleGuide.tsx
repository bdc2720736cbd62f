import { LIFECYCLE_STEPS, type CruxStatus } from "@/server/domain/lifecycle";

/** "How a crux resolves", in plain words, with where this crux stands marked. */
export function LifecycleGuide({ status }: { status: CruxStatus }) {
  return (
    <details className="lifecycle-guide">
      <summary>How a crux resolves</summary>
      <ol>
        {LIFECYCLE_STEPS.map((step) => (
          <li key={step.status} aria-current={step.status === status ? "step" : undefined}>
            <strong>{step.status}</strong>
            {step.status === status && <span className="badge subtle">this crux now</span>}:{" "}
            {step.meaning}
          </li>
        ))}
      </ol>
      <p className="small">
        A crux conditional on another is annulled, with every stake refunded, as soon as its
        condition resolves NO or is annulled. An admin can undo a resolution: payouts are reversed
        (someone who already spent winnings ends up owing them) and the crux is disputed again until
        a new decision.
      </p>
    </details>
  );
}
