// The rule of what a dump's fields beside the login a new account keeps (src/account-fields.ts),
// as the readers hand them over: a scanner table's flags, counters and times and the text columns
// whose meaning is known are kept, other text, lists and objects are not, and the import's note
// names what it dropped without showing a name that could be anything.
import { describe, expect, it } from 'vitest';
import { fieldsNote, isKeptField, keptFields, type FieldNames } from '../../src/account-fields.js';

const names = (): FieldNames => ({ kept: new Set(), dropped: new Set() });

describe('fields beside an account', () => {
  it("keeps a scanner's flags, numbers and times, and text only under a name whose meaning is known", () => {
    // NecroBot2's row (necrobot-db.test.ts), PGPool's (pgpool-accounts.tsv), pGo-create's `Date created`.
    for (const [name, value] of [['account_active', true], ['stardust', 12500], ['runtime_total', 95.5], ['last_modified', '2017-12-01 10:15:00'], ['state_at', '2026-11-20T10:00:00.000Z'], ['Date created', '2016-08-08 22:37:36'], ['nickname', 'NecroAsh'], ['team', 'mystic'], ['reason', 'code3']] as const) {
      expect(isKeptField(name, value), name).toBe(true);
    }
    for (const [name, value] of [['hash_key', 'HK7Q2M9X4V1B8N6C3Z5L0P'], ['note', 'from bob'], ['proxy', 'http://u:p@1.2.3.4:80'], ['stamp', '2017-12-01 and a key'], ['emailAccount', { sid_token: 'k9' }], ['tags', ['a']], ['ratio', Number.NaN], ['a"b', true], ['x\u001b[31m', 1], ['', true], ['_private', 1], ['source', 'kinancity']] as const) {
      expect(isKeptField(name, value), name).toBe(false);
    }
  });

  it('never keeps a field named for a credential, not even a number or a flag (a numeric token is a password by another name)', () => {
    // versx/NodeController's `ptcToken` (sql/schema.sql), OAuth's `access_token`/`refresh_token`, a session id, a database's password.
    for (const [name, value] of [['ptcToken', 8812736451], ['access_token', 123456789], ['session_id', 40213], ['Secret', true], ['cookie', 1], ['db_password', 1234], ['passwd', 9876]] as const) {
      expect(isKeptField(name, value), name).toBe(false);
    }
    const seen = names();
    expect(keptFields({ spins: 412, session_id: 40213 }, seen)).toEqual({ spins: 412 });
    expect([...seen.dropped]).toEqual(['session_id']);
  });

  it('gives back the same object when all is kept, and names both sides only where something was dropped', () => {
    const whole = { stardust: 1, captcha: true };
    const seen = names();
    expect(keptFields(whole, seen)).toBe(whole);
    expect(seen.kept.size + seen.dropped.size).toBe(0);
    expect(keptFields({}, seen)).toBeUndefined();
    expect(keptFields({ token: 'abc123def456' }, seen)).toBeUndefined();
    expect(keptFields({ captcha: true, api_key: 'AIzaSy0123456789' }, seen)).toEqual({ captcha: true });
    expect([...seen.kept]).toEqual(['captcha']);
    expect([...seen.dropped].sort()).toEqual(['api_key', 'token']);
  });

  it("the note names the dropped fields, counting those whose name it would not show", () => {
    const note = fieldsNote({ kept: new Set(['stardust', 'captcha']), dropped: new Set(['token', 'hash_key', 'x\u001b[31mred', 'k'.repeat(80)]) });
    expect(note).toMatch(/^fields beside the accounts: kept: captcha, stardust; not kept: hash_key, token, 2 fields with names not shown \(/);
    expect(note).not.toContain('\u001b');
  });
});
