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
zpty -w z 'bindkey "^I" complete-word'
zpty -w z 'print -r -- READY'
zpty -r z line '*READY*'
zpty -r z line '*READY*'
local out n=0
for line in "${@[2,-1]}"; do
  (( n++ ))
  zpty -w -n z "$line"$'\t'
  zpty -w z $'\C-u'
  # Typed as DONE$(( n )) and printed as DONEn: only the output matches, not the echo of what is typed.
  zpty -w z "print -r -- DONE\$(( $n ))"
  out=''
  zpty -r z out "*DONE$n*"
  print -r -- "$out"
  print -r -- END
done
zpty -d z
