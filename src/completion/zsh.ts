// The zsh completion script: works sourced (`source <(accountpool completion zsh)` after compinit)
// and as an autoloaded _accountpool file in $fpath. Each command's flags become an _arguments
// spec; names from the pool come from `accountpool __complete` and are inserted by compadd, which
// quotes them.
import type { Completes } from '../cli/args.js';
import { VALUES_COMMAND, type CompletionSpec, type FlagSpec } from './spec.js';

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** The `:message:action` part of an _arguments spec. */
function action(what: string, completes: Completes | undefined): string {
  if (completes === undefined) return `:${what}: `;
  if (Array.isArray(completes)) return `:${what}:(${completes.join(' ')})`;
  if (completes === 'file') return `:${what}:_files`;
  if (completes === 'dir') return `:${what}:_files -/`;
  return `:${what}:_accountpool_${completes === 'instance' ? 'instances' : 'usernames'}`;
}

function flagSpecs(flags: FlagSpec[]): string[] {
  const specs: string[] = [];
  for (const f of flags) {
    for (const name of [f.long, f.short]) {
      if (name === undefined) continue;
      specs.push(quote(f.takesValue ? `${name}=${action(f.long.slice(2), f.completes)}` : name));
    }
  }
  return specs;
}

export function zshScript(spec: CompletionSpec): string {
  const p = spec.program;
  const cases = spec.commands.map((c) => {
    const specs = flagSpecs(c.flags);
    if (c.operands !== undefined) specs.push(quote(`*${action(typeof c.operands === 'string' ? c.operands : 'value', c.operands)}`));
    return `    ${c.name})\n      _arguments -S \\\n        ${specs.join(' \\\n        ')}\n      ;;`;
  });
  return `#compdef ${p}
# zsh completion for ${p} ${spec.version}, written by \`${p} completion zsh\`.
# Load it from ~/.zshrc, after compinit:
#   source <(${p} completion zsh)
# or save it as _${p} in a folder of $fpath:
#   ${p} completion zsh > "\${fpath[1]}/_${p}"

# Names only the pool knows (instances, usernames), read from the pool this command line names
# (--pool, else $ACCOUNTPOOL_DIR, else ./pool). The options _arguments passes go to compadd.
_accountpool_pool_values() {
  local kind=$1 dir='' i
  shift
  local -a pool values
  i=\${words[(I)--pool]}
  if (( i )); then
    dir=\${(Q)words[i+1]}
  else
    i=\${words[(I)--pool=*]}
    (( i )) && dir=\${(Q)words[i]#--pool=}
  fi
  [[ $dir == '~/'* ]] && dir=$HOME/\${dir#'~/'}
  [[ -n $dir ]] && pool=(--pool "$dir")
  values=(\${(f)"$(command ${p} ${VALUES_COMMAND} $pool -- $kind "\${(Q)PREFIX}" 2>/dev/null)"})
  compadd "$@" -a values
}
_accountpool_instances() { _accountpool_pool_values instances "$@"; }
_accountpool_usernames() { _accountpool_pool_values usernames "$@"; }

_accountpool() {
  local -a commands=(
    ${spec.commands.map((c) => quote(`${c.name}:${c.summary}`)).join('\n    ')}
  )
  if (( CURRENT == 2 )); then
    if [[ $PREFIX == -* ]]; then
      compadd -- ${spec.topFlags.map((f) => f.long).join(' ')}
    else
      _describe -t commands command commands
    fi
    return
  fi
  local cmd=$words[2]
  # The command becomes words[1], as _arguments expects of the word it completes for.
  shift words
  (( CURRENT-- ))
  case $cmd in
${cases.join('\n')}
  esac
}

if [[ $funcstack[1] == _accountpool ]]; then
  _accountpool "$@"
else
  compdef _accountpool ${p}
fi
`;
}
