// Running the operator's command for an alert: argv as configured (no shell), the alert as one
// JSON object on stdin, a time limit. Its output goes to our stderr (never stdout: a pre-start
// hook reads allocate's summary there). A command that fails is reported, never fatal: the
// change that caused the alert is already committed.
import { lazily } from '../lazy-require.js';
import { childEnv } from '../child-env.js';
import { hostname } from 'node:os';
import type { Reading } from './measure.js';

/** node:child_process on first use: loading it (with net and dgram) is ~10 ms of every allocate's start, and most never run a program. */
const childProcess = lazily<typeof import('node:child_process')>('node:child_process');

/** A webhook that hangs must not hold up a scanner's start for long. */
export const ALERT_TIMEOUT_MS = 30_000;

export interface AlertMessage {
  /** One line for chat webhooks (Discord reads `content`). */
  content: string;
  rule: string;
  levels: string;
  measure: 'available' | 'days';
  value: number | null;
  below: number;
  available: number;
  usable: number;
  days_until_dry: number | null;
  lost_per_day_7d: number;
  pool: string;
  host: string;
  at: string;
}

export function alertMessage(reading: Reading, pool: string, at: string): AlertMessage {
  const { condition, value, range } = reading;
  const what = condition.measure === 'available' ? `${value} accounts available, below ${condition.below}` : `runs dry in ${value} days at ${range.lost_per_day.d7} lost per day, below ${condition.below}`;
  return {
    content: `accountpool: level ${condition.levels} ${condition.measure === 'available' ? 'has ' : ''}${what} (pool ${pool} on ${hostname()})`,
    rule: condition.id,
    levels: condition.levels,
    measure: condition.measure,
    value,
    below: condition.below,
    available: range.available,
    usable: range.usable,
    days_until_dry: range.days_until_dry,
    lost_per_day_7d: range.lost_per_day.d7,
    pool,
    host: hostname(),
    at,
  };
}

/** Runs `command` with `message` on stdin; resolves with a line saying how it went. */
export function runAlertCommand(command: readonly string[], message: AlertMessage, timeoutMs = ALERT_TIMEOUT_MS): Promise<{ ok: boolean; report: string }> {
  return new Promise((resolve) => {
    const child = childProcess().spawn(command[0]!, command.slice(1), { env: childEnv(), stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let output = '';
    const keep = (chunk: Buffer) => {
      if (output.length < 2000) output += chunk.toString('utf8');
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.stdin.on('error', () => {}); // a command that does not read its stdin is its own business
    child.stdin.end(`${JSON.stringify(message)}\n`);
    const said = () => (output.trim() ? `: ${output.trim().split('\n').slice(-3).join(' | ').slice(0, 300)}` : '');
    child.on('error', (error) => resolve({ ok: false, report: `could not run ${command[0]}: ${error.message}` }));
    child.on('close', (code, signal) => {
      if (code === 0) resolve({ ok: true, report: `ran ${command[0]}` });
      else resolve({ ok: false, report: `${command[0]} ${signal ? `was stopped (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs / 1000} s` : ''})` : `exited ${code}`}${said()}` });
    });
  });
}
