// A whole command's program and its code cache are read into one buffer, the program's text taken
// out of it as one byte a character when it is ASCII (src/cli/code-cache.ts `readProgram`,
// docs/scale-log.md, stop 64 S2). What a user depends on: the program's strings are the ones
// written (a text that is not ASCII is decoded as UTF-8), and a good cache read over the text's
// bytes is still taken (no new cache written at the exit).
import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import { codeCacheFile, loadCommonJs } from '../../src/cli/code-cache.js';
import { testdir } from '../helpers/testdir.js';

const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';

/** A program file as the build writes one (inside the wrapper), and an env whose cache folder holds `cache` for it (when asked). */
async function program(body: string, cache: 'good' | 'none'): Promise<{ file: string; env: NodeJS.ProcessEnv; cacheFile: string }> {
  const dir = await testdir();
  const file = join(dir, 'allocate-whole-000000000001.cjs');
  const text = `${WRAPPER_START}${body}\n})`;
  await writeFile(file, text);
  const env = { XDG_CACHE_HOME: join(dir, 'cache') };
  const folder = join(env.XDG_CACHE_HOME, 'accountpool', 'code');
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const cacheFile = codeCacheFile(folder, file);
  if (cache === 'good') {
    const script = new Script(text, { filename: file });
    (script.runInThisContext() as (...args: unknown[]) => void)({}, createRequire(file), { exports: {} }, file, dir);
    const data = script.createCachedData();
    await writeFile(cacheFile, Buffer.concat([createHash('sha1').update(data).digest(), data]), { mode: 0o600 });
  }
  return { file, env, cacheFile };
}

/** `file` loaded; whether it asked to write a cache at the exit (its cache missing or not taken). */
function load(file: string, env: NodeJS.ProcessEnv): { exports: Record<string, unknown>; writesCache: boolean } {
  const before = process.listeners('exit');
  try {
    const exports = loadCommonJs(file, env);
    return { exports, writesCache: process.listeners('exit').length > before.length };
  } finally {
    for (const listener of process.listeners('exit')) if (!before.includes(listener)) process.off('exit', listener);
  }
}

describe("a whole command's program and its cache read into one buffer", () => {
  it('an ASCII program with a good cache longer than its text: the cache is taken and the strings are as written', async () => {
    // Functions run once, so the cache holds their bytecode and is longer than the text.
    const body = `"use strict";const parts=[];for(let i=0;i<40;i++)parts.push((n)=>"part "+n+" of "+i);exports.word="accounts.csv";exports.parts=parts.map((f,i)=>f(i)).join(",");`;
    const { file, env, cacheFile } = await program(body, 'good');
    expect((await stat(cacheFile)).size).toBeGreaterThan((await stat(file)).size);
    const loaded = load(file, env);
    expect(loaded.writesCache).toBe(false);
    expect(loaded.exports.word).toBe('accounts.csv');
    expect(loaded.exports.parts).toBe(Array.from({ length: 40 }, (_, i) => `part ${i} of ${i}`).join(','));
  });

  it('a program that is not ASCII is read as UTF-8, with its cache and without', async () => {
    const body = `"use strict";exports.word="café ✓ Pokémon";exports.padding="${'x'.repeat(20_000)}";`;
    for (const cache of ['good', 'none'] as const) {
      const { file, env } = await program(body, cache);
      const loaded = load(file, env);
      expect(loaded.exports.word, cache).toBe('café ✓ Pokémon');
      expect(loaded.writesCache, cache).toBe(cache === 'none');
    }
  });

  it('a cache whose bytes were changed is not taken, and the program still runs as written', async () => {
    const { file, env, cacheFile } = await program(`"use strict";exports.word="kept";`, 'good');
    const bytes = await readFile(cacheFile);
    bytes[bytes.length - 1]! ^= 0x5a;
    await writeFile(cacheFile, bytes);
    const loaded = load(file, env);
    expect(loaded.exports.word).toBe('kept');
    expect(loaded.writesCache).toBe(true);
  });
});
