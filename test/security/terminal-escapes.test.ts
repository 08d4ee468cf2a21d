// Names from outside (a dump's file name, a username typed or read from a dump, an instance that
// holds accounts, a scanner file's path) are printed escaped: an ESC sequence in one must not
// rewrite the operator's screen, a BEL must not ring, a newline must not fake a line of output.
// One function does it for every line a command prints (src/terminal-text.ts, through println).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeControls } from '../../src/terminal-text.js';
import { cli, type CliResult } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

const ESC = '\x1b';
const BEL = '\x07';

/** Nothing but printable text and the newlines that end lines. */
function expectNoRawControls(r: CliResult): void {
  expect(r.stdout + r.stderr).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f\u202e]/);
}

describe('terminal output escapes control characters', () => {
  it('escapeControls shows each unsafe character as a visible escape and leaves the rest', () => {
    expect(escapeControls(`a${ESC}[2Jb${BEL}c\nd\re\tf\x9bg\u202eh ünï 🐉`)).toBe(String.raw`a\x1b[2Jb\x07c\x0ad\x0de\x09f\x9bg\u202eh ünï 🐉`);
  });

  it('escapeControls shows every direction mark, the Arabic letter mark included', () => {
    expect(escapeControls('a\u200eb\u200fc\u061cd\u2066e\u2069f')).toBe(String.raw`a\u200eb\u200fc\u061cd\u2066e\u2069f`);
  });

  it('import: a file name with ESC and BEL, in the report and in an error', async () => {
    const pool = await makePool();
    const name = `evil${ESC}[31m${BEL}.txt`;
    const dir = await testdir({ [name]: 'alice:pw1\n' });
    const ok = await cli(['import', name, '--level', '30', ...pool.args], { cwd: dir });
    expect(ok.stdout).toBe(String.raw`imported evil\x1b[31m\x07.txt: 1 added, 0 updated, 0 rejected` + '\n');
    expectNoRawControls(ok);
    const missing = await cli(['import', `gone${ESC}]0;owned${BEL}.txt`, ...pool.args], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toBe(String.raw`accountpool import: gone\x1b]0;owned\x07.txt: no such file` + '\n');
  });

  it('--json: a name with a C1 control, DEL or a direction override stays one line of JSON that reads back to the name', async () => {
    // JSON.stringify leaves U+0080-U+009F raw; escaped for the terminal as `\x9b` they made the
    // line no JSON at all (`import --json`, `status --json` and the rest go through one printer).
    const pool = await makePool();
    const name = 'csi\x9b2J\x85nel\x7fdel\u202etxt.csv';
    const dir = await testdir({ [name]: 'alice:pw1\n' });
    const r = await cli(['import', name, '--level', '30', '--json', ...pool.args], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expectNoRawControls(r);
    expect(r.stdout).toContain(String.raw`csi\u009b2J\u0085nel\u007fdel\u202etxt.csv`);
    expect((JSON.parse(r.stdout) as { file: string }).file).toBe(name);
  });

  it('mark: unknown usernames are listed escaped; a newline cannot fake a line', async () => {
    const pool = await makePool();
    const r = await cli(['mark', `bo${BEL}b`, `x\nmarked 999 accounts ok`, '--verdict', 'ok', ...pool.args]);
    expect(r.stderr).toBe(String.raw`not in the pool (2): bo\x07b, x\x0amarked 999 accounts ok` + '\n');
    expectNoRawControls(r);
  });

  it('watch: a dropped file named with ESC is reported escaped', async () => {
    const pool = await makePool();
    const inbox = join(pool.base, 'inbox');
    await mkdir(join(inbox, 'level-30'), { recursive: true });
    await writeFile(join(inbox, 'level-30', `drop${ESC}[2J.txt`), 'alice:pw1\n');
    const r = await cli(['watch', '--once', ...pool.args]);
    expect(r.stdout).toBe(String.raw`imported level-30/drop\x1b[2J.txt: 1 added, 0 updated, 0 rejected` + '\n');
    expectNoRawControls(r);
  });

  it('allocate: an accounts file path with ESC is printed escaped (holder names cannot hold one: instanceNameProblem)', async () => {
    const pool = await makePool();
    const dir = await testdir({ 'list.txt': 'alice:pw1\nbob:pw2\n' });
    expect((await cli(['import', 'list.txt', '--level', '30', ...pool.args], { cwd: dir })).code).toBe(0);
    const out = `out${ESC}[8m.csv`;
    const alloc = await cli(['allocate', '--count', '1', '--accountcsv', out, '--instance', 'east', '--no-check', ...pool.args], { cwd: dir });
    expect(alloc.code, alloc.stderr).toBe(0);
    expect(alloc.stdout).toContain(String.raw`out\x1b[8m.csv written`);
    expectNoRawControls(alloc);
  });
});

describe('a password holding a terminal escape', () => {
  it('is rejected by the import with its line, never written raw into an accounts file or export a terminal shows', async () => {
    // A seller's note stuck to the password (`user:pass <ESC>]52;c;...<BEL>`): OSC 52 sets the
    // clipboard of the terminal that shows it (`cat accounts.csv`, `export` to a screen).
    const pool = await makePool(1);
    const dump = join(pool.base, 'notes.txt');
    // dora01 is the clean line beside them (a tab after a password is the line readers' rule:
    // test/formats/store-rules.test.ts).
    await writeFile(dump, `carl01:Passw0rd2 ${ESC}[2J${ESC}]52;c;aGk=${BEL} note\ndora01:Passw0rd3\nerin01:Passw0rd\x9b4\n`);
    const r = await cli(['import', dump, '--level', '30', ...pool.args]);
    expect(r.stdout).toContain('1 added');
    expect(r.stderr).toMatch(/notes\.txt:1: rejected: .*control character/);
    expect(r.stderr).toMatch(/notes\.txt:3: rejected: .*control character/);
    expect(r.stderr).not.toContain('Passw0rd');
    expectNoRawControls(r);
    const out = await cli(['export', '--format', 'monocle', ...pool.args]);
    expect(out.stdout).not.toMatch(/[\x1b\x07\x9b]/);
    // A JSON dump's password holding a direction override, mark or line separator (the list readers
    // drop them from a pasted line): refused by its line, never written raw where U+202E shows
    // the rest of an accounts file's line reversed. Letters beyond ASCII are passwords as ever.
    const json = join(pool.base, 'made.json');
    const objects = [{ username: 'fred01', password: 'Pass\u202eword5' }, { username: 'gina01', password: 'Pass\u200fword6' }, { username: 'hank01', password: 'Pass\u2028word7' }, { username: 'ivy001', password: 'Passwörd8' }];
    await writeFile(json, `[\n${objects.map((a) => JSON.stringify(a)).join(',\n')}\n]\n`);
    const made = await cli(['import', json, '--level', '30', ...pool.args]);
    expect(made.stdout).toContain('1 added');
    for (const [line, code] of [[2, '202E'], [3, '200F'], [4, '2028']]) expect(made.stderr).toMatch(new RegExp(`made\\.json:${line}: rejected: password holds U\\+${code}, a direction mark or line separator`));
    expect((await cli(['export', '--format', 'monocle', ...pool.args])).stdout).not.toMatch(/[\u200f\u2028\u202e]/);
  });
});
