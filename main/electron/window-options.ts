import type { BrowserWindowConstructorOptions } from 'electron';

/** The app's own origin: the renderer is served from a privileged custom scheme, never file://. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'warroom';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * The options of the one window, locked down per Electron's security checklist:
 * context isolation, the sandbox, no Node in the renderer, web security on, no
 * webview, no remote content ever loaded with privileges.
 */
export function mainWindowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0d1117',
    title: 'War Room',
    webPreferences: {
      preload: preloadPath,
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
    },
  };
}
