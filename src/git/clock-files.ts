// `clocks/HOST.yaml` in a pool shared through git: what one host's clock saw of the others'.
//
// A host that fetches a commit dated in its own future has measured a lower bound of the lead of
// the clock that dated it. It writes what it saw into a file of its own, which every host reads
// after a sync: one file per host, written by that host alone, so two hosts never change one
// file and a rebase never has to merge them. Only a host that sees (or is named in) a
// disagreement writes its file; with clocks that agree there is none.
import { lstat, mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { yaml } from '../yaml-lazy.js';
import { yamlShapeProblem } from '../yaml-shape.js';
import { writeFileAtomic } from '../store/atomic-write.js';
import { readOwnFile } from '../store/own-file.js';
import { linkedAt } from '../store/linked-path.js';
import { AppError } from '../errors.js';

export const CLOCKS_DIR = 'clocks';

/**
 * Far beyond a host's file (a lead of ~60 bytes per other host ahead of it: 500 hosts in 32 KB);
 * a bigger one is no clock file. The files arrive with a sync, and git checks out a committed link
 * as a link: one to /dev/zero or a FIFO once hung every command that judges the clocks, on every
 * host of the pool. And YAML costs ~2 s of CPU a MB to parse: five 1 MB files a peer pushed (a
 * few KB packed) cost every host's allocate and status 10 s of CPU each.
 */
const CLOCK_FILE_MAX = 32 * 1024;

/**
 * What one command reads of clocks/ in all, in name order (each file costs its bytes and
 * FILE_COST, so empty files count too): ~0.25 s of parsing at most, the files of ~250 hosts
 * (a host's file holds a few hundred bytes). Files past it are skipped. The files are no more trusted for
 * that: any peer may already write, forge or remove any of them.
 */
const CLOCKS_READ_MAX = 128 * 1024;
const FILE_COST = 256;

/** Another host whose commits were dated in this host's future. */
export interface Lead {
  host: string;
  /** How far ahead, at least (the commit's date minus this host's clock when it fetched it). */
  seconds: number;
  /** The commit that showed it. */
  commit: string;
}

export interface ClockFile {
  host: string;
  /** This host's clock when it wrote the file. */
  checked_at: string;
  ahead: Lead[];
}

const HEADER = "# accountpool: which hosts' commits were dated in this host's future, and by how much (written by accountpool sync; do not edit)";

/** The file of `host` (its name is already safe as a file name, see clock-host.ts). */
export function clockFileOf(dir: string, host: string): string {
  return join(dir, CLOCKS_DIR, `${host}.yaml`);
}

function parseLead(value: unknown): Lead | undefined {
  const v = value as Partial<Lead> | null;
  if (!v || typeof v.host !== 'string' || typeof v.seconds !== 'number' || !Number.isFinite(v.seconds)) return undefined;
  return { host: v.host, seconds: v.seconds, commit: typeof v.commit === 'string' ? v.commit : '' };
}

/** A file as written by renderClockFile; undefined for anything else (a hand edit gone wrong is ignored, not fatal). */
export function parseClockFile(text: string): ClockFile | undefined {
  let data: Partial<ClockFile> | null;
  // A peer's file nesting past what renderClockFile writes: the yaml package's recursion would abort sync (yaml-shape.ts).
  if (yamlShapeProblem(text)) return undefined;
  try {
    data = yaml().parse(text) as Partial<ClockFile> | null;
  } catch {
    return undefined;
  }
  if (!data || typeof data.host !== 'string' || typeof data.checked_at !== 'string' || Number.isNaN(Date.parse(data.checked_at))) return undefined;
  const ahead = Array.isArray(data.ahead) ? data.ahead.map(parseLead).filter((l): l is Lead => l !== undefined) : [];
  return { host: data.host, checked_at: data.checked_at, ahead };
}

export function renderClockFile(file: ClockFile): string {
  return `${HEADER}\n${yaml().stringify(file)}`;
}

/**
 * Every host's file in the working tree. Files that do not read are skipped: damaged ones, and
 * (readOwnFile) links, FIFOs, devices and files over CLOCK_FILE_MAX, never followed nor waited on;
 * and once CLOCKS_READ_MAX is spent, the rest.
 */
export async function readClockFiles(dir: string): Promise<ClockFile[]> {
  if (await linkedFolder(dir)) return [];
  const names = await readdir(join(dir, CLOCKS_DIR)).catch(() => [] as string[]);
  const files: ClockFile[] = [];
  let budget = CLOCKS_READ_MAX;
  for (const name of names.filter((n) => n.endsWith('.yaml')).sort()) {
    budget -= FILE_COST;
    if (budget <= 0) break;
    const text = await readOwnFile(join(dir, CLOCKS_DIR, name), Math.min(CLOCK_FILE_MAX, budget));
    if (text === undefined) continue;
    budget -= text.length;
    const file = parseClockFile(text);
    if (file) files.push(file);
  }
  return files;
}

/**
 * Where clocks/ is a link, what it leads to. git checks out a folder a peer committed as a link
 * (`clocks -> /home/op/.ssh`) as that link: followed, our file went wherever it leads, outside the
 * pool, and its files were taken for the hosts'. Such a folder is neither read nor written.
 */
async function linkedFolder(dir: string): Promise<string | undefined> {
  return linkedAt(join(dir, CLOCKS_DIR));
}

export async function writeClockFile(dir: string, file: ClockFile): Promise<void> {
  const linked = await linkedFolder(dir);
  if (linked) throw new AppError(`cannot write this host's clock file: ${linked}, not the pool's own folder; accountpool neither reads nor writes through it: put the folder back (another host's commit, or a hand, made the link)`);
  await mkdir(join(dir, CLOCKS_DIR), { recursive: true, mode: 0o700 });
  const path = clockFileOf(dir, file.host);
  // The name is this host's alone, but a peer may commit it as a folder or a link (to /dev/zero):
  // refused as a write target, it stopped every sync of this host that had to write it. Whatever
  // stands there is removed, never followed (rm takes a link away, not what it leads to); the
  // commit of this host's file then records the folder's or link's removal with it.
  const info = await lstat(path).catch(() => undefined);
  if (info && !info.isFile()) await rm(path, { recursive: true, force: true });
  await writeFileAtomic(path, renderClockFile(file), 0o600);
}
