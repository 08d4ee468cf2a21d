// The remote's gits (`sync`'s fetch and push) never ask anyone anything. They run from cron, a
// scanner's pre-start hook, `allocate --sync` in a script, holding the pool lock: an ssh asking for
// a key's passphrase, a password or whether to trust a new host key reads /dev/tty (which
// GIT_TERMINAL_PROMPT=0 does not cover: that is git's own prompt, not ssh's), and on a desktop
// with no terminal opens the session's SSH_ASKPASS window. Either waited for the network timeout
// (120 s) with every other command of the pool "busy". With BatchMode ssh fails at once instead,
// naming why ("Permission denied (publickey)", "Host key verification failed").
import { AppError } from '../errors.js';
import { GitError } from './run-git.js';
import type { GitConfig } from './repo.js';

/** The ssh accountpool's network gits run where the operator chose none. */
export const BATCH_SSH = 'ssh -o BatchMode=yes';

/** ssh's words for what it would have asked a person (auth.c, sshconnect.c, readpass.c). */
const WOULD_ASK = /Permission denied \(|Host key verification failed|host key for .* has changed|passphrase|password:|read_passphrase|can(?:no|')t (?:open|create) \/dev\/tty/i;

/**
 * The environment of a network git: BATCH_SSH as GIT_SSH_COMMAND unless the operator chose their
 * own ssh (GIT_SSH_COMMAND, GIT_SSH, core.sshCommand: theirs runs as they wrote it, as git would
 * run it) or asked for ssh's askpass on purpose (SSH_ASKPASS_REQUIRE); SSH_ASKPASS dropped unless
 * SSH_ASKPASS_REQUIRE, GIT_ASKPASS or core.askPass say who answers: git itself falls back to it for
 * an https password, ssh with no terminal to it, and a desktop session sets it to a window nobody
 * at a cron job sees.
 */
export function networkEnv(config: GitConfig, env: NodeJS.ProcessEnv = process.env): { env: NodeJS.ProcessEnv; batch: boolean } {
  const own = Boolean(env.GIT_SSH_COMMAND || env.GIT_SSH || config.get('core.sshcommand') || env.SSH_ASKPASS_REQUIRE);
  const extra: NodeJS.ProcessEnv = {};
  if (!own) extra.GIT_SSH_COMMAND = BATCH_SSH;
  // Also under the operator's own ssh: run with no terminal (run-git.ts `noTerminal`), an ssh asks
  // SSH_ASKPASS's window instead where the session has a display. SSH_ASKPASS_REQUIRE asks for it.
  if (!env.SSH_ASKPASS_REQUIRE && !env.GIT_ASKPASS && !config.get('core.askpass')) extra.SSH_ASKPASS = undefined;
  return { env: extra, batch: !own };
}

/**
 * `error` with what to do added when ssh failed where it would have asked: run with BatchMode
 * (`batch`), or the operator's own, which finds no terminal to ask on (the network gits run in a
 * session of their own, run-git.ts `noTerminal`: until stop 62 it asked on the operator's terminal
 * and the sync waited there, holding the pool lock, until the network timeout); `error` itself otherwise.
 */
export function explainBatch(error: unknown, batch: boolean): unknown {
  if (!(error instanceof GitError) || !WOULD_ASK.test(error.stderr)) return error;
  if (!batch) {
    return new AppError(
      `${error.message}. accountpool runs git's fetch and push with no terminal, so the ssh you set (core.sshCommand, GIT_SSH_COMMAND or GIT_SSH) cannot ask for a password, a passphrase or a host key's confirmation: ` +
        'load the key in ssh-agent (or give this host one without a passphrase), and put the remote\'s host key in ~/.ssh/known_hosts (run `ssh -T` to the remote once by hand)',
    );
  }
  return new AppError(
    `${error.message}. accountpool runs ssh with BatchMode=yes, so it never waits for a password, a passphrase or a host key's confirmation: ` +
      'give this host a key the remote accepts, loaded in ssh-agent (or without a passphrase), and its host key in ~/.ssh/known_hosts (run `ssh -T` to the remote once by hand); ' +
      'or set core.sshCommand for the pool repository to run ssh your own way (docs/troubleshooting.md, "Permission denied (publickey)")',
  );
}
