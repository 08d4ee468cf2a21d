// The fish completion script: one `complete` line per command and flag. Files are completed only
// where a flag or operand is a file; names from the pool come from `accountpool __complete`.
import type { Completes } from '../cli/args.js';
import { VALUES_COMMAND, type CompletionSpec } from './spec.js';

const quote = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`;

/** What a `complete` line offers for `completes`: file names (-F), or the words of -a. */
function candidates(completes: Completes): string {
  if (Array.isArray(completes)) return `-a ${quote(completes.join(' '))}`;
  if (completes === 'file') return '-F';
  if (completes === 'dir') return `-a '(__fish_complete_directories (commandline -ct))'`;
  return `-a '(__accountpool_pool_values ${completes === 'instance' ? 'instances' : 'usernames'})'`;
}

/** A flag's value: required (-r), and no file names unless it is a file (-x is -r and -f). */
function flagValue(completes: Completes | undefined): string {
  if (completes === undefined) return '-x';
  return completes === 'file' ? '-r -F' : `-x ${candidates(completes)}`;
}

export function fishScript(spec: CompletionSpec): string {
  const p = spec.program;
  const lines: string[] = [];
  const none = `complete -c ${p} -n 'not __accountpool_command'`;
  for (const c of spec.commands) lines.push(`${none} -a ${c.name} -d ${quote(c.summary)}`);
  for (const f of spec.topFlags) lines.push(`${none} -l ${f.long.slice(2)}${f.short ? ` -s ${f.short.slice(1)}` : ''}`);
  for (const c of spec.commands) {
    const is = `complete -c ${p} -n '__accountpool_is ${c.name}'`;
    for (const f of c.flags) lines.push(`${is} -l ${f.long.slice(2)}${f.short ? ` -s ${f.short.slice(1)}` : ''}${f.takesValue ? ` ${flagValue(f.completes)}` : ''}`);
    if (c.operands !== undefined) lines.push(`${is} ${candidates(c.operands)}`);
  }
  return `# fish completion for ${p} ${spec.version}, written by \`${p} completion fish\`.
# Save it where fish looks for it:
#   ${p} completion fish > ~/.config/fish/completions/${p}.fish
# or load it for this session: ${p} completion fish | source

# The command given (the word after ${p}), if any.
function __accountpool_command
    set -l words (commandline -opc)
    test (count $words) -ge 2; and echo -- $words[2]
end

function __accountpool_is
    set -l command (__accountpool_command)
    test "$command" = "$argv[1]"
end

# Names only the pool knows (instances, usernames), read from the pool this command line names
# (--pool, else $ACCOUNTPOOL_DIR, else ./pool).
function __accountpool_pool_values
    set -l words (commandline -opc)
    set -l pool
    for i in (seq (count $words))
        if test "$words[$i]" = --pool; and test $i -lt (count $words)
            set pool --pool $words[(math $i + 1)]
        else if string match -q -- '--pool=*' $words[$i]
            set pool --pool (string replace -- --pool= '' $words[$i])
        end
    end
    set pool (string replace -r -- '^~/' "$HOME/" $pool)
    set -l typed (string replace -r -- '^--[^=]*=' '' (commandline -ct))
    command ${p} ${VALUES_COMMAND} $pool -- $argv[1] "$typed" 2>/dev/null
end

# No file names unless a flag or operand is a file.
complete -c ${p} -f
${lines.join('\n')}
`;
}
