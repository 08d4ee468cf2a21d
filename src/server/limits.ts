// What one client may cost the server: how long it may take to send a request, how many
// connections may be open, how large its headers may be. Node's own defaults let a client that
// connects and sends nothing keep its connection forever (no timer runs before the first byte),
// and one that trickles its headers or body hold it for 60 or 300 seconds plus a 30-second check;
// enough such connections use up the file descriptors the pool's own writes need.
//
// The limits are far above what PGPool's clients need: Python's `requests` (codename-art's and
// sLoPPydrive's RocketMap, MrMime, PGScout, PGNumbra) sends each request whole at once, with five
// headers and a JSON body of one account or a short list, on a new connection per call (no
// Session), which it leaves to the server's keep-alive timeout. A browser opening the dashboard
// sends about twenty headers.
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { openFilesLimit, RAISE_FILES_LIMIT } from '../open-files-limit.js';

export interface ServerLimits {
  /** From a connection's first byte (or its previous answer) to the end of a request's headers. */
  headersTimeoutMs: number;
  /** From a request's first byte to the end of its body. */
  requestTimeoutMs: number;
  /** A connection with no request in progress and nothing sent for this long is closed (before its first byte, too). */
  idleTimeoutMs: number;
  /** Kept-open connections after an answer, as Node's keep-alive (the client may send another request). */
  keepAliveTimeoutMs: number;
  /**
   * Connections open at once (the file descriptors stay for the pool). One more makes room by
   * closing the longest-open connection that has not sent a whole request (silent, trickling, idle
   * after its answers); when every one waits for its answer, the new one is closed. Fewer where
   * the limit on open files leaves less room (connectionCap).
   */
  maxConnections: number;
  /** Total size of a request's headers (request line included); larger: 431. */
  maxHeaderBytes: number;
  /** Headers read per request; more are dropped. */
  maxHeadersCount: number;
  /**
   * Requests of one connection not yet answered. Node hands every pipelined request it parses to
   * the handler at once, each queued for the pool's lock with its objects; a client that sends
   * thousands and reads nothing (the kernel's buffers take the answers) held them all: 500 such
   * connections of 200 requests took serve from 86 to 449 MB. Past this, the connection is closed
   * and its further requests are never started; PGPool's clients send one request per connection.
   */
  maxPipelined: number;
  /** The limit on open files (`ulimit -n`); read from /proc at the server's start when not given (tests give one). */
  openFiles?: number;
}

/**
 * Descriptors serve needs beside its connections: Node's own (~20), the lock and its owner file,
 * shard files read 8 at a time, the change log's segments, a module loaded on first use, git's pipes.
 * Stop 56 (R): 200 keep-alive clients under `ulimit -n 64` took every descriptor; the kernel's
 * queue went on accepting, libuv reset the extra connections unseen (156 of 200), and 44 requests
 * failed opening the pool's own files.
 */
export const FILES_BESIDE_CONNECTIONS = 48;
/** Connections kept open however low the limit: below this, serve could not answer its scanners at all. */
const FEWEST_CONNECTIONS = 8;
/** Connections closed at the cap are named in at most one log line a minute. */
const CAP_LINE_EVERY_MS = 60_000;

/**
 * The connections `limits` allow at once: `maxConnections`, fewer where the limit on open files
 * leaves less room beside the pool's own files. `byFiles`: whether that limit set it.
 */
export function connectionCap(limits: ServerLimits): { cap: number; byFiles: boolean; files: number | undefined } {
  const files = limits.openFiles ?? openFilesLimit();
  const room = files === undefined ? Number.POSITIVE_INFINITY : Math.max(FEWEST_CONNECTIONS, files - FILES_BESIDE_CONNECTIONS);
  return room < limits.maxConnections ? { cap: room, byFiles: true, files } : { cap: limits.maxConnections, byFiles: false, files };
}

export const DEFAULT_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 512,
  maxHeaderBytes: 16 * 1024,
  maxHeadersCount: 100,
  maxPipelined: 32,
};

/**
 * An HTTP server that enforces `limits`. Node checks the header and request timeouts on an
 * interval (30 s by default, so a 10 s limit could last 40 s): here a tenth of the shorter limit.
 * The idle timer is our own: Node's socket timeout would also cut a request that waits for the
 * pool's lock, so it only closes connections with no request in progress, or whose answers are
 * all ended and sit unread (a client that never reads).
 */
export function createLimitedServer(limits: ServerLimits, listener: RequestListener, log: (line: string) => void = () => {}): Server {
  const { cap, byFiles, files } = connectionCap(limits);
  // A connection closed at the cap is no error of the one who opened it: said in the log, at most
  // once a minute with how many since, so the operator learns the limit is what turns clients away.
  let closedAtCap = 0;
  let lastLine = Number.NEGATIVE_INFINITY;
  const closedOne = () => {
    closedAtCap++;
    const now = performance.now();
    if (now - lastLine < CAP_LINE_EVERY_MS) return;
    lastLine = now;
    const why = byFiles
      ? `the most its limit on open files (${files}, \`ulimit -n\`) leaves room for beside the pool's own ${FILES_BESIDE_CONNECTIONS}: ${RAISE_FILES_LIMIT}`
      : `its cap (maxConnections)`;
    log(`accountpool serve: ${cap} connections open at once, ${why}; ${closedAtCap} closed to make room since the last such line (the oldest not awaiting an answer, else the new one)`);
    closedAtCap = 0;
  };
  // The answers each connection has not finished sending. One we ended is no longer waiting for
  // the pool: only for a client that will not read it, whose connection then goes idle and is cut
  // (Node ends a response's 'close' only once the client took every byte, so counting until
  // 'close' kept such a connection, and the answer's memory, for ever).
  const pending = new WeakMap<Socket, Map<ServerResponse, IncomingMessage>>();
  // Every open connection, oldest first (a Set keeps insertion order).
  const open = new Set<Socket>();
  // Whether `socket` holds a whole request whose answer is not yet written: the only work a new
  // connection must not cut. Headers or a body still coming, or nothing asked, is no such work.
  const answering = (socket: Socket) => [...(pending.get(socket) ?? [])].some(([res, req]) => req.complete && !res.writableEnded);
  const server = createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      maxHeaderSize: limits.maxHeaderBytes,
      connectionsCheckingInterval: Math.max(100, Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) / 10),
    },
    (req: IncomingMessage, res: ServerResponse) => {
      const socket = req.socket;
      const answers = pending.get(socket) ?? new Map<ServerResponse, IncomingMessage>();
      // The parser goes on through the chunk it holds after a destroy: those requests start nothing.
      if (socket.destroyed || answers.size >= limits.maxPipelined) {
        socket.destroy();
        return;
      }
      pending.set(socket, answers.set(res, req));
      res.once('close', () => answers.delete(res));
      listener(req, res);
    },
  );
  server.maxHeadersCount = limits.maxHeadersCount;
  // Not Node's maxConnections, which closes each connection over the cap as it arrives: a client
  // that opens the cap's worth of silent connections, again each time they are cut, then kept
  // every real client out (3,000 sockets each sending one byte: every scanner's request closed
  // unanswered). A real client sends its request whole at once, so it is answered before a flood
  // of new connections reaches it; a silent or trickling one is the oldest and goes first.
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(limits.idleTimeoutMs);
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    if (open.size <= cap) return;
    closedOne();
    for (const old of open) {
      if (old !== socket && !answering(old)) {
        old.destroy();
        open.delete(old);
        return;
      }
    }
    socket.destroy();
    open.delete(socket);
  });
  // With a listener here, Node no longer destroys a timed-out socket itself: we decide.
  server.on('timeout', (socket: Socket) => {
    if ([...(pending.get(socket)?.keys() ?? [])].every((res) => res.writableEnded)) socket.destroy();
  });
  return server;
}
