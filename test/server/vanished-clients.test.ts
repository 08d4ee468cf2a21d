// Clients that ask and are not there for the answer, or ask many at once: requests pipelined on
// one connection (HTTP/1.1 lets a client send the next before the answer, RFC 9112 section 9.3.2),
// a client that sends its request and closes the connection before the answer (a scanner killed,
// a network cut), and hundreds of connections asking at once. What a user depends on: no account
// handed to two, and an account whose answer never arrived stays held by the system that asked,
// so that system gets it back with PGPool's `include_already_assigned=True` (RocketMap asks so on
// a restart) and no other system gets it before the release timeout.
import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serveAccounts, stored, type TestServer } from './helpers.js';
import { waitFor } from '../helpers/testdir.js';

const ask = (system: string, count: number, reuse = 'False') =>
  `/account/request?count=${count}&include_already_assigned=${reuse}&min_level=1&max_level=40&system_id=${system}`;

const portOf = (s: TestServer) => (s.server.http.address() as AddressInfo).port;

/** The usernames of an answer's body (one account is an object, several a list, none `[]`). */
function usernames(body: string): string[] {
  const json = JSON.parse(body) as unknown;
  return (Array.isArray(json) ? json : [json]).map((a) => (a as { username: string }).username);
}

const names = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('clients that vanish or crowd', () => {
  it('requests pipelined on one connection are answered in order, each with its own account', async () => {
    const s = await serveAccounts(names(10, 'pipe'));
    const raw = connect(portOf(s), '127.0.0.1');
    let received = '';
    raw.on('data', (d) => (received += d.toString('latin1')));
    const request = (i: number) => `GET ${ask(`rm-pipe${i}`, 1)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`;
    raw.write([0, 1, 2, 3, 4].map(request).join(''));
    try {
      await waitFor(() => (received.match(/HTTP\/1\.1 200/g) ?? []).length === 5 && /\}\s*$/.test(received), { timeoutMs: 20_000, what: 'five answers' });
    } finally {
      raw.destroy();
    }
    const bodies = received.split(/HTTP\/1\.1 200 [^\r]*\r\n/).slice(1).map((part) => part.slice(part.indexOf('\r\n\r\n') + 4));
    const handed = bodies.map((body) => usernames(body)[0]!);
    expect(new Set(handed).size).toBe(5);
    const pool = await stored(s);
    handed.forEach((name, i) => expect(pool.get(name)).toMatchObject({ holder: `rm-pipe${i}` })); // in order: the i-th answer is the i-th system's
  });

  it("a client gone before its answer: its accounts stay held by its system, which gets them back with include_already_assigned; no other system gets them", async () => {
    const s = await serveAccounts(names(6, 'gone'));
    const raw = connect(portOf(s), '127.0.0.1');
    raw.on('error', () => {});
    await new Promise<void>((resolve) => raw.once('connect', () => resolve()));
    raw.end(`GET ${ask('rm-gone', 2)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`, () => raw.destroy());
    // The server answers into a closed connection; the hold it committed is what the pool says.
    const held = (await waitFor(async () => {
      const pool = await stored(s);
      const mine = [...pool.values()].filter((a) => a.holder === 'rm-gone').map((a) => a.username as string);
      return mine.length === 2 ? mine : undefined;
    }, { timeoutMs: 20_000, what: 'the vanished request to be committed' }))!;

    const other = await s.call('GET', ask('rm-other', 10));
    expect(other.status).toBe(200);
    const others = usernames(other.text);
    expect(others).toHaveLength(4);
    expect(others.filter((name) => held.includes(name))).toEqual([]);

    const back = await s.call('GET', ask('rm-gone', 2, 'True'));
    expect(back.status).toBe(200);
    expect(usernames(back.text).sort()).toEqual([...held].sort());
  });

  it('a client that pipelines hundreds of requests at once is cut past 32 unanswered: the rest start nothing, others are served', async () => {
    // Node hands every pipelined request it parses to the handler at once; the kernel's buffers take
    // the answers of a client that reads nothing, so all were started and held in memory (500 such
    // connections of 200 requests: serve at 449 MB, see limits.ts). No PGPool client pipelines.
    const s = await serveAccounts(names(300, 'flood'));
    const raw = connect(portOf(s), '127.0.0.1');
    let closed = false;
    raw.on('close', () => (closed = true));
    raw.on('error', () => {});
    raw.write(Array.from({ length: 200 }, (_, i) => `GET ${ask(`flooder${i}`, 1)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`).join(''));
    try {
      raw.on('data', () => {}); // the answers dropped, the close seen
      await waitFor(() => closed, { timeoutMs: 20_000, what: 'the flooding connection to be cut' });
    } finally {
      raw.destroy();
    }
    // Answered after every request the flooder started (one queue for the pool's lock).
    const after = await fetch(`http://127.0.0.1:${portOf(s)}${ask('after', 1)}`);
    expect(after.status).toBe(200);
    const pool = await stored(s);
    const held = [...Array.from({ length: 300 }, (_, i) => pool.get(`flood${i}`))].filter((a) => String(a?.holder ?? '').startsWith('flooder'));
    expect(held.length).toBeGreaterThan(0);
    expect(held.length).toBeLessThanOrEqual(32);
  });

  it('a dashboard left open refreshes on one kept-alive connection for as long as it likes: the cap counts only answers not yet sent', async () => {
    // A browser keeps its connection and asks again at every refresh (page.ts: a meta refresh),
    // one request at a time; 100 refreshes are 100 requests of one connection, far past 32.
    const s = await serveAccounts(names(5, 'dash'));
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    try {
      for (let i = 0; i < 100; i++) {
        const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = request({ port: portOf(s), host: '127.0.0.1', path: '/', agent, headers: { Accept: 'text/html' } }, (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString('utf8')));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
          });
          req.on('socket', (socket) => sockets.add(socket));
          req.on('error', reject);
          req.end();
        });
        expect(status, `refresh ${i}`).toBe(200);
        expect(body).toContain('<html');
      }
      expect(sockets.size).toBe(1);
    } finally {
      agent.destroy();
    }
    // And the pool's accounts were never held by any of it.
    expect([...(await stored(s)).values()].filter((a) => a.holder !== undefined)).toEqual([]);
  }, 120_000);

  it('300 connections asking at once: no account handed twice, every one answered, the server answers after', async () => {
    const s = await serveAccounts(names(200, 'crowd'));
    const answers = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        new Promise<string>((resolve, reject) => {
          const raw = connect(portOf(s), '127.0.0.1');
          let received = '';
          raw.on('data', (d) => (received += d.toString('utf8')));
          raw.on('error', reject);
          raw.on('close', () => resolve(received));
          raw.on('connect', () => raw.write(`GET ${ask(`rm-crowd${i}`, 1)} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`));
        }),
      ),
    );
    const statuses = answers.map((text) => /^HTTP\/1\.1 (\d+)/.exec(text)?.[1]);
    // 503 only where the pool's lock stayed busy past lock_wait (a loaded machine), never another failure.
    expect(statuses.filter((code) => code !== '200' && code !== '503')).toEqual([]);
    const handed = answers.filter((text) => text.startsWith('HTTP/1.1 200')).flatMap((text) => usernames(text.slice(text.indexOf('\r\n\r\n') + 4)));
    expect(new Set(handed).size).toBe(handed.length); // none twice
    const pool = await stored(s);
    for (const name of handed) expect(pool.get(name)!.holder).toMatch(/^rm-crowd\d+$/);
    expect([...pool.values()].filter((a) => a.holder !== undefined)).toHaveLength(handed.length); // none held without its answer
    const after = await s.call('GET', ask('rm-after', 1));
    expect(after.status).toBe(200);
  }, 120_000);
});
