// The dashboard page: one self-contained HTML document (inline style and SVG, no script, nothing
// fetched), which reloads itself every REFRESH_SECONDS. Every value is escaped (html.ts).
import { dailyChart, splitBar } from './charts.js';
import { Html, html, text } from './html.js';
import type { DashboardData } from './data.js';
import { counted } from '../counted-noun.js';

export const REFRESH_SECONDS = 30;

const STYLE = `
body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em; color: #1d2330; background: #f6f7f9; }
h1 { font-size: 1.3em; margin: 0 0 .2em; } h2 { font-size: 1.1em; margin: 1.2em 0 .5em; } h3 { font-size: .95em; margin: 1.2em 0 .4em; color: #334; }
.sub { color: #667; } section { background: #fff; border: 1px solid #dde1e7; border-radius: 6px; padding: .2em 1em 1em; margin-bottom: 1em; }
table { border-collapse: collapse; } th, td { padding: .25em .8em .25em 0; text-align: right; white-space: nowrap; }
th:first-child, td:first-child { text-align: left; } th { color: #556; font-weight: 600; border-bottom: 1px solid #dde1e7; }
span.name { display: inline-block; max-width: 28em; overflow: hidden; text-overflow: ellipsis; vertical-align: bottom; } span.reason { display: inline-block; text-align: left; white-space: normal; max-width: 48em; }
.low { color: #b3261e; font-weight: 600; } .none { color: #889; }
svg.chart { max-width: 100%; height: auto; display: block; } .grid { stroke: #e4e7ec; } .axis { font-size: 11px; fill: #667; }
.bar.out, .legend .out { fill: #3b6fd4; background: #3b6fd4; } .bar.lost, .legend .lost { fill: #d0453b; background: #d0453b; }
.split .available { fill: #3a9a5b; } .split .held { fill: #3b6fd4; } .split .cooling { fill: #e0a030; } .split .retired { fill: #9aa0aa; }
.legend span { display: inline-block; width: .8em; height: .8em; margin: 0 .3em 0 1em; vertical-align: -.05em; }
.alert { color: #b3261e; } .recovered { color: #3a9a5b; }
`;

function ago(iso: string, now: string): string {
  const ms = Date.parse(now) - Date.parse(iso);
  const future = ms < 0;
  const m = Math.abs(ms) / 60_000;
  const span = m < 90 ? `${Math.round(m)} min` : m < 48 * 60 ? `${Math.round(m / 60)} h` : `${Math.round(m / 1440)} days`;
  return future ? `in ${span}` : `${span} ago`;
}

const when = (iso: string | undefined, now: string) => (iso ? html`<span title="${iso}">${ago(iso, now)}</span>` : html`<span class="none">no end</span>`);
const pct = (n: number, of: number) => (of === 0 ? '-' : `${Math.round((100 * n) / of)}%`);

function table(head: readonly string[], rows: readonly Html[][], empty: string): Html {
  if (rows.length === 0) return html`<p class="none">${empty}</p>`;
  return html`<table><tr>${head.map((h) => html`<th>${h}</th>`)}</tr>${rows.map((r) => html`<tr>${r.map((c) => html`<td>${c}</td>`)}</tr>`)}</table>`;
}

function levels(d: DashboardData): Html {
  const rows = d.status.levels.map((l) => [text(l.level), text(l.total), text(l.available), text(l.held), text(l.cooling), text(l.retired), splitBar(l, l.total)]);
  const a = d.status.byAvailability;
  rows.push([html`<b>all</b>`, text(a.total), text(a.available), text(a.held), text(a.cooling), text(a.retired), splitBar(a, a.total)]);
  const states = Object.entries(d.status.byState).filter(([, n]) => n > 0).map(([s, n]) => `${s} ${n}`).join(', ');
  return html`<h2>Accounts by level</h2>${table(['level', 'total', 'available', 'held', 'cooling', 'retired', ''], rows, 'the pool is empty')}<p>States: ${states || 'none'}</p>`;
}

function holders(d: DashboardData): Html {
  const rows = d.status.holders.map((h) => [html`<span class="name">${h.instance}</span>`, text(h.accounts), when(h.held_until, d.at)]);
  return html`<h2>Holders</h2>${table(['instance', 'accounts', 'hold ends'], rows, 'nobody holds accounts')}`;
}

function forecast(d: DashboardData): Html {
  const rows = d.health.ranges.map((r) => [
    text(r.levels),
    text(r.available),
    text(r.usable),
    text(r.handed_out_per_day.d7),
    text(r.lost_per_day.d7),
    r.days_until_dry === null ? html`<span class="none">never</span>` : r.days_until_dry < 7 ? html`<span class="low">${r.days_until_dry}</span>` : text(r.days_until_dry),
  ]);
  const charts = d.health.ranges.map((r) => html`<h3>Level ${r.levels}: handed out and lost per day, last 30 days</h3>${dailyChart(r.levels, r.daily)}`);
  return html`<h2>Forecast</h2>${table(['levels', 'available', 'usable', 'out / day (7 d)', 'lost / day (7 d)', 'dry in days'], rows, 'no level range yet: nothing was allocated')}
<p class="legend"><span class="out"></span>handed out<span class="lost"></span>lost (banned, blind, warned, invalid)</p>${charts}`;
}

function sellers(d: DashboardData): Html {
  const rows = d.health.sources.map((s) => [
    html`<span class="name">${s.source}</span>`,
    text(s.bought),
    text(s.healthy),
    text(pct(s.banned, s.bought)),
    text(pct(s.blind, s.bought)),
    text(pct(s.invalid, s.bought)),
    text(s.median_days_to_first_ban ?? '-'),
  ]);
  return html`<h2>Sellers</h2>${table(['source', 'bought', 'healthy', 'banned', 'blind', 'invalid', 'days to 1st ban (median)'], rows, 'no accounts yet')}`;
}

function inbox(d: DashboardData): Html {
  const { waiting, failed, waitingTotal, failedTotal } = d.inbox;
  const more = (shown: number, total: number) => (total > shown ? html`<p class="none">and ${total - shown} more</p>` : '');
  if (d.inbox.notAccepted) return html`<h2>Inbox</h2><p class="sub">${d.inbox.dir}</p><p class="none">not accepted on this host (the config's inbox may have come with a sync): accountpool trust</p>`;
  return html`<h2>Inbox</h2><p class="sub">${d.inbox.dir}</p>
<h3>Waiting (${waitingTotal})</h3>${table(['file', 'bytes', 'since'], waiting.map((f) => [html`<span class="name">${f.name}</span>`, text(f.bytes), when(f.at, d.at)]), 'nothing waits')}${more(waiting.length, waitingTotal)}
<h3>Failed (${failedTotal})</h3>${table(['file', 'when', 'reason'], failed.map((f) => [html`<span class="name">${f.name}</span>`, when(f.at, d.at), html`<span class="reason">${f.reason}</span>`]), 'nothing failed')}${more(failed.length, failedTotal)}`;
}

function alerts(d: DashboardData): Html {
  if (d.alerts.length === 0) return html``;
  const rows = d.alerts.map((a) => [html`<span class="${a.kind}">${a.kind}</span>`, text(a.rule), text(a.value ?? 'never'), when(a.at, d.at)]);
  return html`<h2>Alerts</h2>${table(['', 'condition', 'value', 'when'], rows, '')}`;
}

export function renderPage(d: DashboardData): string {
  const unreadable = d.health.unreadable_lines > 0 ? html`; ${d.health.unreadable_lines} history lines could not be read` : '';
  return `<!doctype html>${html`<html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${REFRESH_SECONDS}">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>accountpool: ${d.status.byAvailability.available} available</title><style>${new Html(STYLE)}</style></head>
<body><h1>accountpool</h1><p class="sub">${d.pool} · ${counted(d.status.total, 'account')} · ${d.at.replace('T', ' ').slice(0, 19)} UTC · history since ${d.health.history_since?.slice(0, 10) ?? '(none yet)'}${unreadable} · reloads every ${REFRESH_SECONDS} s</p>
<section>${alerts(d)}${levels(d)}${holders(d)}</section><section>${forecast(d)}</section><section>${sellers(d)}</section><section>${inbox(d)}</section></body></html>`}`;
}
