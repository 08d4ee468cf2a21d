// How git starts this installation of accountpool (the merge driver, the hooks): this node and
// this installation's bin/accountpool.js, each quoted for the shell git runs them with.
import { join } from 'node:path';
import { installRoot } from '../install.js';

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export const cliCommand = (): string => `${shellQuote(process.execPath)} ${shellQuote(join(installRoot(), 'bin', 'accountpool.js'))}`;
