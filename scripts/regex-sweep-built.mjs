// The patterns src/ builds at run time (`new RegExp(...)`: labels in many languages, reply
// corrections, a key's name): regex-sweep.mjs sees only literals. Each is caught as it is built,
// with the values the code builds it with: RegExp is wrapped, every module of src/formats is
// imported (its tables built) and every fixture dump read through readDump (the patterns built on
// first use or per call). Each one built in src/ is then swept as regex-sweep.mjs sweeps a literal.
// Stop 67 (A): docs/scale-log.md "Stop 67 (A)".
//   node --import tsx scripts/regex-sweep-built.mjs [PATH-PART]
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { literals, sweepOne } from './regex-sweep.mjs';

const repo = join(import.meta.dirname, '..');
const only = process.argv[2];
const Native = RegExp;
const built = new Map();

/** The first frame of the stack inside src/: where the pattern is built. */
function site() {
  for (const line of new Error().stack.split('\n').slice(2)) {
    const m = /\((.*\/src\/[^)]*?):(\d+):\d+\)$|at (.*\/src\/[^ ]*?):(\d+):\d+$/.exec(line);
    if (m && !line.includes('node_modules')) return `${relative(join(repo, 'src'), (m[1] ?? m[3]).replace(/^file:\/\//, ''))}:${m[2] ?? m[4]}`;
  }
  return undefined;
}

function record(re) {
  const at = site();
  if (!at) return;
  const key = `${re.flags}/${re.source}`;
  if (!built.has(key)) built.set(key, { at, source: re.source, flags: re.flags });
}

globalThis.RegExp = new Proxy(Native, {
  construct(target, args, newTarget) {
    const re = Reflect.construct(target, args, newTarget === globalThis.RegExp ? target : newTarget);
    record(re);
    return re;
  },
  apply(target, self, args) {
    const re = Reflect.apply(target, self, args);
    record(re);
    return re;
  },
});

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]));

for (const f of files(join(repo, 'src', 'formats')).filter((f) => f.endsWith('.ts'))) await import(pathToFileURL(f).href);
const { readDump, toDumpInput } = await import(pathToFileURL(join(repo, 'src', 'formats', 'index.ts')).href);
let read = 0;
for (const f of files(join(repo, 'test', 'fixtures', 'dumps'))) {
  try {
    await readDump(toDumpInput(f.split('/').pop(), readFileSync(f)));
  } catch {
    // refused or unread: the patterns built on the way are recorded all the same
  }
  read++;
}
globalThis.RegExp = Native;

// A literal's own source, already swept by regex-sweep.mjs, is left out (`new RegExp(X.source, 'g')`).
const swept = new Set(literals().map((r) => r.source));
const list = [...built.values()].filter((r) => !swept.has(r.source) && (!only || r.at.includes(only)));
console.error(JSON.stringify({ fixtures: read, built: built.size, swept: list.length }));
// (Progress on stderr: a pattern of tables of words takes seconds.)
for (const [i, r] of list.entries()) {
  if (process.env.SWEEP_FROM && i < +process.env.SWEEP_FROM) continue;
  console.error(`${i} ${r.at}`);
  sweepOne(r, 12);
}
