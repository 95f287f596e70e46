import type { SessionInfo, User } from '../../../../shared/domain/types';
import { hashPassword, verifyPassword } from '../../auth/passwords';
import { createSession, deleteSession, deleteSessionsOfUser, resolveSession, setSessionLocked } from '../../auth/sessions';
import {
  findUserForLogin,
  getUser,
  passwordHashOf,
  recordFailedAttempt,
  resetFailedAttempts,
  setPasswordHash,
} from '../../auth/users';
import { inTransaction } from '../../db/connection';
import type { HandlerContext, HandlerMap } from '../context';
import { requireUser } from '../context';
import { ApiFailure } from '../errors';

const WRONG = 'Benutzername oder Passwort ist falsch.';
const LOCKED_ACCOUNT =
  'Das Konto ist nach fünf falschen Passworteingaben gesperrt. Bitte wenden Sie sich an die Administration.';

export function sessionInfo(ctx: HandlerContext, user: User, locked: boolean): SessionInfo {
  return { user, idleLockMinutes: ctx.settings().idleLockMinutes, locked };
}

/** Starts a session for the user and hands its token to the transport. */
export function startSession(ctx: HandlerContext, user: User): SessionInfo {
  const token = createSession(ctx.db, user.id, ctx.clock.now(), ctx.settings().sessionHours);
  ctx.session.setToken(token);
  ctx.user = user;
  return sessionInfo(ctx, user, false);
}

/** Checks a password, counting failures; the fifth wrong one locks the account. */
async function checkPassword(ctx: HandlerContext, userId: number, password: string): Promise<void> {
  const hash = passwordHashOf(ctx.db, userId);
  const ok = hash !== null && (await verifyPassword(password, hash));
  if (ok) {
    resetFailedAttempts(ctx.db, userId);
    return;
  }
  const nowLocked = inTransaction(ctx.db, () => recordFailedAttempt(ctx.db, userId));
  if (nowLocked) {
    deleteSessionsOfUser(ctx.db, userId);
    ctx.session.setToken(null);
    throw new ApiFailure('UNAUTHENTICATED', LOCKED_ACCOUNT);
  }
  throw new ApiFailure('UNAUTHENTICATED', WRONG);
}

export const authHandlers: Pick<
  HandlerMap,
  'auth.login' | 'auth.session' | 'auth.logout' | 'auth.lock' | 'auth.unlock' | 'auth.changePassword'
> = {
  'auth.login': async (input, ctx) => {
    const found = findUserForLogin(ctx.db, input.username);
    if (!found || !found.active) {
      // Same work and message as a wrong password, so user names cannot be probed.
      await verifyPassword(input.password, 'scrypt$32768$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA');
      throw new ApiFailure('UNAUTHENTICATED', WRONG);
    }
    ctx.user = found;
    if (found.locked) throw new ApiFailure('UNAUTHENTICATED', LOCKED_ACCOUNT);
    await checkPassword(ctx, found.id, input.password);
    const user = getUser(ctx.db, found.id)!;
    return startSession(ctx, user);
  },
  'auth.session': (_input, ctx) => {
    if (!ctx.user || !ctx.session.token) return null;
    const s = resolveSession(ctx.db, ctx.session.token, ctx.clock.now(), ctx.settings().idleLockMinutes);
    return s ? sessionInfo(ctx, ctx.user, s.locked) : null;
  },
  'auth.logout': (_input, ctx) => {
    if (ctx.session.token) deleteSession(ctx.db, ctx.session.token);
    ctx.session.setToken(null);
    return { ok: true };
  },
  'auth.lock': (_input, ctx) => {
    if (ctx.session.token) setSessionLocked(ctx.db, ctx.session.token, true, ctx.clock.now());
    return { ok: true };
  },
  'auth.unlock': async (input, ctx) => {
    const user = requireUser(ctx);
    await checkPassword(ctx, user.id, input.password);
    setSessionLocked(ctx.db, ctx.session.token!, false, ctx.clock.now());
    return sessionInfo(ctx, user, false);
  },
  'auth.changePassword': async (input, ctx) => {
    const user = requireUser(ctx);
    await checkPassword(ctx, user.id, input.currentPassword);
    const hash = await hashPassword(input.newPassword);
    setPasswordHash(ctx.db, user.id, hash);
    return { ok: true };
  },
};
