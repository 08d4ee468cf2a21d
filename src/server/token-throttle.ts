// Wrong tokens slow their sender down. Without this, a client that reached `serve` could try
// tokens as fast as the server answers (thousands a second over a few connections), and a short
// token fell to trying; `serve` only warned about it.
//
// Per client address: the first FREE_FAILURES wrong tokens cost nothing (a client configured with
// an old token, retrying), each one after them shuts the address out for twice as long as the one
// before, from 1 s up to MAX_BLOCK_MS. While shut out, the address's requests are answered 429
// with Retry-After before any token is compared, so a guess made then teaches nothing: one guess
// per MAX_BLOCK_MS at most, once the doubling is done. A right token from an address not shut out
// clears its count. Clients at other addresses are never touched, whatever token they send.
//
// IPv6 addresses count by their /64: one host is given a whole /64 and picks any address in it.
// Bounded: at most MAX_ADDRESSES addresses are remembered (the one longest unheard of is forgotten
// first), and an address not heard from for FORGET_MS is forgotten with its count. Not trusted:
// X-Forwarded-For and its kin, which any client may write; behind a proxy every client is the
// proxy's address (docs/server.md says so).
import { isIPv6 } from 'node:net';
import type { ServerResponse } from 'node:http';
import { HttpError } from './http.js';

export const FREE_FAILURES = 10;
export const MAX_BLOCK_MS = 60_000;
const FIRST_BLOCK_MS = 1000;
export const MAX_ADDRESSES = 10_000;
const FORGET_MS = 15 * 60_000;

interface Record {
  failures: number;
  /** Shut out until then (clock ms); 0: not shut out. */
  until: number;
  lastSeen: number;
}

/** The key an address counts under: an IPv4 address (also when mapped into IPv6), or an IPv6 address's first 64 bits. */
export function addressKey(address: string | undefined): string {
  if (!address) return '?';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const bare = address.split('%')[0]!.toLowerCase(); // a zone (fe80::1%eth0) is no part of the address
  const [head, tail = ''] = bare.split('::');
  const left = head ? head.split(':') : [];
  const right = bare.includes('::') && tail ? tail.split(':') : [];
  const groups = bare.includes('::') ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16)).join(':')}::/64`;
}

export class TokenThrottle {
  private readonly records = new Map<string, Record>();

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly limits = { free: FREE_FAILURES, firstBlockMs: FIRST_BLOCK_MS, maxBlockMs: MAX_BLOCK_MS, maxAddresses: MAX_ADDRESSES, forgetMs: FORGET_MS },
  ) {}

  /** How long `address` is still shut out, in ms (0: it may try). */
  waitFor(address: string | undefined): number {
    const key = addressKey(address);
    const record = this.records.get(key);
    if (!record) return 0;
    const now = this.clock();
    if (now - record.lastSeen > this.limits.forgetMs) {
      this.records.delete(key);
      return 0;
    }
    return Math.max(0, record.until - now);
  }

  /** A wrong (or missing) token from `address`. */
  failed(address: string | undefined): void {
    const key = addressKey(address);
    const now = this.clock();
    const old = this.records.get(key);
    const record = old && now - old.lastSeen <= this.limits.forgetMs ? old : { failures: 0, until: 0, lastSeen: now };
    this.records.delete(key); // set again below: the Map's order is then the order last heard from
    record.failures++;
    record.lastSeen = now;
    const over = record.failures - this.limits.free;
    if (over > 0) record.until = now + Math.min(this.limits.maxBlockMs, this.limits.firstBlockMs * 2 ** Math.min(over - 1, 30));
    this.records.set(key, record);
    while (this.records.size > this.limits.maxAddresses) this.records.delete(this.records.keys().next().value!);
  }

  /** The right token from `address`: its count starts again. */
  succeeded(address: string | undefined): void {
    this.records.delete(addressKey(address));
  }

  /** Addresses remembered now (for the tests of the bound). */
  get size(): number {
    return this.records.size;
  }
}

/** Answers 429 (with Retry-After, in whole seconds) while `address` is shut out. */
export function refuseThrottled(throttle: TokenThrottle, address: string | undefined, res: ServerResponse): void {
  const wait = throttle.waitFor(address);
  if (wait <= 0) return;
  const seconds = Math.ceil(wait / 1000);
  res.setHeader('retry-after', String(seconds));
  throw new HttpError(429, `too many wrong tokens from ${addressKey(address)}: no token is checked from there for ${seconds} s more`);
}
