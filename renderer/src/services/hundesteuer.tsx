import type { ServiceUi } from './types';
import { AbmeldungForm, describeAbmeldung, initialAbmeldung } from './hundesteuer/abmeldung';
import { AnmeldungForm, describeAnmeldung, initialAnmeldung } from './hundesteuer/anmeldung';
import { HundesteuerCasePanel } from './hundesteuer/CasePanel';

/**
 * Counter forms and case views of the Hundesteuer An- und Abmeldung; merged into ./index.ts. Both are free of charge
 * (the tax is set by the Bescheid); the Bescheid prints on the letter printer, the Hundemarke is handed over with it
 * at the counter or sent with it by post.
 */
export const hundesteuerUi: Readonly<Record<string, ServiceUi>> = {
  'hundesteuer-anmeldung': {
    initialData: initialAnmeldung,
    Form: AnmeldungForm,
    describe: describeAnmeldung,
    postal: true,
    printable: true,
    freeReason: () => 'Gebührenfrei: Anmeldung zur Hundesteuer (die Steuer wird durch Bescheid festgesetzt)',
    CasePanel: HundesteuerCasePanel,
    issueLabel: 'Bescheid drucken und Hundemarke vergeben',
  },
  'hundesteuer-abmeldung': {
    initialData: initialAbmeldung,
    Form: AbmeldungForm,
    describe: describeAbmeldung,
    postal: true,
    printable: true,
    freeReason: () => 'Gebührenfrei: Abmeldung von der Hundesteuer',
    CasePanel: HundesteuerCasePanel,
    issueLabel: 'Schlussbescheid drucken',
  },
};
