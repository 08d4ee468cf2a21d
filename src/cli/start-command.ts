// A found command's start: V8's tier-up budget set, its code loaded, then run (run-command.ts).
// main.ts starts every command through it once it has found the command's entry in the command
// list; the own entry of allocate, status, mark and release (command-run.ts) starts them through it, without loading that
// list, so a change to how a command starts reaches both.
import { EXIT } from '../errors.js';
import { println, type CommandEntry, type Context } from './context.js';
import { outOfFiles, outOfFilesLine } from '../open-files-limit.js';
import { runCommand } from './run-command.js';
import { optimiseLater } from './tier-up.js';

/** Loads `entry`'s code and runs it with `ctx`, whose argv holds the arguments after the command's name `name`. */
export async function startCommand(name: string, entry: Pick<CommandEntry, 'load' | 'optimiseSoon'>, ctx: Context): Promise<number> {
  // Before the command's code is loaded, for the commands that end by themselves (tier-up.ts).
  if (!entry.optimiseSoon) optimiseLater();
  let command;
  try {
    command = await entry.load();
  } catch (error) {
    // The command's own code loaded on first use (its chunk and theirs, many files at once).
    const limit = outOfFiles(error);
    if (!limit) throw error;
    println(ctx.stderr, `accountpool ${name}: ${outOfFilesLine(error, limit)}`);
    return EXIT.failure;
  }
  return runCommand(name, command, ctx);
}
