// A peer commits a .gitattributes that changes the bytes git checks the pool's files out as, not
// how it merges them: `working-tree-encoding=UTF-16LE` (git re-encodes the blob on checkout,
// gitattributes(5) "working-tree-encoding"), `eol=crlf` (CRLF line ends in the work tree, "eol"),
// `ident` ($Id$ expanded, "ident"). Taken by a sync, git rewrote every shard on this host into bytes
// the store never wrote. sync now asks git (`git check-attr --cached`, the same process that asks for
// `merge`) and refuses before anything is taken. Two real clones and a bare remote.
import { appendFile, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { gitIn, sharedPool, useGitEnv } from './helpers.js';

beforeAll(useGitEnv);

const plants: { name: string; file: string; write: (peer: string) => Promise<void>; attribute: string }[] = [
  { name: 'shards/*.yaml working-tree-encoding=UTF-16LE', file: '.gitattributes', attribute: 'working-tree-encoding', write: (peer) => appendFile(join(peer, '.gitattributes'), 'shards/*.yaml working-tree-encoding=UTF-16LE\n') },
  { name: 'shards/.gitattributes with * text eol=crlf', file: 'shards/.gitattributes', attribute: 'eol', write: (peer) => writeFile(join(peer, 'shards', '.gitattributes'), '* text eol=crlf\n') },
  {
    name: 'history/.gitattributes with *.txt ident',
    file: 'history/.gitattributes',
    attribute: 'ident',
    write: async (peer) => {
      await mkdir(join(peer, 'history'), { recursive: true });
      await writeFile(join(peer, 'history', '.gitattributes'), '*.txt ident\n');
    },
  },
];

describe('a clone whose git converts line ends', () => {
  // Git for Windows sets core.autocrlf=true; so does a ~/.gitconfig copied from there. git then
  // checked every shard, the record and the history out with CR LF: every command refused the record
  // and advised `verify --fix --accept-loss`. init --git's `-text` lines keep them as committed.
  it('core.autocrlf=true: the pool files are checked out as committed; those an older clone has with CR LF are read, and init --git writes them back, git seeing nothing to commit', async () => {
    const { base, remote } = await sharedPool(1, 30);
    const clone = join(base, 'windows-like');
    await gitIn(base, 'clone', '-q', '-c', 'core.autocrlf=true', remote, clone);
    const files = ['shards/.manifest', ...(await readdir(join(clone, 'shards'))).filter((f) => f.endsWith('.yaml')).map((f) => `shards/${f}`)];
    const text = async (file: string) => readFile(join(clone, file), 'utf8');
    for (const file of files) expect(await text(file), file).not.toContain('\r');
    // A clone made before init --git wrote `-text`: its files with CR LF. They read (the record was
    // refused, every command advising --accept-loss), and init --git, run on every clone, writes them with LF.
    for (const file of files) await writeFile(join(clone, file), (await text(file)).replaceAll('\n', '\r\n'));
    const status = await cli(['status', '--pool', clone]);
    expect(status.code, status.stderr).toBe(0);
    const setUp = await cli(['init', '--git', '--pool', clone]);
    expect(setUp.stdout).toContain(`wrote ${files.length} pool files back with LF line ends`);
    for (const file of files) expect(await text(file), file).not.toContain('\r');
    expect(await gitIn(clone, 'status', '--porcelain', '--', 'shards')).toBe('');
  }, 120_000);

  // A locked git-crypt clone's shard is git-crypt's ciphertext: `\0GITCRYPT\0`, a nonce, random
  // bytes (AGWA/git-crypt commands.cpp). A CR LF among them is no line end git wrote: git converts
  // text only, and a NUL makes a file binary to it (git's convert.c, convert_is_binary). init --git
  // took that CR out: the shard could never be decrypted again, and `git-crypt unlock` refused the
  // clone as "not clean" (seen on CI as a flaky locked-git-crypt test: ~1.5 % of ciphertext kilobytes).
  it('a shard binary to git (git-crypt ciphertext in a locked clone) holding CR LF: init --git leaves every byte', async () => {
    const { base, remote } = await sharedPool(1, 30);
    const clone = join(base, 'locked-like');
    await gitIn(base, 'clone', '-q', remote, clone);
    const shard = join(clone, 'shards', (await readdir(join(clone, 'shards'))).find((f) => f.endsWith('.yaml'))!);
    const ciphertext = Buffer.concat([Buffer.from('\0GITCRYPT\0'), Buffer.from([7, 0, 13, 10, 200, 13, 10, 13, 10, 0, 99, 13, 10, 1])]);
    await writeFile(shard, ciphertext);
    await gitIn(clone, 'commit', '-q', '-am', 'the shard as a locked clone has it');
    const setUp = await cli(['init', '--git', '--pool', clone]);
    expect(setUp.stdout).not.toContain('back with LF line ends');
    expect(await readFile(shard)).toEqual(ciphertext);
    expect(await gitIn(clone, 'status', '--porcelain', '--', 'shards')).toBe('');
  }, 120_000);
});

describe('a peer commits .gitattributes that changes how the pool is checked out', () => {
  for (const { name, file, write, attribute } of plants) {
    it(`${name}: sync refuses before taking it, naming the file and the attribute; the pool here works on`, async () => {
      const { base, clones } = await sharedPool(2, 30);
      const [here, peer] = clones as [string, string];
      await write(peer);
      await gitIn(peer, 'add', file);
      await gitIn(peer, 'commit', '-q', '-m', 'tidy attributes');
      await gitIn(peer, 'push', '-q', 'origin', 'HEAD:main');
      const head = (await gitIn(here, 'rev-parse', 'HEAD')).trim();

      const refused = await cli(['sync', '--pool', here]);
      expect(refused.code, refused.stdout + refused.stderr).toBe(1);
      expect(refused.stderr).toContain(attribute);
      expect(refused.stderr).toContain(file === '.gitattributes' ? 'shards/' : file.split('/')[0]!);
      expect(refused.stderr).toContain('Nothing was synced or changed here');
      expect((await gitIn(here, 'rev-parse', 'HEAD')).trim()).toBe(head);
      const allocated = await cli(['allocate', '--count', '3', '--no-check', '--instance', 'h', '--accountcsv', join(base, 'h.csv'), '--pool', here]);
      expect(allocated.code, allocated.stderr).toBe(0);
      expect((await cli(['verify', '--pool', here])).code).toBe(0);
    }, 120_000);
  }
});
