// The inbox with hostile file names: newlines, `..`, leading dashes, very long and unicode names.
// Every file ends in imported/ or failed/ inside the inbox, nothing is written outside it, and
// no file is lost.
import { describe, expect, it } from 'vitest';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli } from '../helpers/cli.js';
import { waitFor } from '../helpers/testdir.js';
import { makeInboxPool, poolSize, startWatching, waitForLines } from '../watch/helpers.js';
import { makePool } from '../helpers/pool.js';

async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe('inbox file names', () => {
  it('files with hostile names are imported or set aside inside the inbox, never elsewhere', async () => {
    const pool = await makePool(4);
    const inbox = join(pool.base, 'inbox');
    await pool.configure({ default_level: '30' });
    const names = ['dots..txt', '\u2215slash-lookalike.txt', '-rf.txt', 'new\nline.txt', 'tab\there.txt', 'space name .txt', 'ünï©ødé 🐉.txt', `${'x'.repeat(240)}.txt`, '..', 'back\\slash.txt', "quote'\"s.txt"];
    const kept = names.filter((n) => n !== '..'); // `..` is the parent folder, not a file name
    let i = 0;
    for (const name of kept) await writeFile(join(inbox, name), `hostile${i}:pw${i++}\n`);
    await mkdir(join(inbox, 'level-31', 'deep'), { recursive: true });
    await writeFile(join(inbox, 'level-31', 'deep', 'deep..user.txt'), 'deepuser:pw1\n');
    // Names starting with a dot are hidden files: left alone where they are, never deleted.
    await writeFile(join(inbox, '..hidden.txt'), 'hiddenuser:pw1\n');
    const outsideBefore = (await readdir(pool.base)).sort();
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.code, result.stderr).toBe(0);
    expect((await readdir(pool.base)).sort()).toEqual(outsideBefore);
    const after = await tree(inbox);
    const importedFiles = after.filter((p) => p.startsWith('imported/') && /\.txt$/.test(p));
    expect(importedFiles).toHaveLength(kept.length + 1);
    expect(after.filter((p) => !p.startsWith('imported') && !p.startsWith('failed') && !/^level-31(\/deep)?$/.test(p))).toEqual(['..hidden.txt']);
    const snapshot = await (await pool.open()).read();
    expect(snapshot.size).toBe(kept.length + 1);
    expect(snapshot.get('deepuser')?.level).toBe(31);
  });

  it('names up to the 255-byte limit are set aside and imported too: their failed/ names, notes and suffixes are shortened to fit', async () => {
    const pool = await makePool(4);
    const inbox = join(pool.base, 'inbox');
    const longest = (c: string) => `${c.repeat(251)}.txt`; // 255 bytes: NAME.error.txt cannot exist
    await writeFile(join(inbox, longest('x')), 'not a dump at all\n'); // fails: no level known, no accounts
    await mkdir(join(inbox, 'level-30'));
    await writeFile(join(inbox, 'level-30', longest('y')), 'longname1:pw1\n');
    await writeFile(join(inbox, `${'é'.repeat(125)}.txt`), 'x\n'); // 254 bytes of 2-byte characters: cut on a character
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.stderr).not.toMatch(/ENAMETOOLONG|stays in the inbox/);
    expect(result.code).toBe(1); // two files failed
    const after = await tree(inbox);
    expect(after.filter((p) => !p.startsWith('imported') && !p.startsWith('failed') && p !== 'level-30')).toEqual([]);
    const failed = after.filter((p) => p.startsWith('failed/'));
    expect(failed).toHaveLength(4); // two dumps, each with its note
    for (const p of failed) expect(Buffer.byteLength(p.slice('failed/'.length))).toBeLessThanOrEqual(255);
    expect(after.filter((p) => /^imported\/[^/]+\/y+/.test(p))).toHaveLength(1);
    expect((await (await pool.open()).read()).get('longname1')?.level).toBe(30);
  });

  it('names that are not UTF-8 (Windows and DOS code pages) are imported and filed by their own bytes, shown as \\xNN', async () => {
    const pool = await makePool(4);
    const inbox = join(pool.base, 'inbox');
    await pool.configure({ default_level: '30' });
    const at = (...parts: (string | Buffer)[]) => Buffer.concat([Buffer.from(`${inbox}/`), ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : p))]);
    // `заказ.txt` in windows-1251, as an archive unpacked from Windows names it; `café.txt` in
    // latin-1 and `Ä.txt` in CP437 (a zip without its UTF-8 flag unpacked as-is, unzip's way).
    const zakaz = Buffer.from([0xe7, 0xe0, 0xea, 0xe0, 0xe7]);
    writeFileSync(at(zakaz, '.txt'), 'cyrillicuser:pw1\n');
    writeFileSync(at('caf', Buffer.from([0xe9]), '.txt'), 'latinuser:pw2\n');
    // A folder named in a code page, inside a level folder: the level still comes from its folder.
    mkdirSync(at('level-31'));
    mkdirSync(at('level-31/', Buffer.from([0x8e]), '-folder'));
    writeFileSync(at('level-31/', Buffer.from([0x8e]), '-folder/', Buffer.from([0x8e]), '.txt'), 'dosuser:pw3\n');
    // The same name in UTF-8 is another file: both are imported, neither taken for the other.
    writeFileSync(at('café.txt'), 'utf8user:pw4\n');
    // One that cannot be imported is set aside under its own name, with its note beside it.
    writeFileSync(at('bad', zakaz, '.txt'), 'no accounts in here at all\n');
    const result = await cli(['watch', '--once', ...pool.args]);
    expect(result.code, result.stderr).toBe(1); // the one set aside
    expect(result.stdout).toContain('imported \\xE7\\xE0\\xEA\\xE0\\xE7.txt:');
    expect(result.stdout).toContain('imported caf\\xE9.txt:');
    expect(result.stdout).toContain('imported level-31/\\x8E-folder/\\x8E.txt:');
    expect(result.stderr).toMatch(/^failed bad\\xE7\\xE0\\xEA\\xE0\\xE7\.txt: .* \(moved to failed\/bad\\xE7\\xE0\\xEA\\xE0\\xE7\.txt\)$/m);
    expect(result.stdout + result.stderr).not.toContain('\uFFFD');
    const snapshot = await (await pool.open()).read();
    expect(['cyrillicuser', 'latinuser', 'dosuser', 'utf8user'].map((u) => snapshot.get(u)?.level)).toEqual([30, 30, 31, 30]);
    // Filed by their real bytes: nothing left in the inbox but the folders.
    expect(readdirSync(inbox).sort()).toEqual(['failed', 'imported', 'level-31']);
    expect(readdirSync(at('level-31/', Buffer.from([0x8e]), '-folder'))).toEqual([]);
    const day = readdirSync(join(inbox, 'imported'))[0]!;
    const filed = readdirSync(join(inbox, 'imported', day), { encoding: 'buffer' }).map((b) => b.toString('hex')).sort();
    expect(filed).toEqual([Buffer.concat([zakaz, Buffer.from('.txt')]), Buffer.from('caf\xe9.txt', 'latin1'), Buffer.from('café.txt'), Buffer.from('\x8e.txt', 'latin1')].map((b) => b.toString('hex')).sort());
    const failed = readdirSync(join(inbox, 'failed'), { encoding: 'buffer' }).map((b) => b.toString('hex')).sort();
    expect(failed).toEqual([Buffer.concat([Buffer.from('bad'), zakaz, Buffer.from('.txt')]), Buffer.concat([Buffer.from('bad'), zakaz, Buffer.from('.txt.error.txt')])].map((b) => b.toString('hex')).sort());
    const note = readFileSync(Buffer.concat([Buffer.from(`${inbox}/failed/bad`), zakaz, Buffer.from('.txt.error.txt')]), 'utf8');
    expect(note).toContain('could not import bad\\xE7\\xE0\\xEA\\xE0\\xE7.txt');
  });

  it("while watching, a name that is not UTF-8 dropped in is imported: chokidar gives it with U+FFFD, the folder's own listing by its bytes", async () => {
    const pool = await makeInboxPool(4);
    await pool.configure({ default_level: '30' });
    mkdirSync(join(pool.inbox, 'level-32')); // before the start: no look into a new folder either
    // No periodic look at the whole inbox: what chokidar reports is all there is to go by.
    const w = await startWatching(pool, { rescanMs: 0, settleMs: 100 });
    try {
      const latin1 = Buffer.concat([Buffer.from(`${pool.inbox}/level-32/r`), Buffer.from([0xe9]), Buffer.from('sum')]);
      writeFileSync(join(pool.base, 'staging'), 'watcheduser:pw1\n');
      renameSync(join(pool.base, 'staging'), latin1);
      await waitFor(async () => (await poolSize(pool)) === 1, { what: 'the file imported' });
      await waitForLines(w.stdout, 1);
      expect(w.stdout()).toContain('imported level-32/r\\xE9sum:');
      expect((await (await pool.open()).read()).get('watcheduser')?.level).toBe(32);
      await waitFor(() => readdirSync(join(pool.inbox, 'level-32')).length === 0, { what: 'the file filed' });
    } finally {
      await w.stop();
    }
  });
});

