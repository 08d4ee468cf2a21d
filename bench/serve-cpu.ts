// The CPU time `serve` spends on a fixed amount of work: what the history costs it is measured
// with this (bench/history.ts), because serve's throughput on a shared machine moves by more than
// the 5 % looked for.
//
// One run: a fresh `accountpool serve` process; a warm-up (the first read of every shard, the JIT)
// whose changes are folded into the shards before anything is counted; then `pairs`
// request+release pairs from 20 concurrent clients, and the fold of what they logged (the fold
// moves their history lines into the month file: part of the price). Counted: the server
// process's own user+system CPU time (/proc/<pid>/stat, all its threads) from the end of the
// warm-up to the end of that fold. Not counted: start-up, the warm-up, and this process (the
// clients), which shares the machine but not the number.
//
// A fixed number of pairs, not a fixed time: the change log is folded every LOG_MAX_RECORDS
// records, so every run pays the same number of folds (a timed run pays one or two, depending on
// how fast the machine was that moment).
//
// Several pools are served at once, each by its own server and clients: runs one after the other
// differed by up to 15 % (the load of five other programs changes by the second, and with it what
// a CPU second gets done); runs side by side get the same load. The server that finishes last runs
// its last moments alone, a small part of its run.
import { existsSync } from 'node:fs';
import { Agent } from 'node:http';
import { layoutOf } from '../src/store/layout.js';
import { Pool } from '../src/store/pool.js';
import { call, CLIENTS, cpuTimesOf, requestAndRelease, startServer, type RunningServer } from './server.js';

export interface ServeCpuRun {
  /** Server CPU seconds (user + system) for the pairs and their folds. */
  cpuS: number;
  /** Of that, in system calls (the kernel's side of the writes, fsyncs and sockets). */
  systemS: number;
  /** Server CPU per request+release pair, µs. */
  usPerPair: number;
  /** Requests per transaction over the server's life (warm-up included): how its work was batched. */
  perBatch: number;
}

/** Waits until the server has folded its change log into the shards (it does so when idle). */
async function folded(pool: string, timeoutMs = 60_000): Promise<void> {
  const log = layoutOf(pool).changeLog;
  const deadline = performance.now() + timeoutMs;
  while (existsSync(log)) {
    if (performance.now() > deadline) throw new Error(`serve did not fold its change log within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** `count` request+release pairs, spread over CLIENTS concurrent clients. */
async function runPairs(agent: Agent, port: number, count: number): Promise<void> {
  let started = 0;
  const client = async (id: number) => {
    while (started < count) {
      started++;
      await requestAndRelease(agent, port, id);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, (_, i) => client(i)));
}

/** One run on each pool, all at the same time (a server each, with its own clients). */
export async function serveCpu(pools: string[], pairs = 2500, warmupPairs = 200): Promise<ServeCpuRun[]> {
  // What runs before us (allocations commit through the change log) may have left a log: fold it
  // now, so each server starts from shards that hold everything and only its own folds count.
  await Promise.all(pools.map(async (pool) => (await Pool.open(pool)).fold()));
  const servers: RunningServer[] = [];
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS * pools.length });
  try {
    for (const pool of pools) servers.push(await startServer(pool));
    const each = <T>(work: (server: RunningServer, pool: string) => Promise<T>) => Promise.all(servers.map((server, i) => work(server, pools[i]!)));
    await each(async (server) => {
      const warm = await call(agent, server.port, 'GET', '/status');
      if (warm.status !== 200) throw new Error(`GET /status answered ${warm.status}: ${warm.text}`);
      await runPairs(agent, server.port, warmupPairs);
    });
    await each((_, pool) => folded(pool));
    const cpuBefore = servers.map((server) => cpuTimesOf(server.pid));
    const cpuAfter = await each(async (server, pool) => {
      await runPairs(agent, server.port, pairs);
      await folded(pool);
      return cpuTimesOf(server.pid);
    });
    const said = await each((server) => server.stop());
    return servers.map((_, i) => {
      const [, jobs, batches] = /stopped after (\d+) requests in (\d+) transactions/.exec(said[i]!) ?? [];
      const systemS = cpuAfter[i]!.systemS - cpuBefore[i]!.systemS;
      const used = cpuAfter[i]!.userS - cpuBefore[i]!.userS + systemS;
      return { cpuS: used, systemS, usPerPair: (used * 1e6) / pairs, perBatch: Number(jobs) / Number(batches) };
    });
  } finally {
    agent.destroy();
    await Promise.all(servers.map((server) => server.stop()));
  }
}
