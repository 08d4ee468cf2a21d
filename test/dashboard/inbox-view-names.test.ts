// The dashboard's inbox lists names that are not UTF-8 (a Windows code page), waiting or set
// aside, with `\xNN` for their bytes, and a failed one's reason from its note.
import { describe, expect, it } from 'vitest';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '../helpers/testdir.js';
import { inboxView } from '../../src/dashboard/inbox-view.js';

describe('dashboard inbox with names that are not UTF-8', () => {
  it('lists them, shown with \\xNN, and reads a failed one\'s note', async () => {
    const base = await testdir();
    const inbox = join(base, 'inbox');
    mkdirSync(join(inbox, 'failed'), { recursive: true });
    const bytes = (path: string, raw: number[], rest = '') => Buffer.concat([Buffer.from(path), Buffer.from(raw), Buffer.from(rest)]);
    writeFileSync(bytes(`${inbox}/caf`, [0xe9], '.txt'), 'waiting:pw\n');
    writeFileSync(bytes(`${inbox}/failed/`, [0xe7, 0xe0], '.txt'), 'x\n');
    writeFileSync(bytes(`${inbox}/failed/`, [0xe7, 0xe0], '.txt.error.txt'), 'accountpool watch could not import\n\nreason: no level known\n');
    const view = await inboxView(inbox, join(base, 'pool'));
    expect(view.waiting.map((f) => f.name)).toEqual(['caf\\xE9.txt']);
    expect(view.failed.map((f) => [f.name, f.reason])).toEqual([['\\xE7\\xE0.txt', 'no level known']]);
  });
});
