// Look-alike letters: `аsh` with a Cyrillic а shows as `ash` but is another name, one no PTC or
// Gmail login can have (both are ASCII). The import refuses such a new account naming file, line
// and the character, and imports the rest; `serve` never adds one from a post. Google addresses
// of other domains are left alone, and passwords may hold any character.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, startCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';

async function exported(args: string[]): Promise<string[]> {
  const r = await cli(['export', ...args]);
  expect(r.code, r.stderr).toBe(0);
  return r.stdout.trim().split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { username: string }).username).sort();
}

describe('look-alike letters in a username', () => {
  it('a PTC name or Gmail address holding a Cyrillic or Greek letter is refused with file, line and character', async () => {
    const pool = await makePool(4);
    const dump = join(pool.base, 'mixed.csv');
    const lines = [
      'ptc,ash,pw-1',
      'ptc,\u0430sh,pw-2', // Cyrillic а
      'ptc,misty\u03bf1,pw-3', // Greek ο
      'google,j\u043ehndoe@gmail.com,pw-4', // Cyrillic о before @gmail.com
      'google,\u0440eter,pw-5', // a Google name without its domain: a Gmail local part
      'google,b\u00f6rje@example.se,pw-6', // another domain: its own rules
      'ptc,brock,pw-\u0430\u00e9', // any password
    ];
    await writeFile(dump, lines.join('\n') + '\n');
    const r = await cli(['import', dump, '--level', '30', ...pool.args]);
    // 1, not 0: look-alike lines rejected: exit 1, the rest imported.
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain('3 added, 0 updated, 4 rejected (lines 2, 3, 4, 5)');
    expect(r.stderr).toContain('mixed.csv:2: rejected: username holds U+0430, not ASCII: a PTC username is ASCII letters and digits');
    expect(r.stderr).toContain('mixed.csv:3: rejected: username holds U+03BF');
    expect(r.stderr).toContain('mixed.csv:4: rejected: username holds U+043E, not ASCII: a Gmail address is ASCII letters, digits and dots before the @');
    expect(r.stderr).toContain('mixed.csv:5: rejected: username holds U+0440');
    expect(r.stdout + r.stderr).not.toMatch(/pw-/);
    expect(await exported(pool.args)).toEqual(['ash', 'brock', 'b\u00f6rje@example.se']);
  });

  it('serve adds no account with a look-alike letter from a post', async () => {
    const pool = await makePool(4);
    const child = startCli(['serve', '--port', '0', ...pool.args]);
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    try {
      const url = await waitFor(() => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1], { what: 'serve to listen' });
      const post = await fetch(`${url}/account/update`, { method: 'POST', body: JSON.stringify([{ username: '\u0430sh', password: 'pw-x', auth_service: 'ptc', level: 30 }, { username: 'ash', password: 'pw-y', auth_service: 'ptc', level: 30 }]) });
      expect(await post.text()).toBe('ok');
      await waitFor(() => /U\+0430, not ASCII/.test(out) || undefined, { what: 'the log line naming the refusal' });
    } finally {
      child.kill('SIGTERM');
      await child.closed;
    }
    expect(out).not.toMatch(/pw-/);
    expect(await exported(pool.args)).toEqual(['ash']);
  });
});
