import { getResident, searchResidents } from '../../registers/residents';
import { importResidentsCsv, CsvImportError } from '../../registers/csv-import';
import { subjectList } from '../../audit/audit';
import type { HandlerMap } from '../context';
import { ApiFailure, notFound } from '../errors';

export const residentHandlers: Pick<HandlerMap, 'residents.search' | 'residents.get' | 'residents.importCsv'> = {
  'residents.search': (input, ctx) => {
    const found = searchResidents(ctx.db, input);
    // Reading people's data without a case: the audit entry names everyone the search showed.
    ctx.auditSubject = subjectList('resident', found.map((r) => r.id));
    return found;
  },
  'residents.get': (input, ctx) => {
    const r = getResident(ctx.db, input.residentId);
    if (!r) throw notFound('Die Person');
    ctx.auditSubject = `resident:${r.id}`;
    return r;
  },
  'residents.importCsv': (input, ctx) => {
    try {
      return importResidentsCsv(ctx.db, input.csv, ctx.clock.now().toISOString());
    } catch (err) {
      if (err instanceof CsvImportError) throw new ApiFailure('INVALID_INPUT', err.message);
      throw err;
    }
  },
};
