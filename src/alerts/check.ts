// After a change to the pool: has any alert condition crossed its threshold since it was last
// recorded? Each crossing runs its command once (see measure.ts for where the state lives).
//
//   1. lock-free: read the pool and the recent history; most of the time nothing crossed: done.
//   2. under the lock (a transaction): read both again and record an `alert` or `recovered` event
//      for each condition that crossed. Two processes that both saw a crossing in step 1 meet
//      here: the second finds the first one's event and records nothing.
//   3. after the commit: run the command of each new alert, if this host accepted it
//      (src/git/trusted-commands.ts); else say so, with the command that accepts it.
// Killed between 2 and 3, an alert is recorded but its command never ran: at most once, by
// design (a repeated "accounts low" is worse than a missed one only in a flood; the state is in
// the history for anyone to see).
import type { Account } from '../model.js';
import type { Pool } from '../store/pool.js';
import { monthOf } from '../store/history-files.js';
import { formatEvent } from '../history/events.js';
import { firstEventAt, parseHistory } from '../history/read.js';
import { conditionsOf, type Condition } from './rules.js';
import { changed, lastCrossings, readConditions, type Reading } from './measure.js';
import { alertMessage, runAlertCommand } from './notify.js';

const DAY = 86_400_000;

export interface CheckOptions {
  /** Where the line about each alert goes (stderr for commands, the log for serve). */
  log: (line: string) => void;
  /** Runs work alone in this process (serve: between its batches, which hold the same pool). */
  exclusive?: <T>(work: () => Promise<T>) => Promise<T>;
}

async function crossings(pool: Pool, conditions: Condition[], accounts: readonly Account[], now: Date): Promise<Reading[]> {
  // This month and the last: a week of losses for the forecast, a month of alert states.
  const { events } = parseHistory(await pool.readHistory(monthOf(new Date(now.getTime() - 31 * DAY))));
  const readings = readConditions(conditions, accounts, events, now, pool.config, firstEventAt(events));
  return changed(readings, lastCrossings(events));
}

function describe(reading: Reading): string {
  const { condition, value } = reading;
  const shown = value === null ? 'never' : String(value);
  return `level ${condition.levels} ${condition.measure === 'available' ? 'available' : 'days until dry'} ${shown} (${reading.below ? 'below' : 'not below'} ${condition.below})`;
}

export async function checkAlerts(pool: Pool, options: CheckOptions): Promise<void> {
  const conditions = conditionsOf(pool.config.alerts);
  if (conditions.length === 0) return;
  if (!pool.config.history) {
    options.log('alerts: not checked: they keep their state in the history, and history is off in the config');
    return;
  }
  const work = async () => {
    const seen = await crossings(pool, conditions, [...(await pool.read()).accounts()], pool.now());
    if (seen.length === 0) return;
    const recorded = await pool.transaction(
      async (tx) => {
        const todo = await crossings(pool, conditions, [...tx.accounts()], tx.now);
        const at = tx.now.toISOString();
        for (const r of todo) {
          const { id, levels, measure, below } = r.condition;
          tx.record(formatEvent({ at, kind: r.below ? 'alert' : 'recovered', rule: id, levels, measure, value: r.value, below }));
        }
        tx.message = `alerts: ${todo.map((r) => `${r.below ? 'alert' : 'recovered'} ${r.condition.id}`).join('; ')}`;
        return { todo, at };
      },
      { via: 'log' },
    );
    for (const reading of recorded.todo) {
      if (!reading.below) {
        options.log(`alert recovered: ${describe(reading)}`);
        continue;
      }
      const { command } = reading.condition;
      // Only a command this host's operator accepted runs (the config may have come with a sync).
      const trust = await import('../git/trusted-commands.js');
      const dir = pool.layout.dir;
      const { report } = (await trust.isAccepted(dir, command)) ? await runAlertCommand(command, alertMessage(reading, dir, recorded.at)) : { report: `not run: ${trust.notAcceptedReason(dir, 'the alert command', command)}` };
      options.log(`alert: ${describe(reading)}: ${report}`);
    }
  };
  try {
    await (options.exclusive ? options.exclusive(work) : work());
  } catch (error) {
    // The pool change that led here is committed; an alert that could not be checked says so.
    options.log(`alerts: could not be checked: ${(error as Error).message}`);
  }
}
