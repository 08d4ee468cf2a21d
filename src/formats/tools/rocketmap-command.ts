// RocketMap started with its accounts on the command line, as operators kept it in a start.bat or
// a shell script: `python runserver.py -a ptc -u ash1 -u ash2 -p Pass1 -p Pass2 -l "New York" -k
// KEY`. RocketMap's options (RocketMap/RocketMap pogom/utils.py get_args): `-u/--username`,
// `-p/--password`, `-a/--auth-service` are `action='append'`, paired as in its config.ini
// (rocketmap-config.ts); pgoapi's own `pokecli.py` (tejado/pgoapi) takes the same `-a -u -p`.
// Every other option (the Maps key `-k`, hash keys, database password) is never read. A line
// ending with `^` (cmd.exe) or `\` (sh) goes on on the next one.
// Also the options alone, an account a line, as a creator wrote them for its users to paste into
// a start script or a supervisor program (aldarund/PTCAccount2 `ptcaccount2/console.py`, its
// `supervisor.txt`: `'-a "ptc" -u "%s" -p "%s"\n' % (username, password)`, appended after each
// account made): each line is its own command. Such a program quotes without escaping, so a line
// whose quotes leave a value unsure (a password holding `"`) is refused by its line.
// Also RocketMap in a container, under systemd or supervisor, or given its accounts in POGOMAP_*
// variables (or PokemonGo-Map's POKEMON_* in Ashex's image), as lines or as an ECS or Kubernetes
// list of name/value pairs: rocketmap-container.ts.
import { headLines, splitLines } from '../decode.js';
import { counted } from '../../counted-noun.js';
import { FILE_OPTIONS, fileNote, pairWithFiles } from './rocketmap-config.js';
import { accountOptionOf, type AccountFileOption, type OptionValues } from './rocketmap-options.js';
import { envListScopes } from './env-pairs.js';
import { podContainerScopes } from './pod-containers.js';
import { ecsCommands, ecsContainerScopes } from './ecs-containers.js';
import { yamlFlowList } from './yaml-flow-list.js';
import { interpolate, isComposeFile, type Interpolated } from './compose-interpolation.js';
import { podExpander } from './kubernetes-expansion.js';
import { dotEnv } from './service-env-files.js';
import type { Beside } from '../beside.js';
import { withAnchoredCopies } from './container-spans.js';
import { inheritedSettings } from './rocketmap-extends.js';
import { composeEnvironment } from './compose-environment.js';
import { DOCKER_RUN, accountVariables, composeList, dockerCommand, isRocketmapArguments, serviceScopes, splitWords, words } from './rocketmap-container.js';
import { DumpError, type DumpFormat, type DumpInput, type DumpResult } from '../types.js';
import { isPortValue, PORT_PASSWORD_REASON } from '../not-accounts/tool-options.js';
import { DOCUMENT_EXAMPLE_REASON, EXAMPLE_REASON } from '../lists/placeholder-passwords.js';
import { appendAll } from '../long-arrays.js';
import { dockerfileEnv, dockerfileRun, isDockerfile, type DockerfileRun } from './dockerfile-command.js';
import { loopValue, powershellLoops, powershellString, type LoopItem } from './powershell-loops.js';
import { shellLoops } from './shell-loops.js';
import { launcherLine, shellString } from './launcher-lines.js';
import { loopSources } from './loop-sources.js';
import { argumentListString, withArraysJoined } from './powershell-argument-list.js';
import { isPm2Ecosystem, pm2Apps } from './pm2-apps.js';
import { lineFinder } from '../line-finder.js';
import { bootScriptAccount } from './boot-script-images.js';

const COMMAND = /\b(?:runserver|pokecli)\.py\b/;

/**
 * A command a document shows, never one run: the line says so before it (`Example:`, `e.g.`, `Usage:`,
 * `for example`), as RocketMap's `docs/extras/multi-account.md` (in every fork: `Example: \`python
 * runserver.py -a ptc -u thunderfox01 -u thunderfox02 -p thunderfox01 -p thunderfox02\``) does. An
 * operator's own line (`my start line: python runserver.py ...`) says no such word and is read.
 * Each run of blanks is followed by what it needs (`\s*(?::\s*)?`, not `\s*:?\s*`): with three
 * `\s*` in a row a run of blanks after the word was split every way (cubic: 1,000 blanks 2.5 s,
 * a 4 KB script minutes).
 */
const EXAMPLE_LEAD = /\b(?:example|e\.g\.|usage|for instance)\s*(?::\s*)?(?:`\s*)?(?:\S*python[\d.]*\s+)?\S*(?:runserver|pokecli)\.py/i;
type Role = 'user' | 'pass' | 'auth' | AccountFileOption;
/**
 * RocketMap's account options by their short forms (pogom/utils.py get_args: `-u/--username`,
 * `-p/--password`, `-a/--auth-service`, `-ac/--accountcsv`, `-hlvl/--high-lvl-accounts`); a long
 * form, or the beginning of one argparse takes for it (`--user`, `--pass`, `--acc`), is
 * rocketmap-options.ts accountOptionOf's, the same as a config key's.
 */
const SHORT = new Map<string, Role>([
  ['-u', 'user'],
  ['-p', 'pass'],
  ['-a', 'auth'],
  ['-ac', 'accountcsv'],
  ['-hlvl', 'high-lvl-accounts'],
]);
const LONG: Record<string, Role> = { username: 'user', password: 'pass', 'auth-service': 'auth', accountcsv: 'accountcsv', 'high-lvl-accounts': 'high-lvl-accounts' };

/** The account option a word names, or none. */
function roleOf(name: string): Role | undefined {
  if (!name.startsWith('--')) return SHORT.get(name);
  const long = accountOptionOf(name);
  return typeof long === 'string' ? LONG[long] : undefined;
}

interface Word {
  word: string;
  line: number;
}

/** A line of account options alone, `-a ptc -u x -p y` or `--username=x --password=y`, and no program before them. */
const ARGUMENT_LINE = /^\s*(?:-a|--auth-service|-u|--username)[\s=]/;

/**
 * A shell variable set to a command's account options (`USER1="-u a -p x"` as generatePogoMapCmd.php
 * prints one a group of accounts, `export ACCOUNTS=...`, cmd.exe's `set ACCOUNTS=...` or `set
 * "ACCOUNTS=..."`): the command that names it (`runserver.py $USER1`) reads them there; set and
 * named by none, they are a command's options alone.
 */
const VARIABLE_LINE = /^\s*(?:export\s+)?([A-Za-z_]\w*)=(.*?)\s*$/;
const SET_LINE = /^\s*set\s+(?:"([A-Za-z_]\w*)=(.*)"|([A-Za-z_]\w*)=(.*?))\s*$/i;

/**
 * Another program's command line with account options, as a `.bat` or a shell script keeps it
 * (Ra5tko/Pokemon-Go-Ban-Check's `POGOBan.exe -t Google PTC -u a b -p x y`, its POGOBan/Options.cs:
 * `-t/--provider`, `-u/--username`, `-p/--password` CommandLineParser `OptionArray`s, `-a/--all` a
 * flag; interbiznw/PogoPlayer's first `node pogo.js -a ptc -u x -p y -l lat,lng -n name`): a
 * program (`.exe`, `.py`, `.js`, `.jar`, `node`, `python`, ...) before the options, a login and a
 * password option, and an option whose every value is `ptc` or `google`, the provider: only so
 * is it a game's login, never a database's, a proxy's or a web site's (`mysql -u root -p db`,
 * `curl -u a:b`, `-p 8080`).
 */
const TOOL_PROGRAM = /^(?:\S*\.(?:exe|py|js|mjs|jar|sh|bat|cmd|ps1)|node|nodejs|python[\d.]*|py|java|mono|dotnet)$/i;
const TOOL_USER = /^(?:-u|--?username|--user|--login)$/i;
const TOOL_PASS = /^(?:-p|--?password|--pass)$/i;
const PROVIDER_VALUE = /^(?:ptc|google)$/i;
/**
 * A line printing the command a launcher runs, quoted whole after its words (a spawn launcher's
 * `print("executing '%s'" % execute)` of `python runserver.py -ns -a %s -u %s -p %s ...`, as the
 * code corpus's spiral launcher over `config/acc.csv` writes it): the program word opens the quote
 * and the quote closes the line.
 */
const QUOTED_COMMAND = /^[^'"]*\s(['"])((?:\S*python[\d.]*\s+)?\S*(?:runserver|pokecli)\.py\s.*)\1\s*$/;
/** A line naming what follows as a document's example (`Example usage:` above a readme's command). */
const EXAMPLE_WORDS = /\b(?:example|e\.g\.|usage|for instance)\b/i;

/** The commands toolCommand made: their lists pair one to one, never RocketMap's one password for all. */
const TOOL_COMMANDS = new WeakSet<Word[]>();

/**
 * The words of another program's command (TOOL_PROGRAM) in RocketMap's option names: the login's
 * and password's as `--username`/`--password`, the provider's as `--auth-service`, every other
 * option kept out of the account options' names, a flag (no value after it) dropped. Undefined
 * where it is no such command.
 */
function toolCommand(ws: Word[]): Word[] | undefined {
  const first = ws.findIndex((w) => w.word.startsWith('-'));
  if (first <= 0 || first > 3 || !ws.slice(0, first).some((w) => TOOL_PROGRAM.test(w.word))) return undefined;
  const out: Word[] = [];
  let user = false;
  let pass = false;
  let provider = false;
  for (let k = first; k < ws.length; k++) {
    const w = ws[k]!;
    if (!w.word.startsWith('-') || /^-\d/.test(w.word)) {
      out.push(w);
      continue;
    }
    const [name, inWord] = w.word.startsWith('--') && w.word.includes('=') ? [w.word.slice(0, w.word.indexOf('=')), w.word.slice(w.word.indexOf('=') + 1)] : [w.word, undefined];
    const values: string[] = inWord !== undefined ? [inWord] : [];
    for (let j = k + 1; j < ws.length && (!ws[j]!.word.startsWith('-') || /^-\d/.test(ws[j]!.word)) && !SHELL_WORD.test(ws[j]!.word); j++) values.push(ws[j]!.word);
    if (values.length === 0) continue; // a flag, POGOBan's `-a` (all accounts one provider)
    const role = TOOL_USER.test(name) ? '--username' : TOOL_PASS.test(name) ? '--password' : values.every((v) => PROVIDER_VALUE.test(v)) ? '--auth-service' : '--other-option';
    user ||= role === '--username';
    pass ||= role === '--password';
    provider ||= role === '--auth-service';
    out.push({ ...w, word: inWord !== undefined ? `${role}=${inWord}` : role });
  }
  if (!(user && pass && provider)) return undefined;
  TOOL_COMMANDS.add(out);
  return out;
}

const COMPOSE_COMMAND = /^(\s*)command:\s*(.*?)\s*$/;
/** A Kubernetes container's `args:` (its image's ENTRYPOINT runs runserver.py: these are the options). */
const POD_ARGS = /^(\s*)args:\s*(.*?)\s*$/;

/** A shell command from line `i` on, continued lines included (`^` of cmd.exe, `\` of sh). */
function shellCommand(lines: string[], i: number): { words: Word[]; next: number } {
  const out: Word[] = [];
  for (let k = i; k < lines.length; k++) {
    const raw = lines[k]!.trimEnd();
    const continued = /[\^\\]$/.test(raw);
    for (const word of words(continued ? raw.slice(0, -1) : raw)) out.push({ word, line: k + 1 });
    if (!continued) return { words: out, next: k + 1 };
  }
  return { words: out, next: lines.length };
}

/** A compose service's `command:`: on its line (a string or a `[...]` list), or a block or list of the lines below it. */
function composeCommand(lines: string[], i: number, indent: number, value: string): { words: Word[]; next: number } {
  const list = composeList(value) ?? yamlFlowList(value);
  if (list) return { words: list.map((word) => ({ word, line: i + 1 })), next: i + 1 };
  if (value !== '' && !/^[>|][-+]?$/.test(value)) {
    const whole = /^(["'])(.*)\1$/.exec(value);
    return { words: words(whole ? whole[2]! : value).map((word) => ({ word, line: i + 1 })), next: i + 1 };
  }
  const out: Word[] = [];
  let k = i + 1;
  for (; k < lines.length; k++) {
    const raw = lines[k]!;
    if (raw.trim() === '') continue;
    const own = raw.length - raw.trimStart().length;
    // A block list's dashes may stand at the key's own indent (YAML's compact form, kubectl's output).
    if (own < indent || (own === indent && !(value === '' && /^\s*-\s/.test(raw)))) break;
    const item = /^\s*-\s+(.*?)\s*$/.exec(raw);
    if (item && value === '') out.push({ word: words(item[1]!).join(' '), line: k + 1 });
    else for (const word of words(raw)) out.push({ word, line: k + 1 });
  }
  return { words: out, next: k };
}

/**
 * The words of each RocketMap command in `lines` (its start commands, `docker run` lines, compose
 * `command:` values), and the lines (first, last; 1-based) of every `docker run` command.
 */
function commands(written: string[], beside?: Beside): { found: Word[][]; dockerRuns: [number, number][]; unsure: { line: number; reason: string }[] } {
  // `Start-Process python -ArgumentList @(` over one item a line: the array on its opening line (powershell-argument-list.ts).
  const lines = withArraysJoined(written);
  const out: Word[][] = [];
  const dockerRuns: [number, number][] = [];
  const unsure: { line: number; reason: string }[] = [];
  // A Dockerfile: the one command its container runs, by Docker's rules (dockerfile-command.ts).
  if (isDockerfile(lines)) return { dockerRuns, ...dockerfileFound(dockerfileRun(lines)) };
  const compose = isComposeFile(lines);
  // The `.env` beside a compose file sets the variables its values are interpolated with (service-env-files.ts).
  const env = compose ? dotEnv(beside) : new Map<string, string>();
  const expand = podExpander(lines, beside);
  const pod = podContainerScopes(lines);
  const ecs = ecsContainerScopes(lines);
  const variables = optionVariables(lines);
  const values = valueVariables(lines);
  // A PowerShell or bash loop over values the script holds: its command runs once an item (powershell-loops.ts, shell-loops.ts).
  const loops = powershellLoops(lines);
  for (const [line, items] of shellLoops(lines)) loops.set(line, items);
  const used = new Set<string>();
  // The files loops over a file's lines read, asked for only where a command's value is left unset.
  let sources: Map<number, string> | undefined;
  // A batch file's `setlocal EnableDelayedExpansion` (cmd /? and setlocal /?: `!VAR!` expanded when the line runs).
  const delayedFrom = lines.findIndex((l) => /^\s*@?setlocal\b.*\benabledelayedexpansion\b/i.test(l));
  const supervisor = lines.some((l) => /^\s*\[program:[^\]]+\]\s*$/.test(l));
  // `$USER1`, `${USER1}`, `%USER1%` in a command: the variable's words there, as the shell splits them;
  // one set to a single word (`set USER1=ash01`, `PASS1='Pw!1'`) is that word where it stands (`-u %USER1%`).
  const withVariables = (ws: Word[]): Word[] =>
    ws.flatMap((w) => {
      const name = VARIABLE_WORD.test(w.word) ? w.word.replace(/^[$%]\{?|\}?%?$/g, '') : undefined;
      const set = name === undefined ? undefined : variables.get(name);
      if (!set) {
        const value = name === undefined ? undefined : values.get(name);
        return value === undefined ? [w] : [{ ...w, word: value }];
      }
      used.add(name!);
      return set.words;
    });
  // A PM2 ecosystem file's apps (pm2-apps.ts): each RocketMap app's script and args, its lines read there alone.
  const pm2 = pm2Commands(lines);
  appendAll(out, pm2.found);
  appendAll(unsure, pm2.unsure);
  for (let i = 0; i < lines.length; ) {
    const raw = lines[i]!;
    if (pm2.spans.some(([from, to]) => from <= i + 1 && i + 1 <= to)) {
      i++;
      continue;
    }
    // An ECS container's lines are JSON, its command read whole below.
    if (ecs(i + 1) !== undefined) {
      i++;
      continue;
    }
    const composeMatch = COMPOSE_COMMAND.exec(raw) ?? (pod(i + 1) === undefined ? null : POD_ARGS.exec(raw));
    if (composeMatch) {
      const c = composeCommand(lines, i, composeMatch[1]!.length, composeMatch[2]!);
      if (isRocketmapArguments(c.words.map((w) => w.word))) {
        // A pod container's args see its env's `$(VAR)` (kubernetes-expansion.ts), a compose command compose's interpolation.
        const inPod = pod(i + 1) !== undefined;
        const read = inPod && expand ? interpolatedCommand(c.words, (w, line) => expand(w, line, true)) : compose && !inPod ? interpolatedCommand(c.words, (w) => interpolate(w, env)) : { words: c.words };
        if (read.unknown) unsure.push(read.unknown);
        else out.push(read.words);
      }
      i = c.next;
    } else if (DOCKER_RUN.test(raw)) {
      const c = shellCommand(lines, i);
      const after = dockerCommand(c.words.map((w) => w.word));
      const args = after ? c.words.slice(c.words.length - after.length) : [];
      if (isRocketmapArguments(after ?? [])) out.push(args);
      else if (after) {
        // An image whose start script maps `-e USERNAME=...` into the options (boot-script-images.ts).
        const image = c.words.length - after.length - 1;
        const boot = bootScriptAccount(c.words.map((w) => w.word), image);
        const line = c.words[image]!.line;
        if (boot && 'problem' in boot) unsure.push({ line, reason: boot.problem });
        else if (boot) out.push(boot.words.map((word) => ({ word, line })));
      }
      dockerRuns.push([i + 1, c.next]);
      i = c.next;
    } else if (COMMAND.test(raw)) {
      // A crontab entry or a supervisord program: the command as cron or supervisord hands it on (launcher-lines.ts).
      const launched = launcherLine(raw, supervisor);
      if (launched && 'problem' in launched) {
        unsure.push({ line: i + 1, reason: launched.problem });
        i++;
        continue;
      }
      // A launcher's console quoting the command it runs (`executing 'python runserver.py -a ptc -u x -p y ...'`):
      // the quote's inside is the command, as the launcher passed it to the shell.
      const line = launched?.text ?? raw;
      // A command string a shell runs or is typed into (tmux, screen, `sh -c`): its values as that shell gets them.
      const run = shellString(line);
      if (run && 'problem' in run) {
        unsure.push({ line: i + 1, reason: run.problem });
        i++;
        continue;
      }
      // Start-Process's `-ArgumentList "runserver.py","-u",$u,...`: its items joined by blanks (powershell-argument-list.ts).
      const listed = run ? undefined : argumentListString(line);
      if (typeof listed === 'object') {
        unsure.push({ line: i + 1, reason: listed.problem });
        i++;
        continue;
      }
      const argumentList = listed;
      const quoted = run || argumentList !== undefined ? null : QUOTED_COMMAND.exec(line);
      // A PowerShell string escaping its quotes with a backtick (`-ArgumentList "... -u \`"$u\`""`): the command it holds.
      const psString = argumentList ?? (!quoted && line.includes('`"') ? powershellString(line, COMMAND) : undefined);
      const one = run ? run.text : quoted ? quoted[2]! : (psString ?? launched?.text);
      const c = one !== undefined ? { words: words(one).map((word) => ({ word, line: i + 1 })), next: i + 1 } : shellCommand(lines, i);
      // `Example: \`python runserver.py -u thunderfox01 -p thunderfox01\``: a document showing the options.
      const ws = withVariables(c.words);
      // cmd.exe with delayed expansion on (`setlocal EnableDelayedExpansion` above) reads `!X!` as a variable and drops a lone `!`.
      if (delayedFrom >= 0 && i > delayedFrom && accountValueHas(ws, '!')) {
        unsure.push({ line: i + 1, reason: "cmd.exe runs this line with delayed expansion on (setlocal EnableDelayedExpansion), which drops a lone `!` in an account's value or reads `!...!` as a variable: the value RocketMap got is not the one written" });
        i = c.next;
        continue;
      }
      const unset = unsetAccountVariable(ws);
      // Inside a loop, a variable within a value (`-p "Pw $u"`) is the loop's too; elsewhere a `$` is the value's own (a console's printed `Peck$Drill33`).
      const looped = unset ?? (loops.has(i + 1) ? innerVariable(ws) : undefined);
      const loop = looped && !EXAMPLE_LEAD.test(raw) ? loops.get(i + 1) : undefined;
      if (loop) {
        for (const item of loop) {
          // The loop's closing brace on the command's line is PowerShell's, no value.
          const each = ws.filter((w) => w.word !== '}').map((w) => ({ word: loopValue(item, w.word), line: item.line }));
          // Judged on the words as written: a value the item gives is bash's or PowerShell's once (`Star$M02` of a quoted here-document stays so).
          const left = loopLeft(ws, item);
          const why = left === undefined ? undefined : item.why?.get(left.toLowerCase());
          // A command written as one string (`-ArgumentList "... -p $p"`, a console's quote) is split again by the program: a value's blank or quote splits it.
          const resplit = (quoted || psString !== undefined) && !left ? ws.find((w, k) => w.word !== each[k]?.word && /[\s"']/.test(each[k]?.word ?? '') && ws.filter((x) => x.word !== '}').indexOf(w) === k) : undefined;
          if (left) unsure.push({ line: item.line, reason: `the loop's item gives no plain value for ${left}${why ? ` (${why})` : ''}: fix the item by hand` });
          else if (resplit) unsure.push({ line: item.line, reason: `the loop's item puts a blank or a quote into ${resplit.word} of a command written as one string, which the program splits again: which words it got is unsure; fix the item by hand` });
          else out.push(each);
        }
        i = c.next;
        continue;
      }
      if (EXAMPLE_LEAD.test(raw) || (quoted && EXAMPLE_WORDS.test(raw))) unsure.push({ line: i + 1, reason: DOCUMENT_EXAMPLE_REASON });
      else if (unset) unsure.push({ line: i + 1, reason: unsetVariableReason(unset, (sources ??= loopSources(lines)).get(i + 1)) });
      else out.push(ws);
      i = c.next;
    } else if (TOOL_LINE.test(raw) && !raw.includes('`')) {
      // Another program's command (toolCommand); a readme's, under `Example usage:`, is its example.
      const c = shellCommand(lines, i);
      const expanded = withVariables(c.words);
      const unset = unsetAccountVariable(expanded);
      if (unset && toolCommand(expanded)) {
        unsure.push({ line: i + 1, reason: unsetVariableReason(unset) });
        i = c.next;
        continue;
      }
      const tool = toolCommand(expanded);
      const above = lines.slice(Math.max(0, i - 3), i).filter((l) => l.trim() !== '').at(-1) ?? '';
      if (tool && (EXAMPLE_WORDS.test(raw) || EXAMPLE_WORDS.test(above))) unsure.push({ line: i + 1, reason: DOCUMENT_EXAMPLE_REASON });
      else if (tool) out.push(tool);
      i = tool ? c.next : i + 1;
    } else if (ARGUMENT_LINE.test(raw)) {
      const split = splitWords(raw);
      const roles = new Set(split.words.map((w) => option(w).role));
      if (roles.has('user') && roles.has('pass') && optionsAlone(split.words)) {
        if (split.unsure) unsure.push({ line: i + 1, reason: 'its quotes leave the values unsure (a password holding a quote, written unescaped): fix the line by hand' });
        else out.push(split.words.map((word) => ({ word, line: i + 1 })));
      }
      i++;
    } else i++;
  }
  // An ECS task definition's containers: each one's entryPoint and command (ecs-containers.ts).
  for (const c of ecsCommands(lines)) if (isRocketmapArguments(c.map((w) => w.word))) out.push(c);
  // A variable of account options no command here names: its options alone (generatePogoMapCmd.php's output).
  for (const [name, v] of variables) if (!used.has(name)) out.push(v.words);
  return { found: out, dockerRuns, unsure };
}

/** The RocketMap apps of a PM2 ecosystem file: their words, or why their accounts are unsure, and every app's lines. */
function pm2Commands(lines: string[]): { found: Word[][]; unsure: { line: number; reason: string }[]; spans: [number, number][] } {
  const none = { found: [], unsure: [], spans: [] };
  if (!lines.some((l) => COMMAND.test(l))) return none;
  const text = lines.join('\n');
  if (!isPm2Ecosystem(text)) return none;
  const apps = pm2Apps(text, lineFinder(text));
  const found: Word[][] = [];
  const unsure: { line: number; reason: string }[] = [];
  for (const app of apps) {
    if (!app.words.some((w) => COMMAND.test(w.word))) continue;
    // An account value PM2 passes with its quotes (`--password="x"`: its split keeps a `key="v"` word whole).
    const quoted = app.words.some((w, k) => {
      const { role, value } = option(w.word);
      const v = value ?? (role !== undefined ? app.words[k + 1]?.word : undefined);
      return (role === 'user' || role === 'pass') && /["']/.test(v ?? '');
    });
    if (app.problem) unsure.push({ line: app.line, reason: app.problem });
    else if (quoted) unsure.push({ line: app.line, reason: "PM2 passes an account's value here with the quotes written around it (its split keeps `--password=\"x\"` whole): the program's value is not the one meant" });
    else found.push(app.words);
  }
  return { found, unsure, spans: apps.map((a) => [a.from, a.to]) };
}

/**
 * The RocketMap command a Dockerfile's container runs (the program's words from runserver.py or
 * pokecli.py on, or a CMD of options alone for its base image's ENTRYPOINT), its shell's `$VAR`s
 * put in from the file's ENV; an account option still a variable is refused by its line.
 */
function dockerfileFound(run: DockerfileRun | undefined): { found: Word[][]; unsure: { line: number; reason: string }[] } {
  if (!run) return { found: [], unsure: [] };
  const ws = run.shell
    ? run.words.map((w) => ({ ...w, word: w.word.replace(/\$\{([A-Za-z_]\w*)\}|\$([A-Za-z_]\w*)/g, (all, a?: string, b?: string) => run.env.get((a ?? b)!) ?? all) }))
    : run.words;
  const program = ws.findIndex((w) => COMMAND.test(w.word));
  const args = program >= 0 ? ws.slice(program) : ws;
  // Options alone are a base image's ENTRYPOINT's: RocketMap's only if an option only it takes is among them.
  if (program < 0 && !isRocketmapArguments(args.map((w) => w.word))) return { found: [], unsure: [] };
  const unset = unsetAccountVariable(args);
  if (!unset) return { found: [args], unsure: [] };
  const line = args.find((w) => w.word === unset)!.line;
  const reason = run.shell
    ? unsetVariableReason(unset)
    : `the account's value is ${unset} as written: an exec-form CMD or ENTRYPOINT runs no shell, so RocketMap is given the variable's name, no account`;
  return { found: [], unsure: [{ line, reason }] };
}

/** A line holding a username option somewhere after a word: maybe another program's command (toolCommand). */
const TOOL_LINE = /^\s*[^\s-]\S*\s.*\s(?:-u|--?username|--user|--login)[\s=]/i;

/**
 * The variables set to one word (`set USER1=ash01` in a `.bat`, `PASS1='Pw!1'` in a shell script), by
 * name, a later setting winning: a command's `-u %USER1% -p %PASS1%` reads its account there. A value
 * of several words, or none, is left out: the command's option keeps the variable, refused as before.
 */
function valueVariables(lines: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const raw of lines) {
    const set = SET_LINE.exec(raw);
    const sh = set ? null : VARIABLE_LINE.exec(raw);
    const name = set ? (set[1] ?? set[3])! : sh?.[1];
    const value = set ? (set[2] ?? set[4])! : sh?.[2];
    if (name === undefined || value === undefined) continue;
    // A shell's value computed when the script runs (`u=${acc%%:*}`, `p=$(cut ...)`, `u="$1"`): not written here (a loop may give it: shell-loops.ts).
    const computed = !set && !value.startsWith("'") && /[$`]/.test(value);
    const split = splitWords(set ? value : value.replace(/^(["'])(.*)\1$/s, (_, _q: string, inner: string) => inner));
    if (!split.unsure && !computed && split.words.length === 1) out.set(name, split.words[0]!);
    else out.delete(name);
  }
  return out;
}

/**
 * The login's or password's value still a variable once the file's own are put in (`-u $u -p $p`
 * of a PowerShell loop over its array, `-u %PTCUSER%` set by the operator's shell): its value is
 * the shell's at run time, never in the file, and the variable's name is no account (stop 60's
 * survey: `$u` / `$p` imported as one).
 */
/**
 * A PowerShell value read from a variable when the command runs: a member (`$c.Username`), an index
 * (`$acc[0]`, `$c['Password']`) or a subexpression (`$($c.User)`), as a loop over an array of
 * hashtables passes them (stop 60 G2: `-u $c.Username -p $c.Password` imported as that account).
 */
const MEMBER_WORD = /^(?:\$\{?[A-Za-z_]\w*\}?(?:\.\w+|\[[^\]]*\])+|\$\(.*\))$/;
/**
 * Any other word the shell replaces whole when the command runs: a parameter expansion `${...}` (an
 * array's item `${USERS[$i]}`, `${acc%%:*}`), a script's argument (`$1`, `$@`), a command's output
 * (`` `cut -d: -f1 f` ``). Stop 61: `-u "${USERS[$i]}"` of a bash loop was imported as that account.
 */
const EXPANSION_WORD = /^(?:\$\{[^}]+\}|\$[0-9@*#?!$-]|`.*`)$/;

function unsetAccountVariable(ws: Word[]): string | undefined {
  for (let k = 1; k < ws.length; k++) {
    const role = option(ws[k - 1]!.word).role;
    if ((role === 'user' || role === 'pass') && (VARIABLE_WORD.test(ws[k]!.word) || MEMBER_WORD.test(ws[k]!.word) || EXPANSION_WORD.test(ws[k]!.word))) return ws[k]!.word;
  }
  return undefined;
}

/**
 * A variable still inside a login's or password's value once a loop's item is put in (`-p "Pw $x"`):
 * the shell puts its value there when the command runs, so the value written is no account.
 */
function innerVariable(ws: Word[]): string | undefined {
  for (let k = 0; k < ws.length; k++) {
    const { role, value } = option(ws[k]!.word);
    const v = value ?? (role !== undefined ? ws[k + 1]?.word : undefined);
    const inner = role === 'user' || role === 'pass' ? /\$\{[^}]+\}|\$[A-Za-z_]\w*/.exec(v ?? '') : null;
    if (inner) return inner[0];
  }
  return undefined;
}

/** Whether a login's or password's value holds `text`. */
function accountValueHas(ws: Word[], text: string): boolean {
  return ws.some((w, k) => {
    const { role, value } = option(w.word);
    const v = value ?? (role !== undefined ? ws[k + 1]?.word : undefined);
    return (role === 'user' || role === 'pass') && (v ?? '').includes(text);
  });
}

/** The first variable of a login's or password's word as written that the loop's item gives no value: the shell's at run time. */
function loopLeft(ws: Word[], item: LoopItem): string | undefined {
  for (let k = 0; k < ws.length; k++) {
    const { role, value } = option(ws[k]!.word);
    if (role !== 'user' && role !== 'pass') continue;
    const written = value ?? ws[k + 1]?.word ?? '';
    if (item.values.has(written.toLowerCase())) continue;
    if (VARIABLE_WORD.test(written) || MEMBER_WORD.test(written) || EXPANSION_WORD.test(written)) return written;
    for (const m of written.matchAll(/\$\{[^}]+\}|\$[A-Za-z_]\w*/g)) if (!item.values.has(m[0].toLowerCase())) return m[0];
  }
  return undefined;
}

function unsetVariableReason(variable: string, file?: string): string {
  // A loop over a file's lines (loop-sources.ts): that file holds the accounts.
  if (file !== undefined) return `the account's value is a variable (${variable}) the loop reads from ${file}, which this file does not hold: import ${file} itself`;
  return `the account's value is a variable (${variable}) this file does not set: the shell fills it in when the command runs; import the file that holds the accounts`;
}

/** The variables set to account options alone (VARIABLE_LINE, SET_LINE), by name; a later setting wins. */
function optionVariables(lines: string[]): Map<string, { words: Word[] }> {
  const out = new Map<string, { words: Word[] }>();
  lines.forEach((raw, i) => {
    const set = SET_LINE.exec(raw);
    const sh = set ? null : VARIABLE_LINE.exec(raw);
    const name = set ? (set[1] ?? set[3])! : sh?.[1];
    const value = set ? (set[2] ?? set[4])! : sh?.[2];
    if (name === undefined || value === undefined || !/^["']?\s*-/.test(value)) return;
    const split = splitWords(set ? value : value.replace(/^(["'])(.*)\1$/s, (_, _q: string, inner: string) => inner));
    const ws = split.words.map((word) => ({ word, line: i + 1 }));
    const apart = unglued(ws);
    const roles = new Set(apart.map((w) => option(w.word).role));
    if (!split.unsure && roles.has('user') && roles.has('pass') && optionsAlone(apart.map((w) => w.word))) out.set(name, { words: ws });
  });
  return out;
}

/**
 * A compose service's command as compose interpolates it (compose-interpolation.ts), or a pod
 * container's args as the kubelet expands them (kubernetes-expansion.ts); or the line of an account
 * option's value that needs a variable this file does not give: that command's accounts are
 * refused, never read half. A variable in another option (`-k ${GMAPS_KEY}`) leaves them be.
 */
function interpolatedCommand(ws: Word[], read: (word: string, line: number) => Interpolated): { words: Word[]; unknown?: { line: number; reason: string } } {
  const out: Word[] = [];
  for (let k = 0; k < ws.length; k++) {
    const i = read(ws[k]!.word, ws[k]!.line);
    if (i.unknown === undefined) {
      out.push({ ...ws[k]!, word: i.text });
      continue;
    }
    const named = option(ws[k]!.word);
    const account = named.value !== undefined ? named.role !== undefined : awaitsValue(ws[k - 1]?.word);
    if (account) return { words: [], unknown: { line: ws[k]!.line, reason: `a RocketMap account option's value holds ${i.unknown}: its accounts are unknown here` } };
    out.push(ws[k]!);
  }
  return { words: out };
}

/** Whether `ws` are options and their values alone (`-a ptc -u x -ns`), never a sentence that starts with one. */
function optionsAlone(ws: string[]): boolean {
  for (let k = 0; k < ws.length; k++) {
    if (!ws[k]!.startsWith('-')) return false;
    if (!ws[k]!.includes('=') && ws[k + 1] !== undefined && !ws[k + 1]!.startsWith('-')) k++;
  }
  return true;
}

/** The option a word names and its value (`--username=x`), or the option alone. */
function option(w: string): { role?: Role; value?: string } {
  const eq = w.startsWith('--') ? w.indexOf('=') : -1;
  return eq > 0 ? { role: roleOf(w.slice(0, eq)), value: w.slice(eq + 1) } : { role: roleOf(w) };
}

/** Whether a word is an account option whose value is the next word (`-u`, not `--username=x`). */
function awaitsValue(w: string | undefined): boolean {
  const o = option(w ?? '');
  return o.role !== undefined && o.value === undefined;
}

/** Cheap marks of a launch file: no dump of accounts gets past them without holding one (an options line: ARGUMENT_LINE's own test). */
const MARKS = new RegExp(String.raw`runserver\.py|pokecli\.py|docker|^\s*(?:CMD|ENTRYPOINT|cmd|entrypoint)\s|command:|^\s*args:|"command"|POGOM_|POGOMAP_|POKEMON_|${ARGUMENT_LINE.source}|=["']?\s*-u\s|\s(?:-u|--username)[\s=]`);

export function detectRocketmapCommand(input: DumpInput): number {
  const head = headLines(input.text, 200);
  // A compose file or pod spec whose variables are in the files beside it (beside.ts) may name none of them itself.
  if (!head.some((l) => MARKS.test(l)) && !input.beside) return 0;
  const { found, unsure } = commands(head, input.beside);
  // A command naming an account file alone is RocketMap's too: refused naming the file to import.
  const roleOfWord = (w: Word) => option(w.word).role;
  if (found.some((c) => c.some((w) => ![undefined, 'pass', 'auth'].includes(roleOfWord(w)))) || unsure.length > 0) return 0.9;
  if (accountVariables(head, input.beside, isDockerfile(head) ? dockerfileEnv(head) : undefined).some((v) => v.role === 'user')) return 0.9;
  // A service whose account is all in the service it extends (rocketmap-extends.ts): the base's command or variables.
  const inherited = [...inheritedSettings(head, input.name, input.beside, commands).values()];
  return inherited.some((got) => got.variables.some((v) => v.role === 'user') || got.commands.some((c) => c.some((w) => roleOfWord(w) === 'user'))) ? 0.9 : 0;
}

type Roles = {
  user: { value: string; line: number }[];
  pass: { values: string[]; line?: number };
  auth: { values: string[]; line?: number };
  /** Account files (`-ac`, `-hlvl`): not `append`, argparse keeps the last one given. */
  files: Map<AccountFileOption, OptionValues>;
};

/**
 * A value with the next account option glued to its end, as a generator that joins its accounts'
 * options with nothing between them writes it (Snake4life/PHP-PokemonGO_AccountCreator
 * `cli/generatePogoMapCmd.php`: `\"-u \" . $username . \" -p \" . $password` appended per account, so
 * `-u a -p pw1-u b -p pw2`): the value, the option, where a word follows as that option's value
 * and an option (or the end) after it. A value ending so at the command's end is the value.
 */
const GLUED = /^(.+?)(-u|-p|-a|--username|--password|--auth-service)$/;

/** The words with each glued option cut from the value before it (GLUED). */
function unglued(ws: Word[]): Word[] {
  const out: Word[] = [];
  for (let k = 0; k < ws.length; k++) {
    const w = ws[k]!;
    const glued = GLUED.exec(w.word);
    const next = ws[k + 1]?.word;
    const after = ws[k + 2]?.word;
    if (glued && awaitsValue(ws[k - 1]?.word) && next !== undefined && !next.startsWith('-') && (after === undefined || after.startsWith('-'))) {
      out.push({ ...w, word: glued[1]! }, { ...w, word: glued[2]! });
    } else out.push(w);
  }
  return out;
}

/** A shell's own word after a command's options: a redirection, a pipe, a separator, the script's own arguments passed on. */
const SHELL_WORD = /^(?:\d?>>?.*|<.*|\|\|?|&&?|;|\^|\\|%\*|"?\$@"?|\$\*)$/;
/**
 * A variable the shell expands into the command, not a value written in it (expanded in `commands`, if the file sets it);
 * also a batch file's `for` variable, `%%a` or `%%~a` (Microsoft's `for /?`: one letter, `~` modifiers before it), which
 * no password of PTC's 6 characters or more is written as (stop 64 L: `-u %%a -p %%b` was the account `%a` / `%b`).
 */
const VARIABLE_WORD = /^(?:\$\{?[A-Za-z_]\w*\}?|%[A-Za-z_]\w*%|%%(?:~[A-Za-z]*)?[A-Za-z])$/;

/**
 * The accounts options of one command, as RocketMap's `append` options gather them; an option
 * given several values (`-u a b -p x y`: a program reading its options as lists, POGOBan's
 * CommandLineParser `OptionArray`) gathers each, and marks the command `several`.
 */
/** A value in capitals naming what to type there (`TRAINER-NAME`, `YOUR_USERNAME`, `NEW-NICK`): a tool's placeholder. */
const PLACEHOLDER_LOGIN = /^(?:[A-Z]+[-_])+(?:NAME|USERNAME|USER|NICK|NICKNAME|LOGIN)$/;

function commandRoles(ws: Word[]): Roles & { several?: number } {
  const roles: Roles & { several?: number } = { user: [], pass: { values: [] }, auth: { values: [] }, files: new Map() };
  if (TOOL_COMMANDS.has(ws)) roles.several = ws[0]?.line;
  const words = unglued(ws);
  for (let k = 0; k < words.length; k++) {
    const { role, value: inWord } = option(words[k]!.word);
    if (!role) continue;
    const { line } = words[k]!;
    const value = inWord ?? words[++k]?.word;
    if (value === undefined) continue;
    const values = [value];
    if (role === 'user' || role === 'pass' || role === 'auth') {
      while (k + 1 < words.length && !words[k + 1]!.word.startsWith('-') && !SHELL_WORD.test(words[k + 1]!.word) && !VARIABLE_WORD.test(words[k + 1]!.word)) values.push(words[++k]!.word);
      if (values.length > 1) roles.several ??= line;
    }
    // `node name.js -a ptc -u x -p y -l 37.7,-122.2 -u TRAINER-NAME`: PogoPlayer's hint (interbiznw/PogoPlayer
    // `pogo.js` pickTrainerName) prints the account, then a second `-u` where name.js takes `-n`, its
    // value the words for the operator to replace: the nickname's placeholder, never a second login.
    if (role === 'user' && values.length === 1 && PLACEHOLDER_LOGIN.test(value) && (roles.user.length > 0 || words.slice(k + 1).some((w) => option(w.word).role === 'user'))) continue;
    if (role === 'user') appendAll(roles.user, values.map((v) => ({ value: v, line })));
    else if (role === 'pass' || role === 'auth') {
      // Appended where they are: a copy of the list so far at each option cost a start script of
      // 20,000 `-u NAME -p PASS` ~9 s (each `-p` copied every password before it).
      appendAll(roles[role].values, values);
      roles[role].line = line;
    }
    else roles.files.set(role, { values: [{ value, line }], line });
  }
  return roles;
}

/**
 * Each command is its own RocketMap process, paired on its own; the variables of its compose
 * service, of its own `docker run` (`-e`: that container's environment alone), or of the whole
 * file elsewhere fill in the options it leaves out, as ConfigArgParse reads a variable only for
 * an option the command line does not give. In each scope the last setting of a variable wins.
 */
export function parseRocketmapCommand(input: DumpInput): DumpResult {
  const batch = /\.(?:bat|cmd)$/i.test(input.name);
  const lines = batch ? splitLines(input.text).map(withoutCarets) : splitLines(input.text);
  const service = serviceScopes(lines);
  const { found, dockerRuns, unsure } = commands(lines, input.beside);
  // A `docker run` command's lines are a scope of their own, numbered below the services' (>= 0);
  // so is each container of an ECS task definition, its `"command"` with its `"environment"`
  // (ecs-containers.ts), and each container of a Kubernetes pod, its `args:` or `command:` with
  // its `env:` (pod-containers.ts); an environment list outside both is a scope of its own.
  const envList = envListScopes(lines);
  const pod = podContainerScopes(lines);
  const ecs = ecsContainerScopes(lines);
  const scope = (line: number) => {
    const run = dockerRuns.findIndex(([first, last]) => first <= line && line <= last);
    if (run >= 0) return -1 - run;
    const container = pod(line);
    if (container !== undefined) return `pod ${container}`;
    const task = ecs(line);
    if (task !== undefined) return `ecs ${task}`;
    const list = envList(line);
    return list === undefined ? service(line) : `env ${list}`;
  };
  // An anchored block's variables (`x-env: &env`) are each service's naming it: scoped by its first line.
  let variables = withAnchoredCopies(lines, accountVariables(lines, input.beside, isDockerfile(lines) ? dockerfileEnv(lines) : undefined), (v, span) => ({ ...v, container: span.from }));
  // A service extending another (`extends:`, rocketmap-extends.ts): the base's variables under its own, the base's command where it writes none.
  const inherited = inheritedSettings(lines, input.name, input.beside, commands);
  const extendsNotes: string[] = [];
  const fatal = [...inherited.values()].find((got) => got.fatal);
  if (fatal) throw new DumpError(`line ${fatal.line}: ${fatal.problem}: nothing of it is imported`, input.name);
  for (const [from, got] of inherited) {
    const mine = (line: number) => scope(line) === from;
    if (got.problem) {
      // The service's own settings are not what compose gives it: none of its accounts is read.
      const own = variables.some((v) => mine(v.container ?? v.line)) || found.some((c) => c.length > 0 && mine(c[0]!.line));
      variables = variables.filter((v) => !mine(v.container ?? v.line));
      const others = found.filter((c) => c.length === 0 || !mine(c[0]!.line));
      found.length = 0;
      appendAll(found, others);
      if (own) unsure.push({ line: got.line, reason: got.problem });
      else extendsNotes.push(`line ${got.line}: ${got.problem}`);
      continue;
    }
    variables = [...got.variables, ...variables];
    appendAll(found, got.commands);
  }
  // Every env file's variable below every `environment:` one, a file named twice read once (compose-environment.ts).
  variables = composeEnvironment(variables, (v) => String(scope(v.container ?? v.line)), (v) => JSON.stringify([v.values, v.problem]), (v, reason) => ({ ...v, values: [], problem: `${v.name}: ${reason}` }));
  const scopes = new Set([...found.map((c) => scope(c[0]!.line)), ...variables.map((v) => scope(v.container ?? v.line))]);
  const result: DumpResult = { format: 'rocketmap-command', accounts: [], rejected: [] };
  const notes: string[] = [...extendsNotes];
  // Account files named by a command without accounts of its own.
  const fileOnly: string[] = [];
  for (const u of unsure) result.rejected.push(u);
  // Once each: an anchored variable's copies (one per service naming it) share its line.
  for (const v of new Map(variables.filter((v) => v.problem).map((v) => [`${v.line} ${v.problem}`, v])).values()) result.rejected.push({ line: v.line, reason: v.problem! });
  const misnamed = [...new Set(variables.filter((v) => v.name.startsWith('POGOM_')).map((v) => v.name))];
  if (misnamed.length > 0) notes.push(`${misnamed.join(', ')}: named as RocketMap's docs of 2016-2017 named them, but RocketMap reads POGOMAP_*, so it never saw these accounts; read as the accounts they name`);
  for (const s of scopes) {
    const own = [...new Map(variables.filter((v) => scope(v.container ?? v.line) === s).map((v) => [v.role, v])).values()];
    const inScope = found.filter((c) => scope(c[0]!.line) === s);
    for (const ws of inScope.length > 0 ? inScope : [[]]) {
      const roles = commandRoles(ws);
      for (const v of own) {
        if (v.role === 'user' && roles.user.length === 0) roles.user = v.values.map((value) => ({ value, line: v.line }));
        else if (v.role !== 'user' && roles[v.role].values.length === 0) roles[v.role] = { values: v.values, line: v.line };
      }
      const files = FILE_OPTIONS.flatMap((o) => (roles.files.has(o) ? [fileNote(o, roles.files.get(o)!)] : []));
      if (roles.user.length === 0) {
        appendAll(fileOnly, files);
        continue;
      }
      // Lists given to one option pair one to one, the provider once for all or one each; else which is whose is unsure.
      if (roles.several !== undefined && (roles.pass.values.length !== roles.user.length || (roles.auth.values.length > 1 && roles.auth.values.length !== roles.user.length))) {
        result.rejected.push({ line: roles.several, reason: `${counted(roles.user.length, 'username')}, ${counted(roles.pass.values.length, 'password')}${roles.auth.values.length > 1 ? ` and ${counted(roles.auth.values.length, 'provider')}` : ''} given as lists to the command's options: which password is whose is unsure` });
        continue;
      }
      // `-ac` appends its file's accounts to the command's before RocketMap pairs them (rocketmap-config.ts).
      const paired = pairWithFiles({ users: roles.user, pass: roles.pass, auth: roles.auth }, roles.files.get('accountcsv'), files, 'command');
      // `-p 8080`: a port, another tool's option, never a game password (tool-options.ts).
      for (const a of paired.accounts) {
        if (isPortValue(a.password)) result.rejected.push({ line: a.line, reason: PORT_PASSWORD_REASON });
        // `-u TRAINER-NAME` alone: the words to replace, never a login.
        else if (PLACEHOLDER_LOGIN.test(a.username)) result.rejected.push({ line: a.line, reason: EXAMPLE_REASON });
        else result.accounts.push(a);
      }
      appendAll(result.rejected, paired.rejected);
      appendAll(notes, paired.notes);
    }
  }
  if (result.accounts.length === 0 && result.rejected.length === 0 && fileOnly.length > 0) {
    throw new DumpError(`a RocketMap command whose accounts are in another file: ${fileOnly.join('; ')}`, input.name);
  }
  appendAll(notes, fileOnly.map((f) => `RocketMap also loads accounts from another file: ${f}`));
  // A batch file's `%%` is cmd.exe's written `%` (a lone `%` would start a variable): the value the program is given.
  if (batch) for (const a of result.accounts) [a.username, a.password] = [a.username.replace(/%%/g, '%'), a.password.replace(/%%/g, '%')];
  if (notes.length > 0) result.notes = notes;
  result.rejected.sort((a, b) => a.line - b.line);
  return result;
}

/**
 * A batch file's line as cmd.exe hands it on: outside double quotes, `^` escapes the character
 * after it (`-p Pa^&ss` is the password `Pa&ss`: a bare `&` would end the command; `^^` is one `^`),
 * inside them it is a `^` (`-p "Pa^&ss"` is `Pa^&ss`). A `^"` (a quote taken literally, which the
 * word splitting here would read as an opening quote) and a `^` ending the line (cmd's line
 * continuation) are left as written.
 */
function withoutCarets(line: string): string {
  if (!line.includes('^')) return line;
  let out = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === '"') quoted = !quoted;
    else if (c === '^' && !quoted && i + 1 < line.length && line[i + 1] !== '"') {
      out += line[++i];
      continue;
    }
    out += c;
  }
  return out;
}

export const rocketmapCommand: DumpFormat = { name: 'rocketmap-command', detect: detectRocketmapCommand, parse: parseRocketmapCommand, ownContainers: true };
