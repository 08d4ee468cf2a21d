// An esbuild plugin for the whole commands' CommonJS files (scripts/build.mjs): the non-ASCII
// characters of a `String.raw` template (the formats' word lists in other languages) written as
// substitutions, `${"\u00e9"}` for `é`, so that the output is ASCII and Node reads it as a one-byte
// string. esbuild escapes non-ASCII everywhere else (its default `charset: 'ascii'`) but must leave
// a tagged template's raw text as it is. String.raw joins its raw parts with the substitutions'
// values, so the string made is the same, character for character. With a code cache a two-byte
// source cost allocate ~13 ms of CPU more to load (the read, the compile's check, the functions
// compiled later: docs/scale-log.md, stop 57 A).
//
// TypeScript's parser finds the templates (a devDependency, as esbuild is); only files holding
// non-ASCII are parsed. Without it the file stays as it is: two-byte, the same program.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { mkdir, readFile, rename, rm, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** This file's own text: a kept result is of this transform, not an older one. */
const TRANSFORM = readFileSync(new URL(import.meta.url), 'utf8');

/** `text` (a template's raw part) with each non-ASCII character, and a backslash before it, as a substitution of its value. */
export function asciiRawPart(text) {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    let unit = chars[i];
    if (unit === '\\' && i + 1 < chars.length) unit += chars[++i];
    out += /[^\x00-\x7f]/.test(unit) ? `\${${JSON.stringify(unit).replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}}` : unit;
  }
  return out;
}

/** `text` (a regular expression literal's body) with each non-ASCII character as `\uXXXX` escapes (one per UTF-16 unit: u and non-u expressions read them alike); a backslash before one (an identity escape) dropped. */
export function asciiRegexBody(text) {
  let out = '';
  const chars = [...text];
  for (let i = 0; i < chars.length; i++) {
    let unit = chars[i];
    if (unit === '\\' && i + 1 < chars.length && /[^\x00-\x7f]/.test(chars[i + 1])) unit = chars[++i];
    else if (unit === '\\' && i + 1 < chars.length) unit += chars[++i];
    out += /[^\x00-\x7f]/.test(unit) ? [...Array(unit.length).keys()].map((k) => `\\u${unit.charCodeAt(k).toString(16).padStart(4, '0')}`).join('') : unit;
  }
  return out;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** `source` (TypeScript) with the non-ASCII of its String.raw templates, regular expression literals and comments escaped; the same program. */
function asciiSource(ts, source, path) {
  const file = ts.createSourceFile(path, source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const edits = new Map(); // start -> [end, text]
  const edit = (start, end, text) => edits.set(start, [end, text]);
  const comments = (ranges) => {
    for (const { pos, end } of ranges ?? []) {
      const text = source.slice(pos, end);
      // esbuild keeps some comments (inside arrays and objects): their words matter to no one at run
      // time. (One before a closing bracket is no node's: left, the output is two-byte, as before.)
      if (NON_ASCII.test(text)) edit(pos, end, text.replace(/[^\x00-\x7f]/gu, '?'));
    }
  };
  const visit = (node) => {
    comments(ts.getLeadingCommentRanges(source, node.pos));
    comments(ts.getTrailingCommentRanges(source, node.end));
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const text = node.getText(file);
      const close = text.lastIndexOf('/');
      if (NON_ASCII.test(text)) edit(node.getStart(file) + 1, node.getStart(file) + close, asciiRegexBody(text.slice(1, close)));
    }
    if (ts.isTaggedTemplateExpression(node) && node.tag.getText(file) === 'String.raw') {
      const template = node.template;
      const parts = ts.isNoSubstitutionTemplateLiteral(template) ? [template] : [template.head, ...template.templateSpans.map((span) => span.literal)];
      for (const part of parts) {
        // The part's text between its delimiters: ` or } before, ` or ${ after.
        const start = part.getStart(file) + 1;
        const end = part.getEnd() - (ts.isTemplateHead(part) || ts.isTemplateMiddle(part) ? 2 : 1);
        const raw = source.slice(start, end);
        if (NON_ASCII.test(raw)) edit(start, end, asciiRawPart(raw));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  let out = source;
  for (const [start, [end, text]] of [...edits].sort((a, b) => b[0] - a[0])) out = out.slice(0, start) + text + out.slice(end);
  return out;
}

let ts;

/**
 * `path`'s source made ASCII, or undefined where it is already (or TypeScript is missing). Loading
 * TypeScript and parsing the ~130 files holding non-ASCII (most only in comments, but esbuild keeps
 * some comments) cost ~2.5 s of CPU a build: the result is kept by the source's hash under
 * `cacheDir` (the checkout's dist/.ascii-sources, never packed), so a build parses only what
 * changed, and most builds load no TypeScript.
 */
async function asciiFile(path, cacheDir) {
  const source = await readFile(path, 'utf8');
  if (!NON_ASCII.test(source)) return undefined;
  const kept = join(cacheDir, `${createHash('sha256').update(TRANSFORM).update(source).digest('hex')}.ts`);
  const cached = await readFile(kept, 'utf8').catch(() => undefined);
  if (cached !== undefined) {
    await utimes(kept, new Date(), new Date()).catch(() => undefined); // in use: kept by prune()
    return cached;
  }
  if (ts === undefined) ts = await import('typescript').then((m) => m.default ?? m, () => null);
  if (ts === null) return undefined;
  const contents = asciiSource(ts, source, path);
  const temp = `${kept}.${process.pid}.tmp`;
  await mkdir(cacheDir, { recursive: true })
    .then(() => writeFile(temp, contents))
    .then(() => rename(temp, kept))
    .catch(() => rm(temp, { force: true })); // not kept: the next build parses it again
  return contents;
}

/** The esbuild plugin for one build() and its prune() (the CommonJS builds of one call share it: allocate's and import's files are mostly the same). */
export function asciiTemplates(cacheDir) {
  const made = new Map();
  return {
    /** Removes the kept results of sources no build changed for a week (each edit of a word list leaves one). */
    prune() {
      const old = Date.now() - 7 * 24 * 3600_000;
      for (const name of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
        const path = join(cacheDir, name);
        if (statSync(path).mtimeMs < old) rmSync(path, { force: true });
      }
    },
    plugin: {
      name: 'ascii-templates',
      setup(build) {
        build.onLoad({ filter: /\.ts$/ }, async ({ path }) => {
          if (!made.has(path)) made.set(path, asciiFile(path, cacheDir));
          const contents = await made.get(path);
          return contents === undefined ? undefined : { contents, loader: 'ts' };
        });
      },
    },
  };
}
