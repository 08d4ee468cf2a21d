// `sync` (and `allocate --sync`, a scanner's pre-start hook) run from a terminal with the
// operator's own ssh (core.sshCommand: BatchMode is not added to theirs, no-prompt.ts) whose key
// has a passphrase: ssh asked on /dev/tty and the sync waited there, holding the pool lock, until
// the network timeout (120 s); a hook started from a terminal nobody watches hung the scanner's
// start. Until stop 62 (K). Now the fetch and push run in a session of their own (run-git.ts
// `noTerminal`): ssh finds no terminal, fails at once, and the sync says what to do. The terminal
// is real: a pseudo-terminal made by Python's pty module, the command a real process inside it.
import { chmod, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { cli, cliWithin, startCli } from '../helpers/cli.js';
import { testdir, waitFor, waitForExit } from '../helpers/testdir.js';
import { pythonPath, STDLIB_ONLY } from '../helpers/python.js';
import { gitIn, openCommitting, remoteThrough, useGitEnv, waitingProgram } from './helpers.js';
import { sync } from '../../src/git/sync.js';
import { ALLOCATE_NETWORK_TIMEOUT_MS } from '../../src/git/allocate-sync.js';

/** Runs argv[1:] with a pseudo-terminal as its controlling terminal; exits with its code. */
const IN_A_TERMINAL = ['-c', 'import os, pty, sys\nstatus = pty.spawn(sys.argv[1:])\nsys.exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)'];

beforeAll(useGitEnv);

describe('a network git never asks on the operator\'s terminal', () => {
  it('sync from a terminal with the operator\'s own ssh, whose key would ask a passphrase: fails at once, saying what to do', async () => {
    const under = [pythonPath(), ...STDLIB_ONLY, ...IN_A_TERMINAL];
    // The harness gives a terminal (else the test proves nothing).
    const control = spawnSync(under[0]!, [...under.slice(1), 'sh', '-c', '(: </dev/tty) && echo has-a-tty'], { encoding: 'utf8', input: '' });
    expect(control.stdout).toContain('has-a-tty');

    const base = await testdir();
    const pool = join(base, 'pool');
    const init = await cli(['init', '--pool', pool, '--shards', '2', '--git']);
    expect(init.code, init.stderr).toBe(0);
    // ssh as a key with a passphrase makes it: it asks on /dev/tty when it can open it.
    const marks = join(base, 'ssh-marks');
    const ssh = join(base, 'my-ssh');
    await writeFile(
      ssh,
      `#!/bin/sh\necho ran >> '${marks}'\nif (: </dev/tty) 2>/dev/null; then\n  echo tty >> '${marks}'\n  printf "Enter passphrase for key '/root/.ssh/id_ed25519': " >/dev/tty\n  read -r answer </dev/tty\nfi\necho "read_passphrase: can't open /dev/tty: No such device or address" >&2\necho 'git@pool.invalid: Permission denied (publickey).' >&2\nexit 255\n`,
    );
    await chmod(ssh, 0o755);
    await gitIn(pool, 'remote', 'add', 'origin', 'git@pool.invalid:pool.git');
    await gitIn(pool, 'config', 'core.sshCommand', ssh);

    // A bound on a hang, not a measure: before, it waited 120 s for an answer.
    const run = await cliWithin(['sync', '--pool', pool], 60_000, { under });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(1);
    // ssh ran (git may start it more than once), and never found a terminal.
    expect(new Set((await readFile(marks, 'utf8')).trim().split('\n'))).toEqual(new Set(['ran']));
    // Through the pseudo-terminal stdout and stderr arrive together.
    expect(run.stdout).toContain('Permission denied (publickey)');
    expect(run.stdout).toContain('accountpool runs git\'s fetch and push with no terminal');
    expect(run.stdout).toContain('ssh-agent');
  }, 90_000);

  it('Ctrl-C (or a kill) of a sync while its fetch waits on the network ends that git and its ssh: none left running after us', async () => {
    const base = await testdir();
    const pool = join(base, 'pool');
    expect((await cli(['init', '--pool', pool, '--shards', '2', '--git'])).code).toBe(0);
    // An ssh to a remote that never answers: it notes its pid (exec keeps it) and waits.
    const { path: ssh, pidFile } = await waitingProgram(base, 'stalled-ssh');
    await remoteThrough(pool, ssh);
    const sync = startCli(['sync', '--pool', pool]);
    let out = '';
    sync.stderr!.on('data', (d) => (out += d));
    const sshPid = Number(await waitFor(async () => (await readFile(pidFile, 'utf8').catch(() => '')).trim() || undefined, { what: 'the fetch\'s ssh to start', timeoutMs: 60_000 }));
    // In a session of its own, git gets no Ctrl-C from the terminal: the sync passes it on.
    sync.kill('SIGINT');
    const { code } = await sync.closed;
    expect(code).toBe(1);
    expect(out).toContain('git fetch');
    expect(out).toContain('signal SIGINT');
    // The ssh (the whole process group) ended with it, not left waiting on the network.
    await waitForExit(sshPid, 'the stalled ssh to end');
  }, 90_000);

  it('an askpass of the operator\'s that waits for a person (a window nobody sees) is ended with the git at the bound, and the error names it', async () => {
    // stop 63: `allocate --sync` (a scanner's pre-start hook) waited 120 s for such a window; now
    // ALLOCATE_NETWORK_TIMEOUT_MS, and the error says which program of the operator's may be waiting.
    expect(ALLOCATE_NETWORK_TIMEOUT_MS).toBeLessThanOrEqual(30_000);
    const base = await testdir();
    const dir = join(base, 'pool');
    expect((await cli(['init', '--pool', dir, '--shards', '2', '--git'])).code).toBe(0);
    // The askpass: a window that notes its pid and waits for a click that never comes.
    const { path: askpass, pidFile } = await waitingProgram(base, 'my-askpass');
    // The operator's ssh, which asks through SSH_ASKPASS as OpenSSH does with no terminal.
    const ssh = join(base, 'my-ssh');
    await writeFile(ssh, '#!/bin/sh\nexec "$SSH_ASKPASS" "Enter passphrase for key \'/root/.ssh/id_ed25519\': "\n');
    await chmod(ssh, 0o755);
    await remoteThrough(dir, ssh);
    vi.stubEnv('GIT_ASKPASS', askpass);
    vi.stubEnv('SSH_ASKPASS', askpass);
    try {
      const pool = await openCommitting(dir);
      const failed = await sync(pool, { networkTimeoutMs: 1_500 }).then(() => undefined, (error: Error) => error);
      expect(failed?.message).toContain('no answer within 1.5 s');
      expect(failed?.message).toContain(`GIT_ASKPASS (${askpass})`);
      expect(failed?.message).toContain('nobody to answer it');
      expect(failed?.message).toContain('ssh-agent');
    } finally {
      vi.unstubAllEnvs();
    }
    // The window's program ended with the git (its whole process group), not left waiting.
    const askPid = Number((await readFile(pidFile, 'utf8')).trim());
    await waitForExit(askPid, 'the askpass to end');
  }, 60_000);
});
