// The `serve` benchmark: a real `accountpool serve` process, 20 concurrent clients each requesting
// one account and releasing it, in a loop, for about 5 seconds. Target (2 cores, 100,000 accounts):
// at least 200 request+release pairs per second, p99 under 100 ms.
//
// Latencies are per HTTP call (a request or a release), measured by the client from sending to the
// whole answer. Run alone: `node --import tsx bench/server.ts [POOL]` (without POOL it builds a
// temporary 100,000-account pool first).
import { spawn } from 'node:child_process';
import { Agent, request as httpRequest } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BIN, residentMB } from './measure.js';

export const CLIENTS = 20;
const DURATION_MS = 5000;

export interface ServerBenchResult {
  pairsPerSecond: number;
  p50ms: number;
  p99ms: number;
  /** Largest resident memory sampled while serving (after the warm-up read), MiB; NaN off Linux. */
  steadyMB: number;
  /** The server's peak resident memory over its whole life (VmHWM), MiB. */
  peakMB: number;
  /** The server's CPU time (user + system) per request+release pair while serving, ms; NaN off Linux. */
  cpuMsPerPair: number;
}

/** CPU seconds a process has used so far, in user and system mode, from /proc (clock ticks of 1/100 s). */
export function cpuTimesOf(pid: number): { userS: number; systemS: number } {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { userS: Number(fields[11]) / 100, systemS: Number(fields[12]) / 100 };
  } catch {
    return { userS: NaN, systemS: NaN };
  }
}

/** CPU seconds (user + system) a process has used so far. */
export function cpuSecondsOf(pid: number): number {
  const { userS, systemS } = cpuTimesOf(pid);
  return userS + systemS;
}

export function call(agent: Agent, port: number, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export interface RunningServer {
  port: number;
  pid: number;
  /** Stops it (SIGTERM: it folds its log and exits) and resolves with what it printed last. */
  stop: () => Promise<string>;
}

/** Starts `serve` on a free loopback port and resolves with the port once it listens. */
export function startServer(poolDir: string): Promise<RunningServer> {
  // BENCH_SERVE_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server itself.
  const nodeArgs = (process.env.BENCH_SERVE_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, BIN, 'serve', '--pool', poolDir, '--port', '0', '--host', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      const match = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(seen);
      if (!match) return;
      child.stdout.off('data', onData);
      // The request log: read and dropped (so the pipe never blocks the server) but for its end.
      let tail = '';
      child.stdout.on('data', (more: Buffer) => (tail = (tail + more.toString()).slice(-1000)));
      resolve({
        port: Number(match[1]),
        pid: child.pid!,
        stop: async () => {
          child.kill('SIGTERM');
          await exited;
          return tail;
        },
      });
    };
    child.stdout.on('data', onData);
    child.on('close', (code) => reject(new Error(`accountpool serve exited (${code}) before listening: ${stderr}`)));
  });
}

/** One client's request of one account and its release: the latency of each call, ms. */
export async function requestAndRelease(agent: Agent, port: number, id: number): Promise<[number, number]> {
  let t = performance.now();
  const got = await call(agent, port, 'GET', `/account/request?system_id=bench-${id}&count=1`);
  const requestMs = performance.now() - t;
  if (got.status !== 200) throw new Error(`request answered ${got.status}: ${got.text}`);
  const account = JSON.parse(got.text) as { username?: string };
  if (!account.username) throw new Error(`the pool ran dry: ${got.text}`);
  t = performance.now();
  const released = await call(agent, port, 'POST', '/account/release', JSON.stringify({ username: account.username, system_id: null, _release_reason: 'bench' }));
  if (released.status !== 200) throw new Error(`release answered ${released.status}: ${released.text}`);
  return [requestMs, performance.now() - t];
}

export async function serverBench(poolDir: string): Promise<ServerBenchResult> {
  const server = await startServer(poolDir);
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  try {
    // Warm up: the first batch reads every shard's circle index (making the missing ones), and
    // /status counts from the standings summaries (making the missing ones): neither is serving.
    const warm = await call(agent, server.port, 'GET', '/status');
    if (warm.status !== 200) throw new Error(`GET /status answered ${warm.status}: ${warm.text}`);
    await requestAndRelease(agent, server.port, 0);
    const latencies: number[] = [];
    let pairs = 0;
    let steadyMB = NaN;
    const sampler = setInterval(() => {
      const now = residentMB(server.pid)?.nowMB ?? NaN;
      if (!(now <= steadyMB)) steadyMB = now;
    }, 100);
    const started = performance.now();
    const cpuBefore = cpuSecondsOf(server.pid);
    const deadline = started + DURATION_MS;
    const client = async (id: number) => {
      while (performance.now() < deadline) {
        latencies.push(...(await requestAndRelease(agent, server.port, id)));
        pairs++;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i))).finally(() => clearInterval(sampler));
    const seconds = (performance.now() - started) / 1000;
    const cpuMsPerPair = ((cpuSecondsOf(server.pid) - cpuBefore) * 1000) / pairs;
    latencies.sort((a, b) => a - b);
    // The kernel updates VmHWM lazily: a sample can exceed it by a page or so.
    const peakMB = Math.max(residentMB(server.pid)?.peakMB ?? NaN, steadyMB);
    return { pairsPerSecond: pairs / seconds, p50ms: percentile(latencies, 50), p99ms: percentile(latencies, 99), steadyMB, peakMB, cpuMsPerPair };
  } finally {
    agent.destroy();
    await server.stop();
  }
}

// Run alone: build a pool when none is given, print the numbers.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  let poolDir = process.argv[2];
  let base: string | undefined;
  if (!poolDir) {
    const size = Number(process.env.BENCH_SIZE ?? 100_000);
    base = mkdtempSync(join(tmpdir(), 'accountpool-bench-'));
    poolDir = join(base, 'pool');
    const { makePool } = await import('./make-pool.js');
    await makePool(poolDir, size);
    console.error(`built a ${size}-account pool in ${poolDir}`);
  }
  const result = await serverBench(poolDir);
  console.log(`serve: ${result.pairsPerSecond.toFixed(0)} request+release pairs/s (${(2 * result.pairsPerSecond).toFixed(0)} requests/s), p50 ${result.p50ms.toFixed(1)} ms, p99 ${result.p99ms.toFixed(1)} ms (${CLIENTS} clients); RSS ${result.steadyMB.toFixed(0)} MB serving, ${result.peakMB.toFixed(0)} MB peak`);
  if (base) rmSync(base, { recursive: true, force: true });
}
