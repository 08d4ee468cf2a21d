// The messages an operator reads when `import` refuses a file (issue 14): they name what was
// seen, and `--format NAME` is offered only where that reader would read what it names. A mail's
// attachment is no file of its own: `--format plain` on the mail is refused as a misread, so the
// way through is to save the attachment and import that file, and the test takes that way.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

/** A shop's mail: a line of prose in its text part, `csv` attached as `name`. */
function mailWith(name: string, csv: string): string {
  return `From: shop@mail.example\r\nTo: buyer@mail.example\r\nSubject: Your list\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nThe list is attached.\r\n--b\r\nContent-Type: text/csv; name="${name}"\r\nContent-Disposition: attachment; filename="${name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from(csv).toString('base64')}\r\n--b--\r\n`;
}

describe('a refused attachment names a way through that works', () => {
  it('a proxy table or a settings file attached: the reader offered reads the saved attachment, `--format` on the mail does not', async () => {
    const pool = await makePool(2);
    // The exit of the import of the saved file: 1 where the reader forced on it still rejects lines
    // (the proxy lines among stock.txt's account: its account read, the rest named by line).
    const attachments = [
      // A proxy list's header (host-columns.ts) and a program's settings among `user:pass` (settings-file.ts).
      ['proxies.csv', 'IP,Port,Username,Password\r\n10.0.0.1,8080,prox01,Ppass#01\r\n10.0.0.2,8080,prox02,Ppass#02\r\n', 0],
      ['stock.txt', 'host:port\r\n10.0.0.1:8080\r\nash01:Pika#001\r\n10.0.0.2:8080\r\n10.0.0.3:8080\r\n', 1],
    ] as const;
    for (const [name, csv, exit] of attachments) {
      const mail = join(pool.base, `${name}.eml`);
      await writeFile(mail, mailWith(name!, csv!));
      const refused = await cli(['import', mail, '--dry-run', ...pool.args]);
      expect(refused.code).not.toBe(0);
      const offered = /save the attachment and import that file with --format ([\w-]+)/.exec(refused.stderr)?.[1];
      expect(offered, refused.stderr).toBeDefined();
      expect(refused.stderr).not.toMatch(/Ppass|Pika#/);
      // The reader offered, forced on the mail itself: refused (the mail is plainly a mail).
      expect((await cli(['import', mail, '--dry-run', '--format', offered!, ...pool.args])).code).not.toBe(0);
      // Forced on the attachment saved as a file: its accounts are read.
      const saved = join(pool.base, name!);
      await writeFile(saved, csv!);
      const read = await cli(['import', saved, '--dry-run', '--level', '30', '--format', offered!, ...pool.args]);
      expect(read.stdout).toMatch(/: [1-9]\d* added/);
      expect(read.code, read.stdout + read.stderr).toBe(exit);
    }
  });

  it('an attachment that is only a `Username,Comment` table: named a list of logins without passwords, with no `--format` to try', async () => {
    const pool = await makePool(2);
    // Our own, the two-column form of test/fixtures/dumps/seller-team-table.csv (test/fixtures/README.md).
    const csv = 'Username,Comment\r\ncmtash_fresh01,fresh\r\ncmtash_fresh02,never used\r\ncmtash_fresh03,lvl 30 mystic\r\n';
    const mail = join(pool.base, 'list.eml');
    await writeFile(mail, mailWith('list.csv', csv));
    const refused = await cli(['import', mail, '--dry-run', ...pool.args]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/attachment "list\.csv": .*names its columns \(Username, Comment\) and none a password: a list of logins without passwords/);
    // No reader reads passwords that are not there: none is offered.
    expect(refused.stderr).not.toMatch(/--format|checker statistics/);
    // The same file dropped is named alike.
    const file = join(pool.base, 'list.csv');
    await writeFile(file, csv);
    const dropped = await cli(['import', file, '--dry-run', ...pool.args]);
    expect(dropped.code).not.toBe(0);
    expect(dropped.stderr).toMatch(/a list of logins without passwords/);
  });
});

describe('logins mapped to passwords name the one reader that reads them', () => {
  it('refused without a flag naming --format login-map, which imports each pair exact (one process for all three shapes)', async () => {
    const pool = await makePool(2);
    // Made up here in the shapes of a script's saved dictionary (login-map.ts): its members alone,
    // json.dump's object, and a list of one-member objects.
    const files = [
      ['pairs.txt', '"lavaCave01": "Magmar!126a",\n"misty_k2": "St\\"ar#5678"\n'],
      ['accounts.json', '{"brock07": "Onix 9999", "123456": "Pika,1:x"}'],
      ['list.json', '[\n  {"ash_k3": "Ch4rm!nder"},\n  {"gary_k4": "Eevee#77"}\n]\n'],
    ] as const;
    const paths = files.map(([name]) => join(pool.base, name));
    for (const [i, [, text]] of files.entries()) await writeFile(paths[i]!, text);
    const refused = await cli(['import', ...paths, '--level', '30', ...pool.args]);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr.match(/look with --dry-run --format login-map/g), refused.stderr).toHaveLength(3);
    expect(refused.stderr).not.toMatch(/Magmar|St\\?"ar|Onix|Pika|Ch4rm|Eevee/);
    const done = await cli(['import', ...paths, '--level', '30', '--format', 'login-map', ...pool.args]);
    expect([done.code, done.stderr]).toEqual([0, 'accountpool import: 3 files, 3 imported, 0 refused\n']);
    const exported = await cli(['export', ...pool.args]);
    const pairs = exported.stdout.trim().split('\n').map((l) => JSON.parse(l) as { username: string; password: string }).map((a) => [a.username, a.password]);
    expect(pairs.sort()).toEqual([['123456', 'Pika,1:x'], ['ash_k3', 'Ch4rm!nder'], ['brock07', 'Onix 9999'], ['gary_k4', 'Eevee#77'], ['lavaCave01', 'Magmar!126a'], ['misty_k2', 'St"ar#5678']]);
  });
});
