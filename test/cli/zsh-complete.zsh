# What zsh's completion system offers for command lines, as a user pressing Tab would get it:
# an interactive zsh on a pseudo-terminal (zsh/zpty), compinit, the script under test sourced,
# and compadd wrapped to report every candidate it is given. (The technique of zsh's own
# Test/comptest, in small.)
#   zsh -f zsh-complete.zsh SCRIPT 'accountpool allocate --format ' 'accountpool al' ...
# prints, for each line, its candidates each between the bytes 1E and 1F, then a line END.
zmodload zsh/zpty
zpty z zsh -f -i
zpty -w z 'PROMPT= ; RPROMPT= ; unsetopt zle_bracketed_paste'
zpty -w z 'autoload -U compinit; compinit -u -D'
zpty -w z "source ${(q)1}"
zpty -w z 'compadd() { builtin compadd -O __hits "$@"; local h; for h in $__hits; do print -rn -- $'"'"'\x1e'"'"'"$h"$'"'"'\x1f'"'"'; done; builtin compadd "$@"; }'
# Tab completes, then prints 1D; the next keys are typed only once it is seen, so no key is ever
# typed ahead of a completion (with keys waiting, a loaded machine once got no candidates).
zpty -w z 'accountpool-tab() { zle complete-word; print -rn -- $'"'"'\x1d'"'"'; }; zle -N accountpool-tab; bindkey "^I" accountpool-tab'
zpty -w z 'print -r -- READY'
zpty -r z line '*READY*'
zpty -r z line '*READY*'
local out n=0
for line in "${@[2,-1]}"; do
  (( n++ ))
  zpty -w -n z "$line"$'\t'
  out=''
  zpty -r z out $'*\x1d'
  print -r -- "$out"
  zpty -w z $'\C-u'
  # Typed as DONE$(( n )) and printed as DONEn: only the output matches, not the echo of what is typed.
  zpty -w z "print -r -- DONE\$(( $n ))"
  zpty -r z out "*DONE$n*"
  print -r -- END
done
zpty -d z
