// A shop's order as JSON whose delivered goods are account lines: Sellix's order object (its
// `serials`, the items a "serials" product delivers, one string each: fsalinas26/sellix-api-wrapper
// `getOrder`, `createProduct(..., "serials", ...)`, `editProduct(id, {"Serials": [...]})`), the
// `delivered` of the serial-stock shops of 2017-2018 (one string, the items a line each), saved by a
// buyer from the API or the shop's order page. Read as the same lines pasted would be (plain.ts),
// each at its string's line. Only where the order names the game (`Pokemon GO PTC Level 30` in its
// product title): a shop's order for any other service's logins holds the same shapes.
import { isObject } from './jsonl.js';

/** The keys a shop's order keeps its delivered items under, any case. */
const SERIAL_KEYS = new Set(['serials', 'serial', 'delivered', 'delivered_items', 'deliverables', 'goods', 'items', 'stock', 'accounts']);
/** A value naming the game or its login service: a product's title, a category. */
const GAME = /pok[eé]mon|\bpogo\b|\bptc\b|trainer club|niantic/i;
/** A whole `login:password` item (a login with a letter, a separator, no blank after it): item-labels.ts' shape. */
const ACCOUNT_SHAPED = /^[A-Za-z0-9_.@+-]*[A-Za-z][A-Za-z0-9_.@+-]*[:;|,]\S/;
/** How deep in the order the items are looked for (`{"data": {"order": {"serials": [...]}}}`). */
const MAX_DEPTH = 4;

/** The delivered items' lines, in the document's order; undefined when the document holds none or names no game. */
export function shopSerials(value: unknown): string[] | undefined {
  if (!isObject(value) && !Array.isArray(value)) return undefined;
  const items: string[] = [];
  const named = { game: false };
  walk(value, 0, items, named);
  return items.length > 0 && named.game ? items : undefined;
}

function walk(value: unknown, depth: number, items: string[], named: { game: boolean }): void {
  if (Array.isArray(value)) {
    for (const v of value) if (isObject(v) && depth < MAX_DEPTH) walk(v, depth + 1, items, named);
    return;
  }
  if (!isObject(value)) return;
  for (const [key, v] of Object.entries(value)) {
    if (typeof v === 'string' && !named.game && GAME.test(v.slice(0, 500))) named.game = true;
    const lines = SERIAL_KEYS.has(key.trim().toLowerCase()) ? itemLines(v) : undefined;
    if (lines) for (const l of lines) items.push(l);
    else if ((isObject(v) || Array.isArray(v)) && depth < MAX_DEPTH) walk(v, depth + 1, items, named);
  }
}

/** The items of a list of strings or of one string of lines, when every one is a whole account line. */
function itemLines(v: unknown): string[] | undefined {
  const lines = Array.isArray(v) ? v : typeof v === 'string' ? v.split(/\r?\n/) : undefined;
  if (!lines || !lines.every((l) => typeof l === 'string')) return undefined;
  const items = (lines as string[]).map((l) => l.trim()).filter((l) => l !== '');
  return items.length > 0 && items.every((l) => ACCOUNT_SHAPED.test(l)) ? items : undefined;
}

/** The line of each item in the document's text, in order (JSON-escaped as written); 1 where it is escaped otherwise. */
export function itemLinesInText(text: string, items: readonly string[]): number[] {
  const out: number[] = [];
  let from = 0;
  let line = 1;
  let counted = 0;
  for (const item of items) {
    const written = JSON.stringify(item).slice(1, -1);
    const at = text.indexOf(written, from);
    if (at < 0) {
      out.push(1);
      continue;
    }
    for (let i = text.indexOf('\n', counted); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
    counted = at;
    from = at + written.length;
    out.push(line);
  }
  return out;
}
