import { GEWERBE_SERVICES, type GewerbeForm } from '../../../shared/services/gewerbe';
import { describeNotice } from './gewerbe/describe';
import { GewerbeAnzeigeForm, initialNotice } from './gewerbe/GewerbeForm';
import { ReceiptPanel } from './gewerbe/ReceiptPanel';
import type { ServiceUi } from './types';

const FORM_OF: Record<string, GewerbeForm> = {
  'gewerbe-anmeldung': 'GewA1',
  'gewerbe-ummeldung': 'GewA2',
  'gewerbe-abmeldung': 'GewA3',
};

function ui(form: GewerbeForm): ServiceUi {
  return {
    initialData: () => initialNotice(form),
    Form: GewerbeAnzeigeForm,
    describe: describeNotice,
    postal: true,
    printable: true,
    freeReason: () => null,
    CasePanel: ReceiptPanel,
    issueLabel: 'Empfangsbescheinigung drucken',
  };
}

/** Counter forms and case views of the three Gewerbeanzeigen, by service id; merged into ./index.ts. */
export const gewerbeUi: Readonly<Record<string, ServiceUi>> = Object.fromEntries(GEWERBE_SERVICES.map((s) => [s.id, ui(FORM_OF[s.id]!)]));
