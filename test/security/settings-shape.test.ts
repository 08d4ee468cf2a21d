// accountpool.yaml shaped to exhaust the YAML library (src/yaml-shape.ts): a peer's settings are
// parsed by `sync` before it takes them (src/git/peer-settings.ts), so such a file pushed once
// stopped every host that synced. One megabyte of `[` took 18.8 s and 877 MB in one parse and killed
// the process in the next; an 8 MB flow list (`[1,1,...]`, or of aliases `[*a,*a,...]`) took 40 s and
// 3.3 GB. Each is refused naming its line before the library sees it; settings holding brackets in
// quotes and comments, and a real file, parse as before. (sync's own refusal: test/git/peer-settings.test.ts.)
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config-file.js';
import { shardCountIn } from '../../src/git/peer-settings.js';
import { FileError } from '../../src/errors.js';
import { MAX_FLOW_DEPTH, MAX_ITEMS, yamlShapeProblem } from '../../src/yaml-shape.js';

const HOSTILE: [string, string, RegExp][] = [
  ['a megabyte of [', `lock_wait: 30s\nalerts: ${'['.repeat(1024 * 1024)}`, /line 2: nests \[ and \{ more than 64 deep/],
  ['nested maps', `shards: 64\ncooldowns: ${'{a: '.repeat(100_000)}`, /line 2: nests \[ and \{ more than 64 deep/],
  ['an 8 MB flow list', `alerts: [${'1,'.repeat(4_000_000)}]`, /line 1: holds more than 50000 lines and list items/],
  ['a list of aliases', `a: &a [1, 2, 3]\nalerts: [${'*a, '.repeat(1_000_000)}]`, /line 2: holds more than 50000 lines and list items/],
  ['a million lines', `alerts:\n${'  - 1\n'.repeat(1_000_000)}`, /line 50001: holds more than 50000 lines/],
];

describe('a settings file shaped to exhaust the YAML parser', () => {
  it.each(HOSTILE)('%s: refused by every command and by sync, naming the line', (_what, text, message) => {
    const refusal = (() => {
      try {
        parseConfig('accountpool.yaml', text);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(FileError);
    expect(`line ${(refusal as FileError).line}: ${(refusal as FileError).reason}`).toMatch(message);
    expect(() => shardCountIn('0123456789abcdef', text)).toThrow(new RegExp(`accountpool.yaml of commit 0123456789ab, ${message.source}.*Nothing was synced or changed here`));
  });

  it('brackets, commas and # in quotes and comments are text; a settings file with lists and maps parses as before', () => {
    const deep = '['.repeat(MAX_FLOW_DEPTH + 10);
    const text = [
      `# ${deep} a comment`,
      `checker_command: "echo ${deep} \\" ${'{'.repeat(80)}"`,
      `instance_note: 'it''s ${deep}'`,
      `lock_wait: 30s # ${deep}`,
      'cooldowns: {temp_banned: 3d, blind: 7d}',
      `# ${','.repeat(MAX_ITEMS + 10)}`,
    ].join('\n');
    expect(yamlShapeProblem(text)).toBeUndefined();
    expect(yamlShapeProblem(`a: [[[${'['.repeat(MAX_FLOW_DEPTH - 3)}]]]]`)).toBeUndefined();
    expect(yamlShapeProblem(`a: ${'['.repeat(MAX_FLOW_DEPTH + 1)}`)).toEqual({ line: 1, what: `nests [ and { more than ${MAX_FLOW_DEPTH} deep` });
    const config = parseConfig('accountpool.yaml', 'shards: 16\nlock_wait: 30s # [[[\ncooldowns: {temp_banned: 3d}\n');
    expect(config.shards).toBe(16);
  });
});
