// Wrong tokens slow their sender down. Without this, a client that reached `serve` could try
// tokens as fast as the server answers (thousands a second over a few connections), and a short
// token fell to trying; `serve` only warned about it.
//
// Per client address: the first FREE_FAILURES guesses cost nothing (an operator's typo, a scanner
// configured with an old token), each one after them shuts the address out for twice as long as
// the one before, from 1 s up to MAX_BLOCK_MS. While shut out, the address's requests are answered
// 429 with Retry-After before any token is compared, so a guess made then teaches nothing: one
// guess per MAX_BLOCK_MS at most, once the doubling is done. Clients at other addresses are never
// touched, whatever token they send.
//
// What the address counts is each *other* wrong token: a guess. The same wrong token sent again
// teaches nothing new, and neither does a request with none: each counts in a bucket of its own,
// keyed by the address and that token (an HMAC of it under a key of this process: never kept in
// the clear; no token is a key of its own), shut out by the same doubling. So one scanner behind a
// NAT left with an old token, or with none, and retrying shuts out that token only, never the
// scanners beside it with the right one (until stop 46 it shut out the whole address, all of them,
// for up to a minute at a time; a tokenless one until stop 47).
//
// The right token clears nothing: the address's count of guesses goes down by one for each
// DRAIN_MS with no guess, whatever else the address sends. Until stop 47 a right token set it to
// zero, and a guesser behind one NAT with a scanner got FREE_FAILURES guesses more for each of the
// scanner's requests (thousands an hour). A guesser, whose every guess is another token, shuts the
// address out; no right token is let through an address shut out, for that would answer its guesses.
//
// IPv6 addresses count by their /64: one host is given a whole /64 and picks any address in it.
// Bounded: at most MAX_ADDRESSES addresses are remembered (the one longest unheard of is forgotten
// first), MAX_TOKENS wrong tokens an address (the oldest forgotten: sent again it is a guess once
// more, so forgetting costs the address, never spares it), and an address not heard from for
// FORGET_MS is forgotten with its counts. Not trusted:
// X-Forwarded-For and its kin, which any client may write; behind a proxy every client is the
// proxy's address (docs/server.md says so).
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { ServerResponse } from 'node:http';
import { HttpError } from './http.js';

export const FREE_FAILURES = 10;
export const MAX_BLOCK_MS = 60_000;
const FIRST_BLOCK_MS = 1000;
export const MAX_ADDRESSES = 10_000;
const FORGET_MS = 15 * 60_000;
/** A bucket's count goes down by one for each of these without a failure (a guesser: one guess a minute, steadily). */
export const DRAIN_MS = 60_000;
/** The bucket key of requests with no token (an HMAC in base64 is never this). */
const NO_TOKEN = '(none)';
export const MAX_TOKENS = 64;

interface Bucket {
  failures: number;
  /** When the last failure was counted (clock ms): the count drains from there. */
  last: number;
  /** Shut out until then (clock ms); 0: not shut out. */
  until: number;
}

interface Record extends Bucket {
  lastSeen: number;
  /** The wrong tokens sent from there, by their HMAC: each one's repeats. */
  tokens: Map<string, Bucket>;
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
  /** Tokens are kept as HMACs under this: a heap dump shows no token, nor anything to try tokens against offline. */
  private readonly key = randomBytes(32);

  constructor(
    private readonly clock: () => number = () => performance.now(),
    private readonly limits = { free: FREE_FAILURES, firstBlockMs: FIRST_BLOCK_MS, maxBlockMs: MAX_BLOCK_MS, maxAddresses: MAX_ADDRESSES, forgetMs: FORGET_MS, maxTokens: MAX_TOKENS, drainMs: DRAIN_MS },
  ) {}

  /** The bucket of `token` (undefined: none sent) within its address's record. */
  private tokenKey(token: string | undefined): string {
    return token === undefined ? NO_TOKEN : createHmac('sha256', this.key).update(token).digest('base64');
  }

  /** The address's record while remembered (an idle one forgotten here). */
  private live(key: string, now: number): Record | undefined {
    const record = this.records.get(key);
    if (record && now - record.lastSeen > this.limits.forgetMs) {
      this.records.delete(key);
      return undefined;
    }
    return record;
  }

  /** How long `address` itself is shut out (for guessing), in ms, whatever a request from there sends. */
  addressWait(address: string | undefined): number {
    const now = this.clock();
    return Math.max(0, (this.live(addressKey(address), now)?.until ?? 0) - now);
  }

  /** How long a request from `address` sending `token` (undefined: none) is still refused, in ms (0: it may try). */
  waitFor(address: string | undefined, token?: string): number {
    const now = this.clock();
    const record = this.live(addressKey(address), now);
    if (!record) return 0;
    const bucket = record.tokens.get(this.tokenKey(token));
    return Math.max(0, record.until - now, (bucket?.until ?? 0) - now);
  }

  /** One failure more on `bucket` (less one for each DRAIN_MS since its last): past the free ones, shut out for twice as long as the last time. */
  private fail(bucket: Bucket, now: number): void {
    bucket.failures = Math.max(0, bucket.failures - Math.floor((now - bucket.last) / this.limits.drainMs)) + 1;
    bucket.last = now;
    const over = bucket.failures - this.limits.free;
    if (over > 0) bucket.until = now + Math.min(this.limits.maxBlockMs, this.limits.firstBlockMs * 2 ** Math.min(over - 1, 30));
  }

  /** A wrong `token` (undefined: none) from `address`. */
  failed(address: string | undefined, token?: string): void {
    const key = addressKey(address);
    const now = this.clock();
    const record = this.live(key, now) ?? { failures: 0, last: now, until: 0, lastSeen: now, tokens: new Map() };
    this.records.delete(key); // set again below: the Map's order is then the order last heard from
    record.lastSeen = now;
    const tokenKey = this.tokenKey(token);
    const bucket = record.tokens.get(tokenKey);
    if (bucket) this.fail(bucket, now); // the same wrong token again, or none again: its own bucket only
    else {
      if (token !== undefined) this.fail(record, now); // another guess: the address
      record.tokens.set(tokenKey, { failures: 1, last: now, until: 0 });
      while (record.tokens.size > this.limits.maxTokens) record.tokens.delete(record.tokens.keys().next().value!);
    }
    this.records.set(key, record);
    while (this.records.size > this.limits.maxAddresses) this.records.delete(this.records.keys().next().value!);
  }

  /** Addresses remembered now (for the tests of the bound). */
  get size(): number {
    return this.records.size;
  }
}

/** Answers 429 (with Retry-After, in whole seconds) while `address` is shut out, or `token` from there. */
export function refuseThrottled(throttle: TokenThrottle, address: string | undefined, token: string | undefined, res: ServerResponse): void {
  const wait = throttle.waitFor(address, token);
  if (wait <= 0) return;
  const seconds = Math.ceil(wait / 1000);
  res.setHeader('retry-after', String(seconds));
  if (throttle.addressWait(address) > 0) throw new HttpError(429, `too many wrong tokens from ${addressKey(address)}: no token is checked from there for ${seconds} s more`);
  if (token === undefined) throw new HttpError(429, `too many requests without a token from ${addressKey(address)}: none is answered for ${seconds} s more (requests with a token from there are)`);
  throw new HttpError(429, `this wrong token was sent from ${addressKey(address)} too many times: it is not checked again for ${seconds} s (other tokens from there are)`);
}
