// The watcher takes a seller's delivery, then the reply correcting it dropped later as its own
// .eml (issue 14): the reply is checked against the pool as `import reply.eml` is
// (src/import/pool-corrections.ts). Reply headers as mail clients write them (In-Reply-To,
// References, `Re:`: RFC 5322 3.6.4; src/formats/mail/mail-thread.ts).
import { spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/testdir.js';
import { importInboxOnce } from '../../src/watch/watcher.js';
import { allImported, drop, failedNames, makeInboxPool, startWatching, type Watching } from './helpers.js';

const running: Watching[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.stop()));
});

const delivery = `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 10:00:00 +0000\nMessage-ID: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nYour accounts:\nash_01:Old!Pass11\nash_02:Old!Pass22\n`;
const reply = (sentence: string) =>
  `From: Shop <shop@x.example>\nTo: me@example.net\nSubject: Re: 2x Lvl 30 PTC\nDate: Tue, 01 Dec 2026 11:00:00 +0000\nMessage-ID: <d2@x.example>\nIn-Reply-To: <d1@x.example>\nReferences: <d1@x.example>\nContent-Type: text/plain; charset=utf-8\n\nHi,\n${sentence}\nThanks\n`;

describe('a reply dropped after its delivery was imported', () => {
  it('is applied when it names the login and says the password changed, and filed as imported', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/order.eml', delivery);
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await allImported(pool, 1);
    await drop(pool.inbox, 'level-30/reply.eml', reply('New password for ash_02: Fresh!Pass42'));
    await allImported(pool, 2);
    const snap = await (await pool.open()).read();
    expect([snap.get('ash_01')?.password, snap.get('ash_02')?.password]).toEqual(['Old!Pass11', 'Fresh!Pass42']);
    expect(w.stdout() + w.stderr()).not.toMatch(/Pass42|Pass22/);
  });

  it('goes to failed/ naming its line when it names no login, the pool unchanged', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/order.eml', delivery);
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await allImported(pool, 1);
    await drop(pool.inbox, 'level-30/reply.eml', reply('Sorry, the new password is Fresh!Pass42'));
    await waitFor(async () => (await failedNames(pool.inbox)).length > 0, { what: 'the reply filed as failed' });
    // The file is moved before its line is written (the line names where it went): wait for both.
    await waitFor(() => w.stderr().includes('(moved to failed/'), { what: 'the failure logged' });
    expect(w.stderr()).toContain('line 11: a correction of a password for no account this mail delivers');
    const snap = await (await pool.open()).read();
    expect(snap.get('ash_02')?.password).toBe('Old!Pass22');
  });
});

// Stop 62 L: a loose text of corrections alone dropped in the same burst as the list it corrects,
// its name first: taken after the burst's other files, as `import fix.txt list.txt` takes it.
describe('a fix.txt dropped with its delivery', () => {
  it('is applied after the delivery whatever their names\' order, both filed as imported', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/a-fix.txt', 'sorry, the password for ash_02 is now Fresh!Pass42\n');
    await drop(pool.inbox, 'level-30/b-list.txt', 'ash_01:Old!Pass11\nash_02:Old!Pass22\n');
    const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
    running.push(w);
    await allImported(pool, 2);
    const snap = await (await pool.open()).read();
    expect([snap.get('ash_01')?.password, snap.get('ash_02')?.password]).toEqual(['Old!Pass11', 'Fresh!Pass42']);
    // The file is moved before its lines are written: wait for the note naming what it changed.
    await waitFor(() => w.stderr().includes('a-fix.txt: note: line 1 corrects the password of `ash_02`'), { what: 'the correction said' });
    expect(w.stdout() + w.stderr()).not.toMatch(/Pass42|Pass22/);
  });

  // The watcher takes a burst's files after its first in one transaction (burst.ts): a fix.txt among
  // them is imported alone, after the batch and after the files still waiting, never inside the
  // batch before the list that delivers what it corrects. `watch --once` queues the inbox's files
  // at once, in their names' order: the fix falls inside the batch, its delivery behind it.
  it('is applied after its delivery when it falls among a burst\'s batched files', async () => {
    const pool = await makeInboxPool();
    await drop(pool.inbox, 'level-30/a-list.txt', 'ash_01:Old!Pass11\n');
    await drop(pool.inbox, 'level-30/b-list.txt', 'ash_03:Old!Pass33\n');
    await drop(pool.inbox, 'level-30/c-fix.txt', 'sorry, the password for ash_02 is now Fresh!Pass42\n');
    await drop(pool.inbox, 'level-30/d-list.txt', 'ash_02:Old!Pass22\n');
    let out = '';
    const tally = await importInboxOnce({ pool: await pool.open(), inbox: pool.inbox, settleMs: 0, stdout: { write: (t: string) => ((out += t), true) }, stderr: { write: (t: string) => ((out += t), true) } });
    expect(tally.imported).toBe(4);
    expect(out).toContain('c-fix.txt: note: line 1 corrects the password of `ash_02`');
    const snap = await (await pool.open()).read();
    expect(['ash_01', 'ash_02', 'ash_03'].map((u) => snap.get(u)?.password)).toEqual(['Old!Pass11', 'Fresh!Pass42', 'Old!Pass33']);
    expect(out).not.toMatch(/Pass42|Pass22/);
  });

  // Stop 63 L: dropped in the same second, a delivery still settling or held open by its writer when the
  // fix's turn came was no file "waiting": the fix was taken alone, found nothing to correct and went to
  // failed/, and the delivery then imported the old password. Now it waits behind every file pending a
  // retry. The writer is a child process (the watcher never counts its own process as one: open-writers.ts).
  it.skipIf(process.platform !== 'linux')('is applied when its delivery, dropped in the same second, is still held open by its writer', async () => {
    const pool = await makeInboxPool();
    const list = await drop(pool.inbox, 'level-30/a-list.txt', 'ash_01:Old!Pass11\nash_02:Old!Pass22\n');
    const writer = spawn('sh', ['-c', 'exec 3>>"$0"; echo ready; read x', list], { stdio: ['pipe', 'pipe', 'ignore'] });
    try {
      await new Promise((resolve) => writer.stdout.once('data', resolve));
      await drop(pool.inbox, 'level-30/b-fix.txt', 'sorry, the password for ash_02 is now Fresh!Pass42\n');
      const w = await startWatching(pool, { rescanMs: 20, settleMs: 50 });
      running.push(w);
      await waitFor(() => w.stderr().includes('holding level-30/b-fix.txt: corrections alone') && w.stderr().includes('still has it open for writing'), { what: 'the fix held behind the open delivery' });
      writer.stdin.end();
      await allImported(pool, 2);
      await waitFor(() => w.stderr().includes('b-fix.txt: note: line 1 corrects the password of `ash_02`'), { what: 'the correction said' });
      const snap = await (await pool.open()).read();
      expect([snap.get('ash_01')?.password, snap.get('ash_02')?.password]).toEqual(['Old!Pass11', 'Fresh!Pass42']);
      expect(w.stdout() + w.stderr()).not.toMatch(/Pass42|Pass22/);
    } finally {
      writer.kill();
    }
  });
});
