// The contract every checker implements (one file per checker in this folder).
// A checker judges accounts just before they are handed out; it never touches the pool.
import type { Device, Provider } from '../model.js';

/** A checker's word on one account. `invalid` = wrong credentials. */
export const VERDICTS = ['ok', 'temp_banned', 'perm_banned', 'warned', 'blind', 'invalid'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a checker is told of an account (the JSON object the `command` checker receives). */
export interface CheckRequest {
  username: string;
  password: string;
  provider: Provider;
  level: number;
  device?: Device;
}

/**
 * The answer for one account. Exactly one of `verdict` or `error` is set: an error (crash, timeout,
 * garbage, missing answer) is never a ban; the account is only skipped this time.
 */
export interface CheckResult {
  username: string;
  verdict?: Verdict;
  error?: string;
  /** The level the checker saw, when it reports one. */
  level?: number;
  detail?: string;
}

export interface CheckOptions {
  /** How many accounts may be checked at the same time. */
  concurrency: number;
  signal?: AbortSignal;
}

export interface Checker {
  name: string;
  /** Answers exactly one result per request, in any order; never rejects for a single account's trouble. */
  check(requests: CheckRequest[], options: CheckOptions): Promise<CheckResult[]>;
}

/** How a result starts when the checker's program could not be started at all (command.ts): no account's fault, and no check. */
export const CANNOT_START = 'cannot start checker';
