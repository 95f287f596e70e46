import { password as passwordRule } from '../../../shared/api/contract';

/**
 * Checks a new password the way the core will (the contract's rule), plus the repetition the core never sees.
 * Returns German messages by field: `password`, `password2`.
 */
export function newPasswordErrors(password: string, repeated: string): Record<string, string> {
  const errors: Record<string, string> = {};
  const checked = passwordRule.safeParse(password);
  if (!checked.success) errors.password = checked.error.issues[0]?.message ?? 'Ungültiges Passwort.';
  if (repeated !== password) errors.password2 = 'Die Passwörter stimmen nicht überein.';
  return errors;
}

export const PASSWORD_HINT = 'Mindestens 10 Zeichen';
