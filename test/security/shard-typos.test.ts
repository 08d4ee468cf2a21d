// Every single-character typo of a real shard line holding a known password: whatever error it
// makes names the file and the edited line, and never shows the password or a piece of it, from
// the shard reader, through the CLI (status, allocate, verify), and through serve's HTTP answer
// and its request log. The yaml package's own messages quoted the text (an unquoted password
// starting with `*` came back whole in an "Unresolved alias" error, at line 1).
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeShard } from '../../src/store/shard-codec.js';
import { FileError } from '../../src/errors.js';
import { cli } from '../helpers/cli.js';
import { serveAccounts } from '../server/helpers.js';

/** No English word and no field name inside, so any 4 characters of it in a message are a leak. */
const PASSWORD = 'Zq7XvKw3Jp5Tq';
const LEAK = 4;

/** The characters YAML gives a meaning to, and the whitespace that changes its structure. */
const SIGNIFICANT = [...'*&!|>\'"%@`{}[],:#?-\\ \t\n'];

function leaks(message: string, password = PASSWORD): boolean {
  for (let i = 0; i + LEAK <= password.length; i++) if (message.includes(password.slice(i, i + LEAK))) return true;
  return false;
}

/** Every insertion, deletion and replacement of one character by a significant one, at positions `from`..`to`. */
function typos(line: string, from = 0, to = line.length): string[] {
  const out = new Set<string>();
  for (let i = from; i <= to; i++) {
    if (i < line.length) out.add(line.slice(0, i) + line.slice(i + 1));
    for (const c of SIGNIFICANT) {
      out.add(line.slice(0, i) + c + line.slice(i));
      if (i < line.length) out.add(line.slice(0, i) + c + line.slice(i + 1));
    }
  }
  out.delete(line);
  return [...out];
}

/** A random single-character typo anywhere in `line` (the rest of the line, beyond the password's field). */
const anyTypo = (line: string) =>
  fc.tuple(fc.nat({ max: line.length }), fc.constantFrom('insert', 'replace', 'delete'), fc.constantFrom(...SIGNIFICANT)).map(([i, kind, c]) => {
    if (kind === 'insert' || i === line.length) return line.slice(0, i) + c + line.slice(i);
    return line.slice(0, i) + (kind === 'replace' ? c : '') + line.slice(i + 1);
  });

const fields = (seq: number) => `"provider": "ptc", "level": 30, "state": "ok", "added_at": "2026-01-01T00:00:00.000Z", "seq": ${seq}`;
/** The shard the typo lands in: the edited account on line 3, an account before and after it. */
function shard(line: string): string {
  return `# accountpool shard 0: one account per line. Any YAML style reads; the next write canonicalises.\n"brock": {"password": "pw-brock", ${fields(1)}}\n${line}\n"misty": {"password": "pw-misty", ${fields(3)}}\n`;
}
const EDITED_LINE = 3;

/** The line as accountpool writes it, and as a person writes it by hand (unquoted). */
const LINES = {
  canonical: `"ash": {"password": "${PASSWORD}", ${fields(2)}}`,
  'by hand': `ash: {password: ${PASSWORD}, provider: ptc, level: 30, state: ok, added_at: 2026-01-01T00:00:00.000Z, seq: 2}`,
};

interface Failure {
  variant: string;
  message: string;
  line: number;
}

/** The error `variant` of the edited line makes, or undefined when the shard still reads. */
function failureOf(variant: string): Failure | undefined {
  try {
    decodeShard('0', 'shards/0.yaml', shard(variant));
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(FileError);
    return { variant, message: (error as FileError).message, line: (error as FileError).line };
  }
}

/** Every typo within the password's field (its name, its value and the characters around), and what each does. */
const inPasswordField = new Map(
  Object.entries(LINES).map(([style, line]) => {
    const from = line.indexOf('password') - 2;
    const to = line.indexOf(PASSWORD) + PASSWORD.length + 2;
    return [style, typos(line, from, to).map(failureOf).filter((f): f is Failure => f !== undefined)];
  }),
);

/** The typo's line, or the lines an inserted newline made of it. */
function onEditedLine(f: Failure): boolean {
  return f.line >= EDITED_LINE && f.line <= EDITED_LINE + f.variant.split('\n').length - 1;
}

function expectClean(f: Failure): void {
  expect(leaks(f.message), `${JSON.stringify(f.variant)}: ${f.message}`).toBe(false);
  expect(onEditedLine(f), `${JSON.stringify(f.variant)}: ${f.message}`).toBe(true);
  expect(f.message).toMatch(/^shards\/0\.yaml:\d+: /);
}

describe('a typo in a shard line never shows its password', () => {
  for (const [style, line] of Object.entries(LINES)) {
    it(`every single-character typo in the password's field of the ${style} line, and random ones elsewhere: the error names the edited line and holds no piece of the password`, () => {
      const found = inPasswordField.get(style)!;
      expect(found.length).toBeGreaterThan(400); // most typos break the line: the property is really exercised
      for (const f of found) expectClean(f);
      fc.assert(
        fc.property(anyTypo(line), (variant) => {
          const f = failureOf(variant);
          if (f) expectClean(f);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('any unquoted password written by hand, starting with anything: read as written or an error without it', () => {
    // Upper-case consonants and digits: no run of four of them is a word of any message.
    const password = fc.tuple(fc.constantFrom(...SIGNIFICANT.filter((c) => c.trim() !== ''), 'a'), fc.stringMatching(/^[BCDFGHJKNPQRSTVWXZ2-9]{6,12}$/)).map(([first, rest]) => first + rest);
    fc.assert(
      fc.property(password, (pw) => {
        const text = shard(`ash: {password: ${pw}, provider: ptc, level: 30, state: ok, added_at: 2026-01-01T00:00:00.000Z, seq: 2}`);
        try {
          decodeShard('0', 'shards/0.yaml', text);
        } catch (error) {
          expect(leaks((error as Error).message, pw.slice(1))).toBe(false);
          expect((error as FileError).line).toBe(EDITED_LINE);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('through status, allocate, verify and serve (HTTP answer and request log): one typo of each kind', async () => {
    const s = await serveAccounts(['brock', 'misty']);
    const file = join(s.pool.dir, 'shards', `${s.store.shardNameOf('ash')}.yaml`);
    // One typo for each kind of error the reader gives, and the three a hand edit makes most.
    const kinds = new Map<string, string>();
    for (const found of inPasswordField.values()) for (const f of found) if (!f.variant.includes('\n')) kinds.set(f.message.replace(/^[^ ]+ /, ''), f.variant);
    const variants = [...new Set([...kinds.values(), ...['*', '>', '|'].map((c) => LINES['by hand'].replace(PASSWORD, c + PASSWORD))])];
    expect(variants.length).toBeGreaterThan(10);
    for (const variant of variants) {
      // The account lands in its home shard, whichever that is; the lines around it stay.
      await writeFile(file, shard(variant).replace('# accountpool shard 0:', `# accountpool shard ${s.store.shardNameOf('ash')}:`));
      const outputs: string[] = [];
      for (const args of [['status'], ['allocate', '--count', '1', '--no-check', '--accountcsv', join(s.base, 'a.csv')], ['verify']]) {
        const result = await cli([...args, ...s.pool.args]);
        expect(result.code, `${args[0]} on ${JSON.stringify(variant)}`).toBe(1);
        outputs.push(result.stdout + result.stderr);
      }
      // /account/request answers [] with the message in a header (server.ts); /status, the message itself.
      const asked = await s.call('GET', '/account/request?system_id=east&count=1');
      expect(asked.status).toBeGreaterThanOrEqual(500);
      expect(leaks(asked.text)).toBe(false);
      outputs.push(decodeURIComponent(asked.headers.get('x-accountpool-error') ?? ''), s.log.at(-1)!);
      const status = await s.call('GET', '/status');
      expect(status.status).toBeGreaterThanOrEqual(500);
      outputs.push(status.text, s.log.at(-1)!);
      const lines = Array.from({ length: variant.split('\n').length }, (_, i) => `${file}:${EDITED_LINE + i}:`);
      for (const output of outputs) {
        expect(leaks(output), `${JSON.stringify(variant)}: ${output}`).toBe(false);
        expect(lines.some((at) => output.includes(at)), `${JSON.stringify(variant)}: ${output}`).toBe(true);
      }
    }
  });
});

describe('a conflict left by git in a shard', () => {
  it("is named as git's marker, at the marker's line, never quoting the password", () => {
    const line = (state: string) => `"ash": {"password": "${PASSWORD}", "provider": "ptc", "level": 30, "state": "${state}", "seq": 1}`;
    for (const [text, at] of [
      [`# shard 0\n<<<<<<< HEAD\n${line('ok')}\n=======\n${line('blind')}\n>>>>>>> theirs\n`, 2],
      [`# shard 0\n${line('ok')}\n=======\n`, 3],
      [`# shard 0\n>>>>>>> theirs\n`, 2],
    ] as const) {
      let error: unknown;
      try {
        decodeShard('0', 'shards/0.yaml', text);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(FileError);
      expect((error as FileError).message).toMatch(new RegExp(`^shards/0\\.yaml:${at}: a git conflict marker`));
      expect(leaks((error as FileError).message)).toBe(false);
    }
  });
});
