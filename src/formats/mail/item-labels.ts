// A shop that sells accounts as "serials" or "license keys" labels each delivered item with the
// word its platform uses for one: `License key: ash01:Pw`, `Serial: ash01:Pw`, `Item 2: ash01:Pw`,
// `Goods: ash01:Pw` (License Manager for WooCommerce, SendOwl and the serial-stock shops deliver
// "keys"; dujiaoka "卡密", card secrets). Split at its first colon such a line read as the login
// `License` with the password `ash01:Pw`, an account no one sold; with a key's word it was read as
// an API key and the delivery refused. The label is the item's, the value the account, as a
// buyer reads it; only a value that is a whole account line is taken, in a mail (email-text.ts) and a
// pasted list (account-line.ts) alike.

/** The words platforms print before a delivered item, maybe numbered (`Key 2`, `Item #3`). */
const ITEM = String.raw`(?:your\s+)?(?:(?:license|licence|product|activation|cd|serial|game|account)[\s_-]*(?:key|code|number)|serial(?:[\s_-]*(?:number|no\.?))?|license|licence|key|code|item|goods|stock|卡密|激活码|卡号)`;
const ITEM_LINE = new RegExp(String.raw`^(?:[-*•]\s*)?${ITEM}(?:\s*(?:#|no\.?\s*)?\d{1,4})?\s*[:：]\s*(\S.*)$`, 'iu');

/** The item after a delivered item's label (`License key: ash01:Pw` gives `ash01:Pw`), or undefined. */
export function itemValue(s: string): string | undefined {
  const m = ITEM_LINE.exec(s.trim());
  return m ? m[1] : undefined;
}

/** A value shaped as a whole `login:password` line (a login with a letter, a separator, no blank after it). */
const ACCOUNT_SHAPED = /^[A-Za-z0-9_.@+-]*[A-Za-z][A-Za-z0-9_.@+-]*[:;|,]\S/;

/**
 * The line without a delivered item's label when what follows is shaped as a whole account
 * (`License key: ash01:Pw` gives `ash01:Pw`), else the line. Cheap for a list's own lines: only a
 * line with a blank after a colon near its start is looked at.
 */
export function withoutItemLabel(s: string): string {
  // indexOf, not a regex: this runs for every line of a million-line list.
  let colon = s.indexOf(':');
  if (colon < 0) colon = s.indexOf('：');
  if (colon < 2 || colon > 32 || s.charCodeAt(colon + 1) !== 32) return s;
  const value = itemValue(s);
  return value !== undefined && ACCOUNT_SHAPED.test(value) ? value : s;
}
