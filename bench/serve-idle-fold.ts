// `serve`'s memory while it folds its change log between requests (issue 16: every command at
// most 300 MB, serve included): a server started on a pool mid fold cycle, answering one request,
// then left idle. An idle server folds the log into the shards a step at a time
// (server/group-commit.ts, FOLD_AFTER_IDLE_MS), and each step reads the log again: at 1,000,000
// accounts with a 45 MB log this, not the requests, was serve's peak at stop 46 (349-356 MB, where
// 256 pipelined requests reached 316 MB). Its resident size is sampled every 100 ms until both
// log segments are gone, or the deadline.
//
// Run alone: `node --import tsx bench/serve-idle-fold.ts POOL` (a pool it may change: copy one).
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Agent } from 'node:http';
import { residentMB } from './measure.js';
import { call, cpuSecondsOf, startServer } from './server.js';

const SAMPLE_MS = 100;
const DEADLINE_MS = 15 * 60 * 1000;

export interface IdleFoldResult {
  /** Both segments of the change log when the server started, MB. */
  logMB: number;
  /** Resident size once listening, before any request, MiB. */
  listeningMB: number;
  /** Largest resident size sampled, and the high-water mark (VmHWM), MiB. */
  sampledMB: number;
  peakMB: number;
  /** Resident size once the log is gone, MiB. */
  afterMB: number;
  /** From the request's answer until both segments were gone, s; NaN when the deadline came first. */
  foldS: number;
  /** The server's CPU over it, s. */
  cpuS: number;
}

const sizeOf = (path: string) => statSync(path, { throwIfNoEntry: false })?.size;

export async function serveIdleFoldBench(poolDir: string): Promise<IdleFoldResult> {
  const log = join(poolDir, '.changes.log');
  const segments = [log, join(poolDir, '.changes.old.log')];
  const logged = () => segments.reduce((n, path) => n + (sizeOf(path) ?? 0), 0);
  const logMB = logged() / 1e6;
  const server = await startServer(poolDir);
  try {
    const listeningMB = residentMB(server.pid)?.nowMB ?? NaN;
    const cpuBefore = cpuSecondsOf(server.pid);
    const agent = new Agent({ keepAlive: false });
    const got = await call(agent, server.port, 'GET', '/account/request?system_id=bench-idle&count=1');
    agent.destroy();
    if (got.status !== 200) throw new Error(`request answered ${got.status}: ${got.text}`);
    const started = performance.now();
    let sampledMB = NaN;
    let foldS = NaN;
    while (performance.now() - started < DEADLINE_MS) {
      const now = residentMB(server.pid)?.nowMB ?? NaN;
      if (!(now <= sampledMB)) sampledMB = now;
      if (segments.every((path) => sizeOf(path) === undefined)) {
        foldS = (performance.now() - started) / 1000;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
    const cpuS = cpuSecondsOf(server.pid) - cpuBefore;
    const afterMB = residentMB(server.pid)?.nowMB ?? NaN;
    // The kernel updates VmHWM lazily: a sample can exceed it by a page or so.
    const peakMB = Math.max(residentMB(server.pid)?.peakMB ?? NaN, sampledMB);
    return { logMB, listeningMB, sampledMB, peakMB, afterMB, foldS, cpuS };
  } finally {
    await server.stop();
  }
}

/** The bench table's row text. */
export function describeIdleFold(r: IdleFoldResult): string {
  const took = Number.isNaN(r.foldS) ? `not folded within ${DEADLINE_MS / 60000} min` : `folded in ${r.foldS.toFixed(0)} s`;
  return `log ${r.logMB.toFixed(1)} MB at the start; RSS ${r.listeningMB.toFixed(0)} MB listening, ${r.peakMB.toFixed(0)} MB peak, ${r.afterMB.toFixed(0)} MB after; ${took}, server CPU ${r.cpuS.toFixed(1)} s`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const poolDir = process.argv[2];
  if (!poolDir) throw new Error('usage: node --import tsx bench/serve-idle-fold.ts POOL (a pool it may change)');
  console.log(`serve, one request then its idle fold: ${describeIdleFold(await serveIdleFoldBench(poolDir))}`);
}
