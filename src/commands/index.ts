// Every command, in the order `accountpool --help` lists them: what the list says of each, and
// how to load it. A command's code is imported only when it runs (or its --help is asked for):
// the build makes each command a chunk of its own (scripts/build.mjs), so `allocate` never
// compiles the server, the importers or the dashboard (docs/design-scale.md §3.11).
import type { Command, CommandEntry } from '../cli/context.js';
import { VALUES_COMMAND } from '../completion/spec.js';

export const COMMANDS: readonly CommandEntry[] = [
  { name: 'init', summary: 'create an empty pool (shards, settings, inbox)', load: async () => (await import('./init.js')).init },
  { name: 'import', summary: 'load account dumps (lists, CSVs, seller e-mails, .eml, mbox) into the pool', optimiseSoon: true, load: async () => (await import('./import.js')).importCommand },
  { name: 'allocate', summary: 'check and hand out LRU accounts as accounts.csv (monocle, rocketmap, rdm, flygon, ...)', load: async () => (await import('./allocate.js')).allocateCommand },
  { name: 'release', summary: 'end the holdings of a scanner instance', load: async () => (await import('./release.js')).release },
  { name: 'mark', summary: 'record a verdict a scanner saw (temp_banned, blind, ok, ...)', load: async () => (await import('./mark.js')).mark },
  { name: 'export', summary: 'write accounts as monocle, rocketmap, rdm, flygon, ... or json, without allocating them', load: async () => (await import('./export.js')).exportCommand },
  { name: 'watch', summary: 'import every dump dropped into the inbox folder (--once: what is there now)', optimiseSoon: true, load: async () => (await import('./watch.js')).watchCommand },
  { name: 'serve', summary: "serve the pool over PGPool's HTTP API (for RocketMap, MrMime, PGScout)", optimiseSoon: true, load: async () => (await import('./serve.js')).serve },
  { name: 'dashboard', summary: 'the dashboard page alone, on http://127.0.0.1:4243/', optimiseSoon: true, load: async () => (await import('./dashboard.js')).dashboard },
  { name: 'sync', summary: "pull other hosts' changes to the pool from its git remote, then push ours", load: async () => (await import('./sync.js')).syncCommand },
  { name: 'status', summary: 'accounts by level, state and holder; what is available now', load: async () => (await import('./status.js')).status },
  { name: 'stats', summary: 'seller quality, accounts handed out and lost per day, days until each level range runs dry', load: async () => (await import('./stats.js')).stats },
  { name: 'show', summary: 'print one account (password masked unless --reveal)', load: async () => (await import('./show.js')).show },
  { name: 'verify', summary: 'read every shard and report problems; --fix rewrites canonically', load: async () => (await import('./verify.js')).verify },
  { name: 'trust', summary: "the programs the pool's config runs (checker, alerts) and whether this host accepted them", load: async () => (await import('./trust.js')).trust },
  { name: 'completion', summary: 'print the shell completion script for bash, zsh or fish', load: async () => (await import('./completion.js')).completion },
  { name: 'merge-driver', hidden: true, summary: '(run by git, not by hand) merge a shard file account by account', load: async () => (await import('./merge-driver.js')).mergeDriver },
  { name: 'git-hook', hidden: true, summary: '(run by git, not by hand) record the leases a hand-run git pull took', load: async () => (await import('./git-hook.js')).gitHook },
  { name: VALUES_COMMAND, hidden: true, summary: '(run by the completion scripts) names from the pool', load: async () => (await import('./complete-values.js')).completeValues },
];

/** Every command with its code loaded (completion writes every command's flags). */
export function loadAll(): Promise<(CommandEntry & Command)[]> {
  return Promise.all(COMMANDS.map(async (entry) => ({ ...entry, ...(await entry.load()) })));
}
