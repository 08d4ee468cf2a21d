// Charts drawn on the server as inline SVG: no script, no library, no network. A bar chart of
// the accounts handed out and lost per day for one level range, and a small stacked bar of a
// level's accounts by availability.
import type { DayCount } from '../stats/ranges.js';
import { html, num, type Html } from './html.js';
import { counted } from '../counted-noun.js';

const W = 720;
const H = 200;
const PAD = { left: 40, right: 10, top: 14, bottom: 26 };

/** A round top for the y axis: 1, 2, 5, 10, 20, 50, ... at least `max`. */
function niceTop(max: number): number {
  if (max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** Handed out (blue) and lost (red) per day, side by side, one shared scale; a lost day shows at least 2 px. */
export function dailyChart(levels: string, days: readonly DayCount[]): Html {
  const top = niceTop(Math.max(...days.map((d) => Math.max(d.handed_out, d.lost))));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const slot = plotW / Math.max(1, days.length);
  const barW = Math.max(1, slot * 0.4);
  const y = (v: number) => PAD.top + plotH - (v / top) * plotH;
  const height = (v: number) => (v > 0 ? Math.max(2, (v / top) * plotH) : 0);
  const grid = [0, top / 2, top].map(
    (v) => html`<line class="grid" x1="${num(PAD.left)}" x2="${num(W - PAD.right)}" y1="${num(y(v))}" y2="${num(y(v))}"/><text class="axis" x="${num(PAD.left - 6)}" y="${num(y(v) + 4)}" text-anchor="end">${num(v)}</text>`,
  );
  const bars = days.map((d, i) => {
    const x = PAD.left + i * slot + (slot - 2 * barW) / 2;
    const label = days.length - 1 - i === 0 ? 'today' : d.day.slice(5);
    return html`<g><title>${d.day}: ${d.handed_out} handed out, ${d.lost} lost</title>${
      d.handed_out > 0 ? html`<rect class="bar out" x="${num(x)}" y="${num(PAD.top + plotH - height(d.handed_out))}" width="${num(barW)}" height="${num(height(d.handed_out))}"/>` : ''
    }${d.lost > 0 ? html`<rect class="bar lost" x="${num(x + barW)}" y="${num(PAD.top + plotH - height(d.lost))}" width="${num(barW)}" height="${num(height(d.lost))}"/>` : ''}${
      (days.length - 1 - i) % 7 === 0 ? html`<text class="axis" x="${num(PAD.left + i * slot + slot / 2)}" y="${num(H - 8)}" text-anchor="middle">${label}</text>` : ''
    }</g>`;
  });
  return html`<svg class="chart" data-range="${levels}" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="accounts of level ${levels} handed out and lost per day, last ${counted(days.length, 'day')}">${grid}${bars}</svg>`;
}

export interface Split {
  available: number;
  held: number;
  cooling: number;
  retired: number;
}

/** One level's accounts as a stacked bar: available, held, cooling, retired. */
export function splitBar(counts: Split, total: number, width = 220): Html {
  let x = 0;
  const parts = (['available', 'held', 'cooling', 'retired'] as const).map((kind) => {
    const w = total > 0 ? (counts[kind] / total) * width : 0;
    const rect = w > 0 ? html`<rect class="${kind}" x="${num(x)}" y="0" width="${num(w)}" height="12"><title>${counts[kind]} ${kind}</title></rect>` : '';
    x += w;
    return rect;
  });
  return html`<svg class="split" viewBox="0 0 ${width} 12" width="${width}" height="12">${parts}</svg>`;
}
