// Names every JavaScript object already has (`constructor`, `toString`, `__proto__`, ...) where
// accountpool looks a name up in a table of its own: a setting in accountpool.yaml (which comes
// with every sync of a shared pool), a field a client posts to `serve`, a dump's file name. Each
// must be an unknown name like any other, never Object.prototype's member.
import { afterEach, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config-file.js';
import { parseUpdates } from '../../src/server/updates.js';
import { checkerLoginsFile } from '../../src/formats/tools/checker-logins.js';
import { writeJsonl } from '../../src/formats/jsonl.js';
import type { Account } from '../../src/model.js';

const PROTO_NAMES = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__proto__'];

// The old code wrote into Object.prototype itself: put it back, so one failure stays one.
const saved = Object.getOwnPropertyDescriptors(Object.prototype);
afterEach(() => {
  for (const [name, descriptor] of Object.entries(saved)) Object.defineProperty(Object.prototype, name, descriptor);
});

describe('accountpool.yaml', () => {
  it('a setting named like a member of every object is unknown, with its line, and changes no prototype', () => {
    const base = 'shards: 4\nlease: 12h\n';
    const cases: [string, number, string][] = [
      ['toString: 1\n', 3, 'toString'],
      ['constructor: 2\n', 3, 'constructor'],
      ['__proto__:\n  toString: 1\n', 3, '__proto__'],
      ['__proto__:\n  hasOwnProperty: 1\n', 3, '__proto__'],
      ['cooldowns:\n  valueOf: 1d\n', 4, 'cooldowns.valueOf'],
    ];
    for (const [extra, line, name] of cases) {
      let error: unknown;
      try {
        parseConfig('/pool/accountpool.yaml', base + extra);
      } catch (caught) {
        error = caught;
      }
      expect(String((error as Error | undefined)?.message), extra).toMatch(new RegExp(`^/pool/accountpool\\.yaml:${line}: unknown setting ${name.replace('.', '\\.')} `));
      expect(typeof Object.prototype.toString, extra).toBe('function');
      expect(typeof Object.prototype.hasOwnProperty, extra).toBe('function');
    }
  });
});

describe('serve posts', () => {
  it('fields named like members of every object are ignored, never kept on the account as PGPool columns', () => {
    const body: unknown = JSON.parse(`{"username":"alice","level":31,"xp":5,${PROTO_NAMES.map((n, i) => `"${n}":${i + 1}`).join(',')}}`);
    const { updates } = parseUpdates(body);
    expect(updates).toHaveLength(1);
    expect(Object.keys(updates[0]!.extras)).toEqual(['xp']);
    expect(Object.getPrototypeOf(updates[0]!.extras)).toBe(Object.prototype);
    // `__proto__` starts with `_`: PGPool's metadata, skipped unnamed like `_release_at`.
    expect(updates[0]!.ignored.sort()).toEqual(PROTO_NAMES.filter((n) => !n.startsWith('_')).sort());
    expect(updates[0]!.level).toBe(31);
  });
});

describe('file names and fields', () => {
  it("a dump named `constructor` or `__proto__` is no checker's list of usernames", () => {
    for (const name of ['constructor', '__proto__', 'toString']) expect(checkerLoginsFile(name, 'alice4\nbob4\n'), name).toBeUndefined();
    expect(checkerLoginsFile('banned.txt', 'alice4\nbob4\n')?.state).toBe('perm_banned');
  });

  it('an export keeps an own field named `constructor` or `toString`', () => {
    const account = { username: 'alice', password: 'pw', constructor: 'x', toString: 'y' } as unknown as Account;
    expect(JSON.parse(writeJsonl([account]))).toMatchObject({ username: 'alice', constructor: 'x', toString: 'y' });
  });
});
