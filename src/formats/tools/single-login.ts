// A config that holds one login (PokéNurse's account.json, PokeGo-Slave's Settings.json): the one
// account, or the one line refused saying why. The provider is decided by each reader, as its
// program decides it; undefined refuses the file's login naming `providerReason`.
import { EXAMPLE_REASON, isExampleAccount } from '../lists/placeholder-passwords.js';
import { lineProblem } from '../lists/account-line.js';
import type { DumpResult } from '../types.js';

export interface SingleLogin {
  format: string;
  line: number;
  username: unknown;
  password: unknown;
  provider: 'ptc' | 'google' | undefined;
  /** Why the provider is none the pool takes (quoted value included). */
  providerReason: string;
}

export function singleLogin(l: SingleLogin): DumpResult {
  const out = (reason: string): DumpResult => ({ format: l.format, accounts: [], rejected: [{ line: l.line, reason }] });
  if (!l.provider) return out(l.providerReason);
  const username = typeof l.username === 'string' ? l.username : '';
  const password = typeof l.password === 'string' ? l.password : '';
  if (isExampleAccount(username, password)) return out(EXAMPLE_REASON);
  const problem = lineProblem(username, password);
  if (problem) return out(problem);
  return { format: l.format, accounts: [{ username, password, provider: l.provider, line: l.line }], rejected: [] };
}
