// The registry: every reader, how one is chosen for a dump, and the scanner-file writers.
// The content chooses the reader (the file name is only a hint, used by checker outputs whose
// verdict is in the name), so an operator never has to say what a dump is.
import { credentialProblem, type Account } from '../model.js';
import { createEml, type NestedReader } from './eml.js';
import { emailText } from './email-text.js';
import { json } from './json.js';
import { jsonl, writeJsonl } from './jsonl.js';
import { createMbox } from './mbox.js';
import { NO_PASSWORD, type CarryCheck } from './carry.js';
import { monocle, monocleProblem, writeMonocle } from './monocle.js';
import { plain } from './plain.js';
import { rocketmap, rocketmapProblem, writeRocketmap } from './rocketmap.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from './types.js';
import { createVerdictFiles } from './verdict-files.js';
import { kinancity } from './kinancity.js';
import { kinancityConsole } from './kinancity-console.js';
import { pikaptcha } from './pikaptcha.js';
import { pokealert } from './pokealert.js';
import { ptcAccGen } from './ptc-acc-gen.js';
import { rocketmapConfig } from './rocketmap-config.js';
import { monoclePickle } from './monocle-pickle.js';
import { monoclePrint } from './monocle-print.js';
import { pgpoolDump } from './pgpool-dump.js';
import { pgpoolTsv } from './pgpool-tsv.js';
import { pgpoolTable } from './pgpool-table.js';
import { isPythonPickle } from './decode.js';

import { withPlainBlanks } from './decode.js';

export { toDumpInput } from './decode.js';

const readNested: NestedReader = async (input, options) => {
  const formats = options?.exclude ? FORMATS.filter((f) => !options.exclude!.includes(f.name)) : FORMATS;
  const ranked = rank(input, formats);
  if (ranked.length === 0) return null;
  const result = await parseWith(ranked[0]!.format, input);
  return result.accounts.length > 0 || result.rejected.length > 0 ? result : null;
};

const eml = createEml(readNested);

/** In tie-break order: when two readers are equally sure, the earlier (more specific) one wins. */
export const FORMATS: DumpFormat[] = [
  createVerdictFiles(readNested),
  monoclePickle,
  createMbox(eml),
  eml,
  json,
  pgpoolDump,
  monoclePrint,
  pgpoolTsv,
  pgpoolTable,
  jsonl,
  monocle,
  kinancity,
  kinancityConsole,
  ptcAccGen,
  pikaptcha,
  rocketmapConfig,
  pokealert,
  rocketmap,
  emailText,
  plain,
];

interface Ranked {
  format: DumpFormat;
  score: number;
}

/** Readers that claim the dump, surest first. A detector that throws claims nothing. */
function rank(input: DumpInput, formats: DumpFormat[]): Ranked[] {
  const scored: Ranked[] = [];
  const seen = withPlainBlanks(input);
  for (const format of formats) {
    let score = 0;
    try {
      score = format.detect(seen);
    } catch {
      score = 0;
    }
    if (Number.isFinite(score) && score > 0) scored.push({ format, score });
  }
  // Array.prototype.sort is stable, so equal scores keep registry order.
  return scored.sort((a, b) => b.score - a.score);
}

/**
 * Any failure is a DumpError: callers can tell "this dump is bad" from a bug in us without
 * guessing. The original error is kept as `cause` but its message is not repeated, as library
 * messages may quote the input (and so a password).
 */
async function parseWith(format: DumpFormat, input: DumpInput): Promise<DumpResult> {
  try {
    return await format.parse(input);
  } catch (err) {
    if (err instanceof DumpError) throw err;
    const wrapped = new DumpError(`the ${format.name} reader failed (${err instanceof Error ? err.name : 'error'})`, input.name);
    (wrapped as Error).cause = err;
    throw wrapped;
  }
}

/** The reader `readDump` would use for this dump, if any claims it. */
export function detectFormat(input: DumpInput): DumpFormat | undefined {
  return rank(input, FORMATS)[0]?.format;
}

/** Read one dump with the reader surest it can; fails when that reader finds nothing account-like. */
export async function readDump(input: DumpInput): Promise<DumpResult> {
  if (input.text.trim() === '' && !isPythonPickle(input.bytes)) throw new DumpError('is empty', input.name);
  const ranked = rank(input, FORMATS);
  const scores = ranked.map((r) => `${r.format.name} ${r.score.toFixed(2)}`).join(', ');
  if (ranked.length === 0) {
    throw new DumpError(`no reader recognises this content (tried: ${FORMATS.map((f) => f.name).join(', ')})`, input.name);
  }
  const result = withStoreRules(await parseWith(ranked[0]!.format, input));
  if (result.accounts.length === 0 && result.rejected.length === 0) {
    throw new DumpError(`no accounts found; read as ${result.format} (detection: ${scores})`, input.name);
  }
  return result;
}

/**
 * Whatever a reader let through, the store's own rule decides: an account the store would refuse
 * becomes a rejected line with its number here, never a failed transaction without file or line.
 */
function withStoreRules(result: DumpResult): DumpResult {
  const refused: Rejection[] = [];
  const accounts = result.accounts.filter((a) => {
    const reason = credentialProblem(a.username, a.password);
    if (reason) refused.push({ line: a.line, reason });
    return !reason;
  });
  if (refused.length === 0) return result;
  return { ...result, accounts, rejected: [...result.rejected, ...refused].sort((a, b) => a.line - b.line) };
}

export type Writer = (accounts: Account[]) => string;

/** Scanner files by the name the config uses. */
export const WRITERS: { monocle: Writer; rocketmap: Writer; json: Writer } = {
  monocle: writeMonocle,
  rocketmap: writeRocketmap,
  json: writeJsonl,
};

/** What each scanner file cannot carry (see carry.ts); our own JSON lines carry every account with a password. */
export const CARRY_CHECKS: Record<keyof typeof WRITERS, CarryCheck> = {
  monocle: monocleProblem,
  rocketmap: rocketmapProblem,
  json: (account) => (account.password === undefined ? NO_PASSWORD : undefined),
};

export { writeJsonl, writeMonocle, writeRocketmap };
export type { CarryCheck };
export type { NestedReader };
