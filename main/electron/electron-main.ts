import { app, BrowserWindow, Menu, dialog, ipcMain, net, protocol, session, utilityProcess } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bootServices, projectRoot } from '../api/boot';
import type { Services } from '../api/services';
import { registerIpc } from '../transport/ipc-main';
import { stopFollowing } from '../api/follow/follow-service';
import { contentSecurityPolicy } from '../transport/content-security-policy';
import { applicationMenuTemplate } from './application-menu';
import { desktopShareAddress, desktopSharing } from '../transport/hosting';
import { denyAllPermissions, guardWebContents } from './navigation-guard';
import { isTrustedSender } from './trusted-sender';
import { APP_ENTRY_URL, APP_SCHEME, createMainWindow } from './window-options';
import { appFilePath } from './app-protocol';
import { shippedScript } from './shipped-script';
import { electronPdfRenderer } from './report-pdf';
import { setPdfRenderer } from '../core/report/report-pdf';
import { WarRoomError } from '../../contract/domain/errors';
import { WorkspaceBusyError } from '../core/workspace/workspace-lock';

/**
 * The desktop app: lifecycle, the one window, the menu, and the contract over IPC.
 * Thin glue: everything it serves is in main/api and main/core.
 */
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const root = app.isPackaged ? app.getAppPath() : projectRoot();
const rendererDir = join(root, 'dist', 'renderer');
const assetsDir = app.isPackaged ? join(process.resourcesPath, 'app.asar.unpacked', 'assets') : join(root, 'assets');
let mainWindow: BrowserWindow | null = null;
let services: Services | null = null;
let sharing: ReturnType<typeof desktopSharing> | null = null;

// The packaged app has the RunAsNode fuse off: a shipped sandbox script given as its
// first argument (playbook steps run `"$WARROOM_NODE" sandboxctl.mjs ...`) runs in a
// utility process, and this process exits with its code. Nothing else is started.
const script = app.isPackaged ? shippedScript(process.argv, join(assetsDir, 'sandbox')) : null;

if (script) {
  app.dock?.hide();
  void app.whenReady().then(() => {
    const child = utilityProcess.fork(script.script, [...script.args], { stdio: 'inherit', serviceName: 'War Room sandbox tool' });
    child.once('exit', (code) => app.exit(code));
  });
} else if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      // A workspace in use by `warroom web` (or another profile's app) is said in words, not a stack.
      console.error('War Room could not start', error);
      dialog.showErrorBox('War Room could not start', error instanceof WarRoomError ? error.message : String(error));
      app.exit(error instanceof WorkspaceBusyError ? 3 : 1);
    });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', (event) => {
    if (!services) return;
    event.preventDefault();
    const closing = services;
    services = null;
    void (sharing?.stop() ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => {
        // Replicas followed from "Follow a war room…" stop before their releases close.
        stopFollowing(closing);
        return closing.dispose();
      })
      .finally(() => app.quit());
  });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  protocol.handle(APP_SCHEME, async (request) => {
    const path = appFilePath(request.url, rendererDir);
    if (path === null) return new Response('Not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(path).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy());
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(response.body, { status: response.status, headers });
  });
  const workspaceDir = join(app.getPath('userData'), 'workspace');
  services = await bootServices({
    workspaceDir,
    runtime: 'electron',
    assetsDir,
    // Packaged, this binary runs shipped scripts itself (see `shippedScript`); in development
    // the fuses are not flipped and ELECTRON_RUN_AS_NODE makes it a plain Node.
    node: { execPath: process.execPath, env: app.isPackaged ? withoutRunAsNode(process.env) : { ...process.env, ELECTRON_RUN_AS_NODE: '1' } },
  });
  services.workspace.lock.onLost((error) => {
    dialog.showErrorBox('War Room stopped writing', error.message);
    app.quit();
  });
  setPdfRenderer(electronPdfRenderer());
  registerIpc(
    ipcMain,
    services,
    (event) => isTrustedSender(event, mainWindow),
    () => (mainWindow ? [mainWindow.webContents] : []),
  );
  // "Share this war room...": the same hosting as `warroom web --listen` (main/transport/hosting.ts).
  sharing = desktopSharing({ services, workspaceDir, staticDir: rendererDir, address: () => desktopShareAddress() });
  services.hosting.control = sharing;
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      applicationMenuTemplate(process.platform, (view) => services?.events.publish({ type: 'ui.show-view', payload: { view } }), {
        share: () => void shareFromMenu(),
        stopSharing: () => void sharing?.stop().catch((error: unknown) => dialog.showErrorBox('War Room could not stop sharing', String(error))),
      }),
    ),
  );
  createWindow();
}

/** Start sharing and say where: the origin participants open and the certificate's fingerprint to compare. */
async function shareFromMenu(): Promise<void> {
  if (!sharing) return;
  try {
    const hosted = await sharing.start();
    await dialog.showMessageBox({
      type: 'info',
      message: 'This war room is shared',
      detail: `Participants connect to ${hosted.origin}\nCertificate SHA-256: ${hosted.tls?.fingerprint ?? '(none)'}\n\nInvite people with "Share this war room…" in the window.`,
    });
  } catch (error) {
    dialog.showErrorBox('War Room could not share this war room', error instanceof Error ? error.message : String(error));
  }
}

function createWindow(): void {
  mainWindow = createMainWindow(BrowserWindow, join(root, 'dist', 'preload', 'preload.cjs'), app.isPackaged);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  void mainWindow.loadURL(APP_ENTRY_URL);
}

function withoutRunAsNode(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}
