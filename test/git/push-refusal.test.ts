// Which refused pushes are a lost race (pull and push again) and which the remote would refuse the
// same way again (stop at once), told from git's own words. The texts are git's: the reasons of
// builtin/receive-pack.c (update(), execute_commands_non_atomic/atomic), the ref store's errors it
// prints first (refs/files-backend.c check_old_oid and write_ref_to_lockfile, lockfile.c
// unable_to_lock_message), transport.c's `! [rejected]` lines. A real race and a real full disk
// are in many-hosts.test.ts and push-refused.test.ts.
import { describe, expect, it } from 'vitest';
import { GitError } from '../../src/git/run-git.js';
import { isRaceLost, pushRefusal } from '../../src/git/push-refusal.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function pushFailed(...lines: string[]): GitError {
  return new GitError('git push --quiet origin HEAD:refs/heads/main', 1, [...lines, "error: failed to push some refs to '/srv/pool.git'"].join('\n'), 'exit 1');
}

describe('a refused push', () => {
  it('is a race when the branch moved: before sending, or as receive-pack wrote it', () => {
    for (const error of [
      pushFailed(' ! [rejected]        HEAD -> main (fetch first)'),
      pushFailed(' ! [rejected]        HEAD -> main (non-fast-forward)'),
      pushFailed(`remote: error: cannot lock ref 'refs/heads/main': is at ${A} but expected ${B}        `, ' ! [remote rejected] HEAD -> main (failed to update ref)'),
      pushFailed(' ! [remote rejected] HEAD -> main (incorrect old value provided)'),
      pushFailed("remote: error: cannot lock ref 'refs/heads/main': Unable to create '/srv/pool.git/refs/heads/main.lock': File exists.", ' ! [remote rejected] HEAD -> main (failed to update ref)'),
      pushFailed(' ! [remote rejected] HEAD -> main (failed to update ref)'.replace('failed to update ref', `cannot lock ref 'refs/heads/main': is at ${A} but expected ${B}`)),
    ]) {
      expect(isRaceLost(error), error.stderr).toBe(true);
      expect(pushRefusal(error)).toBeUndefined();
    }
  });

  it('is a refusal when the remote could not write the branch for another reason: its disk, its permissions', () => {
    const full = pushFailed("remote: error: cannot update ref 'refs/heads/main': couldn't write '/srv/pool.git/./refs/heads/main.lock'        ", ' ! [remote rejected] HEAD -> main (failed to update ref)');
    expect(isRaceLost(full)).toBe(false);
    expect(pushRefusal(full)).toEqual({ reasons: ['failed to update ref'], said: ["error: cannot update ref 'refs/heads/main': couldn't write '/srv/pool.git/./refs/heads/main.lock'"] });
    for (const error of [
      // Newer gits: the transaction as a whole (execute_commands_non_atomic).
      pushFailed("remote: error: unable to append to '/srv/pool.git/logs/refs/heads/main': No space left on device", ' ! [remote rejected] HEAD -> main (failed to update refs)'),
      pushFailed("remote: error: cannot lock ref 'refs/heads/main': Unable to create '/srv/pool.git/refs/heads/main.lock': Permission denied", ' ! [remote rejected] HEAD -> main (failed to update ref)'),
      pushFailed('remote: error: insufficient permission for adding an object to repository database ./objects', ' ! [remote rejected] HEAD -> main (unpacker error)'),
      pushFailed(' ! [remote rejected] HEAD -> main (unable to migrate objects to permanent storage)'),
      pushFailed(' ! [remote rejected] HEAD -> main (pre-receive hook declined)'),
    ]) {
      expect(isRaceLost(error), error.stderr).toBe(false);
      expect(pushRefusal(error), error.stderr).toBeDefined();
    }
  });

  it('a branch whose name holds a parenthesis never lends its words to the reason', () => {
    const named = pushFailed(' ! [remote rejected] HEAD -> main(fetch first) (pre-receive hook declined)');
    expect(isRaceLost(named)).toBe(false);
    expect(pushRefusal(named)?.reasons).toEqual(['pre-receive hook declined']);
    expect(isRaceLost(pushFailed(' ! [rejected]        HEAD -> pool(x) (fetch first)'))).toBe(true);
  });

  it('words of the remote\'s that only look like a race in another line make no race of a refusal', () => {
    // A hook's own output naming a race: the reason decides, and a hook's refusal is never a ref write.
    const hook = pushFailed(`remote: error: cannot lock ref 'refs/heads/main': is at ${A} but expected ${B}`, ' ! [remote rejected] HEAD -> main (pre-receive hook declined)');
    expect(isRaceLost(hook)).toBe(false);
    expect(pushRefusal(hook)?.reasons).toEqual(['pre-receive hook declined']);
  });
});
