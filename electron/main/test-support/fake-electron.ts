/**
 * A fake `electron` module for the shell's unit tests (vi.mock('electron', …)).
 * It records what the main process and the preload do with Electron: BrowserWindow options,
 * ipcMain handlers, session handlers, app events, protocol registrations, contextBridge calls.
 */
type Listener = (...args: any[]) => unknown;

export class FakeEmitter {
  listeners = new Map<string, Listener[]>();
  on(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    return this;
  }
  once(event: string, listener: Listener): this {
    const wrapper: Listener = (...args) => {
      this.off(event, wrapper);
      return listener(...args);
    };
    return this.on(event, wrapper);
  }
  off(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => l !== listener),
    );
    return this;
  }
  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener);
  }
  emit(event: string, ...args: unknown[]): boolean {
    const list = [...(this.listeners.get(event) ?? [])];
    for (const l of list) l(...args);
    return list.length > 0;
  }
  listenerCount(event: string): number {
    return this.listeners.get(event)?.length ?? 0;
  }
}

/** An event object like Electron's: records preventDefault(). */
export class FakeEvent {
  defaultPrevented = false;
  constructor(extra: Record<string, unknown> = {}) {
    Object.assign(this, extra);
  }
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

let tokenCounter = 0;

export class FakeWebFrameMain {
  frameToken = `frame-${++tokenCounter}`;
  processId = 1;
  constructor(
    public url: string,
    public parent: FakeWebFrameMain | null = null,
  ) {}
  get top(): FakeWebFrameMain {
    return this.parent ? this.parent.top : this;
  }
}

let webContentsCounter = 0;

export class FakeWebContents extends FakeEmitter {
  readonly id = ++webContentsCounter;
  mainFrame = new FakeWebFrameMain('about:blank');
  windowOpenHandler: ((details: { url: string }) => unknown) | null = null;
  type = 'window';
  destroyed = false;
  closed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.windowOpenHandler = handler;
  }
  getType(): string {
    return this.type;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  close(): void {
    this.closed = true;
  }
  /** Test helper: what Electron does when a window goes away. */
  destroy(): void {
    this.destroyed = true;
    this.emit('destroyed');
  }
}

export class FakeBrowserWindow extends FakeEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.closedWindow);
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  shown = false;
  focused = false;
  closedWindow = false;
  constructor(public readonly options: Record<string, any>) {
    super();
    FakeBrowserWindow.instances.push(this);
    recorder.windowOptions.push(options);
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  focus(): void {
    this.focused = true;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
}

export const recorder = {
  windowOptions: [] as Record<string, any>[],
  exposed: [] as { key: string; api: Record<string, unknown> }[],
  privilegedSchemes: [] as unknown[],
  menuTemplate: null as unknown[] | null,
  errorBoxes: [] as { title: string; content: string }[],
  calls: [] as string[],
};

export const ipcMain = {
  handlers: new Map<string, Listener>(),
  handle(channel: string, listener: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
};

export const ipcRenderer = {
  invocations: [] as unknown[][],
  invoke(...args: unknown[]): Promise<unknown> {
    this.invocations.push(args);
    return Promise.resolve({ ok: true, data: null });
  },
};

export const contextBridge = {
  exposeInMainWorld(key: string, api: Record<string, unknown>): void {
    recorder.exposed.push({ key, api });
  },
};

export interface FakeSession {
  headersListener: Listener | null;
  permissionRequestHandler: Listener | null;
  permissionCheckHandler: Listener | null;
  devicePermissionHandler: Listener | null;
  webRequest: { onHeadersReceived(listener: Listener): void };
  setPermissionRequestHandler(handler: Listener): void;
  setPermissionCheckHandler(handler: Listener): void;
  setDevicePermissionHandler(handler: Listener): void;
}

export function fakeSession(): FakeSession {
  const ses: FakeSession = {
    headersListener: null,
    permissionRequestHandler: null,
    permissionCheckHandler: null,
    devicePermissionHandler: null,
    webRequest: {
      onHeadersReceived(listener) {
        ses.headersListener = listener;
      },
    },
    setPermissionRequestHandler(handler) {
      ses.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      ses.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler) {
      ses.devicePermissionHandler = handler;
    },
  };
  return ses;
}

export const defaultSession = fakeSession();
export const session = { defaultSession };

export const protocol = {
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    recorder.calls.push('protocol.registerSchemesAsPrivileged');
    recorder.privilegedSchemes.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response> | Response): void {
    recorder.calls.push('protocol.handle');
    this.handlers.set(scheme, handler);
  },
};

class FakeApp extends FakeEmitter {
  isPackaged = false;
  sandboxEnabled = false;
  hasLock = true;
  quitCalled = false;
  exitCode: number | null = null;
  userData = '/tmp/bbdesk-fake-userdata';
  private readyResolve: (() => void) | null = null;
  private readyPromise: Promise<void> = this.newReady();
  private newReady(): Promise<void> {
    return new Promise((resolve) => {
      this.readyResolve = resolve;
    });
  }
  enableSandbox(): void {
    recorder.calls.push('app.enableSandbox');
    this.sandboxEnabled = true;
  }
  requestSingleInstanceLock(): boolean {
    recorder.calls.push('app.requestSingleInstanceLock');
    return this.hasLock;
  }
  quit(): void {
    this.quitCalled = true;
  }
  exit(code = 0): void {
    this.exitCode = code;
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`unexpected getPath(${name})`);
    return this.userData;
  }
  getVersion(): string {
    return '0.1.0';
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  /** Test helper: fire 'ready'. */
  fireReady(): void {
    recorder.calls.push('app.ready');
    this.readyResolve?.();
  }
  reset(): void {
    this.listeners.clear();
    this.isPackaged = false;
    this.sandboxEnabled = false;
    this.hasLock = true;
    this.quitCalled = false;
    this.exitCode = null;
    this.readyPromise = this.newReady();
  }
}

export const app = new FakeApp();

export const Menu = {
  buildFromTemplate(template: unknown[]): { template: unknown[] } {
    return { template };
  },
  setApplicationMenu(menu: { template: unknown[] } | null): void {
    recorder.menuTemplate = menu?.template ?? null;
  },
};

export const dialog = {
  showErrorBox(title: string, content: string): void {
    recorder.errorBoxes.push({ title, content });
  },
  showMessageBox(): Promise<{ response: number }> {
    return Promise.resolve({ response: 0 });
  },
};

export const BrowserWindow = FakeBrowserWindow;

/** Back to a clean slate between tests. */
export function resetFakeElectron(): void {
  FakeBrowserWindow.instances = [];
  recorder.windowOptions = [];
  recorder.exposed = [];
  recorder.privilegedSchemes = [];
  recorder.menuTemplate = null;
  recorder.errorBoxes = [];
  recorder.calls = [];
  ipcMain.handlers.clear();
  ipcRenderer.invocations = [];
  protocol.handlers.clear();
  defaultSession.headersListener = null;
  defaultSession.permissionRequestHandler = null;
  defaultSession.permissionCheckHandler = null;
  defaultSession.devicePermissionHandler = null;
  app.reset();
}

/** Cast helper: hand a fake to code typed against Electron's classes. */
export function asElectron<T>(value: unknown): T {
  return value as T;
}

/** safeStorage as on a machine with an OS key store: a reversible marking stands in for the encryption. */
export const safeStorage = {
  isEncryptionAvailable: () => true,
  encryptString: (plain: string) => Buffer.from(`enc:${Buffer.from(plain, 'utf8').toString('base64')}`),
  decryptString: (data: Buffer) => Buffer.from(data.toString().replace(/^enc:/, ''), 'base64').toString('utf8'),
};
