// The CLI entry: picks the command, runs it, and turns what it throws into one clear line and an
// exit code. Only bin/accountpool.js calls process.exit.
import { EXIT } from '../errors.js';
import { COMMANDS } from '../commands/index.js';
import { println, printText, type Context } from './context.js';
import { packageVersion } from '../install.js';
import { isFlag, TOP_FLAGS } from './args.js';
import { startCommand } from './start-command.js';

function usage(): string {
  const listed = COMMANDS.filter((c) => !c.hidden);
  const width = Math.max(...listed.map((c) => c.name.length));
  return [
    'accountpool: a circular pool of scanner accounts in sharded YAML files',
    '',
    'usage: accountpool <command> [flags]     (accountpool <command> --help for its flags)',
    '',
    ...listed.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --pool DIR (else $ACCOUNTPOOL_DIR, else ./pool) and --debug.',
    'accountpool --version (-V) prints the version.',
    'Exit codes: 0 success, 1 failure, 2 usage error, 3 the pool cannot satisfy the request.',
  ].join('\n');
}

export async function main(ctx: Omit<Context, 'argv'> & { argv: string[] }): Promise<number> {
  const [name, ...rest] = ctx.argv;
  if (name === undefined || isFlag(name, 'help', TOP_FLAGS.help) || name === 'help') {
    printText(name === undefined ? ctx.stderr : ctx.stdout, usage());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  if (isFlag(name, 'version', TOP_FLAGS.version)) {
    println(ctx.stdout, `accountpool ${packageVersion()}`);
    return EXIT.ok;
  }
  const entry = COMMANDS.find((c) => c.name === name);
  if (!entry) {
    println(ctx.stderr, `accountpool: unknown command "${name}"`);
    printText(ctx.stderr, `\n${usage()}`);
    return EXIT.usage;
  }
  // ctx's properties as they are, not their values: a getter stays one (run.ts makes process.stdin only when read).
  const own = Object.defineProperties({}, { ...Object.getOwnPropertyDescriptors(ctx), argv: { value: rest, enumerable: true } }) as Context;
  return startCommand(name, entry, own);
}
