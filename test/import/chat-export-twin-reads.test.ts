// An "HTML and JSON" Telegram export (tdesktop `export_output_html_and_json.cpp`: both writers into one
// folder, the files once) holds one chat twice: it is read from result.json, and the files the pages
// carry are the JSON's, not read a second time for pages that are not read (stop 64 read them twice).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { chatExportPlan } from '../../src/import/chat-export-pages.js';
import type { DumpTree } from '../../src/import/container-batch.js';

const EXPORTS = fileURLToPath(new URL('../fixtures/dumps/telegram-export/', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? filesUnder(join(dir, name)) : [join(dir, name)]));
}

/** The HTML fixture's folder with the JSON fixture's result.json beside it (the same chat), each read counted. */
function twinTree(): { tree: DumpTree; reads: Map<string, number> } {
  const texts = new Map<string, string>();
  const html = join(EXPORTS, 'ChatExport_2017-11-14');
  for (const file of filesUnder(html)) texts.set(relative(html, file).split('\\').join('/'), readFileSync(file, 'latin1'));
  texts.set('result.json', readFileSync(join(EXPORTS, 'ChatExport_2017-11-16', 'result.json'), 'utf8'));
  const reads = new Map<string, number>();
  const tree: DumpTree = {
    paths: [...texts.keys()].sort(),
    read: async (path) => {
      reads.set(path, (reads.get(path) ?? 0) + 1);
      const text = texts.get(path);
      return text === undefined ? undefined : { text };
    },
  };
  return { tree, reads };
}

describe('an "HTML and JSON" export planned', () => {
  it("reads each carried file once, for result.json; the pages and every file they link are the JSON's", async () => {
    const { tree, reads } = twinTree();
    const plan = await chatExportPlan(tree);
    expect([...plan.beside.keys()]).toEqual(['result.json']);
    expect(plan.beside.get('result.json')!.files.has('files/accounts.txt')).toBe(true);
    for (const file of ['files/accounts.txt', 'files/my-list.txt']) expect(reads.get(file) ?? 0, file).toBeLessThanOrEqual(1);
    // Nothing of the export is left to be imported on its own.
    for (const path of tree.paths) if (path !== 'result.json') expect(plan.used.get(path), path).toBe('result.json');
  });
});
