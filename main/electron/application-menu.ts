import type { MenuItemConstructorOptions } from 'electron';

/** The application menu: the usual roles and accelerators, and the views of the cockpit. */
export function applicationMenuTemplate(platform: NodeJS.Platform, showView: (view: string) => void): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const views = ['Checklist', 'Terminals', 'Risks', 'Playbooks', 'Timeline', 'Report'];
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
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
