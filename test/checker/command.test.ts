import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdtemp } from 'node:fs/promises';
import path from 'node:path';
import { CommandChecker } from '../../src/checker/command.js';
import type { CheckRequest, CheckResult } from '../../src/checker/types.js';
import { PASSWORD_MARKER, READ_ALL, eventually, isAlive, makeRequests, numbered, programDir, readPids, type ProgramDir } from './programs.js';

let programs: ProgramDir;
beforeAll(async () => {
  programs = await programDir();
});
afterAll(async () => {
  await programs.remove();
});

/** Every test goes through here: one result per request, and no error ever shows a password. */
async function run(command: string[], requests: CheckRequest[], extra: { concurrency?: number; perAccountTimeoutMs?: number; runTimeoutMs?: number; signal?: AbortSignal } = {}) {
  const { concurrency = 1, signal, ...timeouts } = extra;
  const checker = new CommandChecker({ command, stderr: 'ignore', ...timeouts });
  const results = await checker.check(requests, { concurrency, signal });
  expect(results.map((r) => r.username)).toEqual(requests.map((r) => r.username));
  expect(results.every((r) => Number(r.verdict !== undefined) + Number(r.error !== undefined) === 1)).toBe(true);
  // All test passwords share a marker (see passwordOf), so one search covers thousands of accounts.
  expect(JSON.stringify(results)).not.toContain(PASSWORD_MARKER);
  return results;
}

const byName = (results: CheckResult[]) => Object.fromEntries(results.map((r) => [r.username, r]));

describe('command checker', () => {
  it('reads every verdict, the level and the detail, in any order and any case', async () => {
    const good = await programs.program('good', `${READ_ALL}
for (const r of requests.reverse()) say({ username: r.username.toUpperCase(), verdict: r.username.split('-')[0], level: r.level + 1, detail: 'seen ' + r.provider });`);
    const names = ['ok-a', 'temp_banned-b', 'perm_banned-c', 'warned-d', 'blind-e', 'invalid-f'];
    const results = await run(good, makeRequests(names));
    for (const r of results) expect(r).toEqual({ username: r.username, verdict: r.username.split('-')[0], level: 31, detail: 'seen ptc' });
  });

  it('sends exactly the protocol fields on stdin, device included when present', async () => {
    const echo = await programs.program('echo', `${READ_ALL}
for (const r of requests) say({ username: r.username, verdict: 'ok', detail: Object.keys(r).join(',') + '|' + JSON.stringify(r.device ?? null) });`);
    const device = { model: 'iPhone9,3', ios: '10.3.3', id: 'ab'.repeat(16) };
    const [plain, withDevice] = makeRequests(['p1', 'p2']);
    // A caller may hand over whole Account records: their other fields must not leave the process.
    const account = { ...withDevice!, device: { ...device, extra: 1 }, holder: 'scanner-1', state: 'ok' } as CheckRequest;
    const results = await run(echo, [plain!, account]);
    expect(results[0]!.detail).toBe('username,password,provider,level|null');
    expect(results[1]!.detail).toBe(`username,password,provider,level,device|${JSON.stringify(device)}`);
  });

  it('keeps the answers given before a crash; the rest get an error', async () => {
    const crash = await programs.program('crash', `${READ_ALL}
requests.slice(0, 2).forEach((r) => say({ username: r.username, verdict: 'blind' }));
process.exit(3);`);
    const results = await run(crash, numbered(4));
    expect(results.slice(0, 2).map((r) => r.verdict)).toEqual(['blind', 'blind']);
    expect(results.slice(2).map((r) => r.error)).toEqual(['checker exited with code 3', 'checker exited with code 3']);
    const killed = await programs.program('signal', `${READ_ALL} process.kill(process.pid, 'SIGTERM');`);
    expect((await run(killed, numbered(2))).map((r) => r.error)).toEqual(['checker killed by SIGTERM', 'checker killed by SIGTERM']);
  });

  it('kills a hanging checker and its children at the time limit', async () => {
    const pidFile = path.join(programs.dir, 'hang.pids');
    const hang = await programs.program('hang', `
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
process.stdin.resume();
const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
console.log(JSON.stringify({ username: 'user0', verdict: 'warned' }));
writeFileSync(process.argv[2], process.pid + ' ' + child.pid);
setInterval(() => {}, 1000);`, pidFile);
    const started = Date.now();
    const pending = run(hang, numbered(3), { perAccountTimeoutMs: 700 });
    const [results] = await Promise.all([pending, eventually(async () => (await readPids(pidFile)).length === 2, 5000)]);
    const elapsed = Date.now() - started;
    expect(results.map((r) => r.verdict ?? r.error)).toEqual(['warned', 'checker timed out', 'checker timed out']);
    expect(elapsed).toBeGreaterThanOrEqual(3 * 700 - 50);
    expect(elapsed).toBeLessThan(3 * 700 + 3000);
    const pids = await readPids(pidFile);
    expect(pids).toHaveLength(2);
    expect(await eventually(() => pids.every((pid) => !isAlive(pid)))).toBe(true);
  });

  it('caps the time limit at runTimeoutMs', async () => {
    const hang = await programs.program('sleepy', `process.stdin.resume(); setInterval(() => {}, 1000);`);
    const started = Date.now();
    const results = await run(hang, numbered(5), { perAccountTimeoutMs: 60_000, runTimeoutMs: 500 });
    expect(Date.now() - started).toBeLessThan(4000);
    expect(results.every((r) => r.error === 'checker timed out')).toBe(true);
  });

  it('stops the program when the check is aborted', async () => {
    const hang = await programs.program('abortable', `process.stdin.resume(); setInterval(() => {}, 1000);`);
    const controller = new AbortController();
    const pending = run(hang, numbered(2), { signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    expect((await pending).map((r) => r.error)).toEqual(['check aborted', 'check aborted']);
    controller.abort();
    expect((await run(hang, numbered(1), { signal: controller.signal }))[0]!.error).toBe('check aborted');
  });

  it('turns garbage, unknown accounts and bad verdicts into errors, never verdicts', async () => {
    const garbage = await programs.program('garbage', `${READ_ALL}
process.stdout.write('hello\\n[1,2]\\n{"verdict":"ok"}\\n\\n{not json\\n' + 'x'.repeat(3_000_000) + '\\n');
say({ username: 'stranger', verdict: 'ok' });
say({ username: 'user1', verdict: 'banned-ish' });
say({ username: 'user1', verdict: 'ok' });
say({ username: 'user2', verdict: 'ok', level: 'high', detail: 42 });
process.stdout.write(JSON.stringify({ username: 'user3', verdict: 'temp_banned' }));`);
    const results = byName(await run(garbage, numbered(5)));
    expect(results.user0!.error).toBe('checker gave no answer (5 unreadable line(s), 1 line(s) for unknown accounts)');
    expect(results.user1!.error).toBe('checker gave an unknown verdict');
    expect(results.user2).toEqual({ username: 'user2', verdict: 'ok' });
    expect(results.user3).toEqual({ username: 'user3', verdict: 'temp_banned' });
    expect(results.user4!.error).toMatch(/^checker gave no answer/);
  });

  it('gives an error to the accounts a program leaves out', async () => {
    const omit = await programs.program('omit', `${READ_ALL}
requests.forEach((r, i) => { if (i % 2 === 0) say({ username: r.username, verdict: 'ok' }); });`);
    const results = await run(omit, numbered(6));
    expect(results.map((r) => r.verdict ?? r.error)).toEqual(['ok', 'checker gave no answer', 'ok', 'checker gave no answer', 'ok', 'checker gave no answer']);
  });

  it('survives a program that exits without reading stdin (EPIPE)', async () => {
    const quitter = await programs.program('quitter', `process.exit(0);`);
    const failing = await programs.program('quitter1', `process.exit(1);`);
    // Far more than a pipe buffer holds, so the write really fails.
    const many = numbered(5000).map((r) => ({ ...r, password: r.password + 'p'.repeat(100) }));
    expect((await run(quitter, many)).every((r) => r.error === 'checker gave no answer')).toBe(true);
    expect((await run(failing, many, { concurrency: 3 })).every((r) => r.error === 'checker exited with code 1')).toBe(true);
  });

  it('answers errors when the program cannot be started', async () => {
    const results = await run([path.join(programs.dir, 'does-not-exist')], numbered(3), { concurrency: 2 });
    expect(results.every((r) => /^cannot start checker ".*does-not-exist": ENOENT$/.test(r.error ?? ''))).toBe(true);
    expect((await run([programs.dir], numbered(1)))[0]!.error).toMatch(/^cannot start checker .*: EACCES \(not executable: its mode, or a file system mounted noexec\)$/);
  });

  it('runs one process per chunk, all at once', async () => {
    const barrier = await mkdtemp(path.join(programs.dir, 'barrier-'));
    // Each process waits until all have started: run one after another, they would each see only themselves.
    const pids = await programs.program('pids', `${READ_ALL}
import { readdirSync, writeFileSync } from 'node:fs';
writeFileSync(process.argv[2] + '/' + process.pid, '');
const deadline = Date.now() + 5000;
while (readdirSync(process.argv[2]).length < Number(process.argv[3]) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
const together = readdirSync(process.argv[2]).length;
for (const r of requests) say({ username: r.username, verdict: 'ok', detail: process.pid + '/' + requests.length + '/' + together });`, barrier, '4');
    const results = await run(pids, numbered(10), { concurrency: 4 });
    const chunks = new Map(results.map((r) => [r.detail!.split('/')[0], r.detail!.split('/').slice(1).map(Number)]));
    expect([...chunks.values()].map(([size]) => size).sort()).toEqual([2, 2, 3, 3]);
    expect([...chunks.values()].every(([, together]) => together === 4)).toBe(true);
    // Neighbouring accounts share a chunk, so the pool's order is kept inside each process.
    expect(results.filter((r, i) => i > 0 && r.detail !== results[i - 1]!.detail)).toHaveLength(3);
    const echoPid = await programs.program('pid', `${READ_ALL} for (const r of requests) say({ username: r.username, verdict: 'ok', detail: String(process.pid) });`);
    expect(new Set((await run(echoPid, numbered(3), { concurrency: 8 })).map((r) => r.detail)).size).toBe(3);
  });

  it('never shows a password in an error, even when the program echoes it back', async () => {
    const echo = await programs.program('leaky', `${READ_ALL}
for (const r of requests) say({ username: r.username, verdict: r.password });
console.error('stderr ' + requests.map((r) => r.password).join(' '));
process.exit(2);`);
    const results = await run(echo, numbered(3));
    expect(results.every((r) => r.error === 'checker gave an unknown verdict')).toBe(true);
  });

  it('does not pass the server token (ACCOUNTPOOL_TOKEN) on to the checker program', async () => {
    const env = await programs.program('env', `${READ_ALL}
for (const r of requests) say({ username: r.username, verdict: 'ok', detail: [process.env.ACCOUNTPOOL_TOKEN ?? 'no token', process.env.ACCOUNTPOOL_DIR ?? 'no dir'].join('|') });`);
    vi.stubEnv('ACCOUNTPOOL_TOKEN', 'tok-secret');
    vi.stubEnv('ACCOUNTPOOL_DIR', '/srv/pool');
    try {
      expect((await run(env, numbered(1)))[0]!.detail).toBe('no token|/srv/pool');
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('answers nothing for nothing, without starting a process', async () => {
    expect(await run([path.join(programs.dir, 'does-not-exist')], [])).toEqual([]);
  });

  it('refuses an empty command or a bad timeout', () => {
    expect(() => new CommandChecker({ command: [] })).toThrow(/non-empty/);
    expect(() => new CommandChecker({ command: ['x'], perAccountTimeoutMs: 0 })).toThrow(/perAccountTimeoutMs/);
  });
});
