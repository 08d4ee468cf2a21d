// Whatever bytes end up in a shard, the reader answers with a clear error or reads it, never
// crashes, and a transaction never writes over a shard it could not read.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { decodeShard, encodeAccountLine, shardHeader } from '../../src/store/shard-codec.js';
import { FileError } from '../../src/errors.js';
import { makePool } from '../helpers/pool.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { shardFile } from '../../src/store/layout.js';
import { cli, runCli } from '../helpers/cli.js';

function readsOrFailsClearly(text: string): void {
  try {
    decodeShard('0', 'shards/0.yaml', text);
  } catch (error) {
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).message).toMatch(/^shards\/0\.yaml:\d+: /);
  }
}

describe('hostile shard content', () => {
  it('random text, bytes, NULs and YAML tricks: a record or a FileError, nothing else', () => {
    const yamlish = fc.array(fc.constantFrom('a: b\n', '- x\n', '"k": {"password": "p"}\n', '&x [1]\n', '*x\n', '!!binary aGk=\n', '!custom x\n', '? complex\n', '{[}\n', '\t\n', 'key: |\n  text\n', '%YAML 1.1\n---\n', '---\n', '...\n', '<<: *x\n', '\u0000', '\ufeff', '\ud800'), { maxLength: 12 }).map((parts) => parts.join(''));
    fc.assert(fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), yamlish, fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('utf8'))), readsOrFailsClearly), { numRuns: 500 });
  });

  it('custom tags are refused, not executed or kept', () => {
    expect(() => decodeShard('0', 'shards/0.yaml', 'alice: !!js/function "function(){}"\n')).toThrow(FileError);
  });

  it('deep nesting, a 1 MB line and 10,000 keys are handled without a crash', () => {
    readsOrFailsClearly(`${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    readsOrFailsClearly(`alice: {password: "${'x'.repeat(1_000_000)}", provider: ptc, level: 30, state: ok, added_at: "2026-01-01T00:00:00.000Z", seq: 1}\n`);
    readsOrFailsClearly(Array.from({ length: 10_000 }, (_, i) => `k${i}: v`).join('\n'));
  });

  // Inside an account, 5,000 nested `[` (5 KB, under the 64 KB an account may take) aborted the
  // process as the YAML library read it ("RegExpCompiler Allocation failed - process out of memory":
  // nothing to catch, exit 134): every command on the pool, and a sync taking a peer's such shard.
  it('an account nesting [ or { thousands deep: refused naming file and line, by the reader and the real command', async () => {
    for (const body of [`${'['.repeat(5000)}${']'.repeat(5000)}`, '['.repeat(60_000), `${'{a: '.repeat(5000)}1${'}'.repeat(5000)}`]) {
      expect(() => decodeShard('0', 'shards/0.yaml', `"alice": {"password": "p", "x": ${body}}\n`)).toThrow(/^shards\/0\.yaml:1: nests \[ and \{ more than 64 deep/);
    }
    const pool = await makePool(2);
    await fillPool(await pool.open(), 4);
    const file = shardFile((await pool.open()).layout, '0');
    const before = await readFile(file, 'utf8');
    await writeFile(file, `${before}"zed": {"password": "p", "provider": "ptc", "notes": ${'['.repeat(5000)}${']'.repeat(5000)}}\n`);
    const verify = await runCli(['verify', ...pool.args]);
    expect(verify.code).toBe(1);
    expect(verify.stdout + verify.stderr).toMatch(/shards\/0\.yaml:\d+: nests \[ and \{ more than 64 deep/);
  });

  it('a transaction never writes over a shard full of garbage', async () => {
    const pool = await makePool(2);
    await fillPool(await pool.open(), 10);
    const file = shardFile((await pool.open()).layout, '0');
    const garbage = Buffer.from([0xff, 0xfe, 0x00, 0x41, 0x3a, 0x20, 0x5b, 0x0a]);
    await writeFile(file, garbage);
    await expect((await pool.open()).transaction((tx) => tx.put(makeAccount(99)))).rejects.toThrow(FileError);
    expect(await readFile(file)).toEqual(garbage);
  });

  // Holds and rests are compared as text (`held_until > now`), which orders as the dates do only in
  // toISOString's shape. A peer's line `held_until: Jan 1 2000` (Date.parse takes it) sorted after
  // every 2026 date: its account held for good, `status` counting it held, `verify` silent; an end
  // 2999 beside an allocation of today the same. Either is refused by its file and line, in our
  // own one-line shape too (that path judged nothing but the shape).
  it('a time in another shape than the store writes, or an end past any setting, is refused naming file and line', async () => {
    const line = (times: Record<string, string>) => encodeAccountLine({ ...makeAccount(1), holder: 'peer', allocated_at: '2026-12-05T10:00:00.000Z', ...times });
    const shard = (times: Record<string, string>) => `${shardHeader('0')}${encodeAccountLine(makeAccount(0))}\n${line(times)}\n`;
    for (const held_until of ['Jan 1 2000', '2026-12-05T22:00:00+09:00', '2026-12-05 22:00', '2026-02-30T10:00:00.000Z', '2999-01-01T00:00:00.000Z']) {
      expect(() => decodeShard('0', 'shards/0.yaml', shard({ held_until })), held_until).toThrow(/^shards\/0\.yaml:3: held_until /);
    }
    expect(() => decodeShard('0', 'shards/0.yaml', shard({ held_until: '2026-12-05T22:00:00.000Z', available_at: '2300-01-01T00:00:00.000Z' }))).toThrow(/^shards\/0\.yaml:3: available_at .* more than 100 years/);
    // A hand-written time without the fraction orders right (to the second) and reads.
    expect(decodeShard('0', 'shards/0.yaml', shard({ held_until: '2026-12-05T22:00:00Z' })).accounts).toHaveLength(2);

    const pool = await makePool(1);
    await fillPool(await pool.open(), 3);
    const file = shardFile((await pool.open()).layout, '0');
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(encodeAccountLine(makeAccount(1)), line({ held_until: 'Jan 1 2000' })));
    for (const args of [['status'], ['allocate', '--instance', 'east', '--count', '3', '--no-check', '--accountcsv', `${pool.base}/east.csv`]]) {
      const run = await cli([...args, ...pool.args]);
      expect(run.code, args[0]).toBe(1);
      expect(run.stderr).toMatch(/shards\/0\.yaml:3: held_until must be a UTC time/);
    }
  });

  it('status names a hold dated today that ends years away, with its holder and end', async () => {
    const pool = await makePool(1);
    const now = new Date();
    await fillPool(await pool.open(), 3, 0, (i) => (i === 1 ? { holder: 'peer', allocated_at: now.toISOString(), held_until: new Date(now.getTime() + 5 * 365 * 86_400_000).toISOString() } : {}));
    const status = await cli(['status', ...pool.args]);
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/1 account is held or resting longer than this pool's settings give \(lease 12h.*user000001 \(held by peer until 20\d\d-/);
    const json = JSON.parse((await cli(['status', '--json', ...pool.args])).stdout) as { outlasting: { count: number }; futureDated?: unknown };
    expect(json.outlasting.count).toBe(1);
    expect(json.futureDated).toBeUndefined();
  });
});

