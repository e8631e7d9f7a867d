import type { IpcMainInvokeEvent, WebContents, WebFrameMain } from 'electron';
import { isAppUrl } from './navigation-guard';

/** The parts of an IPC event the check reads (so it can be exercised without Electron). */
export type SenderEvent = { readonly sender: unknown; readonly senderFrame: Pick<WebFrameMain, 'url'> | null };

/**
 * Does this IPC request come from us? Only from the main frame of our own window,
 * showing our own page (app://warroom). A subframe, another window or a page that
 * navigated elsewhere is refused before its payload is even parsed.
 */
export function isTrustedSender(event: SenderEvent | IpcMainInvokeEvent, window: Pick<WebContents, 'mainFrame'> | null): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || event.sender !== window) return false;
  return frame === window.mainFrame && isAppUrl(frame.url);
}
