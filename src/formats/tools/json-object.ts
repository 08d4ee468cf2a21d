// A program's one-object JSON file (PokéNurse's account.json, PokeMaster's profile): the object, when
// the text is one whose marker key shows it may be that program's, undefined otherwise. The marker
// is looked for before parsing, so a reader's detection costs nothing on every other dump.
import { jsonObject } from '../jsonl.js';

export function jsonObjectWith(text: string, marker: string, maxLength: number): Record<string, unknown> | undefined {
  const t = text.trim();
  if (t[0] !== '{' || t.length > maxLength || !t.includes(marker)) return undefined;
  return jsonObject(t);
}
