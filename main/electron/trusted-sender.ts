import type { WebContents } from 'electron';
import type { SenderFacts } from '../transport/ipc-main';
import { isAppUrl } from './navigation-guard';

export type { SenderFacts };

/**
 * A request counts only from the main frame of our window showing our own page.
 *
 * Why each part: another window or a devtools-opened page is a different `sender`; an
 * iframe (a pasted link rendered somewhere, an ad in a report preview) is a different
 * frame; and a window that was navigated away (it should never be, the guard refuses)
 * would no longer show app://warroom. A destroyed frame has no `senderFrame`.
 */
export function isTrustedSender(event: SenderFacts, window: { readonly webContents: WebContents } | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || event.sender !== window.webContents) return false;
  return frame === window.webContents.mainFrame && isAppUrl(frame.url);
}
