// The scanner's accounts file given in a sticky folder every user may write to (`/tmp`), where
// another local user placed a symbolic link by that name first. accountpool follows an accounts
// file's link itself (accounts-file-links.test.ts), which passed the kernel's own guard
// (fs.protected_symlinks: no link of another user in such a folder is followed): the operator's
// `allocate` overwrote any file it could write with the accounts (root's file here), or wrote them
// into the other user's setgid folder, readable by them with `--file-mode 0640`. Now such a link,
// anywhere on the way, is refused naming it, nothing written; the operator's own link, and one the
// folder's owner made, are followed as the kernel follows them. The first refusal is a real
// process, the rest run through cli() (the same main without a node start); the other user's
// link needs root to make (chown -h), so the test is skipped elsewhere. Outside sticky folders,
// another user's link (not root's) is refused too: the rename replaced the file it chose.
import { chmod, chown, lchown, lstat, mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, runCli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';

const NOBODY = 65534;

describe.skipIf(process.geteuid?.() !== 0)("an accounts file that is another user's link in a sticky folder", () => {
  it('is refused naming the link, the file it leads to untouched and no account handed out; the own link and the folder owner\'s are followed', async () => {
    const p = await makePool(1);
    const dump = join(p.base, 'd.csv');
    await writeFile(dump, 'ptc,ash01,pw-a\nptc,bob01,pw-b\nptc,cat01,pw-c\nptc,dan01,pw-d\n');
    expect((await cli(['import', dump, '--level', '30', ...p.args])).code).toBe(0);
    const tmp = join(p.base, 'tmp');
    await mkdir(tmp);
    await chmod(tmp, 0o1777);
    const precious = join(p.base, 'precious.txt');
    await writeFile(precious, 'the operator\'s own file\n');
    const planted = join(tmp, 'accounts.csv');
    await symlink(precious, planted);
    await lchown(planted, NOBODY, NOBODY);

    const direct = await runCli(['allocate', '--count', '2', '--no-check', '--accountcsv', planted, '--instance', 'east', ...p.args]);
    expect(direct.code).toBe(1);
    expect(direct.stderr).toContain(`leads through ${planted}, a symbolic link user ${NOBODY} made in ${tmp}`);
    // Through a link of the operator's own to the planted one: judged on the way too.
    const mine = join(p.base, 'accounts.csv');
    await symlink(planted, mine);
    const chained = await cli(['allocate', '--count', '2', '--no-check', '--accountcsv', mine, '--instance', 'east', ...p.args]);
    expect(chained.code).toBe(1);
    expect(chained.stderr).toContain(`leads through ${planted}`);
    const exported = await cli(['export', '--out', planted, ...p.args]);
    expect(exported.code).toBe(1);
    expect(exported.stderr).toContain(`leads through ${planted}`);
    expect(await readFile(precious, 'utf8')).toBe('the operator\'s own file\n');
    const status = await cli(['status', ...p.args]);
    expect(status.stdout).toMatch(/held: none/);

    // The operator's own link in the same folder, and one the folder's owner made in theirs.
    const own = join(tmp, 'own.csv');
    await symlink(precious, own);
    const ok = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', own, '--instance', 'east', ...p.args]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(await readFile(precious, 'utf8')).toContain('ash01');
    const theirs = join(p.base, 'theirs');
    await mkdir(theirs);
    await chmod(theirs, 0o1777);
    await chown(theirs, NOBODY, NOBODY);
    const scannerFile = join(p.base, 'scanner.csv');
    await writeFile(scannerFile, 'username,password\n', { mode: 0o600 });
    const ownersLink = join(theirs, 'accounts.csv');
    await symlink(scannerFile, ownersLink);
    await lchown(ownersLink, NOBODY, NOBODY);
    const owners = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', ownersLink, '--instance', 'west', ...p.args]);
    expect(owners.code, owners.stderr).toBe(0);
    expect((await lstat(ownersLink)).isSymbolicLink()).toBe(true);
    expect(await readFile(scannerFile, 'utf8')).toMatch(/bob01|cat01|dan01/);

    // Outside a sticky folder: the other user's link in a folder of their own (0755, an operator's
    // --accountcsv pointed there). The kernel follows it, but allocate's rename replaced the file it
    // chose (until stop 50, seen by hand: root's file became the accounts). Refused, naming it.
    const attackers = join(p.base, 'attackers');
    await mkdir(attackers, { mode: 0o755 });
    await chown(attackers, NOBODY, NOBODY);
    const chosen = join(attackers, 'accounts.csv');
    await symlink(precious, chosen);
    await lchown(chosen, NOBODY, NOBODY);
    const before = await readFile(precious, 'utf8');
    const chosenRun = await cli(['allocate', '--count', '1', '--no-check', '--accountcsv', chosen, '--instance', 'north', ...p.args]);
    expect(chosenRun.code).toBe(1);
    expect(chosenRun.stderr).toContain(`leads through ${chosen}, a symbolic link user ${NOBODY} made (not you, user 0, nor root): not followed`);
    expect(await readFile(precious, 'utf8')).toBe(before);
  });
});
