# War Room shell integration for bash.
# Loaded with `bash --init-file <this file> -i`, so the user's rc files are never modified:
# it sources them itself, then installs hooks that report each command to War Room with
# OSC 633 sequences (the protocol of VS Code): E;<command line> and C before a command
# runs, D;<exit code> when it ends, P;Cwd=<folder> at each prompt. xterm ignores them;
# War Room strips them from recordings and turns them into timeline entries.

if [ -n "${WARROOM_SHELL_INTEGRATION_LOADED-}" ]; then return 0 2>/dev/null; fi
WARROOM_SHELL_INTEGRATION_LOADED=1

# What an interactive bash would have read without --init-file.
if [ "${WARROOM_SHELL_LOGIN-}" = "1" ]; then
  unset WARROOM_SHELL_LOGIN
  [ -r /etc/profile ] && . /etc/profile
  if [ -r "$HOME/.bash_profile" ]; then . "$HOME/.bash_profile"
  elif [ -r "$HOME/.bash_login" ]; then . "$HOME/.bash_login"
  elif [ -r "$HOME/.profile" ]; then . "$HOME/.profile"
  fi
else
  [ -r /etc/bash.bashrc ] && . /etc/bash.bashrc
  [ -r "$HOME/.bashrc" ] && . "$HOME/.bashrc"
fi

# Escape a value for OSC 633: backslash, semicolon and control characters as \xAB.
__warroom_escape() {
  local value="$1" out="" char index code
  for (( index = 0; index < ${#value}; index++ )); do
    char="${value:index:1}"
    case "$char" in
      '\') out+='\\' ;;
      ';') out+='\x3b' ;;
      [[:cntrl:]]) printf -v code '%02x' "'$char"; out+="\\x$code" ;;
      *) out+="$char" ;;
    esac
  done
  printf '%s' "$out"
}

# The history number of the newest entry ("" when history is off or empty).
__warroom_history_number() {
  local line
  line="$(HISTTIMEFORMAT= builtin history 1 2>/dev/null)"
  [[ "$line" =~ ^[[:space:]]*([0-9]+) ]] && printf '%s' "${BASH_REMATCH[1]}"
}

# The command line about to run, from history; empty when it did not enter history
# (HISTCONTROL=ignorespace, history off): the timeline then shows the command unnamed.
__warroom_command_line() {
  local line
  [ "$(__warroom_history_number)" != "${__warroom_prompt_history-}" ] || return 0
  line="$(HISTTIMEFORMAT= builtin history 1 2>/dev/null)"
  printf '%s' "$line" | sed -e '1s/^ *[0-9][0-9]*[* ] *//'
}

# First in PROMPT_COMMAND: reports the end of the command (ignored by War Room when no
# command started, e.g. an empty line), the folder, and remembers the history position.
__warroom_precmd() {
  local exit_code="$?"
  __warroom_ready=0
  printf '\e]633;D;%s\a\e]633;P;Cwd=%s\a\e]633;A\a' "$exit_code" "$(__warroom_escape "$PWD")"
  __warroom_prompt_history="$(__warroom_history_number)"
  return "$exit_code"
}

# Last in PROMPT_COMMAND: from now on, the next command is the user's.
__warroom_prompt_ready() {
  local exit_code="$?"
  __warroom_ready=1
  return "$exit_code"
}

if [[ "$(declare -p PROMPT_COMMAND 2>/dev/null)" == "declare -a"* ]]; then
  PROMPT_COMMAND=(__warroom_precmd "${PROMPT_COMMAND[@]}" __warroom_prompt_ready)
else
  __warroom_original="${PROMPT_COMMAND-}"
  # A user's PROMPT_COMMAND often ends with ';' (or spaces): `;;` would be a syntax error.
  while [[ "$__warroom_original" =~ [[:space:]\;]$ ]]; do __warroom_original="${__warroom_original%?}"; done
  PROMPT_COMMAND="__warroom_precmd${__warroom_original:+; $__warroom_original}; __warroom_prompt_ready"
  unset __warroom_original
fi

if (( BASH_VERSINFO[0] > 4 || (BASH_VERSINFO[0] == 4 && BASH_VERSINFO[1] >= 4) )); then
  # bash 4.4+: PS0 is expanded after a command line is read, before it runs, in every
  # case (subshells, compound commands), so the start is never missed.
  __warroom_ps0() {
    printf '\e]633;E;%s\a\e]633;C\a' "$(__warroom_escape "$(__warroom_command_line)")"
  }
  PS0='$(__warroom_ps0)'"${PS0-}"
else
  # Older bash: the DEBUG trap before the first simple command after a prompt.
  __warroom_preexec() {
    [ "$__warroom_ready" = "1" ] || return 0
    [ -n "${COMP_LINE-}" ] && return 0
    case "$BASH_COMMAND" in __warroom_*) return 0 ;; esac
    __warroom_ready=0
    local line
    line="$(__warroom_command_line)"
    printf '\e]633;E;%s\a\e]633;C\a' "$(__warroom_escape "${line:-$BASH_COMMAND}")"
  }
  trap '__warroom_preexec' DEBUG
fi
