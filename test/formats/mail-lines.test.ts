// Line numbers of a mail's accounts and rejected lines are lines of the file the operator opens,
// wherever the body is in the file as it reads (7bit, 8bit, an unencoded attachment, an mbox's
// later messages), and where the file holds it only encoded (base64, quoted-printable escapes): at
// the file line holding the start of the account's encoded line.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture, input } from './helpers.js';

const headers = ['From: Shop <shop@seller.example>', 'To: me@example.net', 'Subject: Your order', 'MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8'];

describe('mail line numbers', () => {
  it('a 7bit reply: each account at its `Username:` line of the file', async () => {
    const r = await readDump(fixture('seller-correction.eml'));
    expect(r.accounts.map((a) => [a.line, a.username])).toEqual([[15, 'raikou_thunder3'], [23, 'entei_blaze12'], [29, 'suicune_aurora5']]);
  });

  it('a rejected line is named by its line in the file, not in the decoded body', async () => {
    const text = [...headers, 'Content-Transfer-Encoding: 7bit', '', 'Hello,', '', 'Username: lonely_user1', '', 'Username: paired_user2', 'Password: Pa1red!pw', ''].join('\n');
    const r = await readDump(input('order.eml', text));
    expect(r.accounts.map((a) => [a.line, a.username])).toEqual([[12, 'paired_user2']]);
    expect(r.rejected.map((j) => j.line)).toEqual([10]);
  });

  it('a base64 body in windows-1252: each account and the rejected line at the file line where its encoded text starts', async () => {
    const r = await readDump(fixture('seller-base64-cp1252.eml'));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [11, 'chenipan_a1', 'Ch€nille!12'],
      [12, 'aspicot_b2', 'Dard#Venin34'],
      [13, 'rattata_d4', 'Morsure!56'],
      [14, 'piafabec_e5', 'Picpic€78'],
      [14, 'abo_f6', 'Ligotage!90'],
    ]);
    expect(r.rejected.map((j) => j.line)).toEqual([13]);
  });

  it('a quoted-printable body whose account lines hold escapes and soft line breaks', async () => {
    const body = ['Hello,', '', 'Username: qp_user1', 'Password: Q=3DP!pass1', 'Username: qp_user2', 'Password: very-long-passw=', 'ord-Soft2', ''].join('\n');
    const r = await readDump(input('order.eml', [...headers, 'Content-Transfer-Encoding: quoted-printable', '', body].join('\n')));
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([[10, 'qp_user1', 'Q=P!pass1'], [12, 'qp_user2', 'very-long-password-Soft2']]);
  });

  it('a base64 attachment in a multipart mail and a base64 message of an mbox: lines of the file', async () => {
    const order = await readDump(fixture('seller-order.eml'));
    expect(order.accounts.map((a) => [a.line, a.username])).toEqual([[29, 'dragonite_lance'], [33, 'jessie_rocket'], [63, 'james_rocket'], [63, 'meowth_rocket']]);
    const box = await readDump(fixture('three-orders.mbox'));
    expect(box.accounts.map((a) => [a.line, a.username])).toEqual([[16, 'mew_original'], [31, 'celebi_time01'], [31, 'jirachi_wish02'], [31, 'deoxys_space03'], [48, 'lugia_silver']]);
  });
});
