import { electronicFormatIBAN } from 'ibantools';
import { hashPassword } from '../../auth/passwords';
import { deleteSessionsOfUser } from '../../auth/sessions';
import {
  countActiveAdmins,
  getUser,
  insertUser,
  listUsers,
  setPasswordHash,
  unlockUser,
  updateUser,
  usernameTaken,
} from '../../auth/users';
import { inTransaction } from '../../db/connection';
import { getSettings, updateSettings } from '../../settings/settings';
import type { HandlerMap } from '../context';
import { requireUser } from '../context';
import { ApiFailure, notFound } from '../errors';
import { requireSite } from './setup';

export const adminHandlers: Pick<
  HandlerMap,
  | 'users.list'
  | 'users.create'
  | 'users.update'
  | 'users.unlock'
  | 'users.resetPassword'
  | 'settings.get'
  | 'settings.update'
  | 'printers.list'
> = {
  'users.list': (_input, ctx) => listUsers(ctx.db),
  'users.create': async (input, ctx) => {
    requireSite(ctx.db, input.siteId);
    const hash = await hashPassword(input.password);
    const id = inTransaction(ctx.db, () => {
      if (usernameTaken(ctx.db, input.username)) {
        throw new ApiFailure('CONFLICT', `Der Benutzername „${input.username}“ ist bereits vergeben.`, [
          { path: 'username', message: 'Bereits vergeben.' },
        ]);
      }
      return insertUser(
        ctx.db,
        { username: input.username, displayName: input.displayName, role: input.role, siteId: input.siteId, passwordHash: hash, registrar: input.registrar },
        ctx.clock.now().toISOString(),
      );
    });
    return getUser(ctx.db, id)!;
  },
  'users.update': (input, ctx) => {
    const me = requireUser(ctx);
    if (input.siteId !== undefined) requireSite(ctx.db, input.siteId);
    return inTransaction(ctx.db, () => {
      const target = getUser(ctx.db, input.userId);
      if (!target) throw notFound('Der Benutzer');
      const losesAdmin =
        target.role === 'admin' && target.active && ((input.role && input.role !== 'admin') || input.active === false);
      if (losesAdmin && countActiveAdmins(ctx.db) <= 1) {
        throw new ApiFailure('CONFLICT', 'Es muss mindestens ein aktives Administrationskonto bleiben.');
      }
      if (target.id === me.id && input.active === false) {
        throw new ApiFailure('CONFLICT', 'Sie können Ihr eigenes Konto nicht deaktivieren.');
      }
      updateUser(ctx.db, input.userId, input);
      if (input.active === false || input.role) deleteSessionsOfUser(ctx.db, input.userId);
      return getUser(ctx.db, input.userId)!;
    });
  },
  'users.unlock': (input, ctx) => {
    if (!getUser(ctx.db, input.userId)) throw notFound('Der Benutzer');
    unlockUser(ctx.db, input.userId);
    return getUser(ctx.db, input.userId)!;
  },
  'users.resetPassword': async (input, ctx) => {
    if (!getUser(ctx.db, input.userId)) throw notFound('Der Benutzer');
    const hash = await hashPassword(input.password);
    inTransaction(ctx.db, () => {
      setPasswordHash(ctx.db, input.userId, hash);
      deleteSessionsOfUser(ctx.db, input.userId);
    });
    return getUser(ctx.db, input.userId)!;
  },
  'settings.get': (_input, ctx) => ctx.settings(),
  'settings.update': (input, ctx) => {
    if (input.fees) {
      const known = ctx.settings().fees;
      const unknown = Object.keys(input.fees).filter((k) => !(k in known));
      if (unknown.length > 0) {
        throw new ApiFailure('INVALID_INPUT', `Unbekannte Gebühr: ${unknown.join(', ')}`, [{ path: 'fees', message: 'Unbekannte Gebühr.' }]);
      }
    }
    inTransaction(ctx.db, () => {
      const fees = input.fees ? { ...ctx.settings().fees, ...input.fees } : undefined;
      const bank = input.bank
        ? { ...input.bank, iban: electronicFormatIBAN(input.bank.iban) ?? '', bic: input.bank.bic.toUpperCase() }
        : undefined;
      updateSettings(ctx.db, { ...input, ...(fees ? { fees } : {}), ...(bank ? { bank } : {}) }, ctx.workstation);
    });
    return getSettings(ctx.db, ctx.dataDir, ctx.workstation);
  },
  'printers.list': async (_input, ctx) => {
    const [system, folder] = await Promise.all([
      ctx.printerFor('system').listPrinters().catch(() => []),
      ctx.printerFor('folder').listPrinters(),
    ]);
    return [...folder, ...system];
  },
};
