/** Calls the API the way the renderer does (same origin, the session cookie of the page's context): for test set-up. */
import type { Page } from '@playwright/test';
import type { ApiResult, InputOf, OperationName, OutputOf } from '../../shared/api/contract';

export async function api<K extends OperationName>(page: Page, baseUrl: string, op: K, input: InputOf<K>): Promise<OutputOf<K>> {
  const res = await page.request.post(`${baseUrl}api/${op}`, {
    data: input,
    headers: { origin: baseUrl.replace(/\/$/, '') },
  });
  const body = (await res.json()) as ApiResult<OutputOf<K>>;
  if (!body.ok) throw new Error(`${op}: ${body.error.message}`);
  return body.data;
}

/**
 * A walk-in Meldebescheinigung for postal delivery, paid in cash: it lands in the Postausgang's ready list.
 * Returns the case reference.
 */
export async function createPaidPostCase(
  page: Page,
  baseUrl: string,
  residentId: number,
  registered: 'einwurf' | 'uebergabe' | 'rueckschein' | null = null,
): Promise<{ id: number; reference: string }> {
  const created = await api(page, baseUrl, 'cases.createWalkIn', {
    serviceId: 'meldebescheinigung',
    residentId,
    data: { kind: 'einfach', purpose: 'allgemein', extendedItems: [], copies: 1 },
    deliveryMethod: 'post',
    registered,
  });
  const paid = await api(page, baseUrl, 'cases.recordPayment', { caseId: created.id, method: 'cash' });
  if (paid.status !== 'ready') throw new Error(`${created.reference}: nach der Zahlung im Status ${paid.status} statt ready`);
  return { id: created.id, reference: created.reference };
}
