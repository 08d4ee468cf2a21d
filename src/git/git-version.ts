// The oldest git accountpool's git calls work with: `sync` passes options older gits refuse as
// unknown (`log --diff-merges`, git 2.31; `rebase --reapply-cherry-picks`, git 2.27). Such a
// refusal names no version, so a host with an old git (Ubuntu 20.04 ships 2.25) would not know what
// to install: a failing git call whose own words say it did not know an option says it. Read off
// the failure, not asked with `git version` first: that would cost every sync a process.

export const OLDEST_GIT = '2.31';

/** git's words for an option it does not know (parse-options.c: "unknown option", "unknown switch"; revision.c: "unrecognized argument"). */
const UNKNOWN_OPTION = /\b(unknown option|unknown switch|unrecognized argument)\b/i;

/** The sentence added to a failed git call's message, or '' when git's words do not say it lacked an option. */
export function olderGitHint(stderr: string): string {
  return UNKNOWN_OPTION.test(stderr) ? ` (accountpool needs git ${OLDEST_GIT} or newer: \`git version\` names this host's; install a newer git, e.g. from your distribution's backports)` : '';
}
