// A shop's order or store as JSON whose goods are accounts. Orders: Sellix's order object (its
// `serials`, the items a "serials" product delivers, one string each: fsalinas26/sellix-api-wrapper
// `getOrder`, `createProduct(..., "serials", ...)`, `editProduct(id, {"Serials": [...]})`), the
// `delivered` of the serial-stock shops of 2017-2018 (one string, the items a line each), a shop
// bot's order with the item it gave (`"content": item`, code corpus file 56861671609;
// `"delivered_item": item`, 62145425001). Stores: a Telegram or Discord shop bot's products, keyed
// by name or id, each with its `stock` list popped per sale (488688546 `products[name]["stock"]`,
// 57393930213 `db["items"][id]["stock"]`), a `credentials` text of label lines
// (HiiFyi/Accounting0293 `bot.py`: `f"Email: {email}\nPass: {password}"`), or the account's own
// fields (alirezaabbaszadeh/accounts-Automator `bot.py`: `products[pid] = {price, username,
// password, secret, buyers}`). Items are read as the same lines pasted would be (plain.ts), each at
// its string's line. Only a product that names the game is read (`Pokemon GO PTC Level 30` as its
// title or key): a product naming something else (`Netflix 1 month`) is another service's logins,
// refused by its lines; a product naming nothing counts where the document names the game.
import { isObject } from './jsonl.js';
import { roleOf } from './lists/columns.js';
import { labelledItems } from './lists/labelled-items.js';
import { levelFromName } from './stated-level.js';

/** The keys a shop keeps its delivered or stocked items under, any case. */
const SERIAL_KEYS = new Set([
  'serials', 'serial', 'delivered', 'delivered_items', 'delivered_item', 'deliverables', 'goods', 'items', 'stock', 'accounts',
  'credentials', 'credential',
]);
/** `content` is a chat message's text too (Discord's exports): an item only in an object that also has a price or a product. */
const ORDER_ITEM_KEYS = new Set(['content']);
const ORDER_WORDS = new Set(['price', 'amount', 'total', 'product', 'product_id', 'product_name', 'item_name', 'order_id']);
/** A value naming the game or its login service, in the scripts its shops wrote it in. */
const GAME = /pok[eé]mon|pogo|\bptc\b|trainer club|niantic|ポケモン|포켓몬|宝可梦|寶可夢/i;
/** Keys whose value names a product: its title. */
const TITLE_KEYS = new Set(['name', 'title', 'product_name', 'product_title', 'productname', 'item_name', 'category', 'service', 'game']);
/** Keys that hold products or orders, naming none (`{"products": {...}}`): no product's title. */
const CONTAINER_KEYS = new Set(['products', 'product', 'items', 'item', 'data', 'order', 'orders', 'shop', 'store', 'catalog', 'stock', 'goods', 'db', 'database', 'inventory', 'result', 'results']);
/** A whole `login:password` item (a login with a letter, a separator, no blank after it): item-labels.ts' shape. */
const ACCOUNT_SHAPED = /^[A-Za-z0-9_.@+-]*[A-Za-z][A-Za-z0-9_.@+-]*[:;|,]\S/;
/** How deep in the document the items are looked for (`{"data": {"order": {"serials": [...]}}}`, `{"products": {name: {"stock": [...]}}}`). */
const MAX_DEPTH = 4;

/** One item: a line as a list holds it, or an account's own fields. `written` finds its line (the JSON strings it came from). */
export type ShopItem = ({ line: string } | { fields: { username: string; password: string; level?: unknown } }) & { written: string; level?: number };
/** What a shop document holds, in its order: the game's items, and other products' items (`other`: the product's title), refused. */
export type ShopStock = (ShopItem & { other?: string })[];

interface Scope {
  named: boolean;
  title?: string;
  level?: number;
}
interface Group {
  scope: Scope;
  items: ShopItem[];
}

/** The shop's items, in the document's order; undefined when it holds none of the game's. */
export function shopSerials(value: unknown): ShopStock | undefined {
  if (!isObject(value) && !Array.isArray(value)) return undefined;
  const groups: Group[] = [];
  const game = { named: false };
  walk(value, 0, { named: false }, undefined, groups, game);
  const stock: ShopStock = [];
  for (const g of groups) {
    if (g.scope.named || (g.scope.title === undefined && game.named)) {
      for (const i of g.items) stock.push(g.scope.level !== undefined ? { ...i, level: g.scope.level } : i);
    } else if (g.scope.title !== undefined) for (const i of g.items) stock.push({ ...i, other: g.scope.title });
  }
  // Some stock of the game's own (another product's is kept to be refused by its line).
  return stock.some((i) => i.other === undefined) ? stock : undefined;
}

function walk(value: unknown, depth: number, outer: Scope, key: string | undefined, groups: Group[], game: { named: boolean }): void {
  if (Array.isArray(value)) {
    for (const v of value) if (isObject(v) && depth < MAX_DEPTH) walk(v, depth + 1, outer, undefined, groups, game);
    return;
  }
  if (!isObject(value)) return;
  const scope = scopeOf(value, outer, key);
  if (key !== undefined && GAME.test(key)) game.named = true;
  const own = depth > 0 ? ownAccount(value) : undefined;
  if (own) groups.push({ scope, items: [own] });
  const order = Object.keys(value).some((k) => ORDER_WORDS.has(k.trim().toLowerCase()));
  const items: ShopItem[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && !game.named && GAME.test(v.slice(0, 500))) game.named = true;
    const name = k.trim().toLowerCase();
    const lines = SERIAL_KEYS.has(name) || (order && ORDER_ITEM_KEYS.has(name)) ? itemsOf(v) : undefined;
    if (lines) for (const l of lines) items.push(l);
    else if ((isObject(v) || Array.isArray(v)) && depth < MAX_DEPTH) walk(v, depth + 1, scope, k, groups, game);
  }
  if (items.length > 0) groups.push({ scope, items });
}

/** A product's scope: its title (a title key's value, or the key it is stored under), whether that names the game, the level it states. */
function scopeOf(o: Record<string, unknown>, outer: Scope, key: string | undefined): Scope {
  const titles: string[] = [];
  for (const [k, v] of Object.entries(o)) if (TITLE_KEYS.has(k.trim().toLowerCase()) && typeof v === 'string' && /\p{L}/u.test(v)) titles.push(v.trim());
  if (key !== undefined && /\p{L}/u.test(key) && !CONTAINER_KEYS.has(key.trim().toLowerCase())) titles.push(key.trim());
  if (titles.length === 0) return outer;
  const named = outer.named || titles.some((t) => GAME.test(t));
  const level = titles.map((t) => levelFromName(t)).find((l) => l !== undefined) ?? outer.level;
  return { named, title: outer.named ? outer.title : titles[0]!.slice(0, 60), ...(level !== undefined ? { level } : {}) };
}

/** A product that is one account (accounts-Automator's `{price, username, password, secret, buyers}`): its login and password, by their names. */
function ownAccount(o: Record<string, unknown>): ShopItem | undefined {
  let username: string | undefined;
  let password: string | undefined;
  let level: unknown;
  for (const [k, v] of Object.entries(o)) {
    const role = roleOf(k.trim());
    if ((role === 'user' || (role === 'email' && username === undefined)) && typeof v === 'string') username = v;
    else if (role === 'pass' && typeof v === 'string') password = v;
    else if (role === 'level') level = v;
  }
  if (username === undefined || password === undefined || username.trim() === '') return undefined;
  return { fields: { username, password, ...(level !== undefined ? { level } : {}) }, written: username };
}

/**
 * The items of a list of strings or of one string of lines, when every one is a whole account:
 * a `login:password` line, a line of labelled fields (`user: x | pass: y`), or a string of label
 * lines (`Email: x\nPass: y`), joined as one such line. A list of account objects gives their fields.
 */
function itemsOf(v: unknown): ShopItem[] | undefined {
  if (Array.isArray(v) && v.length > 0 && v.every(isObject)) {
    const own = v.map((o) => ownAccount(o));
    return own.every((o) => o !== undefined) ? (own as ShopItem[]) : undefined;
  }
  const strings = Array.isArray(v) ? v : typeof v === 'string' ? [v] : undefined;
  if (!strings || !strings.every((l) => typeof l === 'string')) return undefined;
  const items: ShopItem[] = [];
  for (const s of strings as string[]) {
    const lines = s.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
    if (lines.length === 0) continue;
    const joined = lines.length > 1 ? lines.join(' | ') : lines[0]!;
    if (lines.length > 1 && isLabelled(joined)) items.push({ line: joined, written: lines[0]! });
    else if (lines.every((l) => ACCOUNT_SHAPED.test(l) || isLabelled(l))) for (const l of lines) items.push({ line: l, written: l });
    else return undefined;
  }
  return items.length > 0 ? items : undefined;
}

function isLabelled(line: string): boolean {
  const read = labelledItems(line);
  return read !== undefined && !('reason' in read);
}

/**
 * The line of each item in the document's text (JSON-escaped as written; 1 where it is escaped
 * otherwise): each string found after its own last find, so the same item twice gets two lines,
 * the lines counted once over the finds in the text's order.
 */
export function itemLinesInText(text: string, items: readonly string[]): number[] {
  const after = new Map<string, number>();
  const at = items.map((item) => {
    const written = JSON.stringify(item).slice(1, -1);
    const found = text.indexOf(written, after.get(written) ?? 0);
    if (found >= 0) after.set(written, found + written.length);
    return found;
  });
  const out = at.map(() => 1);
  let line = 1;
  let counted = 0;
  for (const i of at.map((_, i) => i).filter((i) => at[i]! >= 0).sort((a, b) => at[a]! - at[b]!)) {
    for (let n = text.indexOf('\n', counted); n >= 0 && n < at[i]!; n = text.indexOf('\n', n + 1)) line++;
    counted = at[i]!;
    out[i] = line;
  }
  return out;
}
