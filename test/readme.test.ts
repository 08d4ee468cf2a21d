// The README is a promise: every `$ accountpool ...` line in its console blocks is run here, in
// order, against one temp pool (like a reader following along), and the output shown under it
// must be what the command really prints (numbers, times and paths aside).
import { describe, expect, it } from 'vitest';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { cli, ROOT } from './helpers/cli.js';
import { testdir } from './helpers/testdir.js';

interface Step {
  command: string;
  args: string[];
  shown: string[];
  exit: number;
}

/** `$ accountpool ...` lines of ```console blocks, with the output lines shown under each. */
function stepsOf(readme: string): Step[] {
  const steps: Step[] = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: Step | undefined;
    for (const line of block[1]!.split('\n')) {
      const command = /^\$ (?:npx )?accountpool (.*?)(?:\s+# exit (\d))?$/.exec(line);
      if (command) {
        current = { command: line, args: command[1]!.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, '')), shown: [], exit: Number(command[2] ?? 0) };
        steps.push(current);
      } else if (line.startsWith('$ ')) {
        current = undefined; // another program (cat, ...): shown for the reader, not run here
      } else if (current && line.trim() !== '') {
        current.shown.push(line);
      }
    }
  }
  return steps;
}

/** Numbers, times and absolute paths differ from run to run; the words and layout must not. */
function normalise(line: string): string {
  return line
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'TIME')
    .replace(/(?:\/[^\s:,)'"]+)+/g, 'PATH')
    .replace(/\d+(\.\d+)?/g, 'N')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('README', () => {
  it('every accountpool command it shows runs, exits as shown, and prints what it shows', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const steps = stepsOf(readme);
    expect(steps.length).toBeGreaterThan(10);
    const dir = await testdir();
    await cp(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    const env = { ACCOUNTPOOL_DIR: join(dir, 'pool') };
    for (const step of steps) {
      if (step.args[0] === 'watch' && !step.args.includes('--once')) continue; // runs until stopped: tested in test/watch
      if (step.args[0] === 'serve') continue; // a server: tested in test/server
      const result = await cli(step.args, { cwd: dir, env });
      expect(result.code, `${step.command}\n${result.stderr}`).toBe(step.exit);
      const printed = (result.stdout + result.stderr).split('\n').map(normalise);
      for (const shown of step.shown) {
        // `...` in a shown line stands for text that differs between machines.
        const pattern = new RegExp(`^${normalise(shown).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\.\\\.\\\./g, '.*')}$`);
        expect(printed.some((line) => pattern.test(line)), `${step.command} should print:\n${shown}\nbut printed:\n${printed.join('\n')}`).toBe(true);
      }
    }
  });
});
