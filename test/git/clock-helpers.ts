// Hosts whose clocks disagree, for the clock tests: the CLI as a real process under libfaketime
// (Debian package `faketime`), or in this process at the true clock, and `serve` in this process
// at an injected clock.
import { expect } from 'vitest';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, runCli, type CliResult } from '../helpers/cli.js';
import { afterEveryTest } from '../helpers/cleanup.js';
import { Pool } from '../../src/store/pool.js';
import { createAccountServer, type AccountServer } from '../../src/server/server.js';
import { seenViewFor } from '../../src/git/clock-sightings.js';
import { GIT_ENV, openCommitting, useGitEnv } from './helpers.js';

/** libfaketime, found by the loader in its own library folder ($LIB), as the faketime command preloads it. */
const FAKETIME_LIB = '/usr/$LIB/faketime/libfaketime.so.1';
export const HOUR = 3_600_000;

function skewed(offset: string): NodeJS.ProcessEnv {
  return { ...GIT_ENV, LD_PRELOAD: FAKETIME_LIB, FAKETIME: offset };
}

function output(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => execFile(file, args, { env: { ...process.env, ...env } }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout))));
}

/** For beforeAll: git's environment, and proof that libfaketime moves both Node's clock and git's commit dates. */
export async function checkFaketime(): Promise<void> {
  useGitEnv();
  const node = Number(await output(process.execPath, ['-e', 'process.stdout.write(String(Date.now()))'], skewed('+13h')));
  expect(node - Date.now(), "libfaketime must move Node's clock: apt-get install faketime").toBeGreaterThan(12.9 * HOUR);
  // `git var GIT_COMMITTER_IDENT` ends with the date git would put on a commit now
  const ident = await output('git', ['var', 'GIT_COMMITTER_IDENT'], skewed('-13h'));
  expect(Number(ident.trim().split(' ').at(-2)) * 1000 - Date.now(), "libfaketime must move git's commit dates").toBeLessThan(-12.9 * HOUR);
}

export type Host = (...args: string[]) => Promise<CliResult>;

/** Runs accountpool on `dir`: in this process with the true clock, or as a process whose clock is `offset` off (`+13h`, `-2m`). */
export function on(dir: string, offset?: string): Host {
  return (...args) => (offset ? runCli([...args, '--pool', dir], { env: skewed(offset) }) : cli([...args, '--pool', dir]));
}

export function allocateOn(host: Host, instance: string, count: number, file: string): Promise<CliResult> {
  return host('allocate', '--sync', '--count', String(count), '--no-check', '--allow-partial', '--accountcsv', file, '--instance', instance);
}

/** The clone's name in its commits and in clocks/ (made on its first commit). */
export const nameOf = async (dir: string) => (await readFile(join(dir, '.git', 'accountpool-host'), 'utf8')).trim();
export const shared = (x: readonly string[], y: readonly string[]) => x.filter((u) => y.includes(u));

const servers: AccountServer[] = [];
afterEveryTest(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** `serve` on the clone `dir` in this process at the clock `clock`, as the serve command sets it up on a clone. */
export async function serving(dir: string, clock: () => Date, refuseHandOut?: () => Promise<string | undefined>) {
  const pool = await openCommitting(dir, { clock });
  pool.seenView = seenViewFor(dir, pool.config);
  const server = createAccountServer({ pool, refuseHandOut });
  servers.push(server);
  const { port } = await server.listen(0, '127.0.0.1');
  const call = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`http://127.0.0.1:${port}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, json: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, error: decodeURIComponent(response.headers.get('x-accountpool-error') ?? '') };
  };
  return { get: (path: string) => call('GET', path), post: (path: string, body: unknown) => call('POST', path, body) };
}
