import type { ApiResult } from '../../shared/api/contract';
import { createDispatcher } from './api/dispatcher';
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
import type { SessionHolder } from './transport';

/** The core as the transports see it: one dispatch function. */
export interface Core {
  dispatch(operation: string, input: unknown, session: SessionHolder): Promise<ApiResult<unknown>>;
  close(): void;
  readonly dataDir: string;
}

export function createCore(config: CoreConfig): Core {
  const db = openDatabase(config.dataDir);
  const clock = config.clock ?? systemClock;
  const log = config.log ?? ((m: string) => console.error(`[bbdesk] ${m}`));
  purgeExpiredSessions(db, clock.now());
  const settings = () => getSettings(db, config.dataDir);
  let system: PrinterAdapter | undefined = config.systemPrinter;
  const printerFor = (adapter: 'system' | 'folder'): PrinterAdapter => {
    if (adapter === 'folder') return createFolderPrinterAdapter(settings().outboxDir);
    system ??= createSystemPrinterAdapter({ log });
    return system;
  };
  const dispatch = createDispatcher(
    { db, clock, dataDir: config.dataDir, resourcesDir: config.resourcesDir, settings, printerFor, log },
    handlers,
  );
  void recoverOpenPrintJobs(db, clock, printerFor, log).catch((err: unknown) =>
    log(`print job recovery failed: ${err instanceof Error ? err.message : String(err)}`),
  );
  return {
    dispatch,
    dataDir: config.dataDir,
    close: () => db.close(),
  };
}
