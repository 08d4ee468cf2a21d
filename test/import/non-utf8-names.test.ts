// `accountpool import FILE` given a name that is not UTF-8 (a Windows or DOS code page): Node
// hands it over with U+FFFD for its bytes; the bytes are taken from /proc/self/cmdline instead,
// so the very file is read, and it is named with `\xNN` for those bytes.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { BIN, cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { rawArgs } from '../../src/cli/raw-argv.js';

const run = promisify(execFile);

describe('import of a file whose name is not UTF-8', () => {
  it('reads the very file (a real process, the name given by the shell as bytes) and names it with \\xNN', async () => {
    const pool = await makePool(4);
    writeFileSync(Buffer.from(`${pool.base}/caf\xe9-L30.txt`, 'latin1'), 'latinfile1:pw1\nlatinfile2:pw2\n');
    // The shell passes the bytes as they are, as `import inbox/*` over such a name does.
    const { stdout, stderr } = await run('sh', ['-c', `exec "$0" "$1" import "$(printf '%s/caf\\351-L30.txt' "$2")" --pool "$3"`, process.execPath, BIN, pool.base, `${pool.base}/pool`]);
    expect(stdout).toMatch(/imported .*caf\\xE9-L30\.txt: 2 added/);
    expect(stderr).toBe('');
    const snapshot = await (await pool.open()).read();
    expect(snapshot.get('latinfile1')?.level).toBe(30); // the level in its name was read as well
  });

  it('only arguments holding U+FFFD are taken from the bytes, and only when the bytes match what Node gave', () => {
    const cmdline = Buffer.concat([Buffer.from('node\0/x/bin/accountpool.js\0import\0'), Buffer.from([0xe9]), Buffer.from('.txt\0--pool\0p\0')]);
    const args = ['import', '\uFFFD.txt', '--pool', 'p'];
    expect(rawArgs(args, () => cmdline)).toEqual(['import', '\uDCE9.txt', '--pool', 'p']);
    expect(rawArgs(['import', '\uFFFD.txt', '--pool', 'q'], () => cmdline)).toEqual(['import', '\uFFFD.txt', '--pool', 'q']); // not these arguments
    expect(rawArgs(args, () => { throw new Error('no /proc'); })).toEqual(args);
    expect(rawArgs(['status'], () => { throw new Error('never read'); })).toEqual(['status']);
  });

  it('an accounts file or export named by bytes that are not UTF-8 is refused, nothing held or written under another name', async () => {
    // As rawArgs hands the name over (`--accountcsv acc$'\xff'.csv`): written as it stood, the
    // file came out as `acc\xEF\xBF\xBD.csv` (U+FFFD) and the scanner read its old one (stop 56).
    const pool = await makePool(4);
    writeFileSync(`${pool.base}/d.txt`, 'rawout1:pw1\nrawout2:pw2\n');
    expect((await cli(['import', `${pool.base}/d.txt`, '--level', '30', ...pool.args])).code).toBe(0);
    const before = readdirSync(pool.base).sort();
    const allocated = await cli(['allocate', '--count', '1', '--instance', 'K', '--no-check', '--accountcsv', `${pool.base}/acc\uDCFF.csv`, ...pool.args]);
    expect(allocated.code).toBe(2);
    expect(allocated.stderr).toContain('acc\\xFF.csv: the name is not UTF-8');
    const exported = await cli(['export', '--format', 'json', '--out', `${pool.base}/out\uDCFF.json`, ...pool.args]);
    expect(exported.code).toBe(2);
    expect(exported.stderr).toContain('out\\xFF.json: the name is not UTF-8');
    expect(readdirSync(pool.base).sort()).toEqual(before);
    expect([...(await (await pool.open()).read()).accounts()].filter((a) => a.holder !== undefined)).toEqual([]);
  });
});
