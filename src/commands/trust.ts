// `accountpool trust [--accept]`: the programs the pool's config would run on this host
// (`checker_command`, the alerts' commands), an inbox other than the default, and whether this
// host's operator accepted them. A pool shared through git uses only accepted ones
// (src/git/trusted-commands.ts).
import { parseFlags, type Flags } from '../cli/args.js';
import { println, printJson, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { EXIT } from '../errors.js';
import { acceptCommands, configReach, isAccepted, trustRecordPath } from '../git/trusted-commands.js';
import { shellWord } from '../shell-word.js';
import { settingText, settingWhy, type SettingReach } from '../git/trusted-settings.js';

const FLAGS = { accept: { type: 'boolean' }, json: { type: 'boolean' } } as const satisfies Flags;

export const trust: Command = {
  help: `usage: accountpool trust [--accept] [--json] [--pool DIR]

Lists the programs the pool's accountpool.yaml would run (checker_command, the alerts' command),
its inbox when it is not the default ../inbox, and the settings it weakens below init's values
(a lease or release_timeout shorter, a lock_wait longer, history: false, checker: simulated),
and whether this host accepted them. A pool
shared through git (its own .git) runs only the commands, and watches only the inbox, this
host's operator accepted, and uses init's value of a weakened setting until it is accepted:
accountpool.yaml comes with every sync, and whoever can push to the remote could otherwise
choose what every host runs, which folder its watcher files away, or end every host's leases. The
record is kept in .git/, which git never carries. Exits 1 while one is not accepted.

  --accept   accept exactly what the config holds now (read it first)
  --json     one JSON object per command`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('trust', ctx.argv, FLAGS);
    const pool = await openPool(ctx, values.pool, { asWritten: true });
    const dir = pool.layout.dir;
    const commands = configReach(pool.config);
    if (values.accept) println(ctx.stderr, `accepted ${commands.length} setting${commands.length === 1 ? '' : 's'} on this host (recorded in ${await acceptCommands(dir, commands)})`);
    const shared = (await trustRecordPath(dir)) !== undefined;
    let missing = 0;
    for (const command of commands) {
      const accepted = await isAccepted(dir, command);
      if (!accepted) missing++;
      const state = !shared ? 'used as configured (the pool is not shared through git)' : accepted ? 'accepted' : 'NOT accepted: not used on this host';
      const what = typeof command === 'string' ? 'inbox' : Array.isArray(command) ? 'command' : 'setting';
      const shown = what === 'setting' ? `${settingText(command as SettingReach)} (weaker than init's: ${settingWhy(command as SettingReach)})` : JSON.stringify(command);
      if (values.json) printJson(ctx.stdout, { [what]: command, accepted });
      else println(ctx.stdout, `${what} ${shown}: ${state}`);
    }
    if (commands.length === 0 && !values.json) println(ctx.stdout, 'the config runs no command (no checker_command, no alert command) and uses the default inbox');
    if (missing > 0) println(ctx.stderr, `${missing} setting${missing === 1 ? ' is' : 's are'} not accepted: read them, then run \`accountpool trust --accept --pool ${shellWord(dir)}\``);
    return missing > 0 ? EXIT.failure : EXIT.ok;
  },
};
