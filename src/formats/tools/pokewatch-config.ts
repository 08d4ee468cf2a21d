// Pokewatch (bunzosteele/PokeWatch, 2016), the C# bot that scanned for rare Pokémon and tweeted
// them, keeps its logins in `Configuration.json` beside its Twitter keys: at first one
// `PTCUsername`/`PTCPassword` and one `GAUsername`/`GAPassword` pair at the top
// (`Pokewatch/DataTypes/Configuration.cs`), later a `PoGoAccounts` list of objects with the same
// four fields (`PokewatchUtility/DataTypes/PoGoAccount.cs`). `PokewatchUtility/AccountManager.cs`
// `SignIn` logs in with the PTC pair when both are set and falls back to the Google pair when both
// of those are: each filled pair is a login of the owner's, so each is an account here (a file
// with both filled gives both), the Google one as a Google login. The file is read with
// `JavaScriptSerializer`, which matches the names in any case. A pair half filled is refused by
// its line; an object with neither (the file as published, all four empty) has no account. The
// Twitter keys and the scan settings never enter the pool.
// A CoffeeScript port of it on pokemon-go-node-api (the code corpus holds its `index.coffee` as file
// 46686179930, its repository not named) reads `config.json`'s `PTCUsername`, `PTCPassword` and
// `Provider` and calls `a.init username, password, location, provider`: the one pair is a login
// of the provider `Provider` names (`ptc` or `google`, as pokemon-go-node-api's `init` takes
// them), whatever the key's name says; any other provider is refused by its line.
import { lineProblem } from '../lists/account-line.js';
import { isObject, jsonObject } from '../jsonl.js';
import { keyLines } from '../json-key-lines.js';
import { namedProvider } from './login-provider.js';
import { DumpError, type DumpAccount, type DumpFormat, type DumpInput, type DumpResult, type Rejection } from '../types.js';

const NAME = 'pokewatch-config';

/** An object's fields by lower-case name, as JavaScriptSerializer matches them. */
function fields(o: Record<string, unknown>): Map<string, unknown> {
  return new Map(Object.entries(o).map(([k, v]) => [k.toLowerCase(), v]));
}

/** The account objects: the `PoGoAccounts` list, or the file itself in the first layout; undefined when not Pokewatch's. */
function accountObjects(input: DumpInput): Map<string, unknown>[] | undefined {
  const text = input.text.trimStart();
  if (text[0] !== '{' || text.length > 1_000_000 || !/"(?:GAUsername|PoGoAccounts|Provider)"\s*:/i.test(text)) return undefined;
  const value = jsonObject(text);
  if (!value) return undefined;
  const top = fields(value);
  const list = top.get('pogoaccounts');
  if (Array.isArray(list)) return list.every(isObject) ? list.map((o) => fields(o as Record<string, unknown>)) : undefined;
  if (!top.has('ptcusername')) return undefined;
  return top.has('gausername') || (!top.has('gausername') && typeof top.get('provider') === 'string') ? [top] : undefined;
}

export function detectPokewatchConfig(input: DumpInput): number {
  return accountObjects(input) ? 0.99 : 0;
}

export function parsePokewatchConfig(input: DumpInput): DumpResult {
  const objects = accountObjects(input);
  if (!objects) throw new DumpError("is not Pokewatch's Configuration.json (PTCUsername and GAUsername, or a PoGoAccounts list)", input.name, 1);
  const accounts: DumpAccount[] = [];
  const rejected: Rejection[] = [];
  const pairs: { user: string; pass: string; provider: 'ptc' | 'google'; label: string }[] = [
    { user: 'ptcusername', pass: 'ptcpassword', provider: 'ptc', label: 'PTC' },
    { user: 'gausername', pass: 'gapassword', provider: 'google', label: 'Google' },
  ];
  const lines = Object.fromEntries(pairs.map((p) => [p.user, keyLines(input.text, p.user)]));
  const seen: Record<string, number> = { ptcusername: 0, gausername: 0 };
  const fallback = keyLines(input.text, 'pogoaccounts')[0] ?? 1;
  const port = objects.length === 1 && !objects[0]!.has('gausername') ? (objects[0]!.get('provider') as string) : undefined;
  if (port !== undefined) {
    const provider = namedProvider(port);
    const line = keyLines(input.text, 'ptcusername')[0] ?? 1;
    if (!provider) rejected.push({ line: keyLines(input.text, 'provider')[0] ?? line, reason: `Provider is neither ptc nor google: ${JSON.stringify(port.slice(0, 40))}` });
    else pairs.splice(0, 2, { user: 'ptcusername', pass: 'ptcpassword', provider, label: provider === 'ptc' ? 'PTC' : 'Google' });
    if (rejected.length > 0) return { format: NAME, accounts, rejected };
  }
  for (const o of objects) {
    let filled = false;
    let first: number | undefined;
    for (const p of pairs) {
      // The n-th object holding the key owns the key's n-th line.
      const line = o.has(p.user) ? lines[p.user]![seen[p.user]!++] ?? fallback : fallback;
      first ??= line;
      const username = o.get(p.user);
      const password = o.get(p.pass);
      const u = typeof username === 'string' ? username : '';
      const w = typeof password === 'string' ? password : '';
      if (u === '' && w === '') continue;
      filled = true;
      if (u === '' || w === '') {
        rejected.push({ line, reason: `the ${p.label} login is half filled (${u === '' ? 'no username' : 'no password'}): Pokewatch would not use it` });
        continue;
      }
      // The same name typed into both pairs (bfabello/PokeWatchDuarte's `Configuration.json` does): one login tried twice, not a second account.
      if (p.user === 'gausername' && u === o.get('ptcusername')) {
        rejected.push({ line, reason: 'the Google login repeats the PTC username: the same login tried two ways, not a second account' });
        continue;
      }
      const problem = lineProblem(u, w);
      if (problem) rejected.push({ line, reason: problem });
      else accounts.push({ username: u, password: w, provider: p.provider, line });
    }
    if (!filled) rejected.push({ line: first ?? fallback, reason: 'no PTC or Google login filled in (the file as published leaves all four fields empty)' });
  }
  return { format: NAME, accounts, rejected };
}

export const pokewatchConfig: DumpFormat = { name: NAME, detect: detectPokewatchConfig, parse: parsePokewatchConfig };
