// The bash completion script: one function, registered with `complete -F`. It works in a bare
// bash (no bash-completion package needed) and never runs what is typed: words are matched with
// [[ == ]], paths come from compgen, and names from the pool through `accountpool __complete`.
import type { Completes } from '../cli/args.js';
import { VALUES_COMMAND, type CompletionSpec } from './spec.js';

/** The statement that adds what `completes` offers to COMPREPLY (`:` when there is nothing to offer). */
function offer(completes: Completes | undefined): string {
  if (completes === undefined) return ':';
  if (Array.isArray(completes)) return `_accountpool_add ${completes.join(' ')}`;
  if (completes === 'file') return '_accountpool_paths -f';
  if (completes === 'dir') return '_accountpool_paths -d';
  return `_accountpool_pool_values ${completes === 'instance' ? 'instances' : 'usernames'}`;
}

/** case arms: the patterns sharing one statement joined with |. */
function arms(entries: [pattern: string, statement: string][], indent: string): string {
  const byStatement = new Map<string, string[]>();
  for (const [pattern, statement] of entries) byStatement.set(statement, [...(byStatement.get(statement) ?? []), pattern]);
  return [...byStatement].map(([statement, patterns]) => `${indent}${patterns.join(' | ')}) ${statement} ;;`).join('\n');
}

export function bashScript(spec: CompletionSpec): string {
  const p = spec.program;
  const values: [string, string][] = [];
  for (const c of spec.commands) {
    for (const f of c.flags) if (f.takesValue) values.push([`'${c.name} ${f.long}'`, f.completes === undefined ? 'return 0' : `${offer(f.completes)}; return 0`]);
  }
  const flags = spec.commands.map((c): [string, string] => [c.name, offer(c.flags.map((f) => f.long))]);
  const operands = spec.commands.filter((c) => c.operands !== undefined).map((c): [string, string] => [c.name, offer(c.operands)]);
  return `# bash completion for ${p} ${spec.version}, written by \`${p} completion bash\`.
# Load it from ~/.bashrc:
#   source <(${p} completion bash)
# or save it where the bash-completion package looks for it:
#   ${p} completion bash > ~/.local/share/bash-completion/completions/${p}

# Adds the words that start with what is typed so far.
_accountpool_add() {
  local word
  for word in "$@"; do
    [[ $word == "$cur"* ]] && COMPREPLY+=("$word")
  done
}

# Adds files (-f) or folders (-d); bash quotes what it inserts.
_accountpool_paths() {
  compopt -o filenames 2>/dev/null
  local path
  while IFS= read -r path; do COMPREPLY+=("$path"); done < <(compgen "$1" -- "$cur")
}

# Adds names only the pool knows (instances, usernames), read from the pool this command line
# names (--pool, else $ACCOUNTPOOL_DIR, else ./pool); each quoted as the shell needs it.
_accountpool_pool_values() {
  local name quoted
  while IFS= read -r name; do
    printf -v quoted %q "$name"
    COMPREPLY+=("$quoted")
  done < <(command ${p} ${VALUES_COMMAND} \${pool:+--pool "$pool"} -- "$1" "$cur" 2>/dev/null)
}

_accountpool() {
  COMPREPLY=()
  local cur=\${COMP_WORDS[COMP_CWORD]} prev=\${COMP_WORDS[COMP_CWORD-1]}
  # bash splits --flag=value at the = (it is in COMP_WORDBREAKS): --flag, =, value.
  if [[ $cur == = ]]; then
    cur=''
  elif [[ $prev == = ]] && ((COMP_CWORD > 2)); then
    prev=\${COMP_WORDS[COMP_CWORD-2]}
  fi
  if ((COMP_CWORD == 1)); then
    if [[ $cur == -* ]]; then
      ${offer(spec.topFlags.map((f) => f.long))}
    else
      ${offer(spec.commands.map((c) => c.name))}
    fi
    return 0
  fi
  local cmd=\${COMP_WORDS[1]} pool='' i
  for ((i = 2; i < COMP_CWORD; i++)); do
    if [[ \${COMP_WORDS[i]} == --pool ]]; then
      pool=\${COMP_WORDS[i+1]}
      [[ $pool == = ]] && pool=\${COMP_WORDS[i+2]}
    fi
  done
  [[ $pool == '~/'* ]] && pool=$HOME/\${pool#'~/'}
  # The value of a flag.
  case "$cmd $prev" in
${arms(values, '    ')}
  esac
  if [[ $cur == -* ]]; then
    case $cmd in
${arms(flags, '      ')}
    esac
    return 0
  fi
  case $cmd in
${arms(operands, '    ')}
  esac
  return 0
}

complete -F _accountpool ${p}
`;
}
