import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { findService } from '../../shared/services';
import { ONLINE_SERVICES, onlineJsonSchema, onlineSchemaUri, parseOnlineData } from '../../shared/services/online';
import { fullText, readPdf } from '../core/documents/pdf-text';
import { DEMO_SERVICE_IDS, demoApplication, loadDemoPeople, type DemoApplication, type DemoPerson } from './demo-applications';

const RESOURCES = path.resolve(__dirname, '..', '..', 'resources');
const SEQS = Array.from({ length: 40 }, (_, i) => i + 1);

let people: DemoPerson[];
const apps = new Map<string, DemoApplication[]>();

function ajv() {
  const a = new Ajv2020({ allErrors: true, strict: false });
  addFormats(a);
  return a;
}

beforeAll(() => {
  people = loadDemoPeople(RESOURCES);
  for (const id of DEMO_SERVICE_IDS) apps.set(id, SEQS.map((seq) => demoApplication(id, seq, people)));
});

const sha512 = (b: Uint8Array | string) => createHash('sha512').update(b).digest('hex');

describe('loadDemoPeople', () => {
  it('reads the demo register with the current Hauptwohnung of each resident', () => {
    expect(people).toHaveLength(652);
    expect(people[0]).toMatchObject({
      kennung: 'LIN-000001',
      familienname: 'Kowalski',
      vornamen: 'Łukasz',
      geburtsdatum: '1985-03-14',
      geburtsort: 'Gdańsk',
      anschrift: { strasse: 'Lookenstraße', hausnummer: '12', postleitzahl: '49808', ort: 'Lingen (Ems)' },
    });
    const weiss = people.find((p) => p.kennung === 'LIN-000005')!;
    expect(weiss.anschrift).toEqual({ strasse: 'Am Markt', hausnummer: '3', postleitzahl: '49808', ort: 'Lingen (Ems)' });
    expect(weiss.doktorgrad).toBe('Dr.');
    const mustermann = people.find((p) => p.kennung === 'LIN-000008')!;
    expect(mustermann.fruehereNamen).toEqual(['Gabler']);
    expect(people.find((p) => p.kennung === 'LIN-000016')!.sterbedatum).toBe('2024-11-03');
  });
});

describe('demoApplication', () => {
  it('covers every service of the catalogue', () => {
    expect([...DEMO_SERVICE_IDS].sort()).toEqual(ONLINE_SERVICES.map((s) => s.id).sort());
  });

  it('produces Fachdaten that pass the JSON Schema (ajv 2020, formats) and the zod rules', () => {
    const a = ajv();
    for (const id of DEMO_SERVICE_IDS) {
      const validate = a.compile(onlineJsonSchema(id));
      for (const app of apps.get(id)!) {
        const ok = validate(app.data);
        expect(validate.errors ?? [], `${id} ${app.additionalReferenceInfo.senderReference}`).toEqual([]);
        expect(ok).toBe(true);
        const r = parseOnlineData(id, app.data);
        expect(r.ok ? [] : r.issues, `${id} ${app.additionalReferenceInfo.senderReference}`).toEqual([]);
      }
    }
  });

  it('makes applicants of real demo residents: name, birth date and address exactly as registered', () => {
    for (const id of DEMO_SERVICE_IDS) {
      for (const app of apps.get(id)!) {
        const a = app.data.antragsteller;
        const match = people.find(
          (p) => p.familienname === a.familienname && p.vornamen === a.vornamen && p.geburtsdatum === a.geburtsdatum,
        );
        expect(match, `${id}: ${a.vornamen} ${a.familienname}`).toBeDefined();
        expect(match!.anschrift).toEqual(a.anschrift);
        expect(match!.sterbedatum).toBeNull();
        expect(app.replyChannel).toEqual({ eMail: { address: a.email } });
      }
    }
  });

  it('fits the FIT-Connect metadata schema 1.0.0 (payment, identification, reply channel, references)', () => {
    const a = ajv();
    const schema = JSON.parse(fs.readFileSync(path.join(RESOURCES, 'fit-connect', 'metadata.schema.v1.0.0.json'), 'utf8'));
    const validate = a.compile(schema);
    for (const id of DEMO_SERVICE_IDS) {
      const service = findService(id)!;
      for (const app of apps.get(id)!.slice(0, 15)) {
        const metadata = {
          contentStructure: {
            data: { hash: { type: 'sha512', content: sha512(JSON.stringify(app.data)) }, submissionSchema: { schemaUri: onlineSchemaUri(id), mimeType: 'application/json' } },
            attachments: app.attachments.map((att, i) => ({
              hash: { type: 'sha512', content: sha512(att.bytes) },
              purpose: att.purpose,
              mimeType: att.mimeType,
              filename: att.filename,
              description: att.description,
              attachmentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
            })),
          },
          publicServiceType: { identifier: service.serviceIdentifier, name: service.name },
          ...(app.paymentInformation ? { paymentInformation: app.paymentInformation } : {}),
          authenticationInformation: app.authenticationInformation,
          replyChannel: app.replyChannel,
          additionalReferenceInfo: app.additionalReferenceInfo,
        };
        const ok = validate(metadata);
        expect(validate.errors ?? [], id).toEqual([]);
        expect(ok).toBe(true);
        const report = JSON.parse(Buffer.from(app.authenticationInformation[0]!.content, 'base64url').toString('utf8'));
        expect(report.subject.familienname).toBe(app.data.antragsteller.familienname);
      }
    }
  });

  it('pays the fee of paid services (BOOKED), nothing for free ones', () => {
    for (const app of apps.get('briefwahl')!) expect(app.paymentInformation).toBeUndefined();
    for (const id of ['hundesteuer-anmeldung', 'hundesteuer-abmeldung']) for (const app of apps.get(id)!) expect(app.paymentInformation).toBeUndefined();
    for (const [id, euros] of [
      ['gewerbe-anmeldung', 26],
      ['gewerbe-ummeldung', 26],
      ['gewerbe-abmeldung', 20],
    ] as const) {
      for (const app of apps.get(id)!) expect(app.paymentInformation).toMatchObject({ status: 'BOOKED', grossAmount: euros });
    }
    const mb = apps.get('meldebescheinigung')!;
    for (const app of mb) {
      const antrag = app.data.antrag as { kind: 'einfach' | 'erweitert'; purpose: string; copies: number };
      const free = ['rente', 'versorgungsamt', 'sozialleistung'].includes(antrag.purpose);
      if (free) expect(app.paymentInformation).toBeUndefined();
      else expect(app.paymentInformation?.grossAmount).toBe((antrag.kind === 'einfach' ? 7.5 : 9) * antrag.copies);
    }
    expect(mb.some((a) => !a.paymentInformation)).toBe(true);
    expect(mb.some((a) => a.paymentInformation?.paymentMethod)).toBe(true);
    for (const app of apps.get('personenstandsurkunde')!) {
      const antrag = app.data.antrag as { purpose: string; copies: number };
      if (app.paymentInformation) expect(app.paymentInformation.grossAmount).toBe(15 + 7.5 * (antrag.copies - 1));
      else expect(['rente', 'familienleistung', 'sozialleistung']).toContain(antrag.purpose);
    }
  });

  it('attaches the form PDF to every application, scans and a photo where the service needs them', () => {
    const all = [...apps.values()].flat();
    for (const app of all) {
      const form = app.attachments[0]!;
      expect(form).toMatchObject({ purpose: 'form', mimeType: 'application/pdf' });
      expect(Buffer.from(form.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
      expect(app.attachments.filter((a) => a.purpose === 'form')).toHaveLength(1);
      for (const att of app.attachments.slice(1)) {
        expect(att.purpose).toBe('attachment');
        expect(att.description).toBeTruthy();
        if (att.mimeType === 'image/jpeg') {
          expect([...att.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
          expect(att.bytes.length).toBeLessThan(60_000);
        } else {
          expect(att.mimeType).toBe('application/pdf');
          expect(Buffer.from(att.bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
        }
      }
    }
    const kinds = (id: string) => new Set(apps.get(id)!.flatMap((a) => a.attachments.slice(1).map((x) => x.filename)));
    expect(kinds('hundesteuer-anmeldung')).toEqual(new Set(['Versicherungsbestaetigung.pdf']));
    expect(kinds('personenstandsurkunde')).toEqual(new Set(['Ausweis.jpg']));
    expect(kinds('gewerbe-anmeldung')).toEqual(new Set(['Ausweis.jpg', 'Vollmacht.pdf']));
    expect(kinds('meldebescheinigung')).toEqual(new Set());
    expect(kinds('briefwahl').has('Vollmacht.pdf')).toBe(true);
    // Scans, photo and the blank form of a service are made once and shared.
    const scans = all.flatMap((a) => a.attachments).filter((x) => x.filename === 'Vollmacht.pdf');
    expect(new Set(scans.map((x) => x.bytes)).size).toBe(1);
    expect(new Set(apps.get('briefwahl')!.map((a) => a.attachments[0]!.bytes)).size).toBe(1);
  });

  it('shows the blank form by default and the filled-in form with personalForm', async () => {
    const blank = fullText((await readPdf(apps.get('hundesteuer-anmeldung')![0]!.attachments[0]!.bytes)).items);
    expect(blank).toContain('Antrag: Hundesteuer – Anmeldung eines Hundes');
    expect(blank).toContain('Sachkunde (§ 3 NHundG)');
    const app = demoApplication('gewerbe-anmeldung', 3, people, { personalForm: true });
    const text = fullText((await readPdf(app.attachments[0]!.bytes)).items);
    const a = app.data.antragsteller;
    for (const s of [a.familienname, a.vornamen, a.anschrift.strasse, app.additionalReferenceInfo.senderReference, 'Ausweis.jpg', '26,00 €']) {
      expect(text).toContain(s);
    }
    expect(app.data).toEqual(apps.get('gewerbe-anmeldung')![2]!.data);
  });

  it('varies the cases: all certificate kinds with a family, delivery kinds, legal forms', () => {
    const kinds = new Set(apps.get('personenstandsurkunde')!.map((a) => (a.data.antrag as { kind: string }).kind));
    expect(kinds).toEqual(new Set(['geburtsurkunde', 'eheurkunde', 'sterbeurkunde']));
    const deliveries = new Set(apps.get('briefwahl')!.map((a) => (a.data.antrag as { delivery: { kind: string } }).delivery.kind));
    expect(deliveries.size).toBeGreaterThanOrEqual(3);
    const forms = new Set(apps.get('gewerbe-anmeldung')!.map((a) => (a.data.antrag as { business: { legalForm: string } }).business.legalForm));
    expect(forms).toEqual(new Set(['einzelunternehmen', 'gbr', 'gmbh']));
    const references = [...apps.values()].flat().map((a) => a.additionalReferenceInfo.senderReference);
    expect(references.every((r) => /^ORA-LIN-20261123-\d{6}$/.test(r))).toBe(true);
  });

  it('is deterministic for a given seq and follows the options', () => {
    const one = demoApplication('gewerbe-anmeldung', 7, people);
    const two = demoApplication('gewerbe-anmeldung', 7, people);
    expect(two).toEqual(one);
    expect(demoApplication('gewerbe-anmeldung', 8, people).data).not.toEqual(one.data);
    const later = demoApplication('briefwahl', 3, people, { applicationDate: '2027-09-01', electionId: 'ltw-2027-test' });
    expect(later.additionalReferenceInfo.applicationDate).toBe('2027-09-01');
    expect((later.data.antrag as { electionId: string }).electionId).toBe('ltw-2027-test');
    expect(parseOnlineData('briefwahl', later.data).ok).toBe(true);
  });

  it('refuses unknown services and people without a resources folder', () => {
    expect(() => demoApplication('reisepass', 1, people)).toThrow(/keine Demo-Anträge/);
    expect(() => demoApplication('briefwahl', 1, [...people])).toThrow(/resourcesDir/);
    expect(demoApplication('briefwahl', 1, [...people], { resourcesDir: RESOURCES }).data).toEqual(apps.get('briefwahl')![0]!.data);
  });
});
