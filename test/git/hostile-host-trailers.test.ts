// A peer writes its commits' `Accountpool-Host` trailers as it likes. Each host a sync sees dated in
// its future is written, by name, into this host's clock file and published (clock-claims.ts): a
// peer's commits naming 60 KB "hosts" made that file as large, past what other hosts read (they
// skip a clock file that large, losing this host's real findings), and a name holding escapes or
// `../` went into it as it was. Only a name a clone makes for itself (clock-host.ts) is a host's.
import { beforeAll, describe, expect, it } from 'vitest';
import { testdir } from '../helpers/testdir.js';
import { GIT_ENV, gitIn, useGitEnv } from './helpers.js';
import { observeLeads } from '../../src/git/clock-claims.js';
import { execFileSync } from 'node:child_process';

beforeAll(useGitEnv);

describe("a peer's hostile host trailers", () => {
  it('names no clone makes are no hosts: never a lead; a real name dated ahead still is', async () => {
    const dir = await testdir();
    await gitIn(dir, 'init', '--quiet');
    const ahead = Math.floor(Date.now() / 1000) + 3 * 86400;
    const commit = (n: number, host: string) => {
      execFileSync('git', ['commit', '--quiet', '--allow-empty', '-m', `c${n}`, '-m', `Accountpool-Host: ${host}`], { cwd: dir, env: { ...process.env, ...GIT_ENV, GIT_COMMITTER_DATE: `${ahead} +0000` } });
    };
    commit(1, 'east-1-3fa2c1');
    commit(2, 'h'.repeat(60_000));
    commit(3, '../../shards/0');
    commit(4, 'evil\u001b[2Jname');
    const leads = await observeLeads(dir, 'HEAD', 'west-2-000000', Date.now());
    expect(leads.map((lead) => lead.host)).toEqual(['east-1-3fa2c1']);
  });
});
