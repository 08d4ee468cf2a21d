// The watcher's log says what it rejected in a dump and why, line by line as `import` does
// (`FILE:LINE: rejected: REASON`), never a password: an operator running it as a service reads
// nothing else. A dump of thousands of bad lines names the first ones and says how to list all.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { drop, makeInboxPool } from './helpers.js';

describe('the watcher names what it rejected', () => {
  it('each rejected and duplicate line with file, line and reason; never a password', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/order.txt', 'good01:pw-good\n=cmd|x:pw-formula\ngood01:pw-good\njustaname\n');
    const r = await cli(['watch', '--once', ...pool.args]);
    // 1, not 0: watch --once exits 1 for a file with rejected lines (filed in imported/ all the same).
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('imported level-30/order.txt: 1 added, 0 updated, 1 duplicate, 2 rejected (lines 2, 4)');
    expect(r.stderr).toMatch(/^level-30\/order\.txt:2: rejected: \S/m);
    expect(r.stderr).toMatch(/^level-30\/order\.txt:4: rejected: \S/m);
    expect(r.stderr).toContain('level-30/order.txt:3: duplicate of line 1, skipped');
    expect(r.stdout + r.stderr).not.toMatch(/pw-/);
  });

  it('a dump of many bad lines: the first 20, then how many more and how to list them', async () => {
    const pool = await makeInboxPool();
    const bad = Array.from({ length: 50 }, (_, i) => `ptc,=bad${i},pw-${i}`);
    await drop(pool.inbox, 'level-30/big.txt', ['ptc,fine01,pw-fine', ...bad].join('\n') + '\n');
    const r = await cli(['watch', '--once', ...pool.args]);
    // 1, not 0: lines rejected: watch --once exits 1 (the file filed all the same).
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr.match(/^level-30\/big\.txt:\d+: rejected: /gm)?.length).toBe(20);
    expect(r.stderr).toContain('level-30/big.txt: and 30 more lines rejected or skipped');
    expect(r.stderr).toMatch(/every line: accountpool import --dry-run \S*imported\S*big\.txt/);
    expect(r.stdout + r.stderr).not.toMatch(/pw-/);
  });

  it('the path to list every line pastes as one word into bash, zsh and fish, whatever the name holds', async () => {
    // Before, the path was printed as it stands: `a b;rm -rf ~.txt` pasted as two commands.
    const pool = await makeInboxPool();
    const bad = Array.from({ length: 30 }, (_, i) => `ptc,=bad${i},pw-${i}`);
    const text = ['ptc,fine01,pw-fine', ...bad].join('\n') + '\n';
    await drop(pool.inbox, "level-30/it's a b;rm -rf ~.txt", text);
    const r = await cli(['watch', '--once', ...pool.args]);
    // 1, not 0: lines rejected: watch --once exits 1.
    expect(r.code, r.stderr).toBe(1);
    const word = /^every line: accountpool import --dry-run (.*)$/m.exec(r.stderr)?.[1];
    expect(word, r.stderr).toBeDefined();
    for (const shell of ['bash', 'zsh', 'fish']) {
      const { stdout } = await promisify(execFile)(shell, ['-c', `cat -- ${word}`], { cwd: pool.inbox, encoding: 'utf8' });
      expect([shell, stdout]).toEqual([shell, text]);
    }
  });
});
