// Whoever can push to the pool's remote writes the accountpool.yaml every host pulls. A checker or
// alert command, or an inbox, that arrives that way must not be used on a host whose operator
// never accepted it: allocate stops before anything is written, an alert is recorded but its
// command not run, watch files nothing away (and the dashboard lists nothing there), each naming the command that accepts it; after
// `accountpool trust --accept` they are used. The record of
// what a host accepted lives in .git/, which no pull carries.
import { describe, expect, it } from 'vitest';
import { access, chmod, chown, mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { testdir } from '../helpers/testdir.js';
import { Pool } from '../../src/store/pool.js';
import { gatherDashboard } from '../../src/dashboard/data.js';
import { renderPage } from '../../src/dashboard/page.js';
import { gitIn, sharedPool, useGitEnv } from '../git/helpers.js';
import { openFilledPool } from '../helpers/pool.js';
import { defaultConfigText } from '../../src/config.js';
import { parseConfig } from '../../src/config-file.js';
import { keepUnacceptedAtDefault } from '../../src/git/trusted-settings.js';

useGitEnv();

const exists = (path: string) => access(path).then(() => true, () => false);

describe('commands that came through git', () => {
  it('run on a host only once its own operator accepted them', async () => {
    const { base, clones } = await sharedPool(2, 30);
    const [pusher, victim] = clones as [string, string];
    const ran = join(base, 'ran');
    // A checker that answers ok for every account and leaves a mark; an alert command that leaves one.
    const checker = join(base, 'checker.mjs');
    await writeFile(
      checker,
      `import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
appendFileSync(${JSON.stringify(ran)}, 'checker\\n');
for await (const line of createInterface({ input: process.stdin })) console.log(JSON.stringify({ username: JSON.parse(line).username, verdict: 'ok' }));
`,
    );
    // A folder of the host's own that is no inbox: the watcher would import and file away its files.
    const elsewhere = join(base, 'operators-files');
    await mkdir(join(elsewhere, 'level-30'), { recursive: true });
    await writeFile(join(elsewhere, 'level-30', 'notes.txt'), 'misty:Starmie-77\n');
    const alert = [process.execPath, '-e', `require('fs').appendFileSync(${JSON.stringify(ran)}, 'alert\\n')`];
    const configFile = join(pusher, 'accountpool.yaml');
    const text = (await readFile(configFile, 'utf8'))
      .replace(/^checker: .*$/m, 'checker: command')
      .replace(/^checker_command: .*$/m, `checker_command: ${JSON.stringify([process.execPath, checker])}`)
      .replace(/^alerts: .*$/m, `alerts: [{levels: 30, available_below: 1000, command: ${JSON.stringify(alert)}}]`)
      .replace(/^inbox: .*$/m, `inbox: ${JSON.stringify(elsewhere)}`);
    await writeFile(configFile, text);
    await gitIn(pusher, 'commit', '--quiet', '-am', 'a harmless change');
    expect((await cli(['sync', '--pool', pusher])).code).toBe(0);
    expect((await cli(['sync', '--pool', victim])).code).toBe(0);
    expect(await readFile(join(victim, 'accountpool.yaml'), 'utf8')).toBe(text);

    const csv = join(base, 'victim.csv');
    const refused = await cli(['allocate', '--count', '2', '--accountcsv', csv, '--instance', 'v', '--pool', victim]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`checker_command ${JSON.stringify([process.execPath, checker])} is not accepted on this host`);
    expect(refused.stderr).toContain(`accountpool trust --accept --pool ${victim}`);
    expect(await exists(csv)).toBe(false);
    expect(await exists(ran)).toBe(false);

    // Without the checker, allocate goes on; the alert crosses, is recorded, and its command is not run.
    const unchecked = await cli(['allocate', '--count', '2', '--accountcsv', csv, '--instance', 'v', '--no-check', '--pool', victim]);
    expect(unchecked.code, unchecked.stderr).toBe(0);
    expect(unchecked.stderr).toContain('alert: level 30 available 28 (below 1000): not run: the alert command');
    expect(await exists(ran)).toBe(false);

    // The watcher's inbox from the config: refused, nothing there moved or made.
    const watched = await cli(['watch', '--once', '--pool', victim]);
    expect(watched.code).toBe(1);
    expect(watched.stderr).toContain(`the inbox ${JSON.stringify(elsewhere)} is not accepted on this host`);
    expect(await readdir(elsewhere, { recursive: true })).toEqual(['level-30', 'level-30/notes.txt']);
    // Nor does the dashboard list the folder's files.
    const board = await gatherDashboard(await Pool.open(victim));
    expect(board.inbox).toMatchObject({ notAccepted: true, waitingTotal: 0, failedTotal: 0 });
    expect(renderPage(board)).toContain('not accepted on this host');
    expect(renderPage(board)).not.toContain('notes.txt');

    const listed = await cli(['trust', '--pool', victim]);
    expect(listed.code).toBe(1);
    expect(listed.stdout).toContain(`command ${JSON.stringify([process.execPath, checker])}: NOT accepted`);
    expect(listed.stdout).toContain(`command ${JSON.stringify(alert)}: NOT accepted`);
    expect(listed.stdout).toContain(`inbox ${JSON.stringify(elsewhere)}: NOT accepted`);

    const accepted = await cli(['trust', '--accept', '--pool', victim]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain('accepted 3 settings on this host');
    expect((await gatherDashboard(await Pool.open(victim))).inbox.waitingTotal).toBe(1);
    const imported = await cli(['watch', '--once', '--pool', victim]);
    expect(imported.code, imported.stderr).toBe(0);
    expect((await cli(['show', 'misty', '--pool', victim])).code).toBe(0);
    const record = join(victim, '.git', 'accountpool-trusted-commands');
    expect((await stat(record)).mode & 0o777).toBe(0o600);
    expect(await gitIn(victim, 'status', '--porcelain')).toBe('');

    const checked = await cli(['allocate', '--count', '2', '--accountcsv', csv, '--instance', 'v', '--pool', victim]);
    expect(checked.code, checked.stderr).toBe(0);
    const marks = await readFile(ran, 'utf8');
    expect(marks).toMatch(/^(checker\n)+$/); // one mark per checker process, no alert

    // A later change to the command is a new command: refused again until accepted.
    await writeFile(configFile, text.replace(/^checker_command: \[(.*)\]$/m, `checker_command: [$1, --evil]`));
    await gitIn(pusher, 'commit', '--quiet', '-am', 'another harmless change');
    expect((await cli(['sync', '--pool', pusher])).code).toBe(0);
    expect((await cli(['sync', '--pool', victim])).code).toBe(0);
    expect((await cli(['allocate', '--count', '2', '--accountcsv', csv, '--instance', 'v', '--pool', victim])).code).toBe(1);
    expect(await readFile(ran, 'utf8')).toBe(marks);
  });

  // A peer's `lease: 1m` ended every allocation's holds a minute later on every host that synced,
  // and the next allocate handed the accounts to another instance: a setting weaker than init's
  // is used only once this host accepted it; until then init's, and every command says so.
  it('a setting weakened by a peer is not used until accepted: init\'s value is, and every command says so', async () => {
    // As a sync leaves it (a sync takes accountpool.yaml as any file: the test above): the settings in the clone's work tree.
    const { base, clones } = await sharedPool(1, 30);
    const [victim] = clones as [string];
    const configFile = join(victim, 'accountpool.yaml');
    await writeFile(
      configFile,
      (await readFile(configFile, 'utf8'))
        .replace(/^lease: .*$/m, 'lease: 1m')
        .replace(/^lock_wait: .*$/m, 'lock_wait: 36500d')
        .replace(/^history: .*$/m, 'history: false')
        .replace(/^checker: .*$/m, 'checker: simulated')
        .replace(/^release_timeout: .*$/m, 'release_timeout: 2m')
        .replace(/^max_dump_size: .*$/m, 'max_dump_size: 9007199254740991')
        .replace(/^concurrency: .*$/m, 'concurrency: 1000'),
    );
    await gitIn(victim, 'commit', '--quiet', '-am', 'a harmless change');

    const start = Date.now();
    const at = (minutes: number) => ({ clock: () => new Date(start + minutes * 60_000) });
    const allocate = (instance: string, minutes: number) => cli(['allocate', '--count', '12', '--accountcsv', join(base, `${instance}.csv`), '--instance', instance, '--pool', victim], at(minutes));
    const first = await allocate('east', 0);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).toContain('accountpool: warning: lease: 1m in accountpool.yaml is not accepted on this host, so lease: 12h is used');
    expect(first.stderr).toContain(`accountpool trust --accept --pool ${victim}`);
    for (const said of ['lock_wait: 36500d', 'history: false', 'checker: simulated', 'release_timeout: 2m', 'max_dump_size: 9007199254740991', 'concurrency: 1000']) expect(first.stderr).toContain(`${said} in accountpool.yaml is not accepted`);
    // Two minutes on, east's accounts are still east's: another instance is given 12 others, none retired by made-up verdicts.
    const second = await allocate('west', 2);
    expect(second.code, second.stderr).toBe(0);
    const holders = new Map([...(await (await Pool.open(victim)).read()).accounts()].map((a) => [a.username, a.holder]));
    expect([...holders.values()].filter((h) => h === 'east')).toHaveLength(12);
    expect([...holders.values()].filter((h) => h === 'west')).toHaveLength(12);

    const listed = await cli(['trust', '--pool', victim]);
    expect(listed.code).toBe(1);
    expect(listed.stdout).toContain('setting lease: 1m (weaker than init\'s: allocations hold their accounts for less time');
    expect(listed.stdout).toContain('setting history: false (weaker than init\'s: no history is recorded');
    const accepted = await cli(['trust', '--accept', '--pool', victim]);
    expect(accepted.code, accepted.stderr).toBe(0);
    expect(accepted.stderr).toContain('accepted 7 settings on this host');
    // Accepted, the operator's choice holds: no warning, a hold of a minute.
    const third = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', join(base, 'north.csv'), '--instance', 'north', '--pool', victim], at(4));
    expect(third.code, third.stderr).toBe(0);
    expect(third.stderr).not.toContain('not accepted');
    const pool = await Pool.open(victim);
    const held = [...(await pool.read()).accounts()].find((a) => a.holder === 'north');
    expect(Date.parse(held!.held_until!) - Date.parse(held!.allocated_at!)).toBe(60_000);

    // Weakened the other way, after this host accepted the short ones: a century's lease, holds
    // serve never ends, check errors that retire. A stopped scanner's accounts stayed out for good.
    await writeFile(
      configFile,
      (await readFile(configFile, 'utf8'))
        .replace(/^lease: .*$/m, 'lease: 36500d')
        .replace(/^release_timeout: .*$/m, 'release_timeout: 0')
        .replace(/^ {2}check_error: .*$/m, '  check_error: retired')
        // Banned and invalid accounts back in the hand-outs, levels guessed, and the accepted
        // simulated checker's rates raised: none was accepted with `checker: simulated`.
        .replace(/^ {2}perm_banned: .*$/m, '  perm_banned: 1s')
        .replace(/^ {2}invalid: .*$/m, '  invalid: 1m')
        .replace(/^default_level: .*$/m, 'default_level: 30')
        .replace(/^ {2}rates: .*$/m, '  rates: {perm_banned: 0.9}'),
    );
    await gitIn(victim, 'commit', '--quiet', '-am', 'hold them longer');
    const fourth = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', join(base, 'south.csv'), '--instance', 'south', '--pool', victim], at(6));
    expect(fourth.code, fourth.stderr).toBe(0);
    expect(fourth.stderr).toContain('lease: 36500d in accountpool.yaml is not accepted on this host, so lease: 12h is used: with it allocations hold their accounts that long');
    expect(fourth.stderr).toContain("release_timeout: 0 in accountpool.yaml is not accepted on this host, so release_timeout: 2h is used: with it serve's holds never end without an update");
    expect(fourth.stderr).toContain('cooldowns.check_error: retired in accountpool.yaml is not accepted on this host, so cooldowns.check_error: 1h is used');
    expect(fourth.stderr).toContain('cooldowns.perm_banned: 1s in accountpool.yaml is not accepted on this host, so cooldowns.perm_banned: retired is used');
    expect(fourth.stderr).toContain('cooldowns.invalid: 1m in accountpool.yaml is not accepted on this host, so cooldowns.invalid: retired is used');
    expect(fourth.stderr).toContain('default_level: 30 in accountpool.yaml is not accepted on this host, so default_level: null is used');
    expect(fourth.stderr).toContain('simulated.rates: {perm_banned: 0.9} in accountpool.yaml is not accepted on this host, so simulated.rates: {blind: 0.05');
    const south = [...(await (await Pool.open(victim)).read()).accounts()].find((a) => a.holder === 'south');
    expect(Date.parse(south!.held_until!) - Date.parse(south!.allocated_at!)).toBe(12 * 3_600_000);
  });

  it('a checker timeout shorter than init\'s, under an accepted checker command, waits for its own accepting', async () => {
    // Every check that times out rests its accounts (cooldowns.check_error): `checker_timeout: 1ms`
    // from a peer would rest every account allocate checks, the command itself long accepted.
    const configText = (checker: string) =>
      defaultConfigText().replace(/^checker: .*$/m, `checker: ${checker}`).replace(/^checker_command: .*$/m, 'checker_command: [python3, /opt/check.py]').replace(/^checker_timeout: .*$/m, 'checker_timeout: 1ms');
    const config = parseConfig('accountpool.yaml', configText('command'));
    const said = await keepUnacceptedAtDefault(config, async () => false, 'accept it');
    expect(said).toEqual([expect.stringContaining('checker_timeout: 1ms in accountpool.yaml is not accepted on this host, so checker_timeout: 30s is used')]);
    expect(config.checker_timeout).toBe(30_000);
    const accepted = parseConfig('accountpool.yaml', configText('command'));
    expect(await keepUnacceptedAtDefault(accepted, async (reach) => reach.setting === 'checker_timeout', 'accept it')).toEqual([]);
    expect(accepted.checker_timeout).toBe(1);
    // Without a checker command no check runs: nothing to ask.
    expect(await keepUnacceptedAtDefault(parseConfig('accountpool.yaml', configText('none')), async () => false, 'accept it')).toEqual([]);
  });

  it('a pool without git runs its commands as configured, and trust says so', async () => {
    const base = join(await testdir(), 'plain');
    expect((await cli(['init', '--pool', base, '--shards', '1'])).code).toBe(0);
    await writeFile(join(base, 'accountpool.yaml'), (await readFile(join(base, 'accountpool.yaml'), 'utf8')).replace(/^checker_command: .*$/m, 'checker_command: [/bin/true]'));
    const listed = await cli(['trust', '--pool', base]);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toBe('command ["/bin/true"]: used as configured (the pool is not shared through git)\n');
    expect((await cli(['trust', '--accept', '--pool', base])).stderr).toContain('is not shared through git');
  });
});

// A pool without git uses its accountpool.yaml as it is: whoever could write it chose the programs
// the pool runs (src/settings-writers.ts). Until stop 50 a pool folder of mode 0777 let another
// local user rename the file away and put their own there: the operator's (root's) next allocate
// ran their checker command (seen by hand as user nobody: `id` written by it said uid=0).
describe('settings another local user could have written', () => {
  const NOBODY = 65534;
  it.skipIf(process.geteuid?.() !== 0)("a pool folder every user may write to, or a config another user owns: every command refuses, naming it, and runs nothing", async () => {
    const pool = await openFilledPool(2, 6);
    const dir = pool.layout.dir;
    const ran = join(dir, '..', `ran-${process.pid}`);
    const csv = join(dir, '..', `out-${process.pid}.csv`);
    const config = pool.layout.config;
    const own = await readFile(config, 'utf8');
    // What the other user puts in place of the operator's file: a checker that leaves a mark.
    const theirs = own.replace(/^checker: .*$/m, 'checker: command').replace(/^checker_command: .*$/m, `checker_command: ${JSON.stringify([process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(ran)}, 'ran')`])}`);
    await chmod(dir, 0o777);
    await rename(config, join(dir, 'old.yaml'));
    await writeFile(config, theirs, { mode: 0o644 });
    await chown(config, NOBODY, NOBODY);

    const open = await cli(['allocate', '--count', '1', '--accountcsv', csv, '--pool', dir]);
    expect(open.code).toBe(1);
    expect(open.stderr).toContain(`${dir} may be written by every user of this machine (mode 0777)`);
    expect(open.stderr).toContain(`chmod 700 ${dir}`);
    expect((await cli(['status', '--pool', dir])).code).toBe(1);
    await chmod(dir, 0o700);
    const owned = await cli(['allocate', '--count', '1', '--accountcsv', csv, '--pool', dir]);
    expect(owned.code).toBe(1);
    expect(owned.stderr).toContain(`${config} belongs to user ${NOBODY}, not to you (user 0) nor root`);
    expect(await exists(ran)).toBe(false);
    expect(await exists(csv)).toBe(false);
    // Its own again (under a group-writable mode a team of operators may choose), the pool works.
    await rename(join(dir, 'old.yaml'), config);
    await chmod(dir, 0o770);
    const again = await cli(['allocate', '--count', '1', '--accountcsv', csv, '--pool', dir]);
    expect(again.code, again.stderr).toBe(0);
    expect(await exists(ran)).toBe(false);
  });
});
