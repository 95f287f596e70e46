import {
  feeKeyFor,
  meldebescheinigung,
  meldebescheinigungData,
  PURPOSES,
} from '../../../shared/services/meldebescheinigung';
import { ApiFailure } from '../api/errors';
import type { ServiceRules } from './types';

const parse = (data: Record<string, unknown>) => meldebescheinigungData.parse(data);

export const meldebescheinigungRules: ServiceRules = {
  definition: meldebescheinigung,
  fee(data, settings) {
    const d = parse(data);
    const unit = settings.fees[feeKeyFor(d)] ?? 0;
    return unit * d.copies;
  },
  waiverReason(data) {
    const d = parse(data);
    const purpose = PURPOSES.find((p) => p.id === d.purpose);
    return purpose?.free ? `Gebührenfrei: ${purpose.label}` : null;
  },
  checkResident(resident) {
    if (resident.dateOfDeath) {
      throw new ApiFailure(
        'CONFLICT',
        'Für verstorbene Personen wird keine Meldebescheinigung ausgestellt (im Melderegister ist ein Sterbedatum gespeichert).',
      );
    }
  },
  document: {
    type: 'meldebescheinigung',
    prefix: 'MB',
    printer: 'certificate',
    render(req) {
      const d = parse(req.data);
      if (!req.resident) throw new ApiFailure('CONFLICT', 'Der Vorgang ist keiner Person aus dem Melderegister zugeordnet.');
      return req.renderer.render(
        'meldebescheinigung',
        {
          number: req.number,
          caseReference: req.caseReference,
          issuedAt: req.issuedAt,
          clerkName: req.clerkName,
          kind: d.kind,
          extendedItems: d.extendedItems,
          resident: req.resident,
          preview: req.preview,
        },
        { resourcesDir: req.resourcesDir, letterhead: req.settings.letterhead },
      );
    },
  },
};
