// One day of a Slack channel from a workspace's export (issue 14): written by
// test/fixtures/generators/make-slack-export.py as Slack writes it (test/fixtures/README.md names the readers it follows).
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { slackText } from '../../src/formats/mail/slack-json.js';
import { fixture, input } from './helpers.js';

const FILE = 'slack-export/trading/2017-11-14.json';

describe("a Slack export's day of a channel", () => {
  it("reads every message: Slack's escapes and links given back, a thread's new password applied, a notice read past, a linked file refused", async () => {
    const r = await readDump(fixture(FILE));
    expect(r.format).toMatch(/^slack-json\b/);
    expect(r.accounts.map((a) => [a.line, a.username, a.password])).toEqual([
      [16, 'slack01', 'Pika<chu1'],
      [74, 'slack02', 'Star&mie22'],
      [39, 'slack.trainer03@gmail.com', 'Onix#Rock3'],
    ]);
    expect(r.rejected.map((j) => [j.line, j.reason])).toEqual([[85, expect.stringMatching(/^message 1510686420\.000700: it carries bonus\.txt, which Slack's export links but does not hold/)]]);
  });

  it('gives back what Slack wrote around the text shown', () => {
    expect(slackText('<mailto:a.b@gmail.com|a.b@gmail.com>:P&amp;w&lt;1&gt;')).toBe('a.b@gmail.com:P&w<1>');
    expect(slackText('hi <@U7Q2SELL1|pokestockz>, <!here> see <#C0ABC|trading> and <https://x.io/a|this>')).toBe('hi @pokestockz, @here see #trading and this');
    // `&amp;lt;` is the text `&lt;` typed: one pass, not two.
    expect(slackText('ash01:Pw&amp;lt;9')).toBe('ash01:Pw&lt;9');
  });

  it("claims no JSON list that is not Slack's messages (a `ts` not Slack's)", async () => {
    const notSlack = JSON.stringify([{ type: 'message', text: 'ash01:Pika!chu1', ts: 'yesterday' }], null, 4);
    const r = await readDump(input('2017-11-14.json', notSlack)).catch((e: Error) => ({ format: e.message }));
    expect(r.format).not.toMatch(/^slack-json/);
  });
});
