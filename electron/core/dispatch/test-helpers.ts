import type { PrintRunDetail } from '../../../shared/domain/dispatch';
import type { TestCore } from '../test-support';
import type { SessionHolder } from '../transport';

/** Creates a postal Meldebescheinigung case for a demo resident; pays it unless told otherwise. */
export async function postCase(
  t: TestCore,
  clerk: SessionHolder,
  name: string,
  opts: { pay?: boolean; registered?: 'einwurf' | 'uebergabe' | 'rueckschein' | null } = {},
): Promise<number> {
  const found = await t.call(clerk, 'residents.search', { name });
  if (!found[0]) throw new Error(`demo resident ${name} not found`);
  const c = await t.call(clerk, 'cases.createWalkIn', {
    serviceId: 'meldebescheinigung',
    residentId: found[0].id,
    data: { kind: 'einfach', purpose: 'arbeitgeber' },
    deliveryMethod: 'post',
    registered: opts.registered ?? null,
  });
  if (opts.pay === false) await t.call(clerk, 'cases.markReadyForPost', { caseId: c.id });
  else await t.call(clerk, 'cases.recordPayment', { caseId: c.id, method: 'cash' });
  return c.id;
}

/** Polls the run until it is no longer running (bounded). */
export async function waitForRun(t: TestCore, s: SessionHolder, runId: number, timeoutMs = 60_000): Promise<PrintRunDetail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await t.call(s, 'dispatch.getRun', { runId });
    if (run.state !== 'running') return run;
    if (Date.now() > deadline) throw new Error(`run ${runId} still running after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const BANK = { accountHolder: 'Stadt Lingen (Ems)', iban: 'DE89 3704 0044 0532 0130 00', bic: 'COBADEFFXXX', bankName: 'Commerzbank' };
