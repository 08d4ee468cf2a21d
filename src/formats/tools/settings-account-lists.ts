// A list of game accounts inside another program's settings: an Ansible vars file that templates
// RocketMap's accounts.csv or config.ini from `rocketmap_workers: [{accounts: [{auth, username,
// password}, ...]}]` (group_vars, host_vars, a role's defaults/main.yml), a PHP map's or bot
// panel's config returning `['accounts' => [['username' => ..., 'password' => ...], ...]]`.
// Read from the document's tree (document-tree.ts): a list under a key named `accounts` (or
// `*_accounts`: `ptc_accounts`) whose items are mappings with a username and a password.
// Junk is the worst end, and such lists are as often a database's users, a mail server's
// mailboxes or an API's test logins (`'accounts' => [['email' => 'admin@example.com', ...]]` in a
// Laravel route, an IMAP client's `accounts`): the list is read only where
//   - no key on the way to it names another service (other-services.ts, and mail, steam, ldap), and
//   - a key on the way to it, the file's name or a comment of it names the game or a scanner
//     (pokemon, pokemap, pogo, ptc, rocketmap, monocle, pgpool), or an item's `auth` /
//     `auth_service` / `provider` says `ptc` (a value elsewhere, a database user `rocketmap`, never counts).
// A value that is no literal (a vault's, a Jinja `{{ }}`, PHP's `getenv()`) is refused by its line.
import { OTHER_SERVICE_WORDS } from '../other-services.js';
import { isKubernetesManifest } from '../not-accounts/kubernetes-manifests.js';
import { lineProblem } from '../lists/account-line.js';
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { YAML_MAX } from './yaml-config-size.js';
import { phpTree, yamlTree, type TreeNode } from './document-tree.js';
import type { DumpAccount, DumpFormat, DumpInput, DumpResult, Rejection } from '../types.js';
import { oncePerInput } from '../memo.js';
import type { Provider } from '../../model.js';

const OTHER_WORDS = new Set([...OTHER_SERVICE_WORDS, 'mail', 'email', 'mailbox', 'mailboxes', 'steam', 'ldap', 'vpn', 'wifi', 'users', 'user', 'admins', 'test', 'tests', 'demo', 'seed', 'seeds']);
const GAME = /pok[eé]\s?(?:mon|map|bot|go\b)|\bpogo|\bptc\b|rocket_?map|monocle|pgpool|niantic|pokestop/i;
const LIST_KEY = /^(?:[\w-]*[_-])?accounts$/i;
const USER_KEYS = ['username', 'user', 'login'];
const PASS_KEYS = ['password', 'pass'];
const AUTH_KEYS = ['auth', 'auth_service', 'provider', 'type'];
/** A YAML line opening such a list (`accounts:`, `- accounts:`, `ptc_accounts:`); a PHP key naming one. */
const YAML_HINT = /^[ \t]*(?:-[ \t]+)?[\w-]*accounts[ \t]*:[ \t]*(?:#.*)?$/im;
const PHP_HINT = /['"][\w-]*accounts['"]\s*=>\s*(?:\[|array\s*\()/i;

/** Whether a key names another service (`db_accounts`, `mail_users`). */
function namesOther(key: string): boolean {
  return key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+/).some((w) => OTHER_WORDS.has(w));
}

interface Found {
  items: TreeNode[];
  path: string[];
}

/** The lists of account mappings in a tree, with the keys on the way to each. */
function accountLists(node: TreeNode, path: string[], out: Found[], depth = 0): void {
  if (depth > 8) return;
  if (node.kind === 'list') for (const item of node.items) accountLists(item, path, out, depth + 1);
  if (node.kind !== 'map') return;
  for (const [key, value] of node.entries) {
    if (namesOther(key)) continue;
    if (LIST_KEY.test(key) && value.kind === 'list' && value.items.some(isAccountMap)) out.push({ items: value.items, path: [...path, key] });
    else accountLists(value, [...path, key], out, depth + 1);
  }
}

function field(node: TreeNode, keys: readonly string[]): TreeNode | undefined {
  if (node.kind !== 'map') return undefined;
  for (const k of keys) {
    const hit = node.entries.find(([key]) => key.toLowerCase() === k);
    if (hit) return hit[1];
  }
  return undefined;
}

function isAccountMap(node: TreeNode): boolean {
  return field(node, USER_KEYS)?.kind === 'scalar' && field(node, PASS_KEYS)?.kind === 'scalar';
}

function saysPtc(node: TreeNode): boolean {
  const auth = field(node, AUTH_KEYS);
  return auth?.kind === 'scalar' && auth.value.trim().toLowerCase() === 'ptc';
}

type Language = 'yaml' | 'php';
interface Read {
  language: Language;
  lists: Found[];
}

function languageOf(input: DumpInput): Language | undefined {
  const text = input.text;
  if (text.length > YAML_MAX) return undefined;
  if (/<\?php/.test(text.slice(0, 2000)) || /\.php$/i.test(input.name)) return PHP_HINT.test(text) ? 'php' : undefined;
  // JSON, a compose file and a manifest have their own readers; `services:` / `kind:` say which.
  if (/^\s*[[{]/.test(text) || !YAML_HINT.test(text) || /^services:/m.test(text) || isKubernetesManifest(text)) return undefined;
  return 'yaml';
}

/** Read once for detection and parsing alike. */
const lookup = oncePerInput((input: DumpInput): Read | null => {
  let read: Read | null = null;
  const language = languageOf(input);
  const tree = language === 'php' ? phpTree(input.text) : language === 'yaml' ? yamlTree(input.text) : undefined;
  if (language && tree) {
    const lists: Found[] = [];
    accountLists(tree, [], lists);
    // The game named where the operator names what a list is for: the keys on the way to it, its
    // items' `auth: ptc`, the file's name or its comments. Never a value elsewhere (a database
    // user `rocketmap` beside a list of the web servers' logins).
    // A comment naming the game and another service (`# pokemon discord bot`) says the logins may be that service's: it counts for nothing.
    const comments = input.text.split('\n').filter((l) => /^\s*(?:#|\/\/|\/?\*)/.test(l) && GAME.test(l) && !namesOther(l));
    const documentGame = (GAME.test(input.name) && !namesOther(input.name)) || comments.length > 0;
    const game = lists.filter((l) => documentGame || l.path.some((k) => GAME.test(k)) || l.items.some(saysPtc));
    if (game.length > 0) read = { language, lists: game };
  }
  return read;
});

function scalar(node: TreeNode | undefined): { value?: string; opaque?: true } {
  if (!node || node.kind !== 'scalar') return {};
  return node.opaque ? { opaque: true } : { value: node.value };
}

export const settingsAccountLists: DumpFormat = {
  name: 'settings-accounts',
  textOnly: true,
  // Below the JSON and bot readers (0.97, 0.98): only a YAML or PHP document reaches this.
  // A large dump (a 1,000,000-line list) is never searched: a settings file is read to YAML_MAX only.
  detect: (input) => (input.text.length <= YAML_MAX && (YAML_HINT.test(input.text) || PHP_HINT.test(input.text)) && lookup(input) ? 0.96 : 0),
  parse(input): DumpResult {
    const read = lookup(input);
    const accounts: DumpAccount[] = [];
    const rejected: Rejection[] = [];
    for (const list of read?.lists ?? []) {
      for (const item of list.items) {
        if (!isAccountMap(item)) {
          rejected.push({ line: item.line, reason: `an item of ${list.path.join('.')} without a username and a password` });
          continue;
        }
        const line = field(item, USER_KEYS)!.line;
        const user = scalar(field(item, USER_KEYS));
        const pass = scalar(field(item, PASS_KEYS));
        if (user.opaque || pass.opaque) {
          const what = read!.language === 'php' ? 'a PHP expression (a variable, a constant, getenv())' : 'a vault or a template expression (`{{ }}`, `!vault`)';
          rejected.push({ line, reason: `the ${user.opaque ? 'username' : 'password'} is ${what}, not its value: import the file it is rendered into` });
          continue;
        }
        const username = user.value!.trim();
        const password = pass.value!;
        const problem = isExampleAccount(username, password) ? EXAMPLE_REASON : lineProblem(username, password);
        if (problem) {
          rejected.push({ line, reason: problem });
          continue;
        }
        const auth = scalar(field(item, AUTH_KEYS)).value?.trim().toLowerCase();
        const provider: Provider | undefined = auth === 'ptc' || auth === 'google' ? auth : undefined;
        accounts.push({ username, password, line, ...(provider ? { provider } : {}) });
      }
    }
    return { format: 'settings-accounts', accounts, rejected };
  },
};
