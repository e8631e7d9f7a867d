# War Room shell integration for zsh: .zshrc of the temporary ZDOTDIR.
# Sources the user's .zshrc (never modified), then reports each command with OSC 633
# sequences (VS Code's protocol): E;<command line> and C before it runs, D;<exit code>
# when it ends, P;Cwd=<folder> at each prompt.
if [[ -f "$WARROOM_USER_ZDOTDIR/.zshrc" ]]; then
  ZDOTDIR="$WARROOM_USER_ZDOTDIR"
  . "$WARROOM_USER_ZDOTDIR/.zshrc"
  ZDOTDIR="$WARROOM_ZDOTDIR"
fi
# A non-login shell reads no .zlogin: give ZDOTDIR back to the user now.
if [[ ! -o login ]]; then ZDOTDIR="$WARROOM_USER_ZDOTDIR"; fi

if [[ -z "${WARROOM_SHELL_INTEGRATION_LOADED-}" ]]; then
  WARROOM_SHELL_INTEGRATION_LOADED=1
  __warroom_running=0

  __warroom_escape() {
    local value="$1" out="" char code
    local -i index
    for (( index = 1; index <= ${#value}; index++ )); do
      char="${value[index]}"
      case "$char" in
        '\') out+='\\' ;;
        ';') out+='\x3b' ;;
        [[:cntrl:]]) printf -v code '%02x' "'$char"; out+="\\x$code" ;;
        *) out+="$char" ;;
      esac
    done
    print -rn -- "$out"
  }

  __warroom_preexec() {
    __warroom_running=1
    printf '\e]633;E;%s\a\e]633;C\a' "$(__warroom_escape "$1")"
  }

  __warroom_precmd() {
    local exit_code="$?"
    if [[ "$__warroom_running" == 1 ]]; then
      printf '\e]633;D;%s\a' "$exit_code"
      __warroom_running=0
    fi
    printf '\e]633;P;Cwd=%s\a\e]633;A\a' "$(__warroom_escape "$PWD")"
  }

  autoload -Uz add-zsh-hook
  # precmd first, so it sees the command's status before any other hook changes it.
  precmd_functions=(__warroom_precmd ${precmd_functions[@]})
  add-zsh-hook preexec __warroom_preexec
fi
