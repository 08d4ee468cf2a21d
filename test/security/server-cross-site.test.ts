// A web page the operator happens to visit, against `serve` on loopback with no token (the way
// unmodified PGPool clients need it). The browser lets any page send a "simple" POST (text/plain)
// to http://127.0.0.1:4242 and tags it with the page's Origin; PGPool's clients (Python requests)
// send no Origin. And a page whose own name is made to resolve to 127.0.0.1 (DNS rebinding) reads
// answers as its own, with its own name in the Host header. Neither may change or read the pool.
import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { serveAccounts, stored, type TestServer } from '../server/helpers.js';
import { rawRequest } from '../helpers/raw-http.js';

function raw(server: TestServer, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; text: string }> {
  return rawRequest((server.server.http.address() as AddressInfo).port, method, path, headers, body);
}

describe('serve on loopback, against a web page', () => {
  it('a cross-site POST (another Origin) is refused with 403 and changes nothing', async () => {
    const server = await serveAccounts(['alice']);
    const body = JSON.stringify({ username: 'alice', password: 'pw-of-the-attacker', banned: true });
    const answer = await raw(server, 'POST', '/account/update', { origin: 'http://evil.example', 'content-type': 'text/plain' }, body);
    expect(answer.status).toBe(403);
    const alice = (await stored(server)).get('alice')!;
    expect(alice.password).toBe('pw-alice');
    expect(alice.state).toBe('ok');
    expect(server.log.at(-1)).toMatch(/ 403 .*cross-site/);
  });

  it('a page reached through DNS rebinding (its own name in Host) gets no account', async () => {
    const server = await serveAccounts(['alice']);
    const { port } = server.server.http.address() as AddressInfo;
    const answer = await raw(server, 'GET', '/account/request?system_id=east', { host: `rebind.evil.example:${port}` });
    expect(answer.status).toBe(403);
    expect(answer.text).toBe('[]');
    expect((await stored(server)).get('alice')!.holder).toBeUndefined();
  });

  it('PGPool clients (no Origin), localhost and the dashboard form (its own Origin) are served', async () => {
    const server = await serveAccounts(['alice', 'bob']);
    const { port } = server.server.http.address() as AddressInfo;
    expect((await server.python('GET', '/account/request?system_id=east')).json.username).toBe('alice');
    expect((await raw(server, 'GET', '/account/request?system_id=west', { host: `localhost:${port}` })).status).toBe(200);
    const own = await raw(server, 'POST', '/account/release', { host: `127.0.0.1:${port}`, origin: `http://127.0.0.1:${port}` }, JSON.stringify({ username: 'alice' }));
    expect(own.status).toBe(200);
  });
});
