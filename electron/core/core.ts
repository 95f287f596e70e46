import type { ApiResult } from '../../shared/api/contract';
import os from 'node:os';
import { createDispatcher } from './api/dispatcher';
import { DispatchEngine } from './dispatch/engine';
import { postalRenderers } from './dispatch/renderers';
import { createDocumentRenderer } from './documents/renderer';
import { recoverOpenPrintJobs } from './cases/print-recovery';
import { handlers } from './api/handlers';
import { purgeExpiredSessions } from './auth/sessions';
import { systemClock } from './clock';
import type { CoreConfig } from './config';
import { openDatabase } from './db/connection';
import { createFolderPrinterAdapter } from './printing/folder-printer';
import type { PrinterAdapter } from './printing/port';
import { createSystemPrinterAdapter } from './printing/system-printer';
import { getSettings } from './settings/settings';
import { plainProtector } from './portal/keys';
import { PortalService } from './portal/portal-service';
import type { SessionHolder } from './transport';

/** The core as the transports see it: one dispatch function. */
export interface Core {
  dispatch(operation: string, input: unknown, session: SessionHolder): Promise<ApiResult<unknown>>;
  close(): void;
  readonly dataDir: string;
  /** The portal connection (sync, keys); hosts use it for the embedded simulator and shutdown. */
  readonly portal: PortalService;
}

export function createCore(config: CoreConfig): Core {
  const db = openDatabase(config.dataDir);
  const clock = config.clock ?? systemClock;
  const log = config.log ?? ((m: string) => console.error(`[bbdesk] ${m}`));
  purgeExpiredSessions(db, clock.now());
  const workstation = config.workstation ?? (process.env.BBDESK_WORKSTATION || os.hostname());
  const settings = () => getSettings(db, config.dataDir, workstation);
  let system: PrinterAdapter | undefined = config.systemPrinter;
  const printerFor = (adapter: 'system' | 'folder'): PrinterAdapter => {
    if (adapter === 'folder') return createFolderPrinterAdapter(settings().outboxDir);
    system ??= createSystemPrinterAdapter({ log });
    return system;
  };
  const renderer = config.renderer ?? createDocumentRenderer(__dirname, log);
  const dispatchEngine = new DispatchEngine({
    db,
    clock,
    resourcesDir: config.resourcesDir,
    workstation,
    settings,
    printerFor,
    renderers: postalRenderers(renderer),
    renderer,
    log,
  });
  const portal = new PortalService({
    db,
    clock,
    dataDir: config.dataDir,
    settings,
    log,
    protector: config.secretProtector ?? plainProtector,
    override: config.portal ?? null,
    fetch: config.portalFetch,
    backoffBaseMs: config.portalBackoffBaseMs,
  });
  if (config.portalAutoSync) portal.sync.start();
  const dispatch = createDispatcher(
    { db, clock, dataDir: config.dataDir, resourcesDir: config.resourcesDir, settings, printerFor, dispatch: dispatchEngine, portal, renderer, workstation, log },
    handlers,
  );
  const recovery = Promise.all([recoverOpenPrintJobs(db, clock, printerFor, log), dispatchEngine.recover()]).catch((err: unknown) =>
    log(`print job recovery failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  return {
    dispatch: async (operation, input, session) => {
      await recovery;
      return dispatch(operation, input, session);
    },
    dataDir: config.dataDir,
    portal,
    close: () => {
      portal.sync.stop();
      void renderer.close();
      db.close();
    },
  };
}
