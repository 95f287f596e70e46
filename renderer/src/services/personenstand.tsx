import { PURPOSES } from '../../../shared/services/personenstand/index';
import { PersonenstandCasePanel } from './personenstand/CasePanel';
import { describeData, initialData, readData } from './personenstand/data';
import { PersonenstandForm } from './personenstand/Form';
import type { ServiceUi } from './types';

/** Counter forms and case views of the personenstand service(s), by service id; merged into ./index.ts. */
export const personenstandUi: Readonly<Record<string, ServiceUi>> = {
  personenstandsurkunde: {
    initialData,
    Form: PersonenstandForm,
    describe: describeData,
    postal: true,
    printable: true,
    freeReason(data) {
      const p = PURPOSES.find((x) => x.id === data.purpose);
      return p?.free ? `Gebührenfrei nach § 64 SGB X: ${p.label}` : null;
    },
    deliveryFromData(data) {
      return readData(data).delivery;
    },
    CasePanel: PersonenstandCasePanel,
  },
};
