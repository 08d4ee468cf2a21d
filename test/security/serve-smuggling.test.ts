// Request smuggling against `serve`: a request whose length two readers could take differently
// (Content-Length beside Transfer-Encoding, two Content-Lengths, a Transfer-Encoding that is not
// plainly `chunked`) would let a second request hide in a first one's body, past a proxy in front.
// Node's HTTP parser (llhttp, strict by default; `insecureHTTPParser` is never set) answers each
// with 400 and closes the connection: the hidden request is never answered, nothing is released.
// Tried with real sockets against a real `serve`.
import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { startServe } from '../helpers/cli.js';
import { poolWithAccounts } from '../helpers/pool.js';
import { stopAfterTest } from '../helpers/testdir.js';

/** Everything the server sends back for `raw` until it closes the connection. */
function exchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(raw));
    let got = '';
    socket.on('data', (d) => (got += d));
    socket.on('close', () => resolve(got));
    socket.on('error', reject);
  });
}

describe('serve and request smuggling', () => {
  it('refuses every ambiguous length with 400, and never answers a request hidden in a body', async () => {
    const pool = await poolWithAccounts(10);
    const server = await startServe(pool.args);
    stopAfterTest(server.stop);
    const port = Number(new URL(server.url).port);
    const host = `Host: 127.0.0.1:${port}\r\n`;
    const hidden = `GET /status HTTP/1.1\r\n${host}\r\n`;
    const cases = {
      'Content-Length and Transfer-Encoding': `POST /account/release HTTP/1.1\r\n${host}Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n${hidden}`,
      'two Content-Lengths that differ': `POST /account/release HTTP/1.1\r\n${host}Content-Length: 4\r\nContent-Length: 60\r\n\r\nabcd${hidden}`,
      'two equal Content-Lengths': `POST /account/release HTTP/1.1\r\n${host}Content-Length: 4\r\nContent-Length: 4\r\n\r\nabcd${hidden}`,
      'Transfer-Encoding chunked, identity': `POST /account/release HTTP/1.1\r\n${host}Transfer-Encoding: chunked, identity\r\n\r\n0\r\n\r\n${hidden}`,
      'Transfer-Encoding xchunked': `POST /account/release HTTP/1.1\r\n${host}Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n${hidden}`,
    };
    for (const [name, raw] of Object.entries(cases)) {
      const answer = await exchange(port, raw);
      expect(answer, name).toMatch(/^HTTP\/1\.1 400 /);
      expect(answer.match(/HTTP\/1\.1 /g), name).toHaveLength(1); // the hidden GET /status got no answer
      expect(answer, name).not.toContain('"total"');
    }
  });
});
