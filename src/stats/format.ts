// `accountpool stats` as text: the seller table and the level-range table, in columns.
import type { PoolHealth } from './pool-health.js';

const percent = (n: number, of: number) => (of === 0 ? '-' : `${Math.round((100 * n) / of)}%`);
const number = (n: number | null) => (n === null ? '-' : String(n));

/** Long names are cut in the middle: the start and the end tell sellers' files apart best. */
function fit(text: string, width: number): string {
  if (text.length <= width) return text.padEnd(width);
  const head = Math.ceil((width - 1) / 2);
  return `${text.slice(0, head)}…${text.slice(text.length - (width - 1 - head))}`;
}

function table(header: string[], rows: string[][], firstWidth: number): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  widths[0] = Math.min(firstWidth, widths[0]!);
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? fit(c, widths[0]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

export function formatHealth(health: PoolHealth, pool: string): string[] {
  const since = health.history_since ? `history since ${health.history_since.slice(0, 10)}` : 'no history yet';
  const out = [`pool ${pool}: ${since}`];
  if (health.unreadable_lines > 0) out.push(`(${health.unreadable_lines} history lines could not be read and are left out)`);
  out.push('');
  out.push(
    ...table(
      ['source', 'bought', 'healthy', 'banned', 'blind', 'invalid', 'days to 1st ban'],
      health.sources.map((s) => [s.source, String(s.bought), String(s.healthy), percent(s.banned, s.bought), percent(s.blind, s.bought), percent(s.invalid, s.bought), number(s.median_days_to_first_ban)]),
      40,
    ),
  );
  out.push('');
  out.push(
    ...table(
      ['levels', 'available', 'usable', 'out/day 7d', 'out/day 30d', 'lost/day 7d', 'lost/day 30d', 'dry in days'],
      health.ranges.map((r) => [
        r.levels,
        String(r.available),
        String(r.usable),
        String(r.handed_out_per_day.d7),
        String(r.handed_out_per_day.d30),
        String(r.lost_per_day.d7),
        String(r.lost_per_day.d30),
        r.days_until_dry === null ? 'never' : String(r.days_until_dry),
      ]),
      12,
    ),
  );
  return out;
}
