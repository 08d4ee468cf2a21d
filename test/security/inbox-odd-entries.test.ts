// Stop 65 X, a fresh attacker on the inbox's entries (beside inbox-names.test.ts and
// inbox-special-links.test.ts): a loop of links, links to the inbox folder itself and to its
// parent, a character and a block device, two names one in NFC and one in NFD, two differing
// only in case, and names holding a terminal's escapes, a bidi override and a newline that
// forges a `failed` line. Never a hang, nothing read through a link or a device: each set aside
// with its reason; every real file imported under its own name, each filed apart; the output
// shows each name's controls escaped.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { lstat, mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

/** Every entry under `dir` that is not a folder, entering real folders only (readdir's `recursive` follows the loops). */
async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...(await filesUnder(join(dir, entry.name))));
    else out.push(join(dir, entry.name));
  }
  return out;
}

describe('odd entries in the inbox, round two', () => {
  it('a link loop, links to the folder and its parent, devices: set aside; twin names by normalisation and case, and names with escapes: each imported and filed apart', async () => {
    const pool = await makePool(4);
    const level = join(pool.base, 'inbox', 'level-30');
    await mkdir(level);
    await symlink('loop-b', join(level, 'loop-a.txt'));
    await symlink('loop-a.txt', join(level, 'loop-b'));
    await symlink('.', join(level, 'self'));
    await symlink('..', join(level, 'parent'));
    // Devices need CAP_MKNOD (root, as CI runs); elsewhere the rest is still checked.
    let devices = true;
    try {
      execFileSync('mknod', [join(level, 'null.txt'), 'c', '1', '3'], { stdio: 'ignore' });
      execFileSync('mknod', [join(level, 'block.txt'), 'b', '7', '0'], { stdio: 'ignore' });
    } catch {
      devices = false;
    }
    const files: Record<string, string> = {
      'caf\u00e9.txt': 'nfcuser',
      'cafe\u0301.txt': 'nfduser',
      'Case.txt': 'upperuser',
      'case.txt': 'loweruser',
      'esc\u001b]0;owned\u0007\u001b[2J.txt': 'escuser',
      'bidi\u202eexe.txt': 'bidiuser',
      'nl\nfailed level-30 x.txt: forged.txt': 'nluser',
    };
    for (const [name, user] of Object.entries(files)) await writeFile(join(level, name), `${user}:pw-${user}\n`);
    const outsideBefore = (await readdir(pool.base)).sort();

    const r = await cli(['watch', '--once', ...pool.args]);
    expect(r.code).toBe(1); // entries were set aside
    const usernames = [...(await (await pool.open()).read()).accounts()].map((a) => a.username).sort();
    expect(usernames).toEqual(Object.values(files).sort());
    // Filed apart, each under its own bytes (readdir without `recursive`: it would follow the loops).
    const imported = (await filesUnder(join(pool.base, 'inbox', 'imported'))).map((p) => p.split('/').pop()!);
    for (const name of Object.keys(files)) expect(imported.some((f) => f.startsWith(name.slice(0, -4))), JSON.stringify(name)).toBe(true);
    expect(new Set(imported).size).toBe(Object.keys(files).length);
    const failed = join(pool.base, 'inbox', 'failed');
    const setAside: Record<string, RegExp> = {
      'loop-a.txt': /is a symbolic link \(to loop-b\)/,
      'loop-b': /is a symbolic link \(to loop-a\.txt\)/,
      self: /is a symbolic link \(to \.\)/,
      parent: /is a symbolic link \(to \.\.\)/,
      ...(devices ? { 'null.txt': /is a character device, not a file/, 'block.txt': /is a block device, not a file/ } : {}),
    };
    for (const [name, reason] of Object.entries(setAside)) {
      expect(r.stderr, name).toMatch(new RegExp(`^failed level-30/${name.replace('.', '\\.')}: ${reason.source}`, 'm'));
      const entry = await lstat(join(failed, name));
      expect(entry.isFile(), name).toBe(false); // the entry itself moved, never a copy of what it leads to
    }
    expect(await readdir(level)).toEqual([]);
    expect((await readdir(pool.base)).sort()).toEqual(outsideBefore);
    // No raw control or bidi character reaches the terminal; the newline cannot forge a line.
    expect(r.stdout + r.stderr).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f\u202e]/);
    expect(r.stdout + r.stderr).not.toMatch(/^failed level-30 x\.txt/m);
    expect(r.stdout).toContain('imported level-30/esc\\x1b]0;owned\\x07\\x1b[2J.txt: 1 added');
    expect(r.stdout).toContain('imported level-30/nl\\x0afailed level-30 x.txt: forged.txt: 1 added');
  });
});
