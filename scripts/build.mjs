// `npm run build` (npm pack runs it through prepack): bundles src/ into dist/accountpool.mjs, the
// file bin/accountpool.js runs, and the chunks it imports (dist/chunks/), so an installed
// package needs neither tsx nor esbuild. In a checkout bin/accountpool.js calls build() itself
// whenever a source is newer than the bundle.
//
// One chunk per command (esbuild's code splitting of the `import()`s in src/commands/index.ts),
// code two commands share in chunks of its own: a command compiles and runs only its own code and
// what it imports, not the whole CLI's (docs/design-scale.md §3.11).
//
// Packages stay outside the bundle (`packages: 'external'`): they are installed beside it as
// dependencies, and the ones loaded on first use (yaml, the csv packages, proper-lockfile:
// src/lazy-require.ts; mailparser, htmlparser2, chokidar, ...) stay loaded on first use, which
// keeps every command's start fast.
// Plain JavaScript, so a checkout can build without tsx.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { asciiTemplates } from './ascii-templates.mjs';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const ENTRY = join(ROOT, 'src', 'cli', 'run.ts');
export const BUNDLE = join(ROOT, 'dist', 'accountpool.mjs');
/** The chunks' folder, beside the entry. */
export const CHUNKS = 'chunks';
/**
 * How long a checkout's start keeps a chunk no build names any more: a long-running command
 * (watch, serve) started from an older build may still import it.
 */
export const KEEP_OLD_CHUNKS_MS = 24 * 3600_000;

/**
 * Commands built as one file each, everything they import bundled in (dist/chunks/<name>-whole.mjs,
 * imported by its path from the file that imports it: `wholePaths`), not as their chunk and the
 * chunks it imports: Node's ES module loader costs about a millisecond of CPU per file, and
 * `allocate` loaded 33 (72 ms against 38 ms for the same code in one file, docs/scale-log.md,
 * stop 31). Such a file imports no chunk, so a build may write it again under the same name (a
 * process of an older build that imports it gets a whole program either way). It holds its own
 * copy of the modules the entry has too: the entry tells its errors by a mark, not `instanceof`
 * (src/errors.ts `isAppError`). `import` since stop 56 (I): its 23 chunks against one file of
 * ~1.5 MB (every reader in it), ~0.03 s of CPU less for a one-line file and ~0.07-0.10 s for a
 * 100,000-line one in pairs (docs/scale-log.md, stop 56 I; stop 32 found none at 606 KB). `status`
 * since stop 66 (S): its ~45 chunks, compiled afresh each start (no code cache for ES modules), against
 * one ~0.5 MB file with its code cache. `mark` and `release` since stop 66 (S3): a scanner's hooks run
 * them after each verdict and at each stop; 34 and 32 chunks against one file each (~0.5 MB each since
 * stop 67 S2, when mark's readers became a part of their own, LAZY_PARTS), ~65-100 ms less CPU a run
 * at load 20-36, ~25 % (docs/scale-log.md, stop 66 S3).
 *
 * Since stop 57 (A) the program itself is CommonJS (`<name>-whole-<hash>.cjs`) and
 * `<name>-whole.mjs` a small ES module that compiles it with V8's code cache (src/cli/code-cache.ts)
 * and exports what it exports: Node 20 keeps no code cache for an ES module, and compiling the
 * ~870 KB of allocate's file and the functions it calls again in every run cost ~4.5 % of an
 * allocation's CPU at 10,000 accounts (docs/scale-log.md, stop 57 A).
 * The hash in the CommonJS file's name is of its content: a cache is kept under that name, so a
 * name never stands for other code.
 */
export const WHOLE_COMMANDS = ['allocate', 'import', 'status', 'mark', 'release'];

/**
 * The packages a whole command's CommonJS file holds itself, not loaded from node_modules: the lock
 * library (proper-lockfile and what it requires), which every allocation and import loads at its
 * first lock. From node_modules that was 13 CommonJS files, each found (Node's walk of the
 * node_modules folders), read and compiled with no code cache: ~12 ms of CPU an allocation (median,
 * load ~19), ~4 ms from the file with its code cache (docs/scale-log.md, stop 59 A). Still run on the first lock
 * only: src/store/lockfile-package.ts, the one module that loads it, is replaced by a `require` the
 * bundler follows, and esbuild runs a bundled CommonJS module when it is first required.
 */
export const WHOLE_PACKAGES = ['proper-lockfile', 'graceful-fs', 'retry', 'signal-exit'];
const LOCKFILE_PACKAGE = join(ROOT, 'src', 'store', 'lockfile-package.ts');
/** What the bundled signal-exit gets for node:assert (the file says why). */
const SIGNAL_EXIT_ASSERT = join(ROOT, 'scripts', 'signal-exit-assert.cjs');

/**
 * A whole command's CommonJS program is written inside the function Node wraps a CommonJS module
 * in (these two texts around it): src/cli/code-cache.ts `loadCommonJs` compiles the file's text as
 * it is and calls the function with the module's `exports`, `require`, `module`, file and folder.
 */
export const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';
export const WRAPPER_END = '\n})';

/** The esbuild plugin that bundles WHOLE_PACKAGES into a whole command's file and leaves every other package outside. */
const wholePackages = {
  name: 'whole-packages',
  setup(b) {
    b.onLoad({ filter: /lockfile-package\.ts$/ }, ({ path }) =>
      path === LOCKFILE_PACKAGE ? { contents: 'export const loadLockfile = () => require("proper-lockfile");\n', loader: 'js', resolveDir: dirname(path) } : undefined,
    );
    // signal-exit's `require('assert')`: a check of one argument, not Node's assert (SIGNAL_EXIT_ASSERT).
    b.onResolve({ filter: /^assert$/ }, ({ importer }) => (importer.includes(`${sep}node_modules${sep}signal-exit${sep}`) ? { path: SIGNAL_EXIT_ASSERT } : undefined));
    // A package named by the replaced module or by a bundled package's own files is bundled (Node's
    // modules stay outside: esbuild's platform node); any other is required from node_modules at run time.
    b.onResolve({ filter: /^[^./]/ }, ({ path, importer }) => {
      if (path.startsWith('node:')) return { external: true };
      const inside = importer === LOCKFILE_PACKAGE || WHOLE_PACKAGES.some((name) => importer.includes(`${sep}node_modules${sep}${name}${sep}`));
      return inside ? undefined : { external: true };
    });
  },
};

/** The loader each whole command's ES module bundles in (src/cli/code-cache.ts). */
export const CODE_CACHE_LOADER = join(ROOT, 'src', 'cli', 'code-cache.ts');

/**
 * What esbuild leaves as a whole command's import (`import("accountpool-whole:allocate")`); the
 * build puts the file's path from the importing file in its place (`wholePaths`). A path, not a
 * name in package.json's `imports`: resolving `#accountpool/allocate` took ~10-14 ms of CPU in
 * Node 20's resolver (the package scope found, its package.json read, the target checked: 10
 * fresh processes each, docs/scale-log.md, stop 33); a relative path skips all three.
 */
export const WHOLE_MARK = 'accountpool-whole:';

/**
 * The merge driver's own entry (src/cli/merge-driver-run.ts), built as one file beside the chunks:
 * git starts `accountpool merge-driver` once per file changed on both sides of each replayed commit,
 * and bin/accountpool.js runs this file for it instead of the CLI's entry, which loads the command
 * list and ~10 chunks before the driver's own ~18 (~50 ms of CPU a start, docs/scale-log.md, stop 50).
 * bin/accountpool.js names the same path.
 */
export const DRIVER_ENTRY = join(ROOT, 'src', 'cli', 'merge-driver-run.ts');
export const DRIVER_FILE = 'merge-driver-run.mjs';

/**
 * The own entry of `allocate`, `status`, `mark` and `release` (src/cli/command-run.ts, COMMAND_RUN), built as one file
 * beside the chunks as the driver's is: bin/accountpool.js runs it for them instead of the CLI's entry
 * and its ~11 chunks (docs/scale-log.md, stop 59 A; stop 66 S for status, S3 for mark and release). CommonJS, loaded by the
 * bin's `require`, with the command's program (WHOLE_COMMANDS) loaded by src/cli/code-cache.ts from it
 * directly, not through the ES module stub: such a command loads no ES module, so Node never starts
 * its ES module loader (~20 of Node's own modules and each module's reads on its thread pool: ~35 ms
 * of CPU an allocation at load ~11, stop 63 S2). Not named by its content: each build writes it again,
 * naming the programs it built. bin/accountpool.js names the same path and commands.
 */
export const COMMAND_ENTRY = join(ROOT, 'src', 'cli', 'command-run.ts');
export const COMMAND_FILE = 'command-run.cjs';
/** The commands COMMAND_ENTRY runs (each one of WHOLE_COMMANDS). */
export const COMMAND_RUN = ['allocate', 'status', 'mark', 'release'];

/**
 * Code a whole command's program runs only for some inputs, built as a program of its own and loaded
 * (with its code cache, src/cli/code-cache.ts) on first use, not bundled into the command's: each
 * start reads the whole program's text and makes it a string, run or not. `mark --from FILE` reads
 * any dump the importer reads (src/usernames.ts imports the readers' registry for a file that is not a
 * plain list), so mark's program held every reader, 1.51 MB against release's 0.49 (stop 66 S3); a
 * scanner's hooks run `mark USER --verdict V` after every verdict and never need them (docs/scale-log.md,
 * stop 67 S2). Each entry: the program's name (`<name>-part-<hash>.cjs`), its source, and the
 * commands whose import of it from `importer` becomes that program's load. The part holds its own copy of
 * the modules it shares with the command (decode.ts, errors.ts, ...): it is handed a plain DumpInput and
 * gives back plain accounts, and errors are told by a mark, not `instanceof` (src/errors.ts `isAppError`).
 */
export const LAZY_PARTS = [{ name: 'readers', source: join(ROOT, 'src', 'formats', 'index.ts'), commands: ['mark'], importer: join(ROOT, 'src', 'usernames.ts'), specifier: './formats/index.js' }];

/** The CommonJS module that stands for `program` (a file beside the one that requires it): its exports, loaded with its code cache on first require. */
const programLoader = (program) =>
  [`const { join } = require("node:path");`, `const { loadCommonJs } = require(${JSON.stringify(CODE_CACHE_LOADER)});`, `module.exports = loadCommonJs(join(__dirname, ${JSON.stringify(program)}));`].join('\n');

/** The own entry as CommonJS (COMMAND_FILE): its import of each command's module is `loadCommonJs` of that command's program beside it (`programs`: name -> file name). */
function commandEntry(esbuild, common, outdir, programs) {
  return esbuild.build({
    ...common,
    format: 'cjs',
    // Each command's `import()` stays lazy (a function run on first use), as a `require`: only the
    // command run is loaded, after the tier-up budget (src/cli/tier-up.ts) is set.
    supported: { 'dynamic-import': false },
    entryPoints: [COMMAND_ENTRY],
    outfile: join(outdir, CHUNKS, COMMAND_FILE),
    plugins: [
      {
        name: 'command-programs',
        setup(b) {
          b.onResolve({ filter: /^\.\.\/commands\/[a-z-]+\.js$/ }, ({ path, importer }) => {
            const name = basename(path, '.js');
            if (importer !== COMMAND_ENTRY || !programs.has(name)) return undefined;
            return { path: programs.get(name), namespace: 'command-program' };
          });
          b.onLoad({ filter: /.*/, namespace: 'command-program' }, ({ path }) => ({ contents: programLoader(path), loader: 'js', resolveDir: ROOT }));
        },
      },
    ],
  });
}

/** A whole command's program file or a part's (LAZY_PARTS), named by the hash of its content (`wholeCommand`, `cjsProgram`). */
const PROGRAM_NAME = /-(whole|part)-[0-9a-f]{12}\.cjs$/;

/** `contents` of the output file at `path` with each whole command's mark replaced by the relative path to its file. */
function wholePaths(path, contents, outdir, replaced) {
  let text = Buffer.from(contents).toString('utf8');
  if (!text.includes(WHOLE_MARK)) return contents;
  for (const name of WHOLE_COMMANDS) {
    const mark = `import(${JSON.stringify(WHOLE_MARK + name)})`;
    if (!text.includes(mark)) continue;
    let target = relative(dirname(path), join(outdir, CHUNKS, `${name}-whole.mjs`)).split(sep).join('/');
    if (!target.startsWith('.')) target = `./${target}`;
    text = text.replaceAll(mark, `import(${JSON.stringify(target)})`);
    replaced.add(name);
  }
  if (text.includes(WHOLE_MARK)) throw new Error(`scripts/build.mjs: ${path} imports a whole command in a way the build does not rewrite`);
  return Buffer.from(text);
}

/** `data` at `path` through a temp file and a rename: a concurrent start sees the old file or the new one, never half of one. */
function writeWhole(path, data) {
  const temp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

/**
 * `entry` bundled as one CommonJS program, not yet written: named `<name>-<kind>-<hash>.cjs` by the
 * hash of its content, with `parts` (LAZY_PARTS, specifier -> program file name) each left out and
 * loaded from its own program on first use. Returns the file and its metafile's output.
 */
async function cjsProgram(esbuild, common, { entry, name, kind, outdir, ascii, parts = new Map() }) {
  const found = new Set();
  const lazyParts = {
    name: 'lazy-parts',
    setup(b) {
      b.onResolve({ filter: /^\./ }, ({ path, importer }) => {
        const part = parts.get(`${importer}\0${path}`);
        if (part !== undefined) found.add(part);
        return part === undefined ? undefined : { path: part, namespace: 'lazy-part' };
      });
      b.onLoad({ filter: /.*/, namespace: 'lazy-part' }, ({ path }) => ({ contents: programLoader(path), loader: 'js', resolveDir: ROOT }));
    },
  };
  // `import.meta.url` (lazy-require.ts, install.ts) is the CommonJS file's own URL. A package's
  // `import()` (htmlparser2, mailparser, pickleparser, py-ast, acorn: each ships a CommonJS build) is
  // `require`: `vm.Script` runs an `import()` only through Node's experimental loader hook, which
  // prints an ExperimentalWarning on Node 20.
  const cjs = await esbuild.build({
    ...common,
    format: 'cjs',
    packages: 'bundle',
    // No indentation, comments or line breaks between statements: every start reads the program
    // as a string (V8 needs the source beside its code cache), 0.95 -> 0.65 MB for allocate.
    // Names and syntax are kept as written (a stack trace still names the functions).
    minifyWhitespace: true,
    supported: { 'dynamic-import': false },
    plugins: [ascii.plugin, wholePackages, lazyParts],
    entryPoints: [entry],
    outfile: join(outdir, CHUNKS, `${name}-${kind}.cjs`),
    define: { 'import.meta.url': '__accountpool_file_url' },
    // The directive first: esbuild writes its banner above the program's own `"use strict"`, where
    // that is no directive, and the whole program ran in sloppy mode, unlike the ES modules it is
    // built from (stop 64 S2; esbuild's own line after it is then a plain expression).
    banner: { js: '"use strict";var __accountpool_file_url = require("node:url").pathToFileURL(__filename).href;' },
  });
  // An import renamed or moved would bundle the part back into the program, unnoticed but for its size.
  const missed = [...parts.values()].filter((part) => !found.has(part));
  if (missed.length > 0) throw new Error(`scripts/build.mjs: ${name}'s program imports no ${missed.join(', ')} where LAZY_PARTS says (its importer and specifier changed)`);
  // Written as the function V8 compiles (src/cli/code-cache.ts `loadCommonJs`), not as a module
  // the loader wraps at run time: the wrapped text was a second string of the whole program, which
  // V8 then flattened into a third (~0.95 MB each for allocate, fresh pages every start).
  const contents = Buffer.concat([Buffer.from(WRAPPER_START), cjs.outputFiles[0].contents, Buffer.from(WRAPPER_END)]);
  const hash = createHash('sha256').update(contents).digest('hex').slice(0, 12);
  const path = join(outdir, CHUNKS, `${name}-${kind}-${hash}.cjs`);
  return { outputFiles: [{ path, contents }], metafile: { outputs: { [relative(process.cwd(), path)]: Object.values(cjs.metafile.outputs)[0] } } };
}

/**
 * A whole command's two files (WHOLE_COMMANDS), not yet written: the program as CommonJS, named by
 * the hash of its content, and the ES module the command list imports, which loads it with its
 * code cache and exports what the command's module exports (an ES module build of the module's
 * own file says which names: it is not written). `parts`: the LAZY_PARTS this command's program
 * loads on first use (`importer\0specifier` -> program file name).
 */
async function wholeCommand(esbuild, common, name, outdir, ascii, parts) {
  const entry = join(ROOT, 'src', 'commands', `${name}.ts`);
  const [esm, program] = await Promise.all([
    // The module's own file alone, not bundled: its metafile names its exports.
    esbuild.build({ ...common, bundle: false, entryPoints: [entry], outfile: join(outdir, CHUNKS, `${name}-whole.mjs`) }),
    cjsProgram(esbuild, common, { entry, name, kind: 'whole', outdir, ascii, parts }),
  ]);
  const path = program.outputFiles[0].path;
  const names = Object.values(esm.metafile.outputs)[0].exports;
  const stub = await esbuild.build({
    ...common,
    stdin: {
      contents: [
        `import { fileURLToPath } from "node:url";`,
        `import { loadCommonJs } from ${JSON.stringify(CODE_CACHE_LOADER)};`,
        `const loaded = loadCommonJs(fileURLToPath(new URL(${JSON.stringify(`./${basename(path)}`)}, import.meta.url)));`,
        ...names.map((exported) => (exported === 'default' ? 'export default loaded.default;' : `export const ${exported} = loaded[${JSON.stringify(exported)}];`)),
      ].join('\n'),
      resolveDir: ROOT,
      sourcefile: `${name}-whole.mjs`,
    },
    outfile: join(outdir, CHUNKS, `${name}-whole.mjs`),
  });
  return [program, stub];
}

/**
 * Writes the entry `outfile` and its chunks (dist/chunks/) and returns esbuild's metafile. A chunk's
 * name holds the hash of its content, so a chunk is never rewritten with other content: the chunks
 * go first, the entry that names them last, and a process still running an older build keeps
 * finding the chunks it imports. Chunks this build does not name are removed once older than
 * `keepOldMs` (bin/accountpool.js: KEEP_OLD_CHUNKS_MS); `npm run build` (and so `npm pack`)
 * removes them all, so a package ships only what it runs.
 */
export async function build(outfile = BUNDLE, { keepOldMs = 0 } = {}) {
  const esbuild = await import('esbuild');
  const outdir = dirname(outfile);
  // `import.meta` is empty in the CommonJS builds: a module that needs its own URL there fails the
  // build, esbuild naming its file and line (its warning made an error), never comes in unnoticed.
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', write: false, metafile: true, logLevel: 'error', logOverride: { 'empty-import-meta': 'error' } };
  const ascii = asciiTemplates(join(ROOT, 'dist', '.ascii-sources'));
  // The command list's `import('./<name>.js')` of such a command: its one file (a mark here, its
  // path once written).
  const commandList = join(ROOT, 'src', 'commands', 'index.ts');
  const commands = join(ROOT, 'src', 'commands');
  const wholeImports = {
    name: 'whole-commands',
    setup(b) {
      b.onResolve({ filter: /^\.\.?\/(commands\/)?[a-z-]+\.js$/ }, ({ path, importer }) => {
        if (importer !== commandList) return undefined;
        const file = join(dirname(importer), path);
        const name = basename(file, '.js');
        return dirname(file) === commands && WHOLE_COMMANDS.includes(name) ? { path: `${WHOLE_MARK}${name}`, external: true } : undefined;
      });
    },
  };
  // The parts first: a command's program names each part it loads by the hash of the part's content.
  const partBuilds = LAZY_PARTS.map((part) => cjsProgram(esbuild, common, { entry: part.source, name: part.name, kind: 'part', outdir, ascii }));
  const wholeBuilds = WHOLE_COMMANDS.map(async (name) => {
    const parts = new Map();
    for (const [i, part] of LAZY_PARTS.entries()) {
      if (part.commands.includes(name)) parts.set(`${part.importer}\0${part.specifier}`, basename((await partBuilds[i]).outputFiles[0].path));
    }
    return wholeCommand(esbuild, common, name, outdir, ascii, parts);
  });
  const wholes = await Promise.all([
    ...partBuilds.map((part) => part.then((result) => [result])),
    ...wholeBuilds,
    esbuild.build({ ...common, entryPoints: [DRIVER_ENTRY], outfile: join(outdir, CHUNKS, DRIVER_FILE) }).then((result) => [result]),
    // Last: it names the programs of COMMAND_RUN, written before it.
    Promise.all(COMMAND_RUN.map((name) => wholeBuilds[WHOLE_COMMANDS.indexOf(name)].then(([program]) => [name, basename(program.outputFiles[0].path)])))
      .then((programs) => commandEntry(esbuild, common, outdir, new Map(programs)))
      .then((result) => [result]),
  ]);
  const result = await esbuild.build({
    entryPoints: { [basename(outfile).replace(/\.mjs$/, '')]: ENTRY },
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir,
    outExtension: { '.js': '.mjs' },
    chunkNames: `${CHUNKS}/[name]-[hash]`,
    write: false,
    metafile: true,
    logLevel: 'error',
    plugins: [wholeImports],
  });
  mkdirSync(join(outdir, CHUNKS), { recursive: true });
  const written = new Set();
  const replaced = new Set();
  // Each chunk's name holds the hash of its content before the marks are replaced; the paths put in
  // their place follow from where the files are, so a name still stands for one content.
  const contents = new Map(result.outputFiles.map((file) => [file.path, wholePaths(file.path, file.contents, outdir, replaced)]));
  const missing = WHOLE_COMMANDS.filter((name) => !replaced.has(name));
  if (missing.length > 0) throw new Error(`scripts/build.mjs: no output imports ${missing.join(', ')} (WHOLE_COMMANDS): the command list changed`);
  for (const file of result.outputFiles) {
    if (file.path === outfile) continue;
    written.add(basename(file.path));
    if (!existsSync(file.path)) writeWhole(file.path, contents.get(file.path));
  }
  // A whole command's CommonJS file before the ES module that names it (the chunks' order, above).
  for (const whole of wholes.flat()) {
    const [file] = whole.outputFiles;
    written.add(basename(file.path));
    // A program named by its content is written once; every other file again (the own entry, COMMAND_FILE, names the newest programs).
    if (!PROGRAM_NAME.test(basename(file.path)) || !existsSync(file.path)) writeWhole(file.path, wholePaths(file.path, file.contents, outdir, replaced));
    Object.assign(result.metafile.outputs, whole.metafile.outputs);
  }
  writeWhole(outfile, contents.get(outfile));
  ascii.prune();
  const now = Date.now();
  for (const name of readdirSync(join(outdir, CHUNKS))) {
    const path = join(outdir, CHUNKS, name);
    // Only chunks: a temp file may be another start's build under way.
    if ((name.endsWith('.mjs') || name.endsWith('.cjs')) && !written.has(name) && now - statSync(path).mtimeMs >= keepOldMs) rmSync(path, { force: true });
  }
  return result.metafile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await build();
