import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium } from './chromium';
import { startWarRoom, type RunningWarRoom } from './browser-mode';

/** War Room in browser mode, a Chromium, and one page showing the cockpit. */
export interface CockpitSession {
  readonly app: RunningWarRoom;
  readonly browser: Browser;
  readonly page: Page;
  /** Uncaught page errors (and, when asked, dialogs: a dialog means a payload ran). */
  readonly pageErrors: string[];
  close(): Promise<void>;
}

/**
 * Start `warroom web` on a fresh workspace with the demo release, open it in Chromium
 * (1440x900 unless the options say otherwise) and wait until the release is shown.
 */
export async function openCockpit(pageOptions: BrowserContextOptions = {}, options: { dialogsAreErrors?: boolean } = {}): Promise<CockpitSession> {
  const app = await startWarRoom();
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, ...pageOptions });
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  if (options.dialogsAreErrors) {
    page.on('dialog', (dialog) => {
      pageErrors.push(`unexpected dialog: ${dialog.message()}`);
      void dialog.dismiss();
    });
  }
  await page.goto(app.url);
  await page.getByTestId('release-name').waitFor();
  return {
    app,
    browser,
    page,
    pageErrors,
    async close() {
      await browser.close();
      await app.stop();
    },
  };
}
