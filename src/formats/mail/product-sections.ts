// An order of several products at different levels in one delivery, each product line above its
// own accounts:
//
//   Product: 2x PTC Level 30        <- a product line stating one level
//   ash30a:pass                     <- its accounts
//   Product: 2x PTC Level 35
//   ash35a:pass
//
// Each product line is then a heading for the accounts under it (level-headings.ts), as
// `Level 30:` alone on its line is. Only when the layout says so beyond doubt: every product line
// states one level, every one has accounts under it before the next, and no account stands above
// the first. An order summary listing the products together above all the accounts (`2x Level
// 30` / `2x Level 35` / then four accounts) says nothing of which account is which: no level.
import type { DumpAccount } from '../types.js';

/**
 * [line, level] headings made of the product lines (`stating`: each line and the levels it
 * states, in order), or none when the layout does not pair each with its own accounts.
 */
export function productSections(stating: readonly [number, ReadonlySet<number>][], accounts: readonly DumpAccount[], maxLines: number): [number, number][] {
  if (stating.length < 2 || accounts.length === 0) return [];
  // The accounts' lines, in order (a reader may list them otherwise: a mail's parts, a correction).
  const lines: number[] = [];
  for (let i = 0; i < accounts.length; i++) {
    const line = accounts[i]!.line;
    // A product line further down than the lines looked at could start another section.
    if (line > maxLines) return [];
    lines.push(line);
  }
  lines.sort((a, b) => a - b);
  // A line naming several levels above every account sums the order up (a subject, `2x Level 30,
  // 2x Level 35`): it heads no section.
  const products = stating.filter(([at, levels]) => levels.size === 1 || at > lines[0]!);
  if (products.length < 2) return [];
  const paired = pairs(products, lines);
  if (paired.length > 0 || products[1]![0] > lines[0]!) return paired;
  // The order's items listed first, then each product again above its own stock (WooCommerce's
  // completed-order mail: the items and totals, then License Manager's `Licenses`, a block per
  // product): the product lines above the first account but the last are that summary, read past
  // when the sections below state each of its levels and no other.
  const first = products.findIndex(([at]) => at > lines[0]!);
  if (first < 1) return [];
  const sections = pairs(products.slice(first - 1), lines);
  const summed = new Set(products.slice(0, first - 1).flatMap(([, levels]) => [...levels]));
  const stated = new Set(sections.map(([, level]) => level));
  return sections.length >= 2 && summed.size === stated.size && [...summed].every((l) => stated.has(l)) ? sections : [];
}

/** Each product line with the one level it states, when each has accounts under it before the next and none stands above the first. */
function pairs(products: readonly [number, ReadonlySet<number>][], lines: readonly number[]): [number, number][] {
  if (products.length < 2) return [];
  const out: [number, number][] = [];
  for (let s = 0; s < products.length; s++) {
    const [at, levels] = products[s]!;
    if (levels.size !== 1) return [];
    const end = products[s + 1]?.[0] ?? Infinity;
    if (!lines.some((l) => l > at && l < end)) return [];
    out.push([at, [...levels][0]!]);
  }
  return lines[0]! > products[0]![0] ? out : [];
}
