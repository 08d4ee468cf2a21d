// The PGPool-compatible account server: routes, the token check, one log line per request, and a
// graceful drain. The work itself is done by jobs (jobs.ts) run through one group-commit queue
// (group-commit.ts), so every request goes through a store transaction and none interleave.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Pool } from '../store/pool.js';
import type { Config, ServeWarn } from '../config.js';
import { AppError, LockError } from '../errors.js';
import { DEFAULT_MAX_BODY_BYTES, HttpError, headerText, readBody, readJson, sendError, sendJson, sendOk, sendText } from './http.js';
import { presentedToken, tokenMatches } from './auth.js';
import { refuseThrottled, TokenThrottle } from './token-throttle.js';
import { crossSiteProblem } from './cross-site.js';
import { ANY_HOST, isLoopbackName, LOOPBACK_HOSTS, loopbackHosts, machineNames, networkHosts, type HostRule } from './host-names.js';
import { formatLogLine, type LogEntry, type LogSink } from './request-log.js';
import { GroupCommit } from './group-commit.js';
import { createLimitedServer, DEFAULT_LIMITS, type ServerLimits } from './limits.js';
import { RequestJob, UpdateJob, recordBatch, sharedFor, statusAnswer, updateDetails, type Shared } from './jobs.js';
import { parseAccountRequest } from './request-params.js';
import { requestUrl } from './request-url.js';
import { parseUpdates } from './updates.js';
import { toPgpoolAccount } from './pgpool-account.js';
import { addAnswer, parseAddPost } from './add-accounts.js';
import { ADD_FORM_HEADERS, ADD_FORM_PAGE } from './add-form-page.js';
import { UNSERVED_ROUTES } from './unserved-routes.js';
import { checkAlerts } from '../alerts/check.js';
import { PageRoute } from '../dashboard/page-route.js';
import { gatherDashboard } from '../dashboard/data.js';
import { renderPage } from '../dashboard/page.js';
import { outOfFiles, outOfFilesLine } from '../open-files-limit.js';

/** Alerts are checked after requests, at most this often (each check reads the pool and its history). */
export const ALERT_CHECK_INTERVAL_MS = 10_000;

/** PGPool's default account_release_timeout: 120 minutes. */
export const DEFAULT_RELEASE_TIMEOUT_MS = 120 * 60_000;

export interface AccountServerOptions {
  pool: Pool;
  /** When set, every request must present it (see auth.ts); others get 401. */
  token?: string;
  /** Names a request's Host may give besides the private ones, on a server reachable from other hosts without a token (host-names.ts). */
  allowHosts?: readonly string[];
  /** A hold with no request or update for this long ends by itself (0 = never). Default 120 min. */
  releaseTimeoutMs?: number;
  /** What a posted `warn: true` does (default: the pool config's serve_warn). */
  warn?: ServeWarn;
  maxBodyBytes?: number;
  /** What one client may cost (timeouts, connections, header size): DEFAULT_LIMITS, these changed. */
  limits?: Partial<ServerLimits>;
  /** Where wrong tokens are counted (tests give one with a clock and limits of their own). */
  throttle?: TokenThrottle;
  /** Where the request log goes (one line per request). */
  log?: LogSink;
  /** How long a shutdown waits for requests in progress before cutting connections. */
  drainTimeoutMs?: number;
  /** Alerts are checked after requests at most this often (default ALERT_CHECK_INTERVAL_MS). */
  alertIntervalMs?: number;
  /** Asked before each hand-out: a reason to hand out nothing now (this host's clock is wrong), answered 503. */
  refuseHandOut?: () => Promise<string | undefined>;
}

type Details = LogEntry['details'];
type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => Promise<Details>;
/**
 * A route's answer to an error: `error` is `{"error": "..."}`; `list` is `[]` with the message in
 * the X-Accountpool-Error header, for /account/request, whose clients never look at the status
 * (codename-art's RocketMap, PGScout and PGNumbra call .json() and use the result as accounts):
 * an `{"error"}` object would become an account without a username there, an empty list reads as
 * "none left" and they ask again.
 */
type ErrorBody = 'error' | 'list';

export class AccountServer {
  readonly http: Server;
  private readonly queue: GroupCommit<Shared>;
  /** `method`: the methods taken, comma-separated; `page`: any method the page takes, and the page checks the token itself (a browser's cookie). */
  private readonly routes: Record<string, { method: string; handle: Handler; errorBody?: ErrorBody }>;
  private readonly config: Config;
  private inFlight = 0;
  private draining = false;
  private idleWaiters: (() => void)[] = [];
  private closing: Promise<void> | undefined;
  private alertTimer: NodeJS.Timeout | undefined;
  private lastAlertCheck = 0;
  /** The names Host may give, by where the server listens and whether a token is required (host-names.ts). */
  private hosts: HostRule = LOOPBACK_HOSTS;
  /** Wrong tokens slow their sender down (token-throttle.ts); the API and the dashboard's login count together. */
  private readonly throttle: TokenThrottle;

  constructor(private readonly options: AccountServerOptions) {
    const { pool } = options;
    this.config = { ...pool.config, serve_warn: options.warn ?? pool.config.serve_warn };
    this.queue = new GroupCommit(pool, sharedFor({ config: this.config, releaseTimeoutMs: options.releaseTimeoutMs ?? DEFAULT_RELEASE_TIMEOUT_MS }));
    this.queue.beforeCommit = recordBatch(this.config);
    const maxBody = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
    this.routes = {
      '/account/request': { method: 'GET', handle: (req, res, url) => this.request(res, url), errorBody: 'list' },
      '/account/update': { method: 'POST', handle: (req, res) => this.update(req, res, maxBody, false) },
      '/account/release': { method: 'POST', handle: (req, res) => this.update(req, res, maxBody, true) },
      // A PGPool fork's way to load accounts: its form, or a post of lines or JSON (add-accounts.ts).
      '/account/add': { method: 'GET,POST', handle: (req, res, url) => this.add(req, res, url, maxBody) },
      '/status': { method: 'GET', handle: async (_req, res) => void sendJson(res, 200, await this.queue.exclusive(() => statusAnswer(pool))) },
      // PGPool answered its root with a sign of life; monitors probe it.
      // A browser gets the dashboard; PGPool's monitors, probing with curl, the line PGPool answered.
      '/': { method: 'page', handle: (req, res, url) => page.handle(req, res, url) },
    };
    this.throttle = options.throttle ?? new TokenThrottle();
    const page = new PageRoute({
      token: options.token,
      throttle: this.throttle,
      plain: 'accountpool: PGPool-compatible account server running\n',
      // The pool is read between batches (the same Pool serves them); history and inbox beside.
      render: async () => renderPage(await gatherDashboard(pool, () => this.exclusiveRead(() => pool.read()))),
    });
    this.http = createLimitedServer({ ...DEFAULT_LIMITS, ...options.limits }, (req, res) =>
      // handle() answers every error itself; one thrown while answering (a bug) cuts this
      // connection, never the process: unhandled, it ended serve for every scanner.
      void this.handle(req, res).catch(() => res.destroy()),
      (line) => this.options.log?.(line),
    );
  }

  /** Batches committed and requests served through the queue (for tests and the bench). */
  get stats(): GroupCommit<Shared>['stats'] {
    return this.queue.stats;
  }

  /** What a request's Host may name, as the start-up line tells it. */
  get acceptedHosts(): string {
    return this.hosts.accepted;
  }

  /** Starts listening; resolves with the address actually bound (port 0 picks a free one). */
  listen(port: number, host = '127.0.0.1'): Promise<AddressInfo> {
    this.hosts = isLoopbackName(host.toLowerCase()) ? loopbackHosts(this.options.allowHosts ?? []) : this.options.token !== undefined ? ANY_HOST : networkHosts(machineNames(), this.options.allowHosts ?? []);
    return new Promise((resolve, reject) => {
      this.http.once('error', reject);
      this.http.listen(port, host, () => {
        this.http.off('error', reject);
        resolve(this.http.address() as AddressInfo);
      });
    });
  }

  /**
   * Graceful stop: no new connections, requests in progress finish (their transaction commits and
   * they get their answer), idle keep-alive connections close; after `drainTimeoutMs` the rest are cut.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.draining = true;
      clearTimeout(this.alertTimer);
      const stopped = new Promise<void>((resolve) => this.http.close(() => resolve()));
      this.http.closeIdleConnections();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, this.options.drainTimeoutMs ?? 30_000)));
      await Promise.race([this.whenIdle(), deadline]);
      clearTimeout(timer);
      await this.queue.idle();
      // Leave the shards whole behind us: the next reader need not replay the change log.
      await this.queue.fold();
      this.http.closeAllConnections();
      await stopped;
    })();
    return this.closing;
  }

  /** Alerts after the pool changed: at once when the last check is long enough ago, else once the interval is over. */
  private scheduleAlertCheck(): void {
    if (this.config.alerts.length === 0 || this.alertTimer || this.draining) return;
    const wait = Math.max(0, this.lastAlertCheck + (this.options.alertIntervalMs ?? ALERT_CHECK_INTERVAL_MS) - Date.now());
    this.alertTimer = setTimeout(() => {
      this.lastAlertCheck = Date.now();
      void checkAlerts(this.options.pool, { log: (line) => this.options.log?.(line), exclusive: (work) => this.exclusiveRead(work) }).finally(() => {
        this.alertTimer = undefined;
      });
    }, wait);
    this.alertTimer.unref();
  }

  /**
   * `work` between two batches, where it may read every account (the dashboard, the alerts): where
   * the batches read through the circle indexes, that whole read is not kept for them afterwards
   * (most of a gigabyte at a million accounts).
   */
  private exclusiveRead<T>(work: () => Promise<T>): Promise<T> {
    const { pool } = this.options;
    return this.queue.exclusive(() =>
      work().finally(() => {
        pool.forgetWholeRead();
      }),
    );
  }

  private whenIdle(): Promise<void> {
    return this.inFlight === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    this.inFlight++;
    const method = req.method ?? 'GET';
    let path = '/';
    let details: Details;
    let error: string | undefined;
    let errorBody: ErrorBody = 'error';
    try {
      const url = requestUrl(req);
      // Trailing slashes cut from where their run starts: `/+$` tried from each slash in turn, and
      // a path of 16,000 slashes then a letter cost 0.1 s of CPU per request.
      path = url.pathname.replace(/(?<!\/)\/+$/, '') || '/';
      if (this.draining) res.setHeader('connection', 'close'); // keep-alive clients reconnect elsewhere
      const route = this.routes[path];
      errorBody = route?.errorBody ?? 'error';
      const pageRoute = route?.method === 'page';
      const crossSite = crossSiteProblem(req.headers, this.hosts, pageRoute && method === 'GET');
      if (crossSite) throw new HttpError(403, crossSite);
      if (!pageRoute && this.options.token !== undefined) {
        const address = req.socket.remoteAddress;
        const presented = presentedToken(req.headers, url.searchParams);
        refuseThrottled(this.throttle, address, presented, res); // before the token is compared: a guess made now teaches nothing
        if (!tokenMatches(this.options.token, presented)) {
          this.throttle.failed(address, presented);
          throw new HttpError(401, 'missing or wrong token: send "Authorization: Bearer TOKEN" (or X-Accountpool-Token, or ?token=)');
        }
      }
      if (!route) {
        // A GET under /account/ is a PGPool client asking for accounts (a fork's `/account/requestLure`,
        // which lent accounts other scanners held): it reads the answer as accounts, so `[]`, not an object.
        if (method === 'GET' && path.startsWith('/account/')) errorBody = 'list';
        const unserved = Object.hasOwn(UNSERVED_ROUTES, path) ? `${UNSERVED_ROUTES[path]}. ` : '';
        throw new HttpError(404, `${unserved}no such path ${path}: the API is GET /account/request, POST /account/update, POST /account/release, GET or POST /account/add, GET /status; GET / is the dashboard`);
      }
      if (!pageRoute && !route.method.split(',').includes(method)) {
        res.setHeader('allow', route.method.replace(',', ', '));
        throw new HttpError(405, `${path} takes ${route.method}, not ${method}`);
      }
      details = await route.handle(req, res, url);
    } catch (caught) {
      const { status, message } = describeError(caught);
      error = message;
      if (status === 401) res.setHeader('www-authenticate', 'Bearer');
      if (status === 413) res.setHeader('connection', 'close'); // the rest of the body is not read
      if (res.headersSent) res.destroy();
      else if (errorBody === 'list') sendJson(res, status, [], { 'x-accountpool-error': headerText(message) });
      else sendError(res, status, message);
    } finally {
      this.options.log?.(formatLogLine({ method, path, status: res.statusCode, ms: performance.now() - started, details, error }));
      if (path.startsWith('/account/') && !error) this.scheduleAlertCheck();
      if (--this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async request(res: ServerResponse, url: URL): Promise<Details> {
    const request = parseAccountRequest(url.searchParams);
    if (request.count === 0) {
      sendJson(res, 200, []); // nothing can be found: no transaction needed
      return { system_id: request.systemId, asked: 0, given: 0 };
    }
    const refused = await this.options.refuseHandOut?.();
    if (refused) throw new HttpError(503, refused);
    const { accounts, nowIso, skipped } = await this.queue.submit(new RequestJob(request));
    const shown = accounts.map((account) => toPgpoolAccount(account, nowIso, this.config));
    // PGPool: one object for count=1, else a list; nothing available is an empty list either way.
    sendJson(res, 200, request.count === 1 && shown.length > 0 ? shown[0] : shown);
    const details: Details = { system_id: request.systemId, asked: request.count, given: accounts.length };
    if (skipped.length > 0) Object.assign(details, { left_out: skipped.length, why: skipped.slice(0, 3).join(' | ') });
    return details;
  }

  private async update(req: IncomingMessage, res: ServerResponse, maxBody: number, release: boolean): Promise<Details> {
    const post = parseUpdates(await readJson(req, maxBody));
    const counts = await this.queue.submit(new UpdateJob(post, release ? 'release' : 'update'));
    sendOk(res); // PGPool's answer, which its clients check
    return updateDetails(counts);
  }

  /** PGPool's /account/add: its form, or the accounts posted, added or updated (add-accounts.ts). */
  private async add(req: IncomingMessage, res: ServerResponse, url: URL, maxBody: number): Promise<Details> {
    if (req.method === 'GET') {
      res.writeHead(200, { ...ADD_FORM_HEADERS, 'content-length': Buffer.byteLength(ADD_FORM_PAGE) });
      res.end(ADD_FORM_PAGE);
      return undefined;
    }
    const { post, single } = await parseAddPost(req.headers['content-type'], await readBody(req, maxBody), url.searchParams, url.search);
    const counts = await this.queue.submit(new UpdateJob(post, 'add'));
    // Plain text, not PGPool's text/html: a browser shows it as it is.
    sendText(res, 200, addAnswer(single, counts.accounts));
    return updateDetails(counts);
  }
}

/** The status and message a request that failed with `error` is answered (and logged) with. */
export function describeError(error: unknown): { status: number; message: string } {
  if (error instanceof HttpError) return { status: error.status, message: error.message };
  // A busy or lost pool lock is temporary: 503 tells the client to come back.
  if (error instanceof LockError) return { status: 503, message: error.message };
  // Out of descriptors (a burst of clients under a low `ulimit -n`): the process's limit, not a
  // bug, and gone once the burst is: 503 too, and the log line names the limit (open-files-limit.ts).
  const limit = outOfFiles(error);
  if (limit) return { status: 503, message: outOfFilesLine(error, limit) };
  if (error instanceof AppError) return { status: 500, message: error.message };
  return { status: 500, message: `internal error: ${(error as Error)?.message ?? String(error)}` };
}

export function createAccountServer(options: AccountServerOptions): AccountServer {
  return new AccountServer(options);
}
