// `serve` under pipelined load, for its memory (issue 16: every command at most 300 MB, serve
// included): 8 keep-alive connections, each sending 32 `/account/request` at once without waiting
// (HTTP pipelining; 32 is the most the server takes unanswered on one connection, limits.ts), then
// the 32 `/account/release` of what it got, again at once, in a loop for about 5 seconds. No
// PGPool client pipelines: this is the heaviest a well-behaved client can load one server, which
// holds up to 256 requests and their answers at a time. Prints its peak RSS and pairs/s. At
// 1,000,000 accounts a round of 256 takes seconds: every connection makes at least 3 rounds.
//
// Raw sockets: Node's http client never pipelines. Every answer of the server has a
// Content-Length (http.ts), so a response ends where its header says.
//
// Run alone: `node --import tsx bench/serve-pipelined.ts POOL` (a pool it may change: copy one).
import { connect, type Socket } from 'node:net';
import { pathToFileURL } from 'node:url';
import { residentMB } from './measure.js';
import { call, cpuSecondsOf, startServer } from './server.js';
import { Agent } from 'node:http';

export const CONNECTIONS = 8;
export const PIPELINED = 32;
const DURATION_MS = 5000;
const MIN_ROUNDS = 3;

export interface PipelinedResult {
  pairsPerSecond: number;
  /** Largest resident memory sampled while serving, MiB; NaN off Linux. */
  steadyMB: number;
  /** The server's high-water mark while serving (VmHWM), MiB. */
  peakMB: number;
  /** Its high-water mark sampled until it exited: stopping folds its change log. MiB. */
  exitPeakMB: number;
  cpuMsPerPair: number;
}

/** One keep-alive connection that writes many requests at once and reads their answers in order. */
class PipelinedConnection {
  private buffered = Buffer.alloc(0);
  private waiting: { count: number; got: { status: number; body: string }[]; resolve: (r: { status: number; body: string }[]) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffered = Buffer.concat([this.buffered, chunk]);
      this.drain();
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      this.waiting?.reject(this.failure);
      this.waiting = undefined;
    };
    socket.on('error', fail);
    socket.on('close', () => fail(new Error('the server closed a pipelined connection')));
  }

  static open(port: number): Promise<PipelinedConnection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new PipelinedConnection(socket)));
      socket.once('error', reject);
    });
  }

  /** Sends every request at once and resolves with their answers, in the order sent. */
  send(requests: string[]): Promise<{ status: number; body: string }[]> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { count: requests.length, got: [], resolve, reject };
      this.socket.write(requests.join(''));
    });
  }

  private drain(): void {
    for (;;) {
      const end = this.buffered.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffered.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1] ?? NaN);
      if (!Number.isFinite(length)) {
        this.socket.destroy(new Error(`an answer without Content-Length: ${head.split('\r\n')[0]}`));
        return;
      }
      if (this.buffered.length < end + 4 + length) return;
      const status = Number(head.slice(9, 12));
      const body = this.buffered.subarray(end + 4, end + 4 + length).toString('utf8');
      this.buffered = this.buffered.subarray(end + 4 + length);
      const w = this.waiting;
      if (!w) continue;
      w.got.push({ status, body });
      if (w.got.length === w.count) {
        this.waiting = undefined;
        w.resolve(w.got);
      }
    }
  }

  close(): void {
    this.socket.removeAllListeners('close');
    this.socket.destroy();
  }
}

const requestLine = (id: string) => `GET /account/request?system_id=${id}&count=1 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
function releaseLine(username: string): string {
  const body = JSON.stringify({ username, system_id: null, _release_reason: 'bench' });
  return `POST /account/release HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
}

export async function servePipelinedBench(poolDir: string, durationMs = DURATION_MS): Promise<PipelinedResult> {
  const server = await startServer(poolDir);
  const connections: PipelinedConnection[] = [];
  try {
    // Warm up as serverBench does: the first request reads every shard's circle index.
    const agent = new Agent({ keepAlive: false });
    const warm = await call(agent, server.port, 'GET', '/account/request?system_id=bench-warm&count=1');
    agent.destroy();
    if (warm.status !== 200) throw new Error(`warm-up request answered ${warm.status}: ${warm.text}`);
    for (let c = 0; c < CONNECTIONS; c++) connections.push(await PipelinedConnection.open(server.port));
    let pairs = 0;
    let steadyMB = NaN;
    const sampler = setInterval(() => {
      const now = residentMB(server.pid)?.nowMB ?? NaN;
      if (!(now <= steadyMB)) steadyMB = now;
    }, 50);
    const started = performance.now();
    const cpuBefore = cpuSecondsOf(server.pid);
    const deadline = started + durationMs;
    const loop = async (c: number) => {
      const ids = Array.from({ length: PIPELINED }, (_, i) => `bench-p${c}-${i}`);
      for (let round = 0; round < MIN_ROUNDS || performance.now() < deadline; round++) {
        const got = await connections[c]!.send(ids.map(requestLine));
        const names = got.map((g) => {
          if (g.status !== 200) throw new Error(`request answered ${g.status}: ${g.body}`);
          const name = (JSON.parse(g.body) as { username?: string }).username;
          if (!name) throw new Error(`the pool ran dry: ${g.body}`);
          return name;
        });
        const released = await connections[c]!.send(names.map(releaseLine));
        const bad = released.find((r) => r.status !== 200);
        if (bad) throw new Error(`release answered ${bad.status}: ${bad.body}`);
        pairs += PIPELINED;
      }
    };
    await Promise.all(connections.map((_, c) => loop(c))).finally(() => clearInterval(sampler));
    const seconds = (performance.now() - started) / 1000;
    const cpuMsPerPair = ((cpuSecondsOf(server.pid) - cpuBefore) * 1000) / pairs;
    // The kernel updates VmHWM lazily: a sample can exceed it by a page or so.
    const peakMB = Math.max(residentMB(server.pid)?.peakMB ?? NaN, steadyMB);
    for (const c of connections.splice(0)) c.close();
    // Stopping folds the change log: its high-water mark, read until the process is gone.
    let exitPeakMB = peakMB;
    const exitSampler = setInterval(() => {
      const hwm = residentMB(server.pid)?.peakMB;
      // A process being reaped has no VmHWM line (NaN): keep what was read before.
      if (hwm !== undefined && hwm > exitPeakMB) exitPeakMB = hwm;
    }, 10);
    await server.stop().finally(() => clearInterval(exitSampler));
    return { pairsPerSecond: pairs / seconds, steadyMB, peakMB, exitPeakMB, cpuMsPerPair };
  } finally {
    for (const c of connections) c.close();
    await server.stop();
  }
}

/** The bench table's row text. */
export function describePipelined(r: PipelinedResult): string {
  return `${r.pairsPerSecond.toFixed(0)} pairs/s, server CPU ${r.cpuMsPerPair.toFixed(2)} ms a pair; RSS ${r.steadyMB.toFixed(0)} MB serving, ${r.peakMB.toFixed(0)} MB peak, ${r.exitPeakMB.toFixed(0)} MB peak by its exit (the stop's fold; sampled every 10 ms)`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const poolDir = process.argv[2];
  if (!poolDir) throw new Error('usage: node --import tsx bench/serve-pipelined.ts POOL (a pool it may change)');
  console.log(`serve, ${CONNECTIONS} connections x ${PIPELINED} pipelined request + release: ${describePipelined(await servePipelinedBench(poolDir))}`);
}
