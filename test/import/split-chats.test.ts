// `import FOLDER`, `import a.json b.json` and `import x.zip` of a conversation its exporter split over
// several files (formats/mail/split-chat-files.ts, import/split-chat-plan.ts): read as one, from its
// first file, the others said read with it and never imported on their own.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from '../helpers/cli.js';
import { makePool } from '../helpers/pool.js';
import { makeArchive, poolAccounts } from '../helpers/archives.js';
import { FIXTURES } from '../formats/helpers.js';

const THREAD = join(FIXTURES, 'messenger-split', 'pokestockz_kx3r9vq2wz');
const CHANNEL = join(FIXTURES, 'slack-days', 'trading');

describe('a split conversation imported together', () => {
  it("import FOLDER (Messenger's thread), then the channel's days named one by one, then a zip of the HTML download: each read as one", async () => {
    const pool = await makePool(4);
    // The preview names the later file beside an account whose line is in it.
    const preview = await cli(['import', THREAD, '--level', '30', '--dry-run', ...pool.args]);
    const shown = `${preview.stdout}${preview.stderr}`;
    expect(shown).toMatch(/fbsplit01 .*\(message_2\.json line 20\)/);
    expect(shown).toMatch(/fbsplit03 .*\(message_2\.json line 14\)/);
    expect(shown).not.toMatch(/fbsplit02 .*message_2/);
    const folder = await cli(['import', THREAD, '--level', '30', ...pool.args]);
    // The buyer's two own lines are refused: exit 1.
    expect(folder.code).toBe(1);
    expect(folder.stdout).toBe(`imported ${join(THREAD, 'message_1.json')}: 3 added, 0 updated, 2 rejected (lines 26, 14)\n`);
    expect(folder.stderr).toContain(`${join(THREAD, 'message_1.json')}: read as one Messenger conversation with 1 more file of its export, in time order`);
    expect(folder.stderr).toContain(`${join(THREAD, 'message_1.json')}:26: rejected: message_2.json message 2: an account in the exporter's own message`);
    expect(folder.stdout + folder.stderr).not.toMatch(/Old!acc8|Mew!two9|Star!mie2\b/);
    // Each account's source is the file holding its line: message_2.json's deliveries, fbsplit02's correction in message_1.json.
    const exported = await cli(['export', '--format', 'json', ...pool.args]);
    const sources = exported.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as Record<string, string>).map((a) => `${a.username} ${a.source}`);
    expect(sources.sort()).toEqual(['fbsplit01 message_2.json', 'fbsplit02 message_1.json', 'fbsplit03 message_2.json']);

    const days = ['2017-11-14.json', '2017-11-15.json'].map((d) => join(CHANNEL, d));
    const loose = await cli(['import', days[1]!, days[0]!, '--level', '30', ...pool.args]);
    expect(loose.stdout).toBe(`imported ${days[0]}: 3 added, 0 updated, 1 rejected (line 28)\n`);
    expect(loose.stderr).toContain(`${days[0]}: read as one Slack channel with 1 more file`);

    const html = join(FIXTURES, 'messenger-html-2022', 'pokestockz_kx3r9vq2wz');
    const zip = makeArchive('zip', join(pool.base, 'download.zip'), ['message_1.html', 'message_2.html'].map((name) => ({ name: `messages/inbox/pokestockz_kx3r9vq2wz/${name}`, b64: readFileSync(join(html, name)).toString('base64') })));
    const zipped = await cli(['import', zip, '--level', '30', ...pool.args]);
    expect(zipped.stdout).toContain(`imported ${zip}: 3 added, 0 updated, 2 rejected`);

    expect(await poolAccounts(pool)).toEqual([
      'fbhtml01 Pika!chu1 30 ptc',
      'fbhtml02 Star<mie22 30 ptc',
      'fbhtml03 Évoli&Eve3 30 ptc',
      'fbsplit01 Pika!chu1 30 ptc',
      'fbsplit02 Star!mie22 30 ptc',
      'fbsplit03 Évoli!Eve3 30 ptc',
      'slackd01 Pika<chu1 30 ptc',
      'slackd02 Star&mie22 30 ptc',
      'slackd03 Onix#Rock3 30 ptc',
    ]);
  });

  it('a file of the conversation named alone reads alone, as before', async () => {
    const pool = await makePool(4);
    const copy = join(pool.base, 'trading');
    cpSync(CHANNEL, copy, { recursive: true });
    const run = await cli(['import', join(copy, '2017-11-14.json'), '--level', '30', '--dry-run', ...pool.args]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('3 added');
    expect(run.stderr).not.toContain('read as one');
  });
});
