import type { z } from 'zod';
import type { Contract, OperationName, OutputOf } from '../../../shared/api/contract';
import type { Settings, User } from '../../../shared/domain/types';
import type { Clock } from '../clock';
import type { Db } from '../db/connection';
import type { DispatchEngine } from '../dispatch/engine';
import type { DocumentRenderer } from '../documents/renderer';
import type { PortalService } from '../portal/portal-service';
import type { PrinterAdapter } from '../printing/port';
import type { SessionHolder } from '../transport';

export interface HandlerContext {
  db: Db;
  clock: Clock;
  dataDir: string;
  resourcesDir: string;
  /** The signed-in user; null only in public operations. */
  user: User | null;
  session: SessionHolder;
  settings(): Settings;
  printerFor(adapter: 'system' | 'folder'): PrinterAdapter;
  dispatch: DispatchEngine;
  portal: PortalService;
  renderer: DocumentRenderer;
  /** This workstation's name (printer profiles are per workstation). */
  workstation: string;
  log(message: string): void;
  /** Set by handlers to name the case or person touched, for the audit entry. */
  auditSubject: string | null;
}

export type Handler<K extends OperationName> = (
  input: z.output<Contract[K]['input']>,
  ctx: HandlerContext,
) => Promise<OutputOf<K>> | OutputOf<K>;

export type HandlerMap = { [K in OperationName]: Handler<K> };

/** The signed-in user of a non-public operation (the dispatcher guarantees one). */
export function requireUser(ctx: HandlerContext): User {
  if (!ctx.user) throw new Error('handler needs a session but none was resolved');
  return ctx.user;
}
