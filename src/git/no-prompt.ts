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

/** A dead remote must not hold the pool lock for ever (`sync`'s bound; `allocate --sync` sets its own). */
export const NETWORK_TIMEOUT_MS = 120_000;

/**
 * The environment of a network git: BATCH_SSH as GIT_SSH_COMMAND unless the operator chose their
 * own ssh (GIT_SSH_COMMAND, GIT_SSH, core.sshCommand: theirs runs as they wrote it, as git would
 * run it) or asked for ssh's askpass on purpose (SSH_ASKPASS_REQUIRE); SSH_ASKPASS dropped unless
 * SSH_ASKPASS_REQUIRE, GIT_ASKPASS or core.askPass say who answers: git itself falls back to it for
 * an https password, ssh with no terminal to it, and a desktop session sets it to a window nobody
 * at a cron job sees.
 */
export function networkEnv(config: GitConfig, env: NodeJS.ProcessEnv = process.env, timeoutMs = NETWORK_TIMEOUT_MS): NetworkEnv {
  const own = Boolean(env.GIT_SSH_COMMAND || env.GIT_SSH || config.get('core.sshcommand') || env.SSH_ASKPASS_REQUIRE);
  const extra: NodeJS.ProcessEnv = {};
  if (!own) extra.GIT_SSH_COMMAND = BATCH_SSH;
  // Also under the operator's own ssh: run with no terminal (run-git.ts `noTerminal`), an ssh asks
  // SSH_ASKPASS's window instead where the session has a display. SSH_ASKPASS_REQUIRE asks for it.
  const keepSshAskpass = Boolean(env.SSH_ASKPASS_REQUIRE || env.GIT_ASKPASS || config.get('core.askpass'));
  if (!keepSshAskpass) extra.SSH_ASKPASS = undefined;
  return { env: extra, batch: !own, timeoutMs, askers: askersOf(config, env, keepSshAskpass) };
}

export interface NetworkEnv {
  env: NodeJS.ProcessEnv;
  /** BatchMode ssh (the operator set none of their own). */
  batch: boolean;
  /** How long each fetch and push may take. */
  timeoutMs: number;
  /** The operator's programs that may ask a person for a password (askersOf), named for a timeout's message. */
  askers: string[];
}

/** Credential helpers that only read and write a file or a socket: they never ask anyone. */
const SILENT_HELPERS = /^(?:store|cache)(?:\s|$)/;

/**
 * The programs of the operator's that may wait for a person's answer during a fetch or push: an
 * askpass (GIT_ASKPASS, core.askPass, SSH_ASKPASS where kept), which runs as they chose, since a
 * script printing a token cannot be told from a window nobody sees; a credential helper other
 * than `store` and `cache` (a credential manager's sign-in window). Neither can be told apart
 * from a slow remote, so only the network timeout bounds them; its message names them.
 */
function askersOf(config: GitConfig, env: NodeJS.ProcessEnv, keepSshAskpass: boolean): string[] {
  const askers: string[] = [];
  if (env.GIT_ASKPASS) askers.push(`GIT_ASKPASS (${env.GIT_ASKPASS})`);
  const askPass = config.get('core.askpass');
  if (askPass) askers.push(`core.askPass (${askPass})`);
  if (keepSshAskpass && env.SSH_ASKPASS) askers.push(`SSH_ASKPASS (${env.SSH_ASKPASS})`);
  const helper = config.get('credential.helper');
  if (helper && !SILENT_HELPERS.test(helper)) askers.push(`credential.helper (${helper})`);
  return askers;
}

/**
 * `error` with what to do added when ssh failed where it would have asked: run with BatchMode
 * (`batch`), or the operator's own, which finds no terminal to ask on (the network gits run in a
 * session of their own, run-git.ts `noTerminal`: until stop 62 it asked on the operator's terminal
 * and the sync waited there, holding the pool lock, until the network timeout); `error` itself otherwise.
 */
export function explainBatch(error: unknown, net: Pick<NetworkEnv, 'batch' | 'timeoutMs' | 'askers'>): unknown {
  if (error instanceof GitError && error.timedOut && net.askers.length > 0) {
    return new AppError(
      `${error.message}. ${net.askers.join(' and ')} ${net.askers.length === 1 ? 'is' : 'are'} set, and runs with nobody to answer it where accountpool runs (cron, a scanner's pre-start hook, a sync with no terminal): a password window or a sign-in page nobody sees waits until the git is ended, after ${net.timeoutMs / 1000} s. ` +
        'Give this host credentials nobody has to type: a key in ssh-agent or one without a passphrase, a token in a credential store (`git config credential.helper store`), or an askpass that prints them without asking',
    );
  }
  const batch = net.batch;
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
