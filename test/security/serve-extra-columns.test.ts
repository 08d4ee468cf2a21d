// A client holding serve's token posts PGPool's other columns for every account (issue 15: they
// are kept on the account). PGPool kept them in MySQL columns of fixed width (codename-art/PGPool
// pgpool/models.py: email and tutorial_state Utf8mb4CharField(191), team max_length=16; the
// `_release_reason` went into an Event description cut to 189 characters); we kept 1,000 characters
// of each, so one post of 10,000 updates could add ~40 MB of text to the pool, and every later fold
// and read carried it. Now each is kept to PGPool's own width, in characters (utf8mb4 counts code
// points: a cut never halves an emoji).
import { describe, expect, it } from 'vitest';
import { serveAccounts, stored } from '../server/helpers.js';

describe("PGPool's other columns posted to serve", () => {
  it("are kept to the width of PGPool's own column: email 191, team 16, tutorial_state 191, a release reason 191", async () => {
    const s = await serveAccounts(['acc1', 'acc2']);
    const long = '\u{1F600}'.repeat(5000);
    const r = await s.call('POST', '/account/update', [{ username: 'acc1', email: long, team: long, tutorial_state: long }]);
    expect(r.status).toBe(200);
    await s.call('POST', '/account/release', { username: 'acc2', _release_reason: long });
    const accounts = await stored(s);
    const acc1 = accounts.get('acc1')! as Record<string, string>;
    expect([...acc1.email!].length).toBe(191);
    expect([...acc1.team!].length).toBe(16);
    expect([...acc1.tutorial_state!].length).toBe(191);
    expect(acc1.email).toBe('\u{1F600}'.repeat(191));
    expect([...(accounts.get('acc2')! as Record<string, string>).release_reason!].length).toBe(191);
    // A short value is kept as posted.
    await s.call('POST', '/account/update', { username: 'acc1', team: 'TEAM_RED', email: 'a@b.com' });
    expect((await stored(s)).get('acc1')).toMatchObject({ team: 'TEAM_RED', email: 'a@b.com' });
  });
});
