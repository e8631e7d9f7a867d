import { BrowserWindow, session } from 'electron';
import type { PdfRenderer } from '../core/report/report-pdf';
import { createReportPdfWindow } from './window-options';
import { lockDownPdfSession } from './pdf-session';

/**
 * PDF export in the desktop app: Electron's printToPDF on a hidden, locked-down window.
 *
 * The report is loaded as a data: URL into its own in-memory session that refuses every
 * request (the report needs none: inline CSS and SVG) and denies every permission, with
 * JavaScript and DevTools off. Type-checked
 * here; the Electron binary cannot be downloaded on our build machines, so this path is
 * exercised only by someone running `npm start`.
 */
export function electronPdfRenderer(): PdfRenderer {
  return async (html) => {
    const partition = session.fromPartition(`report-pdf-${Date.now()}`, { cache: false });
    lockDownPdfSession(partition);
    const window = createReportPdfWindow(BrowserWindow, partition);
    try {
      await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`);
      const pdf = await window.webContents.printToPDF({ pageSize: 'A4', printBackground: true, margins: { top: 0.55, bottom: 0.55, left: 0.5, right: 0.5 } });
      return new Uint8Array(pdf);
    } finally {
      window.destroy();
    }
  };
}
