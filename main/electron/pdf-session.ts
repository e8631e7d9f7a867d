import type { Session } from 'electron';
import { denyAllPermissions } from './navigation-guard';

/** The parts of a Session the PDF lock-down uses (so a test can pass a double). */
export type PdfSession = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & {
  readonly webRequest: Pick<Session['webRequest'], 'onBeforeRequest'>;
};

/**
 * Lock down the in-memory session of the window that prints a report: every request
 * but the report's own data: URL is cancelled, and every permission (notifications,
 * media, clipboard...) is denied, as on the main window's session.
 */
export function lockDownPdfSession(session: PdfSession): void {
  session.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !details.url.startsWith('data:') }));
  denyAllPermissions(session);
}
