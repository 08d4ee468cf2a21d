// Who else may have written the pool's settings.
//
// `accountpool.yaml` chooses programs the pool runs as whoever runs it (`checker_command`, the
// alerts' `command`) and, without git, is used as it is (git/trusted-commands.ts guards only what a
// pull brings). A pool folder every local user may write to (made under `umask 000`, or opened with
// `chmod 777` for a scanner of another user) let any of them rename the file away and put their own
// in its place: the operator's next `allocate` ran their checker command as the operator (root in a
// container), and their shards, holds and passwords were the pool's. A settings file another user
// owns (not root) is theirs to rewrite at will, likewise. So, as ssh refuses an authorized_keys in
// such a place (sshd's StrictModes), every command refuses such a pool before reading anything of
// it, naming the folder or file and the fix. A folder or file only its group may write (a team of
// operators) is left as it is: choosing that group is the operator's own decision.
import type { Stats } from 'node:fs';
import { AppError } from './errors.js';
import { shellWord } from './shell-word.js';

const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(4, '0');

/** Refuses the pool folder `folder` (its stat `info`) when every user may write to it. */
export function refuseOpenFolder(folder: string, info: Stats): void {
  if ((info.mode & 0o002) === 0) return;
  throw new AppError(
    `${folder} may be written by every user of this machine (mode ${octal(info.mode)}): any of them could put their own accountpool.yaml there, whose checker or alert command would run as you, or their own shards. ` +
      `Nothing was read or written. Make it yours alone (\`chmod 700 ${shellWord(folder)}\`, as init makes it; a scanner of another user reads only the accounts file, given with --file-mode 0640), then check accountpool.yaml is the one you wrote`,
  );
}

/** Refuses the settings file `file` (its stat `info`) when a user other than this process's (or root) owns it, or every user may write to it. */
export function refuseOthersSettings(file: string, info: Stats): void {
  const me = process.geteuid?.();
  if (me !== undefined && info.uid !== me && info.uid !== 0) {
    throw new AppError(
      `${file} belongs to user ${info.uid}, not to you (user ${me}) nor root: its owner chooses the programs this pool runs as you (checker_command, alert commands) and may change them at any time. ` +
        `Nothing was read or written. Check what it says, then make it yours (\`chown ${me} ${shellWord(file)}\`)`,
    );
  }
  if ((info.mode & 0o002) !== 0) {
    throw new AppError(`${file} may be written by every user of this machine (mode ${octal(info.mode)}): any of them could choose the programs this pool runs as you. Nothing was read or written. Check what it says, then \`chmod 600 ${shellWord(file)}\``);
  }
}
