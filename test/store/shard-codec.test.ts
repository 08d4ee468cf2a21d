// The fast reader must read exactly what `yaml` reads, for every record the writer can produce.
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { parse } from 'yaml';
import { decodeShard, encodeAccountLine, encodeShard, shardBytes, compareAccountKeys, parseTrustedLines, trustedLineKey, trustedLineSeq, trustedLineStanding, trustedLineTimed, trustedLines } from '../../src/store/shard-codec.js';
import { DEVICE_FIELD_ORDER, FIELD_ORDER, STANDING_FIELDS, TIMED_FIELDS, instanceNameProblem, keyOf, type Account } from '../../src/model.js';
import { FileError } from '../../src/errors.js';

// Strings a YAML writer gets wrong: quotes, colons, comments, booleans, nulls, numbers, edge whitespace, unicode.
const awkward = fc.oneof(
  fc.constantFrom('yes', 'no', 'null', '~', 'true', 'False', 'NULL', '0123', '1e3', '.inf', '-.nan', '0x1F', '', ' ', '#', '# x', 'a: b', '- x', '"', "'", '\\', '{a}', '[1]', '&a', '*a', '!tag', '|', '>', '%', '@', '`', '? x', 'a #b', ' lead', 'trail ', '\t', 'ü', '日本', '😀', '\u0085', '\u2028', '\u007f', '\ufeff', '\u00a0'),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.string({ maxLength: 2000 }),
  fc.stringMatching(/^\d{1,12}$/),
);
const text = fc.array(awkward, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(''));
const username = fc.stringMatching(/^[A-Za-z0-9_.@+-]{1,40}$/).filter((u) => u.length > 0);
const iso = fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
const extraValue = fc.oneof(text, fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.array(text, { maxLength: 3 }), fc.dictionary(text, text, { maxKeys: 3 }));

const account: fc.Arbitrary<Account> = fc
  .record({
    username,
    password: text.filter((p) => p.length > 0),
    provider: fc.constantFrom('ptc', 'google'),
    level: fc.integer({ min: 0, max: 50 }),
    state: fc.constantFrom('ok', 'temp_banned', 'perm_banned', 'warned', 'blind', 'invalid'),
    state_at: fc.option(iso, { nil: undefined }),
    available_at: fc.option(iso, { nil: undefined }),
    allocated_at: fc.option(iso, { nil: undefined }),
    // Any text the instance name rule lets through (src/model.ts), awkward for YAML or not.
    holder: fc.option(text.map((t) => t.trim()).filter((t) => instanceNameProblem(t) === null), { nil: undefined }),
    held_until: fc.option(iso, { nil: undefined }),
    device: fc.option(fc.record({ model: text, ios: text, id: fc.stringMatching(/^[0-9a-f]{32}$/) }), { nil: undefined }),
    added_at: iso,
    seq: fc.nat(),
    source: fc.option(text, { nil: undefined }),
    extras: fc.dictionary(text.filter((k) => !['username', 'password', 'provider', 'level', 'state', 'seq', 'added_at', 'device', 'source', 'holder', 'state_at', 'available_at', 'allocated_at', 'held_until', '__proto__'].includes(k)), extraValue, { maxKeys: 3 }),
  })
  .map(({ extras, ...fields }) => {
    const record = { ...extras, ...fields } as Record<string, unknown>;
    for (const key of Object.keys(record)) if (record[key] === undefined) delete record[key];
    return record as Account;
  });

function shardText(accounts: Account[]): string {
  const unique = new Map(accounts.map((a) => [keyOf(a.username), a]));
  const sorted = [...unique.values()].sort((a, b) => compareAccountKeys(keyOf(a.username), keyOf(b.username)));
  return encodeShard('07', sorted.map(encodeAccountLine));
}

function asMapping(accounts: Account[]): Record<string, unknown> {
  return Object.fromEntries(accounts.map(({ username, ...rest }) => [username, rest]));
}

/** The line format said plainly (README: one JSON member per account), for any record. */
function documentedLine({ username, ...fields }: Account): string {
  const unsafe = (json: string) => json.replace(/[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const ordered = (r: object, order: readonly string[]) => [...order, ...Object.keys(r).filter((k) => !order.includes(k)).sort()];
  const value = (v: unknown, order: readonly string[] = []): string => {
    if (typeof v === 'number' && !Number.isFinite(v)) return Number.isNaN(v) ? '.nan' : v > 0 ? '.inf' : '-.inf';
    if (Array.isArray(v)) return v.length === 0 ? '[]' : `[${v.map((item) => value(item)).join(', ')}]`;
    return v !== null && typeof v === 'object' ? mapping(v as Record<string, unknown>, ordered(v, order)) : unsafe(JSON.stringify(v));
  };
  const mapping = (r: Record<string, unknown>, keys: string[], top = false) => {
    const members = keys.filter((k) => r[k] !== undefined).map((k) => `${unsafe(JSON.stringify(k))}: ${value(r[k], top && k === 'device' ? DEVICE_FIELD_ORDER : [])}`);
    return members.length === 0 ? '{}' : `{${members.join(', ')}}`;
  };
  return `${unsafe(JSON.stringify(username))}: ${mapping(fields, ordered(fields, FIELD_ORDER), true)}`;
}

describe('shard codec', () => {
  it('fast reader and yaml.parse agree on every record the writer produces', () => {
    fc.assert(
      fc.property(fc.array(account, { maxLength: 8 }), (accounts) => {
        const text = shardText(accounts);
        const decoded = decodeShard('07', 'shards/07.yaml', text);
        expect(decoded.canonical).toBe(true); // the fast path really was taken
        expect(asMapping(decoded.accounts)).toEqual(parse(text, { schema: 'core' }) ?? {});
      }),
      { numRuns: 300 },
    );
  });

  it('the trusted reader (lines split, parsed all at once or one by one, keys from the line alone) agrees with yaml.parse', () => {
    // Shards we wrote ourselves are parsed as far as they are used: this is that path.
    const weird = fc.option(fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY), { nil: undefined });
    const maybeWeird = fc.tuple(account, weird).map(([a, w]) => (w === undefined ? a : ({ ...a, weird: w } as Account)));
    fc.assert(
      fc.property(fc.array(maybeWeird, { maxLength: 8 }), (accounts) => {
        const text = shardText(accounts);
        const lines = trustedLines('07', text);
        expect(lines).not.toBeNull();
        const expected = parse(text, { schema: 'core' }) ?? {};
        expect(asMapping(parseTrustedLines(lines!, '07', 'x'))).toEqual(expected);
        const single = lines!.map((line) => parseTrustedLines([line], '07', 'x')[0]!);
        expect(asMapping(single)).toEqual(expected);
        expect(lines!.map(trustedLineKey)).toEqual(single.map((a) => keyOf(a.username)));
      }),
      { numRuns: 300 },
    );
  });

  it('an account line is exactly the documented JSON member: our fields in order, then the user\'s sorted, each value JSON with YAML-unsafe characters escaped', () => {
    // encodeAccountLine has fast paths (plain text quoted as is, no arrays per account); this is
    // the format said plainly, so no fast path can drift from it.
    fc.assert(
      fc.property(account, (a) => {
        expect(encodeAccountLine(a)).toBe(documentedLine(a));
      }),
      { numRuns: 300 },
    );
  });

  it('an account as an import adds it (its own template) is written exactly as the documented format says, in any field order', () => {
    // The shape merge.ts gives a new account: these fields and no other. Numbers of any kind and
    // awkward text go through the template too; a record with one field more or less does not.
    const numberEdge = fc.oneof(fc.double(), fc.constantFrom(Number.NaN, Infinity, -Infinity, -0, 1e21, 0.1));
    const fresh = fc.record({
      username,
      password: text.filter((p) => p.length > 0),
      provider: fc.constantFrom('ptc', 'google'),
      level: fc.oneof(fc.integer({ min: 0, max: 50 }), numberEdge),
      state: fc.constantFrom('ok', 'temp_banned', 'perm_banned', 'warned', 'blind', 'invalid'),
      added_at: iso,
      seq: fc.oneof(fc.nat(), numberEdge),
      source: text,
    });
    const reordered = fresh.chain((record) => fc.shuffledSubarray(Object.keys(record), { minLength: 8, maxLength: 8 }).map((keys) => Object.fromEntries(keys.map((k) => [k, record[k as keyof typeof record]]))));
    fc.assert(
      fc.property(reordered, fc.option(fc.constantFrom<[string, unknown]>(['holder', 'scanner-1'], ['note', 'x'], ['source', undefined], ['device', { model: 'iPhone9,3', ios: '13.1', id: '0'.repeat(32) }])), (record, other) => {
        const a = (other ? { ...record, [other[0]]: other[1] } : record) as unknown as Account;
        expect(encodeAccountLine(a)).toBe(documentedLine(a));
      }),
      { numRuns: 400 },
    );
  });

  it('the first account a process writes by the template, with an empty source, still carries its source (found by the property above on CI)', async () => {
    // The template's pieces are cached per process: a cache that started out as "source '' gives
    // no text" dropped the first line's `"source": ""}`, and the shard's closing brace with it.
    vi.resetModules();
    const fresh = await import('../../src/store/shard-codec.js');
    const a = { username: 'A', password: 'Secret111', provider: 'ptc', level: 30, state: 'ok', added_at: '2026-12-02T00:00:00.000Z', seq: 1, source: '' } as unknown as Account;
    expect(fresh.encodeAccountLine(a)).toBe(documentedLine(a));
  });

  it('accounts an import adds one after another, differing in one field each, are each written as the format says', () => {
    // The template keeps the text its accounts share (shard-codec.ts freshMiddle): a change in any
    // one of those fields, and back, must show in the very next line.
    const base = { username: 'ash', password: 'pw', provider: 'ptc', level: 30, state: 'ok', added_at: '2026-01-01T00:00:00.000Z', seq: 1, source: 'dump.txt' };
    const one = [{ provider: 'google' }, { level: 31 }, { level: -0 }, { level: Number.NaN }, { state: 'warned' }, { added_at: '2026-01-01T00:00:01.000Z' }, { source: 'other.txt' }, { source: 'ü "x"' }, { seq: 2 }];
    for (const change of one) {
      for (const record of [base, { ...base, ...change }, base]) expect(encodeAccountLine(record as Account)).toBe(documentedLine(record as Account));
    }
  });

  it('shard bytes written line by line (some copied as bytes) are the UTF-8 of encodeShard', () => {
    const line = fc.oneof(account.map(encodeAccountLine), fc.string({ unit: 'binary', maxLength: 30 }), fc.constantFrom('\ud800 lone', 'x\udfff', 'é 😀'));
    fc.assert(
      fc.property(fc.array(fc.tuple(line, fc.boolean()), { maxLength: 10 }), (pairs) => {
        const lines = pairs.map(([l]) => l);
        const parts = pairs.map(([l, asBytes]) => (asBytes ? Buffer.from(`${l}\n`) : l));
        expect(shardBytes('07', parts).equals(Buffer.from(encodeShard('07', lines)))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('the import number read from a line alone is the account\'s own, never a `seq` nested in a field', () => {
    const nested = fc.record({ device: fc.option(fc.nat(), { nil: undefined }), extra: fc.option(fc.nat(), { nil: undefined }) });
    // Lines of accounts with a device read without parsing: what every account handed out has.
    let withDevice = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(account, nested), { maxLength: 8 }), (pairs) => {
        const accounts = pairs.map(([a, n]) => ({ ...a, ...(n.device !== undefined && a.device ? { device: { ...a.device, seq: n.device } } : {}), ...(n.extra !== undefined ? { zz: n.extra % 2 ? [{ seq: n.extra }] : { seq: n.extra } } : {}) }) as Account);
        const lines = trustedLines('07', shardText(accounts))!;
        for (const line of lines) {
          const seq = trustedLineSeq(line);
          if (seq !== undefined) expect(seq).toBe(parseTrustedLines([line], '07', 'x')[0]!.seq);
          if (seq !== undefined && line.includes('"device": {')) withDevice++;
        }
      }),
      { numRuns: 300 },
    );
    expect(withDevice).toBeGreaterThan(50);
  });

  it('the standing read from a line alone (what `status` counts by, and the timed one a git pool\'s seen ends judge by) is the parsed account\'s, never a field nested in another', () => {
    // Any value a standing field may hold in a shard (odd ones are parsed whole), and the same
    // names inside the device and a mapping of the user's, where the line reader must not look.
    const odd = fc.oneof(text, fc.integer({ min: -5, max: 60 }), fc.double(), fc.constant(null), fc.boolean(), fc.array(fc.nat(), { maxLength: 2 }));
    const fields = fc.dictionary(fc.constantFrom(...TIMED_FIELDS), odd, { maxKeys: 3 });
    const variant = fc.record({ own: fc.option(fields, { nil: undefined }), device: fc.option(fields, { nil: undefined }), extra: fc.option(fields, { nil: undefined }) });
    let readFromLine = 0;
    let timedFromLine = 0;
    fc.assert(
      fc.property(fc.array(fc.tuple(account, variant), { maxLength: 8 }), (pairs) => {
        const accounts = pairs.map(([a, v]) => ({ ...a, ...v.own, ...(v.device && a.device ? { device: { ...a.device, ...v.device } } : {}), ...(v.extra ? { zz: v.extra } : {}) }) as Account);
        const lines = trustedLines('07', shardText(accounts))!;
        for (const line of lines) {
          let whole: Record<string, unknown> | undefined;
          const parsed = () => (whole ??= parseTrustedLines([line], '07', 'x')[0]! as unknown as Record<string, unknown>);
          const timed = trustedLineTimed(line);
          if (timed !== undefined) {
            timedFromLine++;
            const account = parsed();
            expect(timed).toEqual(Object.fromEntries(TIMED_FIELDS.filter((f) => account[f] !== undefined).map((f) => [f, account[f]])));
          }
          const standing = trustedLineStanding(line);
          if (standing === undefined) continue;
          readFromLine++;
          const account = parsed();
          expect(standing).toEqual(Object.fromEntries(STANDING_FIELDS.filter((f) => account[f] !== undefined).map((f) => [f, account[f]])));
        }
      }),
      { numRuns: 300 },
    );
    // The line reader really is used (it gives up only on values it does not read plainly).
    expect(readFromLine).toBeGreaterThan(300);
    expect(timedFromLine).toBeGreaterThan(300);
  });

  it('writing what was read gives back the same bytes (a pool always serialises the same way)', () => {
    fc.assert(
      fc.property(fc.array(account, { maxLength: 8 }), (accounts) => {
        const text = shardText(accounts);
        const again = encodeShard('07', decodeShard('07', 'x', text).accounts.map(encodeAccountLine));
        expect(again).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('reads a shard hand-edited in block style with the full YAML reader', () => {
    const text = `# edited by hand
alice:
  password: "se:cret #1"
  provider: ptc
  level: 31
  state: ok
  added_at: 2026-01-01T00:00:00.000Z
  seq: 3
  note: bought from bob   # a field of the user's
"12345":
  password: no
  provider: google
  level: 30
  state: blind
  added_at: '2026-01-02T00:00:00.000Z'
  seq: 4
`;
    const decoded = decodeShard('07', 'shards/07.yaml', text);
    expect(decoded.canonical).toBe(false);
    expect(decoded.accounts).toEqual([
      { username: 'alice', password: 'se:cret #1', provider: 'ptc', level: 31, state: 'ok', added_at: '2026-01-01T00:00:00.000Z', seq: 3, note: 'bought from bob' },
      { username: '12345', password: 'no', provider: 'google', level: 30, state: 'blind', added_at: '2026-01-02T00:00:00.000Z', seq: 4 },
    ]);
  });

  it('names the file and line of a shard that is not valid YAML', () => {
    const text = encodeShard('07', [encodeAccountLine({ username: 'a', password: 'p', provider: 'ptc', level: 1, state: 'ok', added_at: '2026-01-01T00:00:00.000Z', seq: 1 })]) + 'bob: {password: "x"\n  broken: [\n';
    expect(() => decodeShard('07', 'shards/07.yaml', text)).toThrow(FileError);
    try {
      decodeShard('07', 'shards/07.yaml', text);
    } catch (error) {
      expect((error as FileError).file).toBe('shards/07.yaml');
      expect((error as FileError).line).toBeGreaterThanOrEqual(3);
      expect((error as FileError).message).toMatch(/^shards\/07\.yaml:\d+: /);
    }
  });

  it('refuses an alias bomb quickly instead of expanding it', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`)].join('\n');
    expect(() => decodeShard('07', 'shards/07.yaml', bomb)).toThrow(FileError);
  });

  it('reports a record with a missing field at its line', () => {
    const text = 'alice:\n  password: x\n  provider: ptc\n  level: 30\n  state: ok\n  added_at: "2026-01-01T00:00:00.000Z"\n  seq: 1\nbob:\n  provider: ptc\n';
    expect(() => decodeShard('07', 'shards/07.yaml', text)).toThrow(/^shards\/07\.yaml:8: level must be a whole number$/);
  });
});
