// Names a merge of a shard brings together that the import would have refused: a second
// spelling of an account the other side holds (`John.Doe@gmail.com` imported on one host,
// `johndoe@gmail.com` on another: one Google account), or a name with a look-alike letter or a mark no login holds (login-name-problem.ts). The
// merge keeps every line (dropping one would lose the other host's account, and which is right is
// the operator's call); these are told, naming the merged file's lines, as allocate, serve and
// verify tell them after: allocate and serve hand out neither meanwhile. Only within the one shard
// git hands the driver: two spellings in two shards are found by verify, allocate and serve.
import { isOwnSpelling, spellingOf, whyOneAccount } from '../account-spelling.js';
import { LOOK_ALIKE_ADVICE, TWIN_ADVICE } from '../allocate/spelling-twins.js';
import { loginNameProblem } from '../login-name-problem.js';
import { keyOf, type Account } from '../model.js';

/** How the merge driver's lines about such names begin (sync.ts passes them on). */
export const MERGED_NAME_PREFIX = 'accountpool merge-driver: warning: ';

/** The line of the merged shard that holds its `index`-th account (after the header line). */
const lineOf = (index: number) => index + 2;

/**
 * What to tell about `merged` (in shard order, as written to `label`) that `ours` did not hold
 * already: each as `label:line: ...`, never a password.
 */
export function mergedNameProblems(label: string, merged: readonly Account[], ours: readonly Account[]): string[] {
  const had = new Set(ours.map((a) => keyOf(a.username)));
  const keys = merged.map((a) => keyOf(a.username));
  const spellings = merged.map((a, i) => spellingOf(keys[i]!, a.provider));
  const problems: string[] = [];
  const bySpelling = new Map<string, number>();
  merged.forEach((account, i) => {
    const key = keys[i]!;
    const spelling = spellings[i]!;
    if (!had.has(key)) {
      const lookAlike = loginNameProblem(account.username, account.provider);
      if (lookAlike) problems.push(`${label}:${lineOf(i)}: account ${account.username}: ${lookAlike}; ${LOOK_ALIKE_ADVICE}`);
    }
    if (spelling !== key) bySpelling.set(spelling, bySpelling.get(spelling) ?? i);
  });
  const at = new Map(keys.map((key, i) => [key, i]));
  merged.forEach((account, i) => {
    const key = keys[i]!;
    const spelling = spellings[i]!;
    if (spelling === key) return;
    // The key that is the spelling itself, unless it spells another (a Google name without @); else the first odd one.
    const plain = at.get(spelling);
    const other = plain !== undefined && isOwnSpelling(spelling, () => merged[plain]!.provider) ? plain : bySpelling.get(spelling);
    if (other === undefined || other === i) return;
    if (had.has(key) && had.has(keys[other]!)) return; // ours held both already: not this merge's doing
    problems.push(`${label}:${lineOf(i)}: account ${account.username} is another spelling of ${merged[other]!.username} on line ${lineOf(other)} (one account: ${whyOneAccount(key, keys[other]!, spelling)}); ${TWIN_ADVICE}`);
  });
  return problems;
}
