// `sync` passes options older gits refuse (rebase --reapply-cherry-picks: 2.27; log --diff-merges:
// 2.31): on a host with Ubuntu 20.04's git 2.25 the failure must say which git accountpool needs, not
// only git's "unknown option" deep inside a sync. The refusals below are the real git's words for an
// option it lacks (a real git of today, asked for options no git has).
import { describe, expect, it } from 'vitest';
import { git, GitError } from '../../src/git/run-git.js';
import { testdir } from '../helpers/testdir.js';

describe('a git too old for an option accountpool passes', () => {
  it("names the git accountpool needs, beside git's own words", async () => {
    const dir = await testdir();
    await git(['init', '-q'], { cwd: dir });
    for (const args of [['rebase', '--no-such-option-in-any-git'], ['status', '-Q']]) {
      const failure = await git(args, { cwd: dir }).then(() => undefined, (error: unknown) => error);
      expect(failure).toBeInstanceOf(GitError);
      expect((failure as GitError).message, args.join(' ')).toMatch(/accountpool needs git 2\.31 or newer/);
    }
  });
  it('says nothing of versions for a git that failed for another reason', async () => {
    const dir = await testdir();
    await git(['init', '-q'], { cwd: dir });
    const failure = await git(['log', '-1'], { cwd: dir }).then(() => undefined, (error: unknown) => error);
    expect(failure).toBeInstanceOf(GitError);
    expect((failure as GitError).message).not.toMatch(/needs git/);
  });
});
