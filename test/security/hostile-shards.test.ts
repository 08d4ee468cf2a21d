// Whatever bytes end up in a shard, the reader answers with a clear error or reads it, never
// crashes, and a transaction never writes over a shard it could not read.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { readFile, writeFile } from 'node:fs/promises';
import { decodeShard } from '../../src/store/shard-codec.js';
import { FileError } from '../../src/errors.js';
import { makePool } from '../helpers/pool.js';
import { fillPool, makeAccount } from '../helpers/accounts.js';
import { shardFile } from '../../src/store/layout.js';
import { runCli } from '../helpers/cli.js';

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
});
