// `accountpool completion bash|zsh|fish`: prints the shell's completion script, written from the
// commands' own flag tables (see src/completion/spec.ts).
import { parseFlags, type Flags } from '../cli/args.js';
import { type Command } from '../cli/context.js';
import { UsageError } from '../errors.js';
import { packageVersion } from '../install.js';
import { completionSpec, type CompletionSpec } from '../completion/spec.js';
import { bashScript } from '../completion/bash.js';
import { zshScript } from '../completion/zsh.js';
import { fishScript } from '../completion/fish.js';

const SCRIPTS: Record<string, (spec: CompletionSpec) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };
const SHELLS = Object.keys(SCRIPTS);

const FLAGS = {} as const satisfies Flags;

export const completion: Command = {
  help: `usage: accountpool completion bash|zsh|fish

Prints a script that completes commands, flags, --format, --checker, --verdict and --state
values, file and folder names, and instance names and usernames from the pool (--pool, else
$ACCOUNTPOOL_DIR, else ./pool; read, never changed, no passwords). Load it:
  bash   source <(accountpool completion bash)            in ~/.bashrc
  zsh    source <(accountpool completion zsh)             in ~/.zshrc, after compinit
  fish   accountpool completion fish > ~/.config/fish/completions/accountpool.fish`,
  flags: FLAGS,
  operands: SHELLS,
  async run(ctx) {
    const { positionals } = parseFlags('completion', ctx.argv, FLAGS, true);
    const [shell, ...extra] = positionals;
    if (shell === undefined || extra.length > 0 || !Object.hasOwn(SCRIPTS, shell)) throw new UsageError(`completion takes one shell: ${SHELLS.join(', ')}`);
    // Loaded here, not at the top: the command list imports this file.
    const { loadAll } = await import('./index.js');
    ctx.stdout.write(SCRIPTS[shell]!(completionSpec(await loadAll(), packageVersion())));
  },
};
