// poketrainer's config.json (jekirl/poketrainer `config.json.example`, filled in:
// test/fixtures/dumps/poketrainer-config.json) read by the JSON reader named by hand
// (`import --format json`): each account object also holds the bot's settings, its Google Maps
// key above all. The bot-accounts reader keeps none of them; the JSON reader kept every one as
// the account's history, and the key was written into the pool's shard.
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src/formats/index.js';
import { fixture } from './helpers.js';

describe('--format json on a bot config', () => {
  it('keeps none of the bot settings on an account: the Maps key never enters the pool', async () => {
    const r = await readDump(fixture('poketrainer-config.json'), { format: 'json' });
    expect(r.accounts.map((a) => a.username)).toEqual(['trainer.ash.k@gmail.com', 'misty_w0rld']);
    expect(JSON.stringify(r)).not.toMatch(/AIzaSy|GMAPS_API_KEY|BEHAVIOR|location/);
  });
});
