// bzip2 and xz (issue 14): `stock.tar.bz2`, `.tbz2`, `stock.tar.xz`, `.txz`, a lone `accounts.txt.bz2`
// or `.xz`, as `tar -cj`/`-cJ`, bzip2, pbzip2 and xz make them: imported as the files they hold,
// each member read as the same file dropped loose, in one transaction; a bomb stopped at
// max_dump_size as it unpacks, a stream cut short or damaged refused whole, nothing imported.
// Made by the real tools as the test runs: GNU tar 1.34, bzip2 1.0.8 and xz-utils (Debian's
// tar, bzip2, xz-utils). What the readers do follows cscott/seek-bzip `lib/index.js` (block and
// stream CRCs, `multistream`) and httptoolkit/xz-decompress `dist/package/xz-decompress.js` (xz-embedded's
// XZ_OK/XZ_STREAM_END, any other result an error).
import { spawnSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';
import { accountLines as lines, makeArchive, poolAccounts as accounts, refusalPoolPerTest, refusedWhole } from '../helpers/archives.js';
import { readDump } from '../../src/formats/index.js';
import { input } from '../formats/helpers.js';

function run(cwd: string, command: string, args: string[], input?: Buffer): Buffer {
  const out = spawnSync(command, args, { cwd, input, maxBuffer: 1 << 30 });
  expect(out.status, out.stderr?.toString()).toBe(0);
  return out.stdout;
}

// One pool for a test's refusals (test/helpers/archives.ts).
const refusalPool = refusalPoolPerTest();

async function refused(file: string, message: RegExp, pool?: TestPool): Promise<void> {
  await refusedWhole(pool ?? (await refusalPool()), file, message);
}

describe('import of a bzip2 or xz', () => {
  it('tar -cj and -cJ (.tar.bz2, .tbz2, .tar.xz, .txz): each member as the loose file, its folders\' levels; --dry-run names each member', async () => {
    const dir = await testdir({
      'stock/level30/ptc.txt': lines('cmpthirty', 3),
      'stock/fresh_L2.txt': lines('cmptwo', 2),
    });
    const want = [...[1, 2, 3].map((i) => `cmpthirty${i} Pw#cmpthirty-${i} 30 ptc`), ...[1, 2].map((i) => `cmptwo${i} Pw#cmptwo-${i} 2 ptc`)].sort();
    for (const [name, flag, kind] of [
      ['stock.tar.bz2', '-cj', 'tar.bz2'],
      ['stock.tbz2', '-cj', 'tar.bz2'],
      ['stock.tar.xz', '-cJ', 'tar.xz'],
      ['stock.txz', '-cJ', 'tar.xz'],
    ] as const) {
      const pool = await makePool(2);
      const file = join(pool.base, name);
      run(dir, 'tar', [flag, '-f', file, 'stock']);
      const dry = await cli(['import', file, '--dry-run', '--level', '5', ...pool.args]);
      expect(dry.stderr).toBe('');
      expect(dry.code).toBe(0);
      expect(dry.stdout).toContain(`would import ${file}: 5 added, 0 updated, 0 rejected\n  a ${kind} archive: 2 files read, imported together or not at all\n`);
      expect(dry.stdout).toContain(`would import ${file}!stock/level30/ptc.txt: 3 added, 0 updated, 0 rejected\n  read as plain: detected`);
      expect(dry.stdout).not.toContain('Pw#');
      expect(await accounts(pool)).toEqual([]);
      expect((await cli(['import', file, '--level', '5', ...pool.args])).code).toBe(0);
      expect(await accounts(pool)).toEqual(want);
    }
  }, 60_000);

  it('a lone file bzip2ed or xzed is read under its name less the suffix (its level in it); two streams end to end (pbzip2, `cat a.xz b.xz`) both read', async () => {
    const dir = await testdir({ 'lvl27.txt': lines('lonecmp', 2), 'more.txt': lines('morecmp', 2) });
    for (const [tool, suffix] of [
      ['bzip2', 'bz2'],
      ['xz', 'xz'],
    ] as const) {
      const pool = await makePool(2);
      const file = join(pool.base, `lvl27.txt.${suffix}`);
      await writeFile(file, run(dir, tool, ['-c', 'lvl27.txt']));
      const out = await cli(['import', file, ...pool.args]);
      expect(out.stderr).toBe('');
      expect(out.stdout).toContain(`imported ${file}: 2 added`);
      expect(await accounts(pool)).toEqual([1, 2].map((i) => `lonecmp${i} Pw#lonecmp-${i} 27 ptc`));
    }
    for (const [tool, suffix] of [
      ['bzip2', 'bz2'],
      ['xz', 'xz'],
    ] as const) {
      const pool = await makePool(2);
      const two = join(pool.base, `two.txt.${suffix}`);
      await writeFile(two, Buffer.concat([run(dir, tool, ['-c', 'lvl27.txt']), run(dir, tool, ['-c', 'more.txt'])]));
      expect((await cli(['import', two, '--level', '4', ...pool.args])).code).toBe(0);
      expect(await accounts(pool)).toEqual([...[1, 2].map((i) => `lonecmp${i} Pw#lonecmp-${i} 4 ptc`), ...[1, 2].map((i) => `morecmp${i} Pw#morecmp-${i} 4 ptc`)].sort());
    }
  }, 60_000);
});

describe('a bzip2 or xz attached to a mail', () => {
  it('`stock.tar.xz` and `stock.tbz2` attached: their members read as attached files, their folders\' levels applied; one cut short is a rejection naming it', async () => {
    const dir = await testdir({ 'stock/level28/a.txt': 'mailcmp01:Mc#pass1\nmailcmp02:Mc#pass2\n' });
    const mail = (name: string, type: string, bytes: Buffer) =>
      `From: seller@shop.example\nTo: buyer@mail.example\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="ZZ"\n\n--ZZ\nContent-Type: text/plain; charset=utf-8\n\nYour accounts are attached.\n--ZZ\nContent-Type: ${type}; name="${name}"\nContent-Disposition: attachment; filename="${name}"\nContent-Transfer-Encoding: base64\n\n${bytes.toString('base64').replace(/.{76}/g, '$&\n')}\n--ZZ--\n`;
    for (const [name, type, flag] of [
      ['stock.tar.xz', 'application/x-xz', '-cJ'],
      ['stock.tbz2', 'application/x-bzip2', '-cj'],
    ] as const) {
      const packed = run(dir, 'tar', [flag, 'stock']);
      const r = await readDump(input('order.eml', mail(name, type, packed)));
      expect(r.accounts.map((a) => [a.username, a.password, a.level])).toEqual([
        ['mailcmp01', 'Mc#pass1', 28],
        ['mailcmp02', 'Mc#pass2', 28],
      ]);
      const cut = await readDump(input('order.eml', mail(name, type, packed.subarray(0, packed.length - 20)))).catch((error: Error) => error);
      const said = cut instanceof Error ? cut.message : cut.rejected.map((j) => j.reason).join('\n');
      expect(said).toMatch(new RegExp(`attachment "${name.replace(/\./g, '\\.')}": ${name.replace(/\./g, '\\.')}: is a (bzip2|xz) file that cannot be unpacked`));
    }
  });
});

describe('an attachment named as a compressed tar whose bytes are none', () => {
  it('`.tbz2`, `.tbz`, `.txz`, sent as application/octet-stream, damaged from its first byte: a rejection naming it, never passed over in silence', async () => {
    for (const name of ['stock.tbz2', 'stock.tbz', 'stock.txz', 'stock.TBZ2']) {
      const text = `From: seller@shop.example\nTo: buyer@mail.example\nSubject: Your order\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="ZZ"\n\n--ZZ\nContent-Type: text/plain; charset=utf-8\n\nYour accounts are attached.\n--ZZ\nContent-Type: application/octet-stream; name="${name}"\nContent-Disposition: attachment; filename="${name}"\nContent-Transfer-Encoding: base64\n\n${Buffer.alloc(600, 0x5a).toString('base64')}\n--ZZ--\n`;
      const r = await readDump(input('order.eml', text)).catch((error: Error) => error);
      const said = r instanceof Error ? r.message : r.rejected.map((j) => j.reason).join('\n');
      expect(said, name).toContain(`attachment "${name}": ${name}: named a ${name.split('.').pop()!.toLowerCase()} archive, but it is none`);
    }
  });
});

describe('a bzip2 or xz refused whole, nothing imported from it', () => {
  it('cut short, damaged, an archive inside', async () => {
    const dir = await testdir({ 'a.txt': lines('cutacc', 3000) });
    const whole = run(dir, 'tar', ['-c', 'a.txt']);
    for (const [tool, suffix] of [
      ['bzip2', 'bz2'],
      ['xz', 'xz'],
    ] as const) {
      const packed = run(dir, tool, ['-c'], whole);
      await writeFile(join(dir, `cut.tar.${suffix}`), packed.subarray(0, packed.length >> 1));
      await refused(join(dir, `cut.tar.${suffix}`), new RegExp(`cut\\.tar\\.${suffix}: is a ${tool} file that cannot be unpacked \\(.*\\): corrupt or cut short`));
      const flipped = Buffer.from(packed);
      flipped[packed.length >> 1]! ^= 0x10;
      await writeFile(join(dir, `flipped.tar.${suffix}`), flipped);
      await refused(join(dir, `flipped.tar.${suffix}`), new RegExp(`flipped\\.tar\\.${suffix}: is a ${tool} file that cannot be unpacked \\(.*\\): corrupt or cut short`));
      const zip = await readFile(makeArchive('zip', join(dir, 'inner.zip'), [{ name: 'a.txt', text: lines('inacc', 2) }]));
      await writeFile(join(dir, `inner.zip.${suffix}`), run(dir, tool, ['-c'], zip));
      await refused(join(dir, `inner.zip.${suffix}`), new RegExp(`inner\\.zip\\.${suffix}: inner\\.zip is itself an archive \\(zip\\)`));
    }
  }, 60_000);

  it('an xz with SHA-256 checks (xz -C sha256): one block, several, a stream after another of CRC64; a check that fails is refused as corrupt', async () => {
    // The checks are taken out of the stream and checked with node's crypto (archive-xz-sha256.ts,
    // from tukaani-project/xz's doc/xz-file-format.txt). Each file made by xz itself.
    const dir = await testdir({ 'a.txt': lines('xzsha', 3000) });
    const text = await readFile(join(dir, 'a.txt'));
    const one = run(dir, 'xz', ['-T1', '-C', 'sha256', '-c', 'a.txt']);
    const blocks = run(dir, 'xz', ['-T1', '-C', 'sha256', '--block-size=16KiB', '-c', 'a.txt']);
    const crc = run(dir, 'xz', ['-T1', '-c'], text.subarray(0, 1000));
    const sha = run(dir, 'xz', ['-T1', '-C', 'sha256', '-c'], text.subarray(1000));
    const zeros = Buffer.alloc(8);
    for (const [name, bytes] of [
      ['one.txt.xz', one],
      ['blocks.txt.xz', blocks],
      ['streams.txt.xz', Buffer.concat([crc, zeros, sha])],
    ] as const) {
      const pool = await makePool(2);
      await writeFile(join(pool.base, name), bytes);
      const out = await cli(['import', join(pool.base, name), '--level', '5', ...pool.args]);
      expect(out.stderr, name).toBe('');
      expect(out.code).toBe(0);
      expect((await accounts(pool)).length).toBe(3000);
    }
    // The last block's check, the 32 bytes before the index (its size from the footer's backward size).
    const flipped = Buffer.from(blocks);
    const index = flipped.length - 12 - (flipped.readUInt32LE(flipped.length - 8) + 1) * 4;
    flipped[index - 5]! ^= 0x01;
    await writeFile(join(dir, 'flipped.txt.xz'), flipped);
    await refused(join(dir, 'flipped.txt.xz'), /flipped\.txt\.xz: is a xz file that cannot be unpacked \(SHA-256 check failed\): corrupt or cut short/);
  }, 60_000);

  it("an xz xz-decompress cannot unpack (a dictionary over 64 MiB, a BCJ or delta filter) is unpacked by 7-Zip: every account exact, a .tar.xz too", async () => {
    // xz-decompress builds xz-embedded with a 64 MiB dictionary at most (its src/native/xz-decompress.c:
    // xz_dec_init(XZ_DYNALLOC, 1 << 26)), CRC32 and CRC64 checks and no BCJ or delta filter: its
    // XZ_MEMLIMIT_ERROR and XZ_OPTIONS_ERROR (linux/xz.h's enum xz_ret). 7-Zip's C/XzDec.c runs the
    // BCJ filters and delta (archive-xz-7zip.ts). Each file made by xz itself.
    const dir = await testdir({});
    const pool = await makePool(2);
    const want: string[] = [];
    for (const [tag, args] of [
      ['xzdict', ['--lzma2=dict=128MiB,mf=hc3']],
      ['xzxeightysix', ['--x86', '--lzma2']],
      ['xzarm', ['--arm64', '--lzma2']],
      ['xzdelta', ['--delta=dist=2', '--lzma2']],
    ] as const) {
      // The level in the name xz's file leaves once `.xz` is taken off (`xzdict_L27.txt`).
      const file = join(dir, `${tag}_L27.txt.xz`);
      await writeFile(file, run(dir, 'xz', ['-T1', ...args, '-c'], Buffer.from(lines(tag, 300))));
      const done = await cli(['import', file, '--level', '5', ...pool.args]);
      expect(done.stderr).toBe('');
      expect(done.stdout).toContain('300 added');
      want.push(...Array.from({ length: 300 }, (_, i) => `${tag}${i + 1} Pw#${tag}-${i + 1} 27 ptc`));
    }
    await writeFile(join(dir, 'stock_L28.txt'), lines('xztar', 300));
    await writeFile(join(dir, 'stock.tar.xz'), run(dir, 'xz', ['-T1', '--x86', '--lzma2', '-c'], run(dir, 'tar', ['-cf', '-', 'stock_L28.txt'])));
    const tarred = await cli(['import', join(dir, 'stock.tar.xz'), '--dry-run', '--level', '5', ...pool.args]);
    expect(tarred.stdout).toContain('a tar.xz archive: 1 file read');
    expect((await cli(['import', join(dir, 'stock.tar.xz'), '--level', '5', ...pool.args])).code).toBe(0);
    want.push(...Array.from({ length: 300 }, (_, i) => `xztar${i + 1} Pw#xztar-${i + 1} 28 ptc`));
    expect(await accounts(pool)).toEqual(want.sort());
  }, 60_000);

  it('an xz with a BCJ filter: a bomb stops at max_dump_size as 7-Zip unpacks it; damaged, refused naming the file, the filter and 7-Zip\'s words', async () => {
    const dir = await testdir({});
    const bomb = join(dir, 'bomb.txt.xz');
    await writeFile(bomb, run(dir, 'xz', ['-T1', '--x86', '--lzma2', '-c'], Buffer.alloc(4 * 1024 * 1024)));
    const pool = await makePool(2);
    await pool.configure({ max_dump_size: '20000' });
    await refused(bomb, /bomb\.txt\.xz: unpacks to over 20000 bytes, over max_dump_size/, pool);
    await refused(bomb, /bomb\.txt\.xz: bomb\.txt unpacks \d+ bytes from \d+ \(over 200 times: an archive bomb's ratio\)/);
    const damaged = run(dir, 'xz', ['-T1', '--x86', '--lzma2', '-c'], Buffer.from(lines('xzdamage', 300)));
    for (let i = 40; i < 80; i++) damaged[i] = damaged[i]! ^ 0x5a;
    await writeFile(join(dir, 'damaged.txt.xz'), damaged);
    await refused(join(dir, 'damaged.txt.xz'), /damaged\.txt\.xz: is an xz file made with options this reader lacks \(a BCJ or delta filter, xz --x86 or --delta, or another filter\), which 7-Zip could not unpack either \(.+\)/);
  }, 60_000);

  it('a bomb stops at max_dump_size as it unpacks, or at its ratio', async () => {
    const dir = await testdir({});
    const zeros = Buffer.alloc(4 * 1024 * 1024);
    for (const [tool, suffix] of [
      ['bzip2', 'bz2'],
      ['xz', 'xz'],
    ] as const) {
      const bomb = join(dir, `bomb.txt.${suffix}`);
      await writeFile(bomb, run(dir, tool, ['-c'], zeros));
      const pool = await makePool(2);
      await pool.configure({ max_dump_size: '20000' });
      await refused(bomb, new RegExp(`bomb\\.txt\\.${suffix}: unpacks to over 20000 bytes, over max_dump_size`), pool);
      await refused(bomb, new RegExp(`bomb\\.txt\\.${suffix}: bomb\\.txt unpacks \\d+ bytes from \\d+ \\(over 200 times: an archive bomb's ratio\\)`));
    }
  }, 120_000);
});
