// A JSON document that is one list of account objects is read an object at a time (json.ts
// readItemwise, json-array-items.ts), never parsed whole (issue 16: 587 -> 251 MB at 1,000,000
// accounts, docs/scale-log.md stop 62 R). What a user depends on: every account exactly as the
// whole document says it, at the line its `{` stands on, refusals at theirs, detected and forced,
// as records and as an import's columns. The documents are drawn (seeded), the expectation made
// from the whole document's own JSON.parse, each object read as the JSON lines reader reads one.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { asRecords } from '../../src/formats/choose.js';
import { accountFromObject } from '../../src/formats/jsonl.js';
import { DumpError, type DumpAccount, type Rejection } from '../../src/formats/types.js';
import { input } from './helpers.js';

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Passwords holding what a scan for the objects' ends must step over: braces, brackets, quotes, backslashes. */
const PIECES = ['{', '}', '[', ']', '"', '\\', ',', ':', 'x', 'Q', '7', '!', 'é', ' '];

interface Drawn {
  text: string;
  /** Each object as written, and the line of its `{`. */
  items: { value: Record<string, unknown>; line: number }[];
}

function drawDocument(seed: number, keyed: boolean): Drawn {
  const next = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const gap = () => pick(['', ' ', '\n', '\n  ', '\t', ' \n\n ']);
  const items: Drawn['items'] = [];
  let text = keyed ? `{${gap()}"accounts"${gap()}:${gap()}[` : `${gap()}[`;
  const count = 5 + Math.floor(next() * 30);
  for (let i = 0; i < count; i++) {
    if (i > 0) text += `${gap()},`;
    text += gap();
    let password = `Pw${i}`;
    for (let k = 0; k < 6; k++) password += pick(PIECES);
    const value: Record<string, unknown> = { username: `trainer${seed}x${i}` };
    // A fifth without a password: refused at its line.
    if (next() > 0.2) value.password = password;
    if (next() > 0.5) value.level = 20 + Math.floor(next() * 20);
    if (next() > 0.5) value.provider = pick(['ptc', 'google']);
    // A field holding an object and a list: the scan's depth, and history kept as the whole parse gives it.
    if (next() > 0.6) value.note = { tags: ['a]', '{b'], seen: next() > 0.5 };
    items.push({ value, line: text.split('\n').length });
    // Pretty-printed or on one line, as JSON.stringify writes either.
    text += next() > 0.5 ? JSON.stringify(value, null, 2).replaceAll('\n', `\n${gap().replaceAll('\n', '')}`) : JSON.stringify(value);
  }
  text += `${gap()}]${keyed ? `${gap()}}` : ''}${gap()}`;
  // The whole document is the JSON it claims to be, and its objects are the ones drawn.
  const whole = JSON.parse(text) as unknown;
  expect(keyed ? (whole as { accounts: unknown }).accounts : whole).toEqual(items.map((it) => it.value));
  return { text, items };
}

function expected(drawn: Drawn): { accounts: DumpAccount[]; rejected: Rejection[] } {
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  for (const { value, line } of drawn.items) {
    const read = accountFromObject(value, line);
    if (typeof read === 'string') rejected.push({ line, reason: read });
    else {
      // A field whose meaning accountpool does not know is kept from its own export alone (account-fields.ts).
      delete read.history;
      accounts.push(read);
    }
  }
  return { accounts, rejected };
}

describe('a JSON list of account objects read an object at a time', () => {
  it('gives every account as the whole document holds it, at its line, detected and forced, as records and as columns', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const drawn = drawDocument(seed, seed % 2 === 0);
      const want = expected(drawn);
      expect(want.accounts.length).toBeGreaterThan(0);
      for (const options of [{}, { format: 'json' }, { columnsFrom: 0 }, { format: 'json', columnsFrom: 0 }]) {
        const read = asRecords(await readDump(input(`drawn-${seed}.json`, drawn.text), options));
        expect(read.format, `seed ${seed}`).toBe('json');
        expect(read.accounts, `seed ${seed} ${JSON.stringify(options)}`).toEqual(want.accounts);
        expect(read.rejected, `seed ${seed}`).toEqual(want.rejected);
      }
      // A key beside the list sends the same document to the whole parse: it reads the same.
      if (seed % 2 === 0) {
        const beside = `${drawn.text.trimEnd().slice(0, -1)}, "made": "2026-12-01"}`;
        const whole = asRecords(await readDump(input(`drawn-${seed}.json`, beside), { columnsFrom: 0 }));
        expect(whole.accounts, `seed ${seed} whole`).toEqual(want.accounts);
        expect(whole.rejected, `seed ${seed} whole`).toEqual(want.rejected);
      }
    }
  });

  it('an object broken in the middle of the list is refused as the whole document is: by its line, the file not read', async () => {
    const lines = ['[', '  {"username": "trainer_a1", "password": "Pw1{x"},', '  {"username": "trainer_a2", "password": },', '  {"username": "trainer_a3", "password": "Pw3]y"}', ']'];
    const error = await readDump(input('broken.json', lines.join('\n')), { format: 'json' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DumpError);
    expect((error as DumpError).line).toBe(3);
    expect((error as DumpError).message).not.toContain('Pw1');
  });

  it('detected, a list whose object after its first account is broken is the json reader\'s: refused by that object\'s line as JSON; one broken before any account is left to the others', async () => {
    // Detection parses the objects only up to the first account's (stop 64 M): those after it are
    // parsed by the read alone, whose whole parse names the broken one. Before, such a list went to
    // the list readers where its first 100 KB held no "username" or "password" key (refused there as
    // no accounts), whatever shape it had.
    const later = {
      'login-pass.json': ['[', '  {"login": "trainer_c1", "pass": "Pw1{c"},', '  {"login": "trainer_c2", "pass": "Pw2]c"},', '  {"login": "trainer_c3", "pass": Pw3c}', ']'],
      'keyed.json': ['{"accounts": [', '  {"username": "trainer_d1", "password": "Pw1{d"},', '  {"username": "trainer_d2", "password": "Pw2]d"},', '  {"username": "trainer_d3", "password": Pw3d}', ']}'],
    };
    for (const [name, lines] of Object.entries(later)) {
      const error = await readDump(input(name, lines.join('\n'))).catch((e: unknown) => e);
      expect(error, name).toBeInstanceOf(DumpError);
      expect((error as DumpError).line, name).toBe(4);
      expect((error as DumpError).message, name).toMatch(/: is not valid JSON at column \d+: a value expected/);
      expect((error as DumpError).message, name).not.toMatch(/Pw[123]/);
    }
    const first = ['[', '  {"login": "trainer_e1", "pass": Pw1e},', '  {"login": "trainer_e2", "pass": "Pw2e"}', ']'];
    const error = await readDump(input('first.json', first.join('\n'))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DumpError);
    expect((error as DumpError).message).toMatch(/no accounts found; read as plain .* as JSON it breaks at line 2, column \d+/);
  });

  it('a list beside another key is read whole still: the same accounts', async () => {
    const text = '{\n  "accounts": [\n    {"username": "trainer_b1", "password": "Pw1[b"}\n  ],\n  "made": "2026-12-01"\n}\n';
    const read = asRecords(await readDump(input('beside.json', text), { columnsFrom: 0 }));
    expect(read.accounts).toEqual([{ username: 'trainer_b1', password: 'Pw1[b', line: 3 }]);
  });
});
