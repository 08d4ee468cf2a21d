// Every command, in the order `accountpool --help` lists them.
import type { Command } from '../cli/context.js';
import { init } from './init.js';
import { status } from './status.js';
import { show } from './show.js';
import { verify } from './verify.js';
import { mark } from './mark.js';
import { importCommand } from './import.js';
import { allocateCommand } from './allocate.js';
import { release } from './release.js';
import { exportCommand } from './export.js';
import { syncCommand } from './sync.js';
import { mergeDriver } from './merge-driver.js';
import { watchCommand } from './watch.js';
import { serve } from './serve.js';
import { completion } from './completion.js';
import { completeValues } from './complete-values.js';
import { stats } from './stats.js';
import { dashboard } from './dashboard.js';

export const COMMANDS: Command[] = [init, importCommand, allocateCommand, release, mark, exportCommand, watchCommand, serve, dashboard, syncCommand, status, stats, show, verify, completion, mergeDriver, completeValues];
