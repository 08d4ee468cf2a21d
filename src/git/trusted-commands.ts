// Which of the config's settings that reach outside the pool this host's operator accepted.
// `accountpool.yaml` travels through the git remote like the shards, so whoever can push there
// could otherwise choose the programs every host runs (`checker_command`, the alerts' `command`)
// and the folder every host's watcher imports and files away (`inbox: /etc` would have moved the
// machine's files into /etc/failed/). A pool with a repository of its own runs a command, or
// watches an inbox other than the default `../inbox`, only when it stands in a record that git
// never carries: a file inside `.git/` (nothing a pull, fetch or clone brings can write there).
// A pool without git has no remote: its config was written on this host and is used as it is.
import { DEFAULT_CONFIG, type Config } from '../config.js';
import { AppError } from '../errors.js';
import { readOwnFile } from '../store/own-file.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { gitPath, isOwnRepo } from './repo.js';
import { shellWord } from '../shell-word.js';
import { weakSettings, type SettingReach } from './trusted-settings.js';

export const TRUSTED_FILE = 'accountpool-trusted-commands';

/** Where this host records what it accepted; undefined for a pool that is not a repository. */
export async function trustRecordPath(dir: string): Promise<string | undefined> {
  if (!(await isOwnRepo(dir))) return undefined;
  return gitPath(dir, TRUSTED_FILE);
}

/** A command (its argv), the inbox folder (as the config writes it), or a setting weaker than init's (trusted-settings.ts). */
export type Reach = readonly string[] | string | SettingReach;

/** One line each, as JSON: only the very same program and arguments, or the same folder, match. */
const key = (reach: Reach) => JSON.stringify(reach);

/** Whether the config's inbox needs accepting: any but the default, next to the pool. */
export const inboxNeedsAccepting = (inbox: string) => inbox !== DEFAULT_CONFIG.inbox;

/** Everything the config reaches outside the pool with, each once: its commands, an inbox of its own, its weakened settings. */
export function configReach(config: Config): Reach[] {
  const all: Reach[] = [...(config.checker_command.length > 0 ? [config.checker_command] : []), ...config.alerts.map((rule) => rule.command)];
  if (inboxNeedsAccepting(config.inbox)) all.push(config.inbox);
  all.push(...weakSettings(config));
  return [...new Map(all.map((c) => [key(c), c])).values()];
}

/** Whether `command` (or inbox) may be used here: always in a pool without git, else only when accepted. */
export async function isAccepted(dir: string, command: Reach): Promise<boolean> {
  const path = await trustRecordPath(dir);
  if (path === undefined) return true;
  // Written only by `accountpool trust --accept`; anything odd there (a link, a FIFO) accepts nothing.
  const record = (await readOwnFile(path, 1024 * 1024)) ?? '';
  return record.split('\n').includes(key(command));
}

/** Records exactly `commands` as accepted (what `trust --accept` saw in the config), mode 0600. */
export async function acceptCommands(dir: string, commands: readonly Reach[]): Promise<string> {
  const path = await trustRecordPath(dir);
  if (path === undefined) throw new AppError(`${dir} is not shared through git: its commands run as configured, there is nothing to accept`);
  await writeFileAtomic(path, commands.map((c) => `${key(c)}\n`).join(''));
  return path;
}

/** The words every refusal ends with: what to look at and the command that accepts. */
export function acceptHint(dir: string): string {
  return `check it (\`git -C ${shellWord(dir)} log -p -- accountpool.yaml\` shows who changed it), then accept it on this host with \`accountpool trust --accept --pool ${shellWord(dir)}\``;
}

/** Why a command is not run: the line `allocate` stops with, and alerts log. */
export function notAcceptedReason(dir: string, what: string, command: Reach): string {
  return `${what} ${key(command)} is not accepted on this host: a pool shared through git runs only the commands, and watches only the inbox, its own operator accepted (this one may have come with a sync); ${acceptHint(dir)}`;
}

/** Stops `allocate` (its checker) or `watch` (its inbox) before anything is done when not accepted. */
export async function assertAccepted(dir: string, what: string, command: Reach): Promise<void> {
  if (!(await isAccepted(dir, command))) throw new AppError(notAcceptedReason(dir, what, command));
}
