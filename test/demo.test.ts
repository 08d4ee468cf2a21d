// `npm run demo` end to end, redirected by DEMO_DIR to a temp folder: it must succeed, write both
// scanners' accounts files in their formats and counts, and never print a password.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT } from './helpers/cli.js';
import { testdir } from './helpers/testdir.js';
import { readDump, toDumpInput } from '../src/formats/index.js';

const EXAMPLES = join(ROOT, 'examples');

function runDemo(dir: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, DEMO_DIR: dir };
  delete env.ACCOUNTPOOL_DIR;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', 'scripts/demo.ts'], { cwd: ROOT, env }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') reject(error);
      else resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

/** Every account in the bundled sample dumps, read by the importer's own readers. */
async function sampleAccounts(): Promise<{ username: string; password: string; file: string }[]> {
  const all = [];
  for (const file of await readdir(EXAMPLES)) {
    if (file === 'README.md') continue;
    const result = await readDump(toDumpInput(file, await readFile(join(EXAMPLES, file))));
    all.push(...result.accounts.map((a) => ({ username: a.username, password: a.password, file })));
  }
  return all;
}

describe('npm run demo', () => {
  it('imports the samples, allocates for Monocle and RocketMap, prints status and masked files', async () => {
    const dir = await testdir();
    const r = await runDemo(dir);
    expect(r.code, r.stdout + r.stderr).toBe(0);

    const samples = await sampleAccounts();
    expect(samples).toHaveLength(48);
    const source = new Map(samples.map((a) => [a.username, a]));

    const monocle = parse(await readFile(join(dir, 'monocle', 'accounts.csv'), 'utf8')) as string[][];
    expect(monocle[0]).toEqual(['username', 'password', 'provider', 'model', 'iOS', 'id']);
    expect(monocle).toHaveLength(21);
    for (const [username, password, provider, model, ios, id] of monocle.slice(1)) {
      const sample = source.get(username!);
      expect(sample?.file).not.toBe('plain-list.txt'); // level 30 only
      expect(password).toBe(sample?.password);
      expect(['ptc', 'google']).toContain(provider);
      expect(model && ios && id).toBeTruthy(); // every account gets a device
    }

    const rocketmap = parse(await readFile(join(dir, 'rocketmap', 'accounts.csv'), 'utf8'), { relax_column_count: true }) as string[][];
    expect(rocketmap).toHaveLength(15);
    for (const row of rocketmap) {
      expect(row).toHaveLength(3);
      expect(row[0]).toBe('ptc');
      expect(source.get(row[1]!)?.file).toBe('plain-list.txt'); // below level 30 only
      expect(row[2]).toBe(source.get(row[1]!)?.password);
    }
    const handedOut = new Set([...monocle.slice(1).map((row) => row[0]), ...rocketmap.map((row) => row[1])]);
    expect(handedOut.size).toBe(35); // no account is in both files

    // What the user sees: the import, both summaries, the status table, masked heads; no password.
    expect(r.stdout).toMatch(/seller-order-30218\.eml/);
    expect(r.stdout).toMatch(/allocated 20 accounts to monocle-demo/);
    expect(r.stdout).toMatch(/allocated 15 accounts to rocketmap-demo/);
    expect(r.stdout).toMatch(/^\s*level\s+total\s+available\s+held\s+cooling\s+retired$/m);
    expect(r.stdout).toMatch(/^\s*username,password,provider,model,iOS,id$/m);
    expect(r.stdout).toMatch(/^\s*ptc,\w+,\*{8}$/m);
    for (const { password } of samples) expect(r.stdout + r.stderr).not.toContain(password);
  });

  it('refuses to wipe a folder it did not make', async () => {
    const dir = await testdir({ 'precious.txt': 'keep me' });
    const r = await runDemo(dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('was not made by the demo');
    expect(await readFile(join(dir, 'precious.txt'), 'utf8')).toBe('keep me');
  });
});
