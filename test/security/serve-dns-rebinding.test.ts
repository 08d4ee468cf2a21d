// DNS rebinding against `serve --host 0.0.0.0` without a token (the way unmodified PGPool clients
// need it on a LAN). A page on rebind.evil.example has its name re-resolved to this host's LAN
// address; to the browser its requests are then same-origin (Sec-Fetch-Site: same-origin, an
// Origin equal to Host, or none for a GET), and it reads the answers: accounts and passwords.
// The one thing that gives it away is its own name in Host, which the browser always writes.
// Scanners write what their configured URL holds: an IP address, a compose service name, a .local
// name, or a name the operator lists with --allow-host (Python requests: the URL's host and port).
import { describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import { serveAccounts, stored, type TestServer } from '../server/helpers.js';
import { rawRequest } from '../helpers/raw-http.js';
import { isPrivateName } from '../../src/server/host-names.js';
import { runCli, startCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';

function port(server: TestServer): number {
  return (server.server.http.address() as AddressInfo).port;
}

/** What Chrome sends for a rebound page's own fetch of `path` (same-origin to the browser). */
function rebound(name: string, p: number): Record<string, string> {
  return { host: `${name}:${p}`, 'sec-fetch-site': 'same-origin', 'sec-fetch-mode': 'cors', 'sec-fetch-dest': 'empty', referer: `http://${name}:${p}/` };
}

describe('serve on 0.0.0.0 without a token, against a rebound page', () => {
  it('a page under a public name gets no account, posts nothing, reads no status; the refusal names what is answered', async () => {
    const server = await serveAccounts(['alice'], { listen: '0.0.0.0' });
    const p = port(server);
    for (const name of ['rebind.evil.example', 'a.b.c.d.nip.io', '192.168.1.5.nip.io', 'evil.com.', 'xn--80ak6aa92e.com']) {
      const asked = await rawRequest(p, 'GET', '/account/request?system_id=evil&count=10', rebound(name, p));
      expect(asked.status, name).toBe(403);
      expect(asked.text, name).toBe('[]');
    }
    const headers = { ...rebound('rebind.evil.example', p), origin: `http://rebind.evil.example:${p}`, 'content-type': 'application/json' };
    const posted = await rawRequest(p, 'POST', '/account/update', headers, JSON.stringify({ username: 'alice', password: 'pw-of-the-attacker' }));
    expect(posted.status).toBe(403);
    expect((await rawRequest(p, 'GET', '/status', rebound('rebind.evil.example', p))).status).toBe(403);
    const alice = (await stored(server)).get('alice')!;
    expect(alice.password).toBe('pw-alice');
    expect(alice.holder).toBeUndefined();
    expect(server.log.at(-1)).toMatch(/403 .*Host \\?"rebind\.evil\.example:\d+\\?" is not a name this server answers to.*--allow-host/);
  });

  it('scanners by IP address, compose name, .local, .internal, Kubernetes service name and this machine\'s name are served', async () => {
    const server = await serveAccounts(['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'], { listen: '0.0.0.0' });
    const p = port(server);
    const names = ['192.168.1.5', '10.0.0.7', '[fe80::1]', '[2001:db8::5]', 'accountpool', 'scanbox.local', 'host.docker.internal', 'accountpool.default.svc.cluster.local', hostname()];
    for (const [i, name] of names.entries()) {
      // What python-requests sends for http://NAME:PORT (RocketMap, PGScout, PGNumbra, MrMime): no Origin, no Sec-Fetch-*.
      const answer = await rawRequest(p, 'GET', `/account/request?system_id=s${i}`, { host: `${name}:${p}`, 'user-agent': 'python-requests/2.18.4', accept: '*/*' });
      expect(answer.status, name).toBe(200);
      expect(JSON.parse(answer.text).username, name).toMatch(/^a\d$/);
    }
  });

  it('--allow-host names a public name the scanners use (on loopback too, behind a proxy); a token lets any name through and keeps pages out by itself', async () => {
    const allowed = await serveAccounts(['alice'], { listen: '0.0.0.0', allowHosts: ['pool.example.org'] });
    const p = port(allowed);
    expect((await rawRequest(p, 'GET', '/account/request?system_id=east', { host: `POOL.example.org.:${p}` })).status).toBe(200);
    expect((await rawRequest(p, 'GET', '/account/request?system_id=west', { host: `evil.example.org:${p}` })).status).toBe(403);
    // On loopback too: behind a reverse proxy on this machine that passes the client's Host on (nginx's `proxy_set_header Host $host`).
    const proxied = await serveAccounts(['carol', 'dave'], { allowHosts: ['pool.example.org'] });
    const r = port(proxied);
    expect((await rawRequest(r, 'GET', '/account/request?system_id=east', { host: `pool.example.org:${r}` })).status).toBe(200);
    expect((await rawRequest(r, 'GET', '/account/request?system_id=east', { host: `localhost:${r}` })).status).toBe(200);
    expect((await rawRequest(r, 'GET', '/account/request?system_id=west', rebound('rebind.evil.example', r))).status).toBe(403);
    expect(proxied.server.acceptedHosts).toMatch(/loopback only\), or pool\.example\.org;/);
    const tokened = await serveAccounts(['bob'], { listen: '0.0.0.0', token: 'a-long-random-token-0123' });
    const q = port(tokened);
    expect((await rawRequest(q, 'GET', '/account/request?system_id=east', { host: `pool.example.org:${q}`, authorization: 'Bearer a-long-random-token-0123' })).status).toBe(200);
    expect((await rawRequest(q, 'GET', '/account/request?system_id=east', rebound('rebind.evil.example', q))).status).toBe(401);
  });

  it('no name a page can be given through public DNS passes as private', () => {
    for (const name of ['evil.example', 'localhost.evil.example', 'local.evil.com', 'internal.attacker.net', '127.0.0.1.nip.io', 'lan.io', 'home.arpa.evil.com', 'svc.co']) {
      expect(isPrivateName(name), name).toBe(false);
    }
  });

  it('the real command says at start which names it answers to, takes --allow-host, and refuses a URL given as a name', async () => {
    const pool = await poolWithAccounts(2);
    const running = startCli(['serve', '--host', '0.0.0.0', '--port', '0', '--allow-host', 'pool.example.org, scan2.example.org', ...pool.args]);
    let out = '';
    let err = '';
    running.stdout!.on('data', (d) => (out += d));
    running.stderr!.on('data', (d) => (err += d));
    try {
      const p = Number(await waitFor(() => /http:\/\/0\.0\.0\.0:(\d+)/.exec(out)?.[1], { what: 'serve to listen' }));
      await waitFor(() => /answered only when their Host is .*pool\.example\.org, scan2\.example\.org.*--allow-host/.test(err), { what: 'the start-up line naming the accepted hosts' });
      expect((await rawRequest(p, 'GET', '/account/request?system_id=east', { host: `scan2.example.org:${p}` })).status).toBe(200);
      expect((await rawRequest(p, 'GET', '/account/request?system_id=east', { host: `rebind.evil.example:${p}` })).status).toBe(403);
    } finally {
      running.kill('SIGTERM');
      await running.closed;
    }
    const bad = await runCli(['serve', '--host', '0.0.0.0', '--port', '0', '--allow-host', 'http://pool.example.org:4242', ...pool.args]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--allow-host takes host names .*"http:\/\/pool\.example\.org:4242" is not one/);
  });
});
