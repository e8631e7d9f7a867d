import type { MenuItemConstructorOptions } from 'electron';

/** What the File menu's sharing items do (main/transport/hosting.ts `desktopSharing`). */
export interface ShareMenuActions {
  readonly share: () => void;
  readonly stopSharing: () => void;
}

/** The application menu: the usual roles and accelerators, sharing, and the views of the cockpit. */
export function applicationMenuTemplate(platform: NodeJS.Platform, showView: (view: string) => void, sharing?: ShareMenuActions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const views = ['Checklist', 'Terminals', 'Risks', 'Playbooks', 'Timeline', 'Report'];
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    sharing
      ? {
          label: 'File',
          submenu: [
            { label: 'Share this war room…', click: () => sharing.share() },
            { label: 'Stop sharing', click: () => sharing.stopSharing() },
            { type: 'separator' },
            isMac ? { role: 'close' } : { role: 'quit' },
          ],
        }
      : { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...views.map((view, index): MenuItemConstructorOptions => ({
          label: view,
          accelerator: `CmdOrCtrl+${index + 1}`,
          click: () => showView(view.toLowerCase()),
        })),
        { type: 'separator' },
        { role: 'reload' },
        { role: 'toggleDevTools' },
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
}
