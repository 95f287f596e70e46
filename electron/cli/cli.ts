import fs from 'node:fs';
import path from 'node:path';
import { verifyAudit } from '../core/audit/audit-queries';
import { argValue, defaultBrowserDataDir, findResourcesDir, resolveDataDir } from '../core/config';
import { openDatabase } from '../core/db/connection';
import { schemaVersion } from '../core/db/migrate';
import { CsvImportError, importResidentsCsv } from '../core/registers/csv-import';
import { countResidents } from '../core/registers/residents';
import { loadDemoResidents } from '../core/registers/demo-data';
import { countEntries, importPersonenstandCsv } from '../core/registers/personenstand';
import { getElectionByKey, importVoterRegisterCsv } from '../core/registers/elections';
import { loadServiceDemoData } from '../core/registers/service-demo';
import { portalCommand, portalSimCommand, PORTAL_USAGE } from './portal-commands';

const USAGE = `Bürgerbüro Desk – Kommandozeile

  npm run cli -- <Befehl> [--data-dir <Ordner>]

Befehle:
  db status                     Schemaversion und Anzahl der Datensätze
  db backup --out <Datei>       Online-Sicherung der Datenbank (SQLite-Backup-API)
  residents import --file <csv> Melderegister aus CSV importieren (Spalten: resources/demo/README.md)
  residents demo                Demodaten in ein leeres Melderegister laden (mit Personenstandsregister,
                                Demo-Wahl, Hundemarken – wie „Demodaten laden“ im Programm)
  personenstand import --file <csv>
                                Personenstandsregister aus CSV importieren (Spalten: resources/demo/personenstand-README.md)
  elections import --election <Schlüssel> --file <csv>
                                Wählerverzeichnis einer Wahl aus CSV importieren (Spalten: resources/demo/waehlerverzeichnis-README.md)
  audit verify                  Hash-Kette des Protokolls prüfen
${PORTAL_USAGE}`;

async function main(argv: string[]): Promise<number> {
  const [group, command] = argv.filter((a) => !a.startsWith('--') && !argv[argv.indexOf(a) - 1]?.startsWith('--'));
  if (!group || argv.includes('--help')) {
    console.log(USAGE);
    return group ? 0 : 2;
  }
  if (group === 'portal-sim') return portalSimCommand(command, argv);
  const dataDir = resolveDataDir(argv, defaultBrowserDataDir());
  if (group === 'portal') {
    try {
      return await portalCommand(command, argv, dataDir);
    } catch (err) {
      console.error(err instanceof Error ? err.message : String(err));
      return 1;
    }
  }
  const db = openDatabase(dataDir);
  const now = new Date().toISOString();
  try {
    switch (`${group} ${command ?? ''}`.trim()) {
      case 'db status': {
        console.log(`Datenordner: ${dataDir}`);
        console.log(`Schemaversion: ${schemaVersion(db)}`);
        for (const t of ['users', 'residents', 'cases', 'documents', 'print_jobs', 'audit_log']) {
          console.log(`${t}: ${(db.prepare(`SELECT COUNT(*) AS n FROM ${t}`).get() as { n: number }).n}`);
        }
        return 0;
      }
      case 'db backup': {
        const out = argValue(argv, '--out');
        if (!out) throw new Error('Bitte --out <Datei> angeben.');
        await db.backup(path.resolve(out));
        console.log(`Sicherung geschrieben: ${path.resolve(out)}`);
        return 0;
      }
      case 'residents import': {
        const file = argValue(argv, '--file');
        if (!file) throw new Error('Bitte --file <csv> angeben.');
        const r = importResidentsCsv(db, fs.readFileSync(file, 'utf8'), now);
        console.log(`Importiert: ${r.imported} neu, ${r.updated} aktualisiert.`);
        return 0;
      }
      case 'residents demo': {
        if (countResidents(db) > 0) throw new Error('Das Melderegister ist nicht leer; Demodaten werden nicht geladen.');
        const resourcesDir = findResourcesDir(__dirname);
        const demo = db.transaction(() => {
          loadDemoResidents(db, resourcesDir, now);
          return loadServiceDemoData(db, resourcesDir, now);
        })();
        console.log(
          `Demodaten geladen: ${countResidents(db)} Einwohner, ${demo.personenstand} Personenstandseinträge, ${demo.voters} Wahlberechtigte, ${demo.tags} Hundemarken im Bestand.`,
        );
        return 0;
      }
      case 'personenstand import': {
        const file = argValue(argv, '--file');
        if (!file) throw new Error('Bitte --file <csv> angeben.');
        const r = importPersonenstandCsv(db, fs.readFileSync(file, 'utf8'), now);
        const n = countEntries(db);
        console.log(`Importiert: ${r.imported} neu, ${r.updated} aktualisiert. Im Register: ${Object.values(n).reduce((a, b) => a + b, 0)} Einträge.`);
        return 0;
      }
      case 'elections import': {
        const key = argValue(argv, '--election');
        const file = argValue(argv, '--file');
        if (!key || !file) throw new Error('Bitte --election <Schlüssel> und --file <csv> angeben.');
        const election = getElectionByKey(db, key);
        if (!election) throw new Error(`Eine Wahl „${key}“ gibt es nicht (Verwaltung → Wahlen).`);
        const r = importVoterRegisterCsv(db, election.id, fs.readFileSync(file, 'utf8'));
        console.log(`Wählerverzeichnis ${election.name}: ${r.imported} neu, ${r.updated} aktualisiert.`);
        return 0;
      }
      case 'audit verify': {
        // The same check as "Integrität prüfen" in the administration.
        const result = verifyAudit(db);
        (result.ok ? console.log : console.error)(result.message);
        return result.ok ? 0 : 1;
      }
      default:
        console.error(`Unbekannter Befehl: ${group} ${command ?? ''}\n`);
        console.error(USAGE);
        return 2;
    }
  } catch (err) {
    console.error(err instanceof CsvImportError || err instanceof Error ? err.message : String(err));
    return 1;
  } finally {
    db.close();
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
