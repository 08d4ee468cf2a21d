// The fish completion script: one `complete` line per command and flag. Files are completed only
// where a flag or operand is a file; names from the pool come from `accountpool __complete`.
import type { Completes } from '../cli/args.js';
import { VALUES_COMMAND, type CompletionSpec } from './spec.js';

const quote = (text: string) => `'${text.replace(/[\\']/g, '\\$&')}'`;

/** The options of a `complete` line that offer what `completes` says (`-x`: a value, no files). */
function offer(completes: Completes | undefined): string {
  if (completes === undefined) return '-x';
  if (Array.isArray(completes)) return `-x -a ${quote(completes.join(' '))}`;
  if (completes === 'file') return '-r -F';
  if (completes === 'dir') return `-x -a '(__fish_complete_directories (commandline -ct))'`;
  return `-x -a '(__accountpool_pool_values ${completes === 'instance' ? 'instances' : 'usernames'})'`;
}

export function fishScript(spec: CompletionSpec): string {
  const p = spec.program;
  const lines: string[] = [];
  const none = `complete -c ${p} -n 'not __accountpool_command'`;
  for (const c of spec.commands) lines.push(`${none} -a ${c.name} -d ${quote(c.summary)}`);
  for (const f of spec.topFlags) lines.push(`${none} -l ${f.long.slice(2)}${f.short ? ` -s ${f.short.slice(1)}` : ''}`);
  for (const c of spec.commands) {
    const is = `complete -c ${p} -n '__accountpool_is ${c.name}'`;
    for (const f of c.flags) lines.push(`${is} -l ${f.long.slice(2)}${f.short ? ` -s ${f.short.slice(1)}` : ''}${f.takesValue ? ` ${offer(f.completes)}` : ''}`);
    if (c.operands !== undefined) lines.push(`${is} ${offer(c.operands).replace(/^-x |^-r /, '')}`);
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
    command ${p} ${VALUES_COMMAND} $pool -- $argv[1] (commandline -ct) 2>/dev/null
end

# No file names unless a flag or operand is a file.
complete -c ${p} -f
${lines.join('\n')}
`;
}
