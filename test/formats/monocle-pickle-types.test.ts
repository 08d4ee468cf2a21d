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
import { pythonPath, STDLIB_ONLY } from '../helpers/python.js';

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
    const bytes = execFileSync(pythonPath(), [...STDLIB_ONLY, '-c', SCRIPT, String(protocol)]);
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

// A string right after a memo place or small int of 138 (`h\x8a` then `X`): the byte before the
// string's opcode is LONG1's (0x8a), and the big-integer step above took the string for one,
// reading a device id as 8 bytes of 0xff. Written by python3's own pickle at protocols 2 and 3
// (strings as `X`, memo places as one byte): the device keys first written by a later account
// (accounts without a device before it), so that one key's memo place is 138.
const MEMO_138 = `
import sys, pickle, re
for first in range(120):
    store = {}
    for i in range(80):
        u = 'trainer_%04d' % i
        a = {'username': u, 'password': 'Secret_pw_%04d!' % i, 'provider': 'ptc'}
        if i >= first:
            a['model'] = 'iPhone9,3'; a['iOS'] = '10.3.3'; a['id'] = '%032x' % (i * 7919)
        store[u] = a
    data = pickle.dumps(store, protocol=int(sys.argv[1]))
    if re.search(b'h\\x8aX', data):
        sys.stdout.buffer.write(data)
        break
`;

describe('a string after a memo place of 138 (the byte of LONG1)', () => {
  it.each([2, 3])('protocol %i: every device id and password read exactly', async (protocol) => {
    const bytes = execFileSync(pythonPath(), [...STDLIB_ONLY, '-c', MEMO_138, String(protocol)]);
    expect(bytes.includes(Buffer.from('h\x8aX', 'latin1'))).toBe(true);
    const r = await readDump(input('accounts.pickle', bytes));
    expect(r.format).toBe('monocle-pickle');
    expect(r.accounts).toHaveLength(80);
    for (const [i, a] of r.accounts.entries()) {
      expect(a.password).toBe(`Secret_pw_${String(i).padStart(4, '0')}!`);
      if (a.device) expect(a.device.id).toBe((i * 7919).toString(16).padStart(32, '0'));
    }
    expect(r.accounts.filter((a) => a.device).length).toBeGreaterThan(10);
  });
});
