/**
 * The example account of the IBAN standard's documentation (not the town's): the demo data enter it where no bank
 * account is set, so letters and Hundesteuerbescheide have an account to name until the administrator enters the
 * real one; the administration warns while it is in use.
 */
export const DEMO_BANK = { accountHolder: 'Stadt Lingen (Ems)', iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', bankName: 'Beispielbank (Demodaten)' } as const;

/** Whether the IBAN (spaces allowed) is the demo data's example account. */
export function isDemoBankAccount(iban: string): boolean {
  return iban.replace(/\s+/g, '').toUpperCase() === DEMO_BANK.iban;
}
