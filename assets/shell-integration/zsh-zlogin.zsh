# War Room shell integration for zsh: .zlogin of the temporary ZDOTDIR (login shells).
# Last startup file: hand ZDOTDIR back to the user's folder for everything after.
if [[ -f "$WARROOM_USER_ZDOTDIR/.zlogin" ]]; then
  ZDOTDIR="$WARROOM_USER_ZDOTDIR"
  . "$WARROOM_USER_ZDOTDIR/.zlogin"
fi
ZDOTDIR="$WARROOM_USER_ZDOTDIR"
