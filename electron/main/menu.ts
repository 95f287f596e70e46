/** The application menu, in German and deliberately small. */
import type { MenuItemConstructorOptions } from 'electron';

export interface MenuOptions {
  /** Development builds get reload and DevTools entries; packaged builds do not. */
  isPackaged: boolean;
  platform: NodeJS.Platform;
  showAbout(): void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = options.platform === 'darwin';
  const developer: MenuItemConstructorOptions[] = options.isPackaged
    ? []
    : [
        { type: 'separator' },
        { role: 'reload', label: 'Neu laden' },
        { role: 'forceReload', label: 'Neu laden (ohne Cache)' },
        { role: 'toggleDevTools', label: 'Entwicklerwerkzeuge' },
      ];
  return [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    {
      label: 'Datei',
      submenu: [isMac ? { role: 'close', label: 'Fenster schließen' } : { role: 'quit', label: 'Beenden' }],
    },
    {
      label: 'Bearbeiten',
      submenu: [
        { role: 'undo', label: 'Rückgängig' },
        { role: 'redo', label: 'Wiederholen' },
        { type: 'separator' },
        { role: 'cut', label: 'Ausschneiden' },
        { role: 'copy', label: 'Kopieren' },
        { role: 'paste', label: 'Einfügen' },
        { role: 'selectAll', label: 'Alles auswählen' },
      ],
    },
    {
      label: 'Ansicht',
      submenu: [
        { role: 'resetZoom', label: 'Originalgröße' },
        { role: 'zoomIn', label: 'Vergrößern' },
        { role: 'zoomOut', label: 'Verkleinern' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Vollbild' },
        ...developer,
      ],
    },
    {
      label: 'Hilfe',
      submenu: [{ label: 'Über Bürgerbüro Desk', click: () => options.showAbout() }],
    },
  ];
}
