// A mail's attachment names come from whoever sent the mail: `../x`, `/etc/passwd`, `CON`, names
// in RFC 2231 pieces (`filename*0*=`, `filename*1*=`) or encoded words (RFC 2047) that decode to
// ESC or a newline. Attachments are read in memory and never saved, so no name may write a file,
// inside the pool or beside it; a name shown in a refusal is escaped (src/terminal-text.ts), and
// the refusal names the mail. Header syntax: RFC 2183 (Content-Disposition), RFC 2231 §3-4.
import { readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { testdir } from '../helpers/testdir.js';

const PROXIES = 'IP,Port,Username,Password\r\n203.0.113.9,8080,proxyuser,Pr0xy!pass\r\n';

function part(disposition: string, body: string): string {
  return `Content-Type: text/plain\r\nContent-Disposition: ${disposition}\r\n\r\n${body}`;
}

const MAIL = [
  'From: Shop <shop@seller.example>', 'To: me@example.net',
  `Subject: =?UTF-8?Q?order_=1B=5B2J?=`, 'MIME-Version: 1.0', 'Content-Type: multipart/mixed; boundary="BB"', '',
  '--BB', 'Content-Type: text/plain', '', 'Your accounts are attached.', '',
  '--BB', part('attachment; filename="../../escaped.txt"', 'mimedot01:Zq9!dotpass'),
  '--BB', part('attachment; filename="/etc/passwd"', 'mimeabs01:Zq9!abspass'),
  '--BB', part('attachment; filename="CON"', 'mimecon01:Zq9!conpass'),
  '--BB', part("attachment; filename*0*=UTF-8''..%2F..%2F; filename*1*=pieces%1B%5B2J.csv", PROXIES),
  '--BB', part('attachment; filename="=?UTF-8?Q?=2E=2E=2Fnl=0Afake_line=1B=5B31m.csv?="', PROXIES),
  '--BB--', '',
].join('\r\n');

/** Every path under `dir`, relative to it. */
async function tree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

// One import through the CLI (the escaping is println's): 0.2 s in a run of test/security (9 s
// alone at load 25, most of it making the empty pool's template once).
describe('MIME attachment names', () => {
  it('../, absolute, CON, RFC 2231 pieces and encoded words: no file written, names escaped, the refusals naming the mail', async () => {
    const pool = await makePool();
    const dir = await testdir({ 'mail.eml': MAIL });
    const around = dirname(dir);
    const before = await tree(dir);
    const r = await cli(['import', 'mail.eml', '--level', '30', ...pool.args], { cwd: dir });
    const out = r.stdout + r.stderr;
    expect(r.stderr.match(/^mail\.eml:31: rejected: attachment /gm)).toHaveLength(2);
    expect(out, 'raw controls').not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
    expect(out).not.toContain('Pr0xy!pass');
    // The two proxy tables refused, each by its decoded name, escaped, under the mail's name.
    expect(out).toContain('mail.eml');
    expect(out).toContain(String.raw`../../pieces\x1b[2J.csv`);
    expect(out).toContain(String.raw`../nl\x0afake line\x1b[31m.csv`);
    // Nothing written beside the mail, above it, or in the pool under an attachment's name.
    expect(await tree(dir)).toEqual(before);
    expect(existsSync(join(around, '..', 'escaped.txt'))).toBe(false);
    for (const p of await tree(pool.base)) expect(p, relative(pool.base, p)).not.toMatch(/escaped|passwd|pieces|fake|(^|\/)CON$/);
    // The three lists read (whatever their names), the two proxy tables refused: exit 1 for the refusals.
    expect(r.stdout).toBe('imported mail.eml: 3 added, 0 updated, 2 rejected (lines 31, 31)\n');
    expect(r.code).toBe(1);
  });
});
