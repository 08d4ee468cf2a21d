// One account of a shard that is megabytes of text (a peer's commit, a hand edit, a dump's 2 MB
// JSON line whose note was kept as the account's own field): a 4 MB line cost every read a second
// and a 100 MB one 9 s and 645 MB. The shard reader now refuses an account over MAX_ACCOUNT_TEXT
// before parsing anything, naming the file and the line, as it refuses any shard it cannot read:
// every write stops, the line stays. The import keeps what it writes under that bound: a dump's
// line whose other fields are over MAX_OWN_FIELDS_LENGTH is rejected with its line number.
import { describe, expect, it } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { decodeShard, encodeAccountLine, MAX_ACCOUNT_TEXT, shardHeader } from '../../src/store/shard-codec.js';
import { MAX_INSTANCE_LENGTH, MAX_OWN_FIELDS_LENGTH, MAX_PASSWORD_LENGTH, MAX_USERNAME_LENGTH, type Account } from '../../src/model.js';
import { FileError } from '../../src/errors.js';
import { cli } from '../helpers/cli.js';
import { poolWithAccounts, shardLine } from '../helpers/pool.js';
import { poolSize } from '../watch/helpers.js';

const ACCOUNT = { provider: 'ptc', level: 30, state: 'ok', added_at: '2026-12-03T10:00:00.000Z', seq: 7, source: 'd.txt' } as const;

function refusal(text: string): FileError {
  try {
    decodeShard('0', 'shards/0.yaml', text);
  } catch (error) {
    expect(error).toBeInstanceOf(FileError);
    return error as FileError;
  }
  throw new Error('read');
}

describe('an account of a shard over 64 KB of text', () => {
  it('the longest account the store writes reads; one over the bound, in one line or a block of many, is refused naming its line and quoting nothing', () => {
    // Every field at its longest and every character escaped as long as the writer escapes one
    // (a holder is printable, checked on every read since stop 52: its longest escape is `\"`).
    const escaped = '\u0085';
    const largest = {
      ...ACCOUNT,
      username: 'u'.repeat(MAX_USERNAME_LENGTH),
      password: '"'.repeat(MAX_PASSWORD_LENGTH),
      holder: '"'.repeat(MAX_INSTANCE_LENGTH),
      note: escaped.repeat(MAX_OWN_FIELDS_LENGTH - 'note'.length),
    } as unknown as Account;
    const line = encodeAccountLine(largest);
    expect(line.length).toBeLessThan(MAX_ACCOUNT_TEXT);
    expect(decodeShard('0', 'shards/0.yaml', `${shardHeader('0')}${line}\n`).accounts).toEqual([largest]);

    const secret = 'Hunter2Secret';
    const long = `${shardHeader('0')}"ash": {"password": "pw1", "provider": "ptc", "level": 30, "state": "ok", "added_at": "2026-12-03T10:00:00.000Z", "seq": 1, "source": "d.txt", "zz": "${secret.repeat(10_000)}"}\n`;
    const one = refusal(long);
    expect(one.message).toMatch(/^shards\/0\.yaml:2: an account over 64 KB/);
    expect(one.message).not.toContain(secret);
    // The way through, for a line an older version wrote before the bound: which account and field to cut, by name and size.
    expect(one.message).toContain('account "ash", its field "zz" 130,002 characters; shorten its fields by hand');
    expect(one.message).toContain('then run `accountpool verify`');
    // Block style, a hand edit: the value spread over 20,000 short lines is one account of 1 MB.
    const block = `${shardHeader('0')}misty:\n  password: pw2\n  provider: ptc\n  level: 30\n  state: ok\n  seq: 1\n  added_at: x\nash:\n  password: pw1\n  note: |\n${`    ${secret.repeat(4)}\n`.repeat(20_000)}`;
    expect(refusal(block).message).toMatch(/^shards\/0\.yaml:9: /);
    // Blank lines count with the account above them.
    expect(refusal(`${shardHeader('0')}ash: {password: pw1}\n${'\n'.repeat(MAX_ACCOUNT_TEXT)}`).message).toMatch(/^shards\/0\.yaml:2: /);
  });

  it('a peer\'s 4 MB line: status and allocate refuse naming file and line; the shard stays byte for byte, nothing is handed out', async () => {
    const pool = await poolWithAccounts(40);
    const { file, line } = await shardLine(pool.dir, 'acc3');
    const text = await readFile(file, 'utf8');
    const edited = text.replace(line, `${line.slice(0, -1)}, "note": "${'n'.repeat(4_000_000)}"}`);
    await writeFile(file, edited);
    const number = edited.split('\n').findIndex((l) => l.startsWith('"acc3"')) + 1;
    const status = await cli(['status', ...pool.args]);
    expect(status.code).toBe(1);
    expect(status.stderr).toContain(`${file}:${number}: an account over 64 KB`);
    expect(status.stderr).toContain('account "acc3", its field "note" 4,000,002 characters;');
    const out = join(pool.base, 'accounts.csv');
    const allocate = await cli(['allocate', '--count', '5', '--no-check', '--accountcsv', out, ...pool.args]);
    expect(allocate.code).toBe(1);
    expect(allocate.stderr).toContain(`${file}:${number}:`);
    expect(existsSync(out)).toBe(false);
    expect(await readFile(file, 'utf8')).toBe(edited);
  });

  it("an import's line whose other fields are over the bound is rejected with its line; the rest is imported and the pool reads", async () => {
    const pool = await poolWithAccounts(4);
    const dump = join(pool.base, 'export.jsonl');
    const note = 'N'.repeat(100_000);
    // Our export's lines (`seq`, `added_at`): their own fields are kept (account-fields.ts), so bounded.
    const lines = [{ username: 'small1', password: 'pw-1', level: 30, note: 'ok' }, { username: 'bigone', password: 'pw-2', level: 30, note }, { username: 'small2', password: 'pw-3', level: 30 }];
    await writeFile(dump, lines.map((o, i) => JSON.stringify({ ...o, added_at: '2026-12-01T10:00:00.000Z', seq: i + 1 })).join('\n'));
    const run = await cli(['import', dump, '--format', 'jsonl', ...pool.args]);
    expect(run.stdout + run.stderr).toMatch(/export\.jsonl:2: rejected: its other fields hold 100036 characters/);
    expect(await poolSize(pool)).toBe(6);
    const status = await cli(['status', ...pool.args]);
    expect(status.code).toBe(0);
  });
});
