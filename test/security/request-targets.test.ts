// Request targets URL cannot read. `accountpool dashboard` built its URL from the request line
// unguarded, in the request listener itself: `GET //[` (the host `[` to URL, which throws) was an
// uncaught exception that ended the process. A web page gets there with an image,
// `<img src="http://127.0.0.1:4243//[">` (a browser keeps `//[` in the path as written), before
// the cross-site check could refuse it: any page the operator opened stopped the dashboard
// (stop 67). Both servers now read the target one way (server/request-url.ts): 400, nothing else
// changes, and the next request is answered. Two Host lines are a 400 as RFC 9112 (3.2) asks: Node
// keeps the first and drops the rest, where a proxy in front may route by the last. A real
// `dashboard` and `serve`, raw request lines.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { startCli, type RunningCli } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { waitFor } from '../helpers/testdir.js';

let running: RunningCli[] = [];
afterAll(async () => {
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(running.map((child) => child.closed));
  running = [];
});

async function start(command: 'serve' | 'dashboard', args: string[]): Promise<{ port: number; child: RunningCli }> {
  const child = startCli([command, '--port', '0', ...args]);
  running.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  return { port: Number(await waitFor(() => /http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1], { what: `${command} to listen` })), child };
}

/** The status line the server answers `target` with ('' when it closed without one). */
function statusOf(port: number, target: string, headers = '', host = `Host: 127.0.0.1:${port}\r\n`): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${target} HTTP/1.1\r\n${host}${headers}Connection: close\r\n\r\n`));
    let got = '';
    socket.on('data', (d) => (got += d));
    socket.on('close', () => resolve(/^HTTP\/1\.1 (\d+)/.exec(got)?.[1] ?? ''));
    socket.on('error', reject);
  });
}

const UNREADABLE = ['//[', '//[::1', '//a%zz[', 'http://[/', '//:99999/'];
const IMAGE = 'Sec-Fetch-Site: cross-site\r\nSec-Fetch-Mode: no-cors\r\nSec-Fetch-Dest: image\r\n';

describe('request targets URL cannot read', () => {
  // One dashboard and one serve for the file.
  let servers: { port: number; child: RunningCli }[] = [];
  beforeAll(async () => {
    const pool = await poolWithAccounts(2);
    servers = await Promise.all([start('dashboard', pool.args), start('serve', pool.args)]);
  });

  it('are answered 400 by the dashboard and serve, which go on answering', async () => {
    for (const { port, child } of servers) {
      for (const target of UNREADABLE) {
        for (const headers of ['', IMAGE]) {
          expect(await statusOf(port, target, headers), `${target} ${headers}`).toMatch(/^4\d\d$/);
          expect(child.exitCode, target).toBeNull();
        }
      }
      expect(await statusOf(port, '/', 'Accept: text/html\r\n')).toBe('200');
    }
  });

  it('two Host lines are a 400 (RFC 9112 3.2), not the first one read and the second left to a proxy in front', async () => {
    for (const { port } of servers) {
      for (const second of ['evil.example', `127.0.0.1:${port}`]) {
        expect(await statusOf(port, '/status', '', `Host: 127.0.0.1:${port}\r\nHost: ${second}\r\n`), second).toBe('400');
        expect(await statusOf(port, '/', 'Accept: text/html\r\n', `Host: localhost:${port}\r\nhost: ${second}\r\n`), second).toBe('400');
      }
      expect(await statusOf(port, '/', 'Accept: text/html\r\n')).toBe('200');
    }
  });
});
