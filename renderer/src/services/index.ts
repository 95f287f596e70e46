import type { ServiceUi } from './types';
import { meldebescheinigungUi } from './meldebescheinigung';

/** The counter form and data view of each service, by service id. A new service adds one entry. */
export const SERVICE_UI: Readonly<Record<string, ServiceUi>> = {
  meldebescheinigung: meldebescheinigungUi,
};

export function describeServiceData(serviceId: string, data: Record<string, unknown>): { label: string; value: string }[] {
  const ui = SERVICE_UI[serviceId];
  if (ui) return ui.describe(data);
  return Object.entries(data).map(([k, v]) => ({ label: k, value: Array.isArray(v) ? v.join(', ') : String(v) }));
}
