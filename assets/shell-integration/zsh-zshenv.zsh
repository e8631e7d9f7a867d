# War Room shell integration for zsh: .zshenv of the temporary ZDOTDIR.
# zsh reads its startup files from $ZDOTDIR; War Room points it at a temporary folder
# holding these files, which source the user's own files (never modified) from
# $WARROOM_USER_ZDOTDIR, then (in .zshrc) install the hooks.
WARROOM_ZDOTDIR="$ZDOTDIR"
if [[ -f "$WARROOM_USER_ZDOTDIR/.zshenv" ]]; then
  ZDOTDIR="$WARROOM_USER_ZDOTDIR"
  . "$WARROOM_USER_ZDOTDIR/.zshenv"
  # The user's .zshenv may set ZDOTDIR: follow it for their other files.
  if [[ "$ZDOTDIR" != "$WARROOM_USER_ZDOTDIR" ]]; then WARROOM_USER_ZDOTDIR="$ZDOTDIR"; fi
  ZDOTDIR="$WARROOM_ZDOTDIR"
fi
