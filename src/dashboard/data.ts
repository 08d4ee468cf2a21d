// Everything the dashboard shows, gathered at one moment: the numbers of `status` and `stats`,
// the last alerts, and the inbox. Never an account's password: only counts, names and times.
import { resolve } from 'node:path';
import type { Pool } from '../store/pool.js';
import type { Snapshot } from '../store/snapshot.js';
import { poolStats, type PoolStats } from '../pool-stats.js';
import { loadHistory } from '../history/read.js';
import type { HistoryEvent } from '../history/events.js';
import { poolHealth, type PoolHealth } from '../stats/pool-health.js';
import { inboxView, type InboxView } from './inbox-view.js';

export interface DashboardData {
  pool: string;
  at: string;
  status: PoolStats;
  health: PoolHealth;
  /** The last alerts and recoveries, newest first. */
  alerts: Extract<HistoryEvent, { kind: 'alert' | 'recovered' }>[];
  inbox: InboxView;
}

/**
 * `readSnapshot` reads the pool (serve passes one that runs between its batches); the history and
 * the inbox are read lock-free beside it.
 */
export async function gatherDashboard(pool: Pool, readSnapshot: () => Promise<Snapshot> = () => pool.read()): Promise<DashboardData> {
  const inbox = resolve(pool.layout.dir, pool.config.inbox);
  // A folder a sync brought into the config is not listed (nor its notes read) until this host accepted it.
  const trust = await import('../git/trusted-commands.js');
  const accepted = !trust.inboxNeedsAccepting(pool.config.inbox) || (await trust.isAccepted(pool.layout.dir, pool.config.inbox));
  const look = accepted ? inboxView(inbox, pool.layout.dir) : Promise.resolve({ dir: inbox, notAccepted: true, waiting: [], waitingTotal: 0, failed: [], failedTotal: 0 });
  const [snapshot, history, inboxNow] = await Promise.all([readSnapshot(), loadHistory(pool), look]);
  const now = pool.now();
  const accounts = [...snapshot.accounts()];
  const alerts = history.events.filter((e): e is DashboardData['alerts'][number] => e.kind === 'alert' || e.kind === 'recovered');
  return {
    pool: pool.layout.dir,
    at: now.toISOString(),
    status: poolStats(accounts, now, pool.config),
    health: poolHealth(accounts, history, now, pool.config),
    alerts: alerts.sort((a, b) => (a.at < b.at ? 1 : -1)).slice(0, 10),
    inbox: inboxNow,
  };
}
