import type { ServiceUi } from './types';
import { meldebescheinigungUi } from './meldebescheinigung';
import { personenstandUi } from './personenstand';
import { hundesteuerUi } from './hundesteuer';
import { gewerbeUi } from './gewerbe';
import { briefwahlUi } from './briefwahl';

/** The counter form and data view of each service, by service id. A new service adds one entry. */
export const SERVICE_UI: Readonly<Record<string, ServiceUi>> = {
  meldebescheinigung: meldebescheinigungUi,
  ...personenstandUi,
  ...hundesteuerUi,
  ...gewerbeUi,
  ...briefwahlUi,
};

/** Whether the app can preview, print and issue the service's document (only services with `printable`). */
export function supportsDocuments(serviceId: string): boolean {
  return SERVICE_UI[serviceId]?.printable === true;
}

/** Rows of a service's own view, or null when the service has none (the case screen then shows the raw data). */
export function describeServiceData(serviceId: string, data: Record<string, unknown>): { label: string; value: string }[] | null {
  const ui = SERVICE_UI[serviceId];
  return ui ? ui.describe(data) : null;
}
