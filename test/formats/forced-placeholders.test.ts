// A reader named by hand (`import --format json`) is the way through a coin toss between readers,
// never a way to an example config's placeholders: the bots' examples as published hold values
// that stand where an account would go (poketrainer's `Username`/`Password`, jekirl/poketrainer
// `config.json.example`; PGO-mapscan-opt's `agent0` ... `agent4` with `pass`, its
// `res/usersettings.json` example; test/fixtures/README.md). No reader, detected or forced,
// gives one of them as an account.
import { describe, expect, it } from 'vitest';
import { formatNames, readDump } from '../../src/formats/index.js';
import { fixture } from './helpers.js';

const EXAMPLES: Array<[string, string[]]> = [
  ['poketrainer-config-example.json', ['Username', 'someusername']],
  ['pgo-mapscan-opt-usersettings-example.json', ['agent0', 'agent1', 'agent2', 'agent3', 'agent4']],
];

describe("a forced reader never imports an example's placeholders", () => {
  for (const [file, placeholders] of EXAMPLES) {
    it(`${file}: no --format reads ${placeholders.join(', ')} as accounts`, async () => {
      const read: string[] = [];
      for (const format of formatNames()) {
        const result = await readDump(fixture(file), { format }).catch(() => undefined);
        for (const a of result?.accounts ?? []) if (placeholders.includes(a.username)) read.push(`${format}: ${a.username}`);
      }
      expect(read).toEqual([]);
    });
  }

  it('--format json names them where each account object opens', async () => {
    await expect(readDump(fixture('poketrainer-config-example.json'), { format: 'json' })).rejects.toThrow(/no accounts found.*line 3: the example's placeholder, not an account; line 89: the example's placeholder/);
  });
});
