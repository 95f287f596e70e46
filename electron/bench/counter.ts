import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../core/db/connection';
import { renderMeldebescheinigung } from '../core/documents/meldebescheinigung';
import { loadDemoResidents } from '../core/registers/demo-data';
import { getResident, searchResidents } from '../core/registers/residents';
import { defaultSettings } from '../core/settings/settings';
import { peakRssMb, summary, timeRuns } from './stats';

/** Counter workstation: register search on the demo register and certificate rendering. */
export async function benchCounter(resourcesDir: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bbdesk-bench-'));
  try {
    const db = openDatabase(dir);
    const t0 = performance.now();
    loadDemoResidents(db, resourcesDir, new Date().toISOString());
    console.log(`demo register import                         ${(performance.now() - t0).toFixed(0)} ms`);
    const queries = ['lukasz', 'muller', 'strasse', 'weiss', 'gunes', 'ko', 'marienstr 7', 'dr'];
    console.log(summary('register search by name (8 queries)', await timeRuns(400, (i) => searchResidents(db, { name: queries[i % 8], limit: 50 }))));
    console.log(summary('register search by address', await timeRuns(200, () => searchResidents(db, { address: 'Lookenstraße 12', limit: 50 }))));
    const ids = (db.prepare('SELECT id FROM residents WHERE date_of_death IS NULL LIMIT 200').all() as { id: number }[]).map((r) => r.id);
    const settings = defaultSettings(dir);
    const { result, peakMb } = await peakRssMb(() =>
      timeRuns(ids.length, (i) =>
        renderMeldebescheinigung(
          {
            number: `MB-2026-${String(i).padStart(6, '0')}`,
            caseReference: `BB-2026-${String(i).padStart(6, '0')}`,
            issuedAt: new Date(),
            clerkName: 'Bench Clerk',
            kind: i % 2 ? 'einfach' : 'erweitert',
            extendedItems: i % 2 ? [] : ['geburtsort', 'staatsangehoerigkeiten', 'familienstand'],
            resident: getResident(db, ids[i]!)!,
          },
          { resourcesDir, letterhead: settings.letterhead },
        ),
      ),
    );
    console.log(summary('Meldebescheinigung PDF rendering', result));
    console.log(`peak RSS while rendering                     ${peakMb.toFixed(0)} MB`);
    db.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
