// A scanner's post naming a password the account had before and replaced (its accounts file
// written before a fix reached the pool) does not roll the account back (stop 65 X,
// src/replaced-passwords.ts); a password new to the account is taken as PGPool took it.
import { describe, expect, it } from 'vitest';
import { applyFacts, type AccountUpdate } from '../../src/server/updates.js';
import { DEFAULT_CONFIG } from '../../src/config.js';
import { replacePassword } from '../../src/replaced-passwords.js';
import type { Account } from '../../src/model.js';

const now = new Date('2026-12-07T12:00:00.000Z');
const update = (password: string): AccountUpdate => ({ username: 'ash_02', systemId: undefined, password, extras: {}, ignored: [] });

describe("serve's update of an account's password", () => {
  const first: Account = { username: 'ash_02', password: 'Old!Pass22', provider: 'ptc', level: 30, state: 'ok', added_at: '2026-12-01T10:00:00.000Z', seq: 1 };
  const fixed = replacePassword({ ...first }, first, 'Fresh!Pass42');

  it('keeps the pool\'s newer password when the post names the one it replaced', () => {
    expect(applyFacts(fixed, update('Old!Pass22'), now, DEFAULT_CONFIG).password).toBe('Fresh!Pass42');
  });

  it('takes a password new to the account, remembering the one it replaces', () => {
    const next = applyFacts(fixed, update('Third!Pass62'), now, DEFAULT_CONFIG);
    expect(next.password).toBe('Third!Pass62');
    expect(applyFacts(next, update('Fresh!Pass42'), now, DEFAULT_CONFIG).password).toBe('Third!Pass62');
    expect(applyFacts(next, update('Old!Pass22'), now, DEFAULT_CONFIG).password).toBe('Third!Pass62');
    expect(JSON.stringify(next)).not.toMatch(/Pass42|Pass22/);
  });
});
