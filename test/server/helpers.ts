// A real account server on a loopback port (0: a free one) over a fresh pool, per test.
import { expect } from 'vitest';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { Pool } from '../../src/store/pool.js';
import { createAccountServer, type AccountServer, type AccountServerOptions } from '../../src/server/server.js';
import { cli } from '../helpers/cli.js';
import { makePool, type TestPool } from '../helpers/pool.js';
import { afterEveryTest } from '../helpers/cleanup.js';

const running: AccountServer[] = [];

afterEveryTest(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

function answer(status: number, headers: Headers, text: string): Answer {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}

export interface TestServer {
  pool: TestPool;
  store: Pool;
  server: AccountServer;
  base: string;
  /** The server's address, `http://127.0.0.1:PORT`. */
  url: string;
  /** Every request log line so far. */
  log: string[];
  /** Moves the injected clock. */
  advance(ms: number): void;
  now(): Date;
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<Answer>;
  /**
   * A call made as Python's `requests` makes it for PGPool's clients: `requests.get(url,
   * params=...)` (query as given) or `requests.post(url, data=json.dumps(...))`: the body's bytes
   * exactly as given, with no Content-Type (requests sets none for a str body).
   */
  python(method: 'GET' | 'POST', pathAndQuery: string, body?: string): Promise<Answer>;
}

/** A pool with `accounts` (name → level, imported as `name:pw-name`), served at an injected clock. */
export async function serveAccounts(
  accounts: Record<string, number> | string[],
  options: Omit<AccountServerOptions, 'pool' | 'log'> & { start?: string; config?: Record<string, string>; listen?: string } = {},
): Promise<TestServer> {
  const pool = await makePool(4);
  if (options.config) await pool.configure(options.config);
  const byLevel = new Map<number, string[]>();
  for (const [name, level] of Array.isArray(accounts) ? accounts.map((n) => [n, 30] as const) : Object.entries(accounts)) {
    byLevel.set(level, [...(byLevel.get(level) ?? []), name]);
  }
  for (const [level, names] of byLevel) {
    const dump = join(pool.base, `dump-${level}.txt`);
    await writeFile(dump, names.map((n) => `${n}:pw-${n}`).join('\n'));
    const result = await cli(['import', dump, '--level', String(level), ...pool.args]);
    expect(result.code, result.stderr).toBe(0);
  }
  let now = Date.parse(options.start ?? '2026-03-01T00:00:00.000Z');
  const store = await Pool.open(pool.dir, { clock: () => new Date(now) });
  const log: string[] = [];
  const server = createAccountServer({ ...options, pool: store, log: (line) => log.push(line) });
  running.push(server);
  const { port } = await server.listen(0, options.listen ?? '127.0.0.1');
  const url = `http://127.0.0.1:${port}`;
  return {
    pool,
    store,
    server,
    base: pool.base,
    url,
    log,
    advance: (ms) => (now += ms),
    now: () => new Date(now),
    async call(method, path, body, headers = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      return answer(response.status, response.headers, await response.text());
    },
    python(method, pathAndQuery, body) {
      const headers: Record<string, string | number> = { 'user-agent': 'python-requests/2.18.4', 'accept-encoding': 'gzip, deflate', accept: '*/*', connection: 'keep-alive' };
      if (body !== undefined) headers['content-length'] = Buffer.byteLength(body);
      return new Promise((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, method, path: pathAndQuery, headers }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            const responseHeaders = new Headers();
            for (const [k, v] of Object.entries(res.headers)) if (typeof v === 'string') responseHeaders.set(k, v);
            resolve(answer(res.statusCode ?? 0, responseHeaders, Buffer.concat(chunks).toString('utf8')));
          });
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      });
    },
  };
}

/** The accounts of the pool as stored now, by username. */
export async function stored(server: TestServer): Promise<Map<string, Record<string, unknown>>> {
  const snapshot = await (await Pool.open(server.pool.dir)).read();
  return new Map([...snapshot.accounts()].map((a) => [a.username, a as Record<string, unknown>]));
}
