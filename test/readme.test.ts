// The docs are a promise: every `$ accountpool ...` line in the console blocks of README.md and
// of each page of docs/ is run here, in order, page by page, each page in a fresh folder holding
// this repository's examples/ (like a reader who opens that page and follows along), and the
// output shown under it must be what the command really prints (numbers, times and paths aside).
// A page whose examples need accounts shows its own setup lines (`init`, `import`, ...) first.
import { describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { cp, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { cli, ROOT } from './helpers/cli.js';
import { docPages } from './helpers/docs.js';
import { testdir } from './helpers/testdir.js';

const run = promisify(execFile);

/** Programs other than accountpool that a page's reader runs to put files in place (`mkdir`,
 * `cp` into the inbox): run too, so the next lines see what the reader's would. Any other
 * program (cat, git, ...) is shown for the reader and not run here. */
const FILE_MOVES = new Set(['mkdir', 'cp']);

interface Step {
  command: string;
  program: string;
  args: string[];
  shown: string[];
  exit: number;
}

/** `$ ...` lines of ```console blocks, with the output lines shown under each. */
function stepsOf(page: string): Step[] {
  const steps: Step[] = [];
  for (const block of page.matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: Step | undefined;
    for (const line of block[1]!.split('\n')) {
      const command = /^\$ (?:npx )?(accountpool|\S+) (.*?)(?:\s+# exit (\d))?$/.exec(line);
      if (command && (command[1] === 'accountpool' || FILE_MOVES.has(command[1]!))) {
        const args = command[2]!.match(/"[^"]*"|\S+/g)!.map((a) => a.replace(/^"|"$/g, ''));
        current = { command: line, program: command[1]!, args, shown: [], exit: Number(command[3] ?? 0) };
        steps.push(current);
      } else if (line.startsWith('$ ')) {
        current = undefined; // another program (cat, git, ...): shown for the reader, not run here
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

async function runStep(step: Step, dir: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  if (step.program === 'accountpool') return cli(step.args, { cwd: dir, env });
  try {
    return { code: 0, ...(await run(step.program, step.args, { cwd: dir })) };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof failed.code === 'number' ? failed.code : 1, stdout: failed.stdout ?? '', stderr: failed.stderr ?? String(error) };
  }
}

const pages = await docPages();
const stepsByPage = new Map(await Promise.all(pages.map(async (page) => [page, stepsOf(await readFile(join(ROOT, page), 'utf8'))] as const)));

describe('the docs', () => {
  it('show runnable examples: the landing page a tour, the command reference every command', () => {
    expect(stepsByPage.get('README.md')!.filter((s) => s.program === 'accountpool').length).toBeGreaterThan(6);
    expect(stepsByPage.get('docs/commands.md')!.length).toBeGreaterThan(10);
  });

  it.each(pages.filter((page) => stepsByPage.get(page)!.length > 0))('%s: every command it shows runs, exits as shown, and prints what it shows', async (page) => {
    const dir = await testdir();
    await cp(join(ROOT, 'examples'), join(dir, 'examples'), { recursive: true });
    const env = { ACCOUNTPOOL_DIR: join(dir, 'pool') };
    for (const step of stepsByPage.get(page)!) {
      if (step.program === 'accountpool' && step.args[0] === 'watch' && !step.args.includes('--once')) continue; // runs until stopped: tested in test/watch
      if (step.program === 'accountpool' && step.args[0] === 'serve') continue; // a server: tested in test/server
      const result = await runStep(step, dir, env);
      expect(result.code, `${page}: ${step.command}\n${result.stderr}`).toBe(step.exit);
      const printed = (result.stdout + result.stderr).split('\n').map(normalise);
      for (const shown of step.shown) {
        // `...` in a shown line stands for text that differs between machines.
        const pattern = new RegExp(`^${normalise(shown).replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\.\\\.\\\./g, '.*')}$`);
        expect(printed.some((line) => pattern.test(line)), `${page}: ${step.command} should print:\n${shown}\nbut printed:\n${printed.join('\n')}`).toBe(true);
      }
    }
  });
});
