// The scanner-file writers and what each file cannot carry, apart from the registry of readers
// (index.ts): allocate and export load these three formats, not every reader.
import type { Account } from '../model.js';
import { NO_PASSWORD, type CarryCheck } from './carry.js';
import { writeJsonl } from './jsonl.js';
import { monocleProblem, writeMonocle } from './tools/monocle.js';
import { rocketmapProblem, writeRocketmap } from './tools/rocketmap.js';

export type Writer = (accounts: Account[]) => string;

/** Scanner files by the name the config uses. */
export const WRITERS: { monocle: Writer; rocketmap: Writer; json: Writer } = {
  monocle: writeMonocle,
  rocketmap: writeRocketmap,
  json: writeJsonl,
};

/**
 * A piece of a file after its first (export writes a large pool in pieces): Monocle's CSV without
 * its header again; the others are a line per account and nothing else.
 */
export const CONTINUED: { monocle: Writer; rocketmap: Writer; json: Writer } = {
  monocle: (accounts) => writeMonocle(accounts, false),
  rocketmap: writeRocketmap,
  json: writeJsonl,
};

/** What each scanner file cannot carry (see carry.ts); our own JSON lines carry every account with a password. */
export const CARRY_CHECKS: Record<keyof typeof WRITERS, CarryCheck> = {
  monocle: monocleProblem,
  rocketmap: rocketmapProblem,
  json: (account) => (account.password === undefined ? NO_PASSWORD : undefined),
};
