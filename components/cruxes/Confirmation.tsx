/**
 * Where a form says its action worked ("Bet taken: …"). Always in the page, so screen readers
 * announce the text when it appears (a polite live region); visible beside the form.
 */
export function Confirmation({ message }: { message: string | null }) {
  return (
    <p role="status" aria-live="polite" className={message ? "confirmation" : "confirmation empty"}>
      {message}
    </p>
  );
}
