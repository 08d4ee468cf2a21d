// Line numbers of a mail's accounts and rejected lines are lines of the file the operator opens,
// wherever the body is in the file as it reads (7bit, 8bit, an unencoded attachment, an mbox's
// later messages); a body the file only holds encoded (base64) keeps its decoded lines' numbers.
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

  it('a base64 body, which the file holds only encoded, keeps the lines of the decoded body', async () => {
    const body = Buffer.from('Username: b64_user1\nPassword: B64!pass1\n').toString('base64');
    const r = await readDump(input('order.eml', [...headers, 'Content-Transfer-Encoding: base64', '', body, ''].join('\n')));
    expect(r.accounts.map((a) => [a.line, a.username])).toEqual([[1, 'b64_user1']]);
  });
});
