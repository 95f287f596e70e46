import type { Site } from '../../../../shared/domain/types';
import { hashPassword } from '../../auth/passwords';
import { countUsers, getUser, insertUser } from '../../auth/users';
import { inTransaction, type Db } from '../../db/connection';
import { countResidents } from '../../registers/residents';
import { loadDemoResidents } from '../../registers/demo-data';
import { loadServiceDemoData } from '../../registers/service-demo';
import type { HandlerMap } from '../context';
import { ApiFailure } from '../errors';
import { startSession } from './auth';

export function listSites(db: Db): Site[] {
  return db.prepare('SELECT id, code, name, kind FROM sites ORDER BY kind, name').all() as Site[];
}

export function requireSite(db: Db, siteId: number): void {
  if (!db.prepare('SELECT 1 FROM sites WHERE id = ?').get(siteId)) {
    throw new ApiFailure('INVALID_INPUT', 'Der Standort ist unbekannt.', [{ path: 'siteId', message: 'Unbekannter Standort.' }]);
  }
}

export const setupHandlers: Pick<HandlerMap, 'setup.status' | 'setup.createAdmin' | 'setup.loadDemoData' | 'sites.list'> = {
  'setup.status': (_input, ctx) => ({
    needsAdmin: countUsers(ctx.db) === 0,
    residentCount: countResidents(ctx.db),
    sites: listSites(ctx.db),
  }),
  'setup.createAdmin': async (input, ctx) => {
    requireSite(ctx.db, input.siteId);
    const hash = await hashPassword(input.password);
    const id = inTransaction(ctx.db, () => {
      // Checked inside the transaction: only the very first account can be created this way.
      if (countUsers(ctx.db) > 0) {
        throw new ApiFailure('FORBIDDEN', 'Die Ersteinrichtung ist bereits abgeschlossen.');
      }
      return insertUser(
        ctx.db,
        { username: input.username, displayName: input.displayName, role: 'admin', siteId: input.siteId, passwordHash: hash },
        ctx.clock.now().toISOString(),
      );
    });
    return startSession(ctx, getUser(ctx.db, id)!);
  },
  'setup.loadDemoData': (_input, ctx) => {
    if (countResidents(ctx.db) > 0) {
      throw new ApiFailure('CONFLICT', 'Das Melderegister enthält bereits Daten; Demodaten werden nur in ein leeres Register geladen.');
    }
    const now = ctx.clock.now().toISOString();
    inTransaction(ctx.db, () => {
      loadDemoResidents(ctx.db, ctx.resourcesDir, now);
      loadServiceDemoData(ctx.db, ctx.resourcesDir, now);
    });
    return { residents: countResidents(ctx.db) };
  },
  'sites.list': (_input, ctx) => listSites(ctx.db),
};
