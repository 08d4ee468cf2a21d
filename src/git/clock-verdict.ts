// Which host's clock is wrong, from what every host wrote in clocks/ (clock-files.ts), and what
// the operator is told: by `status` and `sync` on every host, and by `allocate` and `serve` on
// the wrong host, which hand out nothing until its clock agrees again.
//
// Each file says "these hosts' commits were dated in my future": each line is a disagreement
// between two hosts. The fewest hosts that explain every disagreement are the wrong ones: one
// host that runs 13 hours behind sees everybody else ahead, while those see nothing wrong with
// each other. When only two hosts disagree nothing shows which clock is right; the one ahead is
// named (its commits are the evidence), and the message says the other may be the wrong one.
import { clockSetBack, durationText } from '../store/clock-jump.js';
import { layoutOf } from '../store/layout.js';
import { CLOCKS_APART_MAX_MS } from './clock-sightings.js';
import { AppError } from '../errors.js';
import { readClockFiles, type ClockFile } from './clock-files.js';
import { knownHostName } from './clock-host.js';

/** Clocks this close are taken to agree (ordinary NTP is within a second; a few minutes is no harm). */
export const CLOCK_TOLERANCE_MS = 5 * 60_000;
/** A file not rewritten for this long (its host is gone, or long fixed) no longer counts. */
const STALE_MS = 2 * 86_400_000;

export interface ClockFinding {
  host: string;
  direction: 'ahead' | 'behind';
  /** At least this many seconds off. */
  seconds: number;
  /** The hosts it disagrees with. */
  others: string[];
  /** Only these two hosts disagree: either clock may be the wrong one. */
  undecided: boolean;
}

interface Disagreement {
  observer: string;
  ahead: string;
  seconds: number;
}

/** Whether a host's file still counts (its host wrote it within two days, by either clock). */
export function isFresh(file: ClockFile, now: Date): boolean {
  return Math.abs(now.getTime() - Date.parse(file.checked_at)) <= STALE_MS;
}

export function judgeClocks(files: readonly ClockFile[], now: Date): ClockFinding[] {
  let edges: Disagreement[] = [];
  for (const file of files) {
    if (!isFresh(file, now)) continue;
    for (const lead of file.ahead) {
      if (lead.host !== file.host && lead.seconds * 1000 > CLOCK_TOLERANCE_MS) edges.push({ observer: file.host, ahead: lead.host, seconds: lead.seconds });
    }
  }
  const findings: ClockFinding[] = [];
  while (edges.length > 0) {
    const partners = new Map<string, Set<string>>();
    const aheadCount = new Map<string, number>();
    for (const e of edges) {
      for (const [a, b] of [[e.observer, e.ahead], [e.ahead, e.observer]] as const) partners.set(a, (partners.get(a) ?? new Set()).add(b));
      aheadCount.set(e.ahead, (aheadCount.get(e.ahead) ?? 0) + 1);
    }
    const degree = (h: string) => partners.get(h)!.size;
    // Most disagreements first; then the clock ahead; then by name, so every host names the same one.
    const [host] = [...partners.keys()].sort((a, b) => degree(b) - degree(a) || (aheadCount.get(b) ?? 0) - (aheadCount.get(a) ?? 0) || (a < b ? -1 : 1));
    const mine = edges.filter((e) => e.observer === host || e.ahead === host);
    const ahead = mine.filter((e) => e.ahead === host);
    const behind = mine.filter((e) => e.observer === host);
    const side = ahead.length >= behind.length ? ahead : behind;
    const others = [...partners.get(host!)!].sort();
    findings.push({
      host: host!,
      direction: side === ahead ? 'ahead' : 'behind',
      seconds: Math.max(...side.map((e) => e.seconds)),
      others,
      undecided: others.some((o) => degree(o) === degree(host!)),
    });
    edges = edges.filter((e) => !mine.includes(e));
  }
  return findings;
}

/** 46740 s → "12 h 59 min" (rounded down: these are lower bounds). */
export function roughly(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const [h, m] = [Math.floor(minutes / 60), minutes % 60];
  return h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** One finding in words, as seen from host `self`, with the fix. */
export function describeFinding(f: ClockFinding, self: string | undefined): string {
  const who = f.host === self ? `this host's clock (${f.host})` : `the clock of host ${f.host}`;
  const against = f.others.length === 1 ? `host ${f.others[0]}'s` : `the other hosts' (${f.others.join(', ')})`;
  const doubt = f.undecided ? ` (only these two disagree, so either clock may be wrong: if ${f.host}'s is right, ${f.others.join(', ')}'s is ${roughly(f.seconds)} ${f.direction === 'ahead' ? 'behind' : 'ahead'})` : '';
  // The other hosts take back what they saw only when they sync again and see a commit dated right.
  const then = f.direction === 'ahead' ? `\`accountpool sync\` on ${f.host}, then on ${f.others.join(', ')}` : `\`accountpool sync\` on ${f.host}`;
  return (
    `${who} is at least ${roughly(f.seconds)} ${f.direction === 'ahead' ? 'ahead of' : 'behind'} ${against}${doubt}; ${f.host} hands out no accounts until it is fixed. ` +
    `Fix it on ${f.host}: \`timedatectl set-ntp true\` (NTP; \`timedatectl status\` then says "System clock synchronized: yes"), or set it with \`timedatectl set-time\`; check with \`date -u\`. Then run ${then}.`
  );
}

/** What this clone's clocks/ folder says, and who this clone is. */
export async function clockFindings(dir: string, now: Date): Promise<{ self: string | undefined; findings: ClockFinding[] }> {
  return { self: await knownHostName(dir), findings: judgeClocks(await readClockFiles(dir), now) };
}

/** The finding that names this host, if any. */
export async function ownClockProblem(dir: string, now: Date): Promise<string | undefined> {
  const { self, findings } = await clockFindings(dir, now);
  const own = findings.find((f) => f.host === self);
  return own ? describeFinding(own, self) : setBackProblem(dir);
}

/**
 * A clock this host measured set back by more than the other hosts allow for (src/store/clock-jump.ts):
 * the holds and rests it would write are dated so far in the past that the other hosts would take
 * them for long over, and hand those accounts out again. It hands out nothing until its clock is
 * set forward again or a sync finds no other host's clock ahead of it (src/git/clock-sync.ts).
 */
export async function setBackProblem(dir: string): Promise<string | undefined> {
  const back = await clockSetBack(layoutOf(dir).clockMarker, new Date()); // the real clock, whatever a test injects
  if (back === undefined || back <= CLOCKS_APART_MAX_MS) return undefined;
  return (
    `this host's clock was set back by ${back >= Number.MAX_SAFE_INTEGER ? 'an unknown time' : durationText(back)} since the pool's earlier transactions: ` +
    `the holds and rests it writes now would be dated so far in the past that the other hosts sharing the pool would take them for long over and hand those accounts out again, so it hands out no accounts until it is fixed. ` +
    `If the clock is wrong now, fix it: \`timedatectl set-ntp true\` (NTP), or set it with \`timedatectl set-time\`; check with \`date -u\`. ` +
    `If it is right now (it was ahead before), run \`accountpool sync\`: a sync that finds no other host's clock ahead of this one lets it hand out again.`
  );
}

/** Before handing anything out: a host whose clock is known to be wrong stops (exit 1) and says why. */
export async function assertClockTrusted(dir: string, now: Date = new Date()): Promise<void> {
  const problem = await ownClockProblem(dir, now);
  if (problem) throw new AppError(problem);
}

/** For a server that runs for days: this host's problem, looked up again at most every `everyMs`. */
export function clockGuard(dir: string, now: () => Date, everyMs = 5_000): () => Promise<string | undefined> {
  let last: { at: number; problem: Promise<string | undefined> } | undefined;
  return () => {
    const at = performance.now();
    if (!last || at - last.at > everyMs) last = { at, problem: ownClockProblem(dir, now()) };
    return last.problem;
  };
}
