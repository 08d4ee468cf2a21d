// A pool with a few days of history made by the real commands, whose names try to inject markup
// into the dashboard: a seller label, an instance name, an inbox file name.
import { expect } from 'vitest';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';

export const XSS = {
  source: `"><img src=x onerror=alert('seller')>`,
  instance: `<script>alert('instance')</script>`,
  // A right-to-left override: the name showed as `...>exe.txt`.
  inboxFile: `<svg onload=alert('file')>\u202etxt.exe`,
};

export const PASSWORD_MARK = 'Sekrit-';

const DAY = 86_400_000;

/** Seven days: an alert, imports from two sellers, a daily allocation of 10 (one with a checker), some bans; a waiting and a failed inbox file. */
export async function dashboardPool(): Promise<TestPool> {
  const pool = await makePool(4);
  await pool.configure({ alerts: `[{levels: 30, available_below: 55, command: [${JSON.stringify(process.execPath)}, -e, '']}]` });
  let now = Date.now() - 7 * DAY - 3_600_000; // the last allocation lands now
  const run = async (...args: string[]) => {
    const result = await cli([...args, ...pool.args], { clock: () => new Date(now), cwd: pool.base });
    expect(result.code, `${args.join(' ')}\n${result.stderr}`).toBe(0);
  };
  const dump = async (name: string, prefix: string, n: number) => {
    await writeFile(join(pool.base, name), Array.from({ length: n }, (_, i) => `${prefix}${i}:${PASSWORD_MARK}${prefix}${i}`).join('\n'));
    return name;
  };
  await run('import', await dump('a.txt', 'ash', 60), '--level', '30', '--source', XSS.source);
  await run('import', await dump('b.txt', 'brock', 40), '--level', '31');
  for (let day = 1; day <= 6; day++) {
    now += DAY;
    await run('allocate', '--count', '10', '--min-level', '30', '--max-level', '31', '--accountcsv', 'east.csv', '--instance', XSS.instance, '--no-check');
    await run('mark', `ash${day}`, `brock${day * 2}`, '--verdict', day % 2 ? 'temp_banned' : 'blind');
  }
  now += DAY;
  await run('allocate', '--count', '10', '--min-level', '30', '--max-level', '31', '--accountcsv', 'east.csv', '--instance', XSS.instance, '--no-check');
  now += 3_600_000;
  await run('allocate', '--count', '5', '--min-level', '30', '--max-level', '30', '--accountcsv', 'west.csv', '--instance', 'west', '--checker', 'simulated');
  const inbox = join(pool.base, 'inbox');
  await writeFile(join(inbox, 'no-level.txt'), 'misty1:pw\n'); // no level known: set aside with its reason
  expect((await cli(['watch', '--once', ...pool.args])).code).toBe(1);
  await mkdir(join(inbox, 'level-30'), { recursive: true });
  await writeFile(join(inbox, XSS.inboxFile), 'waiting:pw\n');
  return pool;
}
