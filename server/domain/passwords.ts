/**
 * What makes a password acceptable: long enough, not absurdly long, and not easy to guess, judged
 * by zxcvbn (dictionaries of common passwords, names and words, keyboard patterns, repeats).
 */
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";

export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 1024;
/** zxcvbn's scale: 3 is "safely unguessable" for an attacker who can make 10^8 guesses. */
export const MIN_PASSWORD_SCORE = 3;

let factory: ZxcvbnFactory | null = null;
const strength = () =>
  (factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
  }));

/**
 * Why a password is refused, in words that help pick a better one, or null when it is fine.
 * `related` are things an attacker would try first (the handle, the display name).
 */
export function passwordProblem(password: string, related: readonly string[] = []): string | null {
  if (password.length < MIN_PASSWORD_LENGTH)
    return `must be at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `must be at most ${MAX_PASSWORD_LENGTH} characters`;
  const result = strength().check(password, related.filter(Boolean));
  if (result.score >= MIN_PASSWORD_SCORE) return null;
  const why = result.feedback.warning ?? "It would be easy to guess.";
  const how = result.feedback.suggestions.join(" ") || "Use a few uncommon words together.";
  return `is too easy to guess. ${why} ${how}`;
}
