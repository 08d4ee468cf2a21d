// One command run: its --help, or its code, with what it throws turned into one clear line and an
// exit code. main.ts runs every command through it (start-command.ts); the merge driver's own entry
// (merge-driver-run.ts) runs the driver through it, so both starts answer alike.
import { EXIT, isAppError } from '../errors.js';
import { println, printText, type Command, type Context } from './context.js';
import { outOfFiles, outOfFilesLine } from '../open-files-limit.js';

/** Runs `command` (named `name` in messages) with `ctx`, whose argv holds the arguments after the command's name. */
export async function runCommand(name: string, command: Command, ctx: Context): Promise<number> {
  const rest = ctx.argv;
  if (rest.includes('--help') || rest.includes('-h')) {
    printText(ctx.stdout, command.help);
    return EXIT.ok;
  }
  try {
    return (await command.run(ctx)) ?? EXIT.ok;
  } catch (error) {
    const debug = rest.includes('--debug') || ctx.env.ACCOUNTPOOL_DEBUG === '1';
    if (isAppError(error)) {
      println(ctx.stderr, `accountpool ${name}: ${error.message}`);
      if (debug) printText(ctx.stderr, error.stack);
      return error.exitCode;
    }
    const err = error as NodeJS.ErrnoException;
    const limit = outOfFiles(error);
    if (limit) {
      println(ctx.stderr, `accountpool ${name}: ${outOfFilesLine(error, limit)}`);
      if (debug) printText(ctx.stderr, err.stack);
      return EXIT.failure;
    }
    println(ctx.stderr, `accountpool ${name}: ${err.message ?? String(error)}${debug ? '' : ' (run with --debug for details)'}`);
    if (debug) printText(ctx.stderr, err.stack);
    return EXIT.failure;
  }
}
