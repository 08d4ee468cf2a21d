// What stands where a password should be and is none: a mask (`********`, `••••••`), as a shop's
// order page or customer-account mail shows a password it hides, and a label's note instead of a
// value (`Password: (the one you chose at checkout)`, `Password: see attachment`, `hidden`). Read
// as passwords, a shop's welcome mail gave the buyer's shop login as an account with `********`.

/** Mask characters: `*`, bullets and dots as browsers and mail templates draw a hidden password. */
const MASK = /^[*\u2022\u25cf\u2219\u00b7\u25e6\u26ab\uff0a]{3,}$/;

/** A hidden password (`********`, `●●●●●●`): no login takes it. Cheap for the usual password (its first character decides). */
export function isMaskedPassword(p: string): boolean {
  const c = p.charCodeAt(0);
  return (c === 42 || c === 0xb7 || c >= 0x2022) && MASK.test(p);
}

/** The words shops write after `Password:` instead of one. */
const NOTE = /^(?:hidden|not shown|\[?hidden\]?|n\/a|none|same as (?:above|before|the username|username|your username)|see (?:above|below|attached(?: file)?|(?:the )?attachment|your (?:e-?mail|account))|sent separately|(?:in|see) the (?:next|other|previous) (?:e-?mail|message|mail))\.?$/i;

/**
 * What a label's value is instead of a password, or undefined when it may be one: a mask, a note
 * in brackets with a blank inside (`(the one you chose at checkout)`, `[sent by SMS]`), or one of
 * the shops' words for "not here" (`hidden`, `see attachment`).
 */
export function placeholderPassword(value: string): string | undefined {
  const v = value.trim();
  if (isMaskedPassword(v)) return 'a hidden password (a mask)';
  if (/^[([{<].*\s.*[)\]}>]$/.test(v) && !/[)\]}>].*[([{<]/.test(v.slice(1, -1))) return 'a note in brackets';
  return NOTE.test(v) ? 'a note' : undefined;
}
