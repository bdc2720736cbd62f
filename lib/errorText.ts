/**
 * The server names the input field at fault the way code does ("counterpartyHandle: no user
 * called …"), which helps API clients. A person reading it beside the form gets the field's name in
 * words instead: "Counterparty handle: no user called …", "Password must be at least 10 characters".
 */
export function humanizeFieldError(message: string, field: string | null | undefined): string {
  const prefix =
    (field && [field, field.split(".").at(-1)].find((f) => message.startsWith(`${f}: `))) ??
    /^([a-z][\w.]*): /.exec(message)?.[1];
  if (!prefix) return capitalize(message);
  const rest = message.slice(prefix.length + 2);
  const label = fieldLabel(prefix);
  // "must be …", "is too easy …" read as the end of a sentence about the field.
  return /^(must|is|are|should|can|cannot|needs?|has|have)\b/.test(rest)
    ? `${label} ${rest}`
    : `${label}: ${rest}`;
}

/** "counterpartyHandle" -> "Counterparty handle", "terms.movedByClaimId" -> "Moved by claim". */
export function fieldLabel(field: string): string {
  const words = (field.split(".").at(-1) ?? field)
    .replace(/Id$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase();
  return capitalize(words);
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
