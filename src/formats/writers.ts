// The scanner-file writers and what each file cannot carry, apart from the registry of readers
// (index.ts): allocate and export load these formats, not every reader.
import type { Account } from '../model.js';
import { NO_PASSWORD, type CarryCheck } from './carry.js';
import { writeJsonl } from './jsonl.js';
import { monocleProblem, writeMonocle } from './tools/monocle.js';
import { rocketmapProblem, writeRocketmap } from './tools/rocketmap.js';
import { rdmProblem, writeRdm } from './tools/rdm.js';
import { FlygonBody, flygonProblem, writeFlygon } from './tools/flygon.js';
import { pogoaccountserverProblem, writePogoaccountserver } from './tools/pogoaccountserver.js';
import { madProblem, writeMad } from './tools/mad.js';
import { dragoniteProblem, writeDragonite } from './tools/dragonite.js';

export type Writer = (accounts: Account[]) => string;

/** Scanner files by the name the config uses. */
export const WRITERS = {
  monocle: writeMonocle,
  rocketmap: writeRocketmap,
  rdm: writeRdm,
  flygon: writeFlygon,
  pogoaccountserver: writePogoaccountserver,
  mad: writeMad,
  dragonite: writeDragonite,
  json: writeJsonl,
} satisfies Record<string, Writer>;

export type FormatName = keyof typeof WRITERS;

/** A file written in pieces (export writes a large pool so): each piece's text, then the file's end. */
export interface PieceWriter {
  piece(accounts: Account[]): string;
  end(): string;
}

/**
 * The writer of one file in pieces: Monocle's CSV has its header in the first piece alone,
 * Flygon's JSON body opens in the first and closes in `end`; the others are a line per account.
 */
export function pieceWriter(format: FormatName): PieceWriter {
  if (format === 'flygon') return new FlygonBody();
  let first = true;
  return {
    piece(accounts) {
      const text = format === 'monocle' ? writeMonocle(accounts, first) : WRITERS[format](accounts);
      first = false;
      return text;
    },
    end: () => '',
  };
}

/** What each scanner file cannot carry (see carry.ts); our own JSON lines carry every account with a password. */
export const CARRY_CHECKS: Record<FormatName, CarryCheck> = {
  monocle: monocleProblem,
  rocketmap: rocketmapProblem,
  rdm: rdmProblem,
  flygon: flygonProblem,
  pogoaccountserver: pogoaccountserverProblem,
  mad: madProblem,
  dragonite: dragoniteProblem,
  json: (account) => (account.password === undefined ? NO_PASSWORD : undefined),
};
