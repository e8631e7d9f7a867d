import type { WebContents, Session } from 'electron';
import { APP_ORIGIN } from './window-options';

/**
 * Navigation, new windows and permissions, all refused.
 *
 * The window only ever shows the app's own page. A link in a note, a runbook or a
 * terminal never navigates it, never opens a window and is never handed to the system
 * browser (a look-alike host in a pasted link is exactly the trap of a tired operator):
 * links are shown as text to copy. The renderer asks for no permission (camera,
 * notifications...), so every request is denied.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.origin === APP_ORIGIN || `${parsed.protocol}//${parsed.host}` === APP_ORIGIN;
  } catch {
    return false;
  }
}

/** The subset of WebContents the guard uses (so that it can be exercised without Electron). */
export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

export function guardWebContents(contents: GuardedContents): void {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function denyAllPermissions(session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
