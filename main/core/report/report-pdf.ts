import { existsSync } from 'node:fs';
import { WarRoomError } from '../../../contract/domain/errors';

/** Turns report HTML into PDF bytes. The desktop app installs Electron's printToPDF here. */
export type PdfRenderer = (html: string) => Promise<Uint8Array>;

let installed: PdfRenderer | null = null;

/** Use another PDF renderer (the Electron main process sets printToPDF). */
export function setPdfRenderer(renderer: PdfRenderer | null): void {
  installed = renderer;
}

/** Where Debian and Ubuntu install Chromium. */
export const SYSTEM_CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser'] as const;

/** Where the headless Chromium is: WARROOM_CHROMIUM, else Debian's /usr/bin/chromium; null when none exists. */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, systemPaths: readonly string[] = SYSTEM_CHROMIUM_PATHS): string | null {
  const candidates = [env['WARROOM_CHROMIUM'], ...systemPaths].filter((path): path is string => Boolean(path));
  return candidates.find((path) => existsSync(path)) ?? null;
}

/** Print report HTML to PDF: Electron's printToPDF in the app, headless Chromium elsewhere. */
export async function renderPdf(html: string, locateChromium: () => string | null = chromiumPath): Promise<Uint8Array> {
  if (installed) return installed(html);
  const executablePath = locateChromium();
  if (!executablePath) {
    throw new WarRoomError(
      'refused',
      'PDF export needs Chromium, and none is installed. Install it (Debian/Ubuntu: apt-get install chromium) or set WARROOM_CHROMIUM to its path; Markdown and HTML export work without it.',
    );
  }
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const page = await browser.newPage();
    // Nothing in a report may load from anywhere: refuse every request outright.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}
