// `accountpool dashboard`: the dashboard page alone, on this machine's loopback, for a pool that
// runs no `serve` (serve answers / with the same page). Reads only: it never writes to the pool.
import { parseFlags, intFlag, type Flags } from '../cli/args.js';
import { println, type Command } from '../cli/context.js';
import { openPool } from '../cli/open-pool.js';
import { UsageError } from '../errors.js';
import { HttpError, sendError } from '../server/http.js';
import { crossSiteProblem } from '../server/cross-site.js';
import { requestUrl } from '../server/request-url.js';
import { LOOPBACK_HOSTS } from '../server/host-names.js';
import { createLimitedServer, DEFAULT_LIMITS } from '../server/limits.js';
import { PageRoute } from '../dashboard/page-route.js';
import { TokenThrottle } from '../server/token-throttle.js';
import { gatherDashboard } from '../dashboard/data.js';
import { renderPage } from '../dashboard/page.js';
import { TOKEN_FLAGS, tokenOption, warnCommandLineToken } from '../cli/token-option.js';

const FLAGS = { port: { type: 'string' }, ...TOKEN_FLAGS } as const satisfies Flags;

export const dashboard: Command = {
  help: `usage: accountpool dashboard [--port 4243] [--token-file FILE] [--pool DIR]

Serves the dashboard page (accounts by level and state, holders, a chart of accounts handed out
and lost per day, the forecast, the sellers, the inbox) on 127.0.0.1 only: open it in a browser
on this machine, or through an ssh tunnel (ssh -L 4243:127.0.0.1:4243 HOST). It reloads itself
every 30 seconds, runs no script and loads nothing from the network. accountpool serve answers
its / with the same page.

  --port P           port (default 4243; 0 picks a free one)
  --token-file FILE  ask for the token in FILE first (also $ACCOUNTPOOL_TOKEN); a browser
                     gives it once in the form the page shows (or as /?token=SECRET) and keeps
                     a cookie
  --token SECRET     the same, given on the command line, where \`ps\` shows it to every local
                     user: prefer --token-file or $ACCOUNTPOOL_TOKEN
Ctrl-C or SIGTERM stops it.`,
  flags: FLAGS,
  async run(ctx) {
    const { values } = parseFlags('dashboard', ctx.argv, FLAGS);
    const port = intFlag('port', values.port, { max: 65535 }) ?? 4243;
    const token = await tokenOption(ctx, values);
    const pool = await openPool(ctx, values.pool);
    const page = new PageRoute({ token, throttle: new TokenThrottle(), render: async () => renderPage(await gatherDashboard(pool)) });
    const server = createLimitedServer(DEFAULT_LIMITS, (req, res) => {
      // Async, so that whatever throws becomes this request's answer, never an uncaught exception that ends the dashboard.
      const answer = (async () => {
        const url = requestUrl(req);
        // It listens on loopback only: a web page reaching it by DNS rebinding, or posting to it, is refused as by serve.
        const crossSite = crossSiteProblem(req.headers, LOOPBACK_HOSTS, req.method === 'GET');
        if (crossSite) throw new HttpError(403, crossSite);
        if (url.pathname !== '/') throw new HttpError(404, `no such page ${url.pathname}: the dashboard is at /`);
        return page.handle(req, res, url);
      })();
      answer.catch((error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        if (!res.headersSent) sendError(res, status, (error as Error).message);
        else res.destroy();
      });
    });
    const address = await new Promise<{ port: number }>((resolve, reject) => {
      server.once('error', (error: NodeJS.ErrnoException) => reject(new UsageError(`cannot listen on 127.0.0.1:${port}: ${error.code ?? error.message}`)));
      server.listen(port, '127.0.0.1', () => resolve(server.address() as { port: number }));
    });
    // Listening for the signals before printing the address (as serve does): one sent as soon as
    // the line is read stops the dashboard gently.
    const stopped = new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGTERM', stop).off('SIGINT', stop);
        server.close(() => resolve());
        server.closeAllConnections();
      };
      process.on('SIGTERM', stop).on('SIGINT', stop);
    });
    println(ctx.stdout, `accountpool dashboard: http://127.0.0.1:${address.port}/ for pool ${pool.layout.dir}${token ? ' (token required)' : ''}`);
    // As serve's: every user of this machine reads a process's arguments, not its environment.
    warnCommandLineToken(ctx, values);
    await stopped;
    println(ctx.stdout, 'accountpool dashboard: stopped');
    return 0;
  },
};
