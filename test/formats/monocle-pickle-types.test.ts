// A Monocle fork's accounts.pickle holding values of other types beside the ones Monocle writes
// (Noctem/Monocle monocle/utils.py dump_pickle: a dict of username to account dict): datetimes, a
// set, an enum, a Decimal, bytes, an integer past 64 bits, and the standard library's dicts
// (OrderedDict, defaultdict, Counter) as the store, an account or a value. Written by python3's
// own pickle at protocols 2 and 4-5 (HIGHEST_PROTOCOL of Python 3.5-3.7 and 3.8+, and a Python 2
// tool's 2). Each account is read exactly, its unknown keys read past and named; never a refusal
// of the whole store for a value it does not need.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { input } from './helpers.js';

const SCRIPT = `
import sys, pickle, datetime, enum, decimal, collections
class Team(enum.IntEnum):
    MYSTIC = 1
a1 = collections.OrderedDict(username='forkp_a1', password='Pw!a1', provider='ptc', level=30, banned=False, captcha=False,
    created=datetime.datetime(2017, 11, 30, 12, 0), last_login=datetime.datetime(2017, 12, 1, 1, 2, 3, tzinfo=datetime.timezone.utc),
    seen={'a', 'b'}, team=Team.MYSTIC, coins=decimal.Decimal('1.5'), raw=b'\\x00\\x01', trainer_id=2**70,
    items=collections.defaultdict(int, {1: 20}), caught=collections.Counter({'pidgey': 3}))
b2 = {'username': 'forkp_b2', 'password': 'Pw!b2', 'provider': 'google', 'level': 12, 'banned': True, 'day': datetime.date(2017, 12, 2)}
store = collections.OrderedDict([('forkp_a1', a1), ('forkp_b2', b2)])
sys.stdout.buffer.write(pickle.dumps(store, protocol=int(sys.argv[1])))
`;

describe("a Monocle fork's pickle with values of other types", () => {
  it.each([2, 4, 5])('protocol %i: every account read, the unknown keys named, nothing refused', async (protocol) => {
    const bytes = execFileSync('python3', ['-c', SCRIPT, String(protocol)]);
    const r = await readDump(input('accounts.pickle', bytes));
    expect(r.format).toBe('monocle-pickle');
    expect(r.accounts.map((a) => [a.username, a.password, a.provider, a.level, a.state])).toEqual([
      ['forkp_a1', 'Pw!a1', 'ptc', 30, undefined],
      ['forkp_b2', 'Pw!b2', 'google', 12, 'temp_banned'],
    ]);
    expect(r.rejected).toEqual([]);
    const note = r.notes?.join(' ') ?? '';
    for (const key of ['trainer_id', 'caught', 'team', 'seen', 'day']) expect(note).toContain(`"${key}"`);
  });
});
