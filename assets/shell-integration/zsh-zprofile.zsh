# War Room shell integration for zsh: .zprofile of the temporary ZDOTDIR (login shells).
if [[ -f "$WARROOM_USER_ZDOTDIR/.zprofile" ]]; then
  ZDOTDIR="$WARROOM_USER_ZDOTDIR"
  . "$WARROOM_USER_ZDOTDIR/.zprofile"
  ZDOTDIR="$WARROOM_ZDOTDIR"
fi
