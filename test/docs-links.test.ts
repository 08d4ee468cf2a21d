// A reader moves between README.md and the pages of docs/ by their links: every relative link
// (and image) must lead to a file that exists and, with a #fragment, to a heading of that page as
// GitHub names its anchors (github-slugger is the slug code GitHub's renderer follows). Every page
// of docs/ must be reachable from the landing page, and every test the Guarantees page names as
// the proof of a promise must exist.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, normalize } from 'node:path';
import GithubSlugger from 'github-slugger';
import { ROOT } from './helpers/cli.js';
import { docPages } from './helpers/docs.js';

/** The page without fenced code blocks and code spans, where `[x](y)` is text, not a link. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
}

/** Link targets of `[text](target)` and `![alt](target)`, a title after the target dropped. */
function linksOf(markdown: string): string[] {
  return [...prose(markdown).matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]!);
}

/** The anchors GitHub gives the page's headings, in order (a repeated heading gets -1, -2, ...). */
function anchorsOf(markdown: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  for (const heading of markdown.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const text = heading[1]!.replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/`/g, '');
    anchors.add(slugger.slug(text));
  }
  return anchors;
}

const pages = await docPages();
const texts = new Map(await Promise.all(pages.map(async (page) => [page, await readFile(join(ROOT, page), 'utf8')] as const)));

describe('links between the docs', () => {
  it.each(pages)('%s: every relative link leads to a file and heading that exist', (page) => {
    for (const link of linksOf(texts.get(page)!)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto: ... : outside the repository
      const [path, fragment] = link.split('#') as [string, string | undefined];
      const target = path === '' ? page : normalize(join(dirname(page), decodeURIComponent(path)));
      expect(target.startsWith('..'), `${page}: ${link} leaves the repository`).toBe(false);
      expect(existsSync(join(ROOT, target)), `${page}: ${link} names ${target}, which does not exist`).toBe(true);
      if (fragment === undefined) continue;
      expect(target.endsWith('.md'), `${page}: ${link} has an anchor into a file that is not a page`).toBe(true);
      const text = texts.get(target) ?? readFileSync(join(ROOT, target), 'utf8');
      expect([...anchorsOf(text)], `${page}: ${link}: ${target} has no heading #${fragment}`).toContain(fragment);
    }
  });

  it('docs/guarantees.md: every test or script a promise names as its proof exists', () => {
    const named = [...texts.get('docs/guarantees.md')!.matchAll(/`((?:test|scripts|bench)\/[^`\s]*)`/g)].map((m) => m[1]!);
    expect(named.length).toBeGreaterThan(20);
    for (const path of named) expect(existsSync(join(ROOT, path)), `docs/guarantees.md names ${path}, which does not exist`).toBe(true);
  });

  it('the landing page links every page of docs/', () => {
    const linked = new Set(linksOf(texts.get('README.md')!).map((link) => normalize(link.split('#')[0]!)));
    for (const page of pages.filter((p) => p.startsWith('docs/'))) expect(linked, `README.md never links ${page}`).toContain(page);
  });
});
