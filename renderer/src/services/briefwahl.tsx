import { BriefwahlCasePanel } from './briefwahl/CasePanel';
import { deliveryKind, describe, initialData } from './briefwahl/data';
import { BriefwahlForm } from './briefwahl/Form';
import type { ServiceUi } from './types';

/** Counter form and case view of the Briefwahl (Wahlschein und Briefwahlunterlagen); merged into ./index.ts. */
export const briefwahlUi: Readonly<Record<string, ServiceUi>> = {
  briefwahl: {
    initialData: () => initialData() as unknown as Record<string, unknown>,
    Form: BriefwahlForm,
    describe,
    postal: true,
    printable: true,
    freeReason: () => 'Gebührenfrei: Wahlschein und Briefwahlunterlagen werden kostenlos erteilt',
    deliveryFromData(data) {
      const k = deliveryKind(data);
      return k === 'home' || k === 'other_address' ? 'post' : 'counter';
    },
    CasePanel: BriefwahlCasePanel,
    issueLabel: 'Wahlschein drucken und erteilen',
  },
};
