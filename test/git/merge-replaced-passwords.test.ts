// Two hosts' versions of one account whose password changed on both (stop 66 X). Until stop 66 the
// merge driver kept the newer record's password (its latest verdict, hold or addition), and the
// fingerprints of replaced passwords (src/replaced-passwords.ts) as another field, on their own:
// a host that took fix2.txt after fix.txt, merged with a host that only took fix.txt and handed
// the account out later, got fix.txt's password back, which the game no longer takes, reported as
// a conflict. Where one side's fingerprints name the other side's password, that side is the
// newer password, whatever the records' times; the merged account remembers both sides' replaced ones.
import { describe, expect, it } from 'vitest';
import { makeAccount } from '../helpers/accounts.js';
import { mergeAccounts, type MergeOptions } from '../../src/git/merge-accounts.js';
import { replacePassword } from '../../src/replaced-passwords.js';
import type { Account } from '../../src/model.js';

const NEWER: MergeOptions = { holds: 'newer' };
const T = (hour: number) => `2026-03-01T${String(hour).padStart(2, '0')}:00:00.000Z`;
const base = makeAccount(1);
const changedTo = (account: Account, ...passwords: string[]) => passwords.reduce((a, p) => replacePassword({ ...a }, a, p), account);
const handedOut = (account: Account, hour: number): Account => ({ ...account, holder: 'east', allocated_at: T(hour), held_until: T(hour + 12) });

function merge1(b: Account, o: Account, t: Account) {
  const r = mergeAccounts([b], [o], [t], NEWER);
  return { account: r.accounts[0]!, conflicts: r.conflicts };
}

describe('a password changed on two hosts, one knowing the other\'s', () => {
  it('keeps the password the other side replaced, though the other record is newer, with no conflict, either way round', () => {
    const twice = changedTo(base, 'Fresh!Pass42', 'Newer!Pass52');
    const once = handedOut(changedTo(base, 'Fresh!Pass42'), 23);
    for (const [ours, theirs] of [[twice, once], [once, twice]] as const) {
      const { account, conflicts } = merge1(base, ours, theirs);
      expect(account.password).toBe('Newer!Pass52');
      expect(conflicts).toEqual([]);
      expect(account.passwords_replaced).toEqual(twice.passwords_replaced);
      // The other fields as before: the hand-out of the side that lost the password is kept.
      expect(account.holder).toBe('east');
    }
  });

  it('remembers both sides\' replaced passwords, never the one it keeps', () => {
    const here = changedTo({ ...base, password: 'Own!Pass77' }, base.password!, 'Fresh!Pass42');
    const there = handedOut(changedTo(base, 'Other!Pass88', 'Fresh!Pass42'), 23);
    const { account, conflicts } = merge1(base, here, there);
    expect(account.password).toBe('Fresh!Pass42');
    expect(conflicts).toEqual([]);
    const union = new Set([...(here.passwords_replaced as string[]), ...(there.passwords_replaced as string[])]);
    expect(new Set(account.passwords_replaced as string[])).toEqual(union);
    expect(union.size).toBe(3);
  });

  it('two passwords neither side knew of the other: the newer record\'s kept and the other reported, as before', () => {
    const ours = changedTo(base, 'Ours!Pass1');
    const theirs = handedOut(changedTo(base, 'Theirs!Pass2'), 23);
    const { account, conflicts } = merge1(base, ours, theirs);
    expect(account.password).toBe('Theirs!Pass2');
    expect(conflicts).toEqual([{ username: base.username, kept: 'theirs', other: 'Ours!Pass1' }]);
    expect(account.passwords_replaced).toEqual(ours.passwords_replaced);
  });
});
