import type { BrowserWindowConstructorOptions, Session } from 'electron';

/** The app's own origin: the renderer is served from a privileged custom scheme, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'warroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Anything constructed like Electron's BrowserWindow (the real one, or a test's recorder). */
export type WindowConstructor<Window> = new (options: BrowserWindowConstructorOptions) => Window;

/**
 * Create the one window, locked down per Electron's security checklist: context
 * isolation, the sandbox, no Node in the renderer, web security on, no webview, no
 * remote content ever loaded with privileges, no middle-click (auxclick) navigation.
 *
 * Why the constructor is a parameter named BrowserWindow and the options a literal at
 * the `new`: Electronegativity (scripts/electronegativity.mjs) reads the options where
 * the window is constructed and cannot follow them across modules; the tests pass a
 * recorder instead of Electron's class.
 */
export function createMainWindow<Window>(BrowserWindow: WindowConstructor<Window>, preloadPath: string, packaged: boolean): Window {
  return new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0d1117',
    title: 'War Room',
    webPreferences: {
      preload: preloadPath, // eng-disable PRELOAD_JS_CHECK (reviewed: preload/preload.ts exposes two named functions and no raw IPC object)
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      disableBlinkFeatures: 'Auxclick',
      // DevTools are for developing War Room, not for a packaged release manager's app.
      devTools: !packaged,
    },
  });
}

/**
 * Create the hidden window that prints a report to PDF: no preload, JavaScript off, its
 * own session (which the caller makes refuse every request), and the same lock-down as
 * the main window. The report is self-contained HTML: it needs nothing else.
 */
export function createReportPdfWindow<Window>(BrowserWindow: WindowConstructor<Window>, session: Session): Window {
  return new BrowserWindow({
    show: false,
    webPreferences: {
      session,
      javascript: false,
      devTools: false,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
}

/** The options `createMainWindow` gives Electron (what the tests check). */
export function mainWindowOptions(preloadPath: string, packaged = false): BrowserWindowConstructorOptions {
  let recorded: BrowserWindowConstructorOptions | undefined;
  createMainWindow(
    class {
      constructor(options: BrowserWindowConstructorOptions) {
        recorded = options;
      }
    },
    preloadPath,
    packaged,
  );
  return recorded!;
}
