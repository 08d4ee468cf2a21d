// `accountpool serve`: the pool behind PGPool's HTTP API, so RocketMap forks, MrMime, PGScout and
// PGNumbra borrow accounts from it unchanged. Runs until SIGTERM or SIGINT, then drains and exits 0.
import { parseFlags, intFlag, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { UsageError } from '../errors.js';
import { MAX_DURATION_DAYS, MAX_DURATION_MS, MIN_HOLD_MS, parseDuration, formatDuration } from '../duration.js';
import { createAccountServer } from '../server/server.js';
import { isLoopbackName } from '../server/host-names.js';
import { SERVE_WARN, type ServeWarn } from '../config.js';
import { assertClockTrusted, clockGuard } from '../git/clock-verdict.js';
import { counted } from '../counted-noun.js';
import { TOKEN_FLAGS, tokenOption, warnCommandLineToken } from '../cli/token-option.js';

const FLAGS = {
  host: { type: 'string' },
  'allow-host': { type: 'string' },
  port: { type: 'string' },
  ...TOKEN_FLAGS,
  'release-timeout': { type: 'string' },
  warn: { type: 'string' },
} as const satisfies Flags;

export const serve: Command = {
  help: `usage: accountpool serve [--host 127.0.0.1] [--port 4242] [--token-file FILE] [--allow-host NAME,...]
         [--release-timeout 120m] [--warn keep|rest] [--pool DIR]

Answers PGPool's API from the pool, so tools configured with --pgpool-url work unchanged:
  GET  /account/request?system_id=S&count=N&min_level=A&max_level=B[&reuse=true][&banned_or_new=true][&shadow=true]
  POST /account/update    an object or a list: level, warn, banned, shadowbanned, captcha, ...
                          (an account the pool does not know is added, as PGPool did)
  POST /account/release   the same, then the hold ends: the posting system_id's own, or with
                          system_id null one serve gave; never an allocate lease
  GET  /status            the numbers of \`accountpool status --json\`
  GET  /                  in a browser, the dashboard (see accountpool dashboard --help)
Accounts are chosen as allocate chooses them (levels, cool-downs, holds, least recently used
first). banned becomes temp_banned and shadowbanned blind, each with its cool-down. A hold with
no request or update for the release timeout ends by itself. allocate, the watcher and other
commands can run on the same pool at the same time.

  --host H              address to listen on (default 127.0.0.1: this machine only)
  --allow-host NAMES    answer requests for these names too (comma-separated): without a token,
                        on another address than loopback only IP addresses, names without a
                        dot, names under .local/.internal/.lan/.home.arpa and this machine's
                        name are, and on loopback only loopback names (a reverse proxy here
                        passing its Host on needs its name); any other Host is refused (a web
                        page's, by DNS rebinding)
  --port P              port (default 4242, PGPool's; 0 picks a free one)
  --token-file FILE     require the token in FILE on every request (also $ACCOUNTPOOL_TOKEN):
                        "Authorization: Bearer TOKEN", X-Accountpool-Token, or ?token=
  --token TOKEN         the same, given on the command line, where \`ps\` shows it to every
                        local user: prefer --token-file or $ACCOUNTPOOL_TOKEN
  --release-timeout D   PGPool's account_release_timeout (default 120m; 0 = never)
  --warn keep|rest      a posted warn: true is kept as a flag and the account goes on being
                        handed out, as PGPool did (keep), or it rests for cooldowns.warned
                        (rest); default: serve_warn in the pool config (keep)
One line per request goes to standard output; SIGTERM finishes the requests in progress and exits 0.`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('serve', ctx.argv, FLAGS);
    if (values.warn !== undefined && !(SERVE_WARN as readonly string[]).includes(values.warn)) throw new UsageError(`--warn must be one of ${SERVE_WARN.join(', ')}, not "${values.warn}"`);
    const host = values.host ?? '127.0.0.1';
    const port = intFlag('port', values.port, { max: 65535 }) ?? 4242;
    const token = await tokenOption(ctx, values);
    const pool = await openPool(ctx, values.pool);
    let releaseTimeoutMs = pool.config.release_timeout;
    if (values['release-timeout'] !== undefined) {
      releaseTimeoutMs = parseDuration(values['release-timeout']);
      if (Number.isNaN(releaseTimeoutMs) || releaseTimeoutMs > MAX_DURATION_MS || (releaseTimeoutMs > 0 && releaseTimeoutMs < MIN_HOLD_MS)) {
        throw new UsageError(`--release-timeout must be a duration such as 120m or 2h (0 = never, else from 1m to ${MAX_DURATION_DAYS}d), not "${values['release-timeout']}"`);
      }
    }
    const warn = (values.warn as ServeWarn | undefined) ?? pool.config.serve_warn;
    // A clone whose clock other hosts found wrong hands out nothing: not at start, nor after a later sync says so.
    if (pool.seenView) await assertClockTrusted(pool.layout.dir, pool.now());
    const refuseHandOut = pool.seenView ? clockGuard(pool.layout.dir, () => pool.now()) : undefined;
    const allowHosts = allowHostFlag(values['allow-host']);
    const server = createAccountServer({ pool, token, allowHosts, releaseTimeoutMs, warn, log: (line) => println(ctx.stdout, line), refuseHandOut });
    const address = await server.listen(port, host).catch((error: NodeJS.ErrnoException) => {
      throw new UsageError(`cannot listen on ${host}:${port}: ${error.code ?? error.message}`);
    });
    // Listening for SIGTERM and SIGINT before saying so: a supervisor (or a test) that stops the
    // server as soon as it reads the line must find it ready to finish gently, not killed outright.
    const stopped = new Promise<void>((resolve) => {
      const stop = (signal: string) => {
        process.off('SIGTERM', onTerm);
        process.off('SIGINT', onInt);
        println(ctx.stdout, `accountpool serve: ${signal}: finishing the requests in progress`);
        // A request already waiting for a lock another process holds keeps waiting a few seconds (a
        // holder that finishes or dies hands the lock over at once, and the request is answered), then
        // is answered 503 with nothing of it written (its scanner asks again); the last fold is left
        // to the next reader if the lock is busy: a stop never sits out lock_wait (60 s) per
        // transaction (stop 67).
        const grace = setTimeout(() => pool.stopWaiting(), STOP_GRACE_MS);
        grace.unref();
        void server.close().then(() => {
          clearTimeout(grace);
          pool.stopWaiting();
          resolve();
        });
      };
      const onTerm = () => stop('SIGTERM');
      const onInt = () => stop('SIGINT');
      process.on('SIGTERM', onTerm);
      process.on('SIGINT', onInt);
    });
    const shown = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    println(
      ctx.stdout,
      `accountpool serve: listening on http://${shown}:${address.port} for pool ${pool.layout.dir} (release timeout ${releaseTimeoutMs > 0 ? formatDuration(releaseTimeoutMs) : 'off'}, warned accounts ${warn === 'keep' ? 'kept in use' : 'rested'}${token ? ', token required' : ''})`,
    );
    // Reachable from other hosts: any name but the loopback's, as the server itself tells them (cross-site.ts).
    const reachable = !isLoopbackName(host.toLowerCase());
    // The help said so; the operator who copied `serve --token "$SECRET"` from an example never read it.
    warnCommandLineToken(ctx, values);
    if (reachable && !token) {
      println(ctx.stderr, `warning: listening on ${host} without --token: anyone who can reach this port can take accounts and their passwords`);
      // Web pages are kept out by the Host they give (host-names.ts): say which names are answered, so a scanner refused 403 is understood.
      println(ctx.stderr, `accountpool serve: without a token, requests are answered only when their Host is ${server.acceptedHosts}`);
    } else if (reachable && token !== undefined && token.length < MIN_TOKEN_LENGTH) {
      // Guesses are slowed per address (token-throttle.ts), not across them: many addresses still find a short token by trying.
      println(ctx.stderr, `warning: listening on ${host} with a token of ${counted(token.length, 'character')}: anyone who can reach this port from many addresses may guess it by trying; use ${MIN_TOKEN_LENGTH} or more random characters (\`openssl rand -hex 16\`)`);
    }
    await stopped;
    println(ctx.stdout, `accountpool serve: stopped after ${counted(server.stats.jobs, 'request')} in ${counted(server.stats.batches, 'transaction')}`);
    return 0;
  },
};

/** `--allow-host a,b`: names as a Host header gives them (no port, no scheme, no path). */
function allowHostFlag(value: string | undefined): string[] {
  if (value === undefined) return [];
  const names = value.split(',').map((name) => name.trim()).filter(Boolean);
  for (const name of names) {
    if (!/^[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9.])?$/.test(name) || name.includes('..')) {
      throw new UsageError(`--allow-host takes host names separated by commas (scanbox.example.org), without scheme, port or path: ${JSON.stringify(name.slice(0, 80))} is not one`);
    }
  }
  return names;
}

/** Below this, a token reachable from the network is warned about: 16 random hex characters are 64 bits. */
const MIN_TOKEN_LENGTH = 16;

/** How long a stopping server's requests still wait for a busy pool lock before they are answered 503. */
const STOP_GRACE_MS = 5_000;

