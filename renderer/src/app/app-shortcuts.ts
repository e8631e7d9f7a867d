import { VIEWS, type ViewId } from './views';

/** What an app-wide shortcut does. */
export type AppShortcut = { readonly kind: 'view'; readonly view: ViewId } | { readonly kind: 'quick-add' };

/** The parts of a keyboard event a shortcut is read from. */
export interface ShortcutKey {
  readonly altKey: boolean;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly shiftKey: boolean;
  readonly key: string;
  readonly code: string;
}

/**
 * The app-wide shortcut a key press means, if any: `Alt+1`..`Alt+9` and `Alt+0` (the tenth) switch views,
 * `Alt+N` adds a note, decision, incident or action item.
 *
 * One definition for the window's handler and for the terminal panels, whose xterm
 * would otherwise take these keys for the shell (bash reads Alt+5 as a digit argument).
 * Read from the physical key (`code`) as well as `key`: on macOS Alt+1 types "¡".
 */
export function appShortcut(event: ShortcutKey): AppShortcut | undefined {
  if (!event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return undefined;
  const digit = /^(?:Digit|Numpad)([0-9])$/.exec(event.code)?.[1] ?? (/^[0-9]$/.test(event.key) ? event.key : undefined);
  if (digit !== undefined) {
    const view = VIEWS[digit === '0' ? 9 : Number(digit) - 1];
    return view === undefined ? undefined : { kind: 'view', view: view.id };
  }
  if (event.code === 'KeyN' || event.key.toLowerCase() === 'n') return { kind: 'quick-add' };
  return undefined;
}
