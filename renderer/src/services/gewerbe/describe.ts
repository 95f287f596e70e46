/** The data of a Gewerbeanzeige as rows of the case screen ("Angaben zur Leistung"). */
import {
  CRAFT_KINDS,
  addressLine,
  businessDisplayName,
  businessRegisterLine,
  effectiveDate,
  establishmentKindLabel,
  germanDate,
  gewerbeanzeigeData,
  legalFormText,
  personLine,
  reasonText,
} from '../../../../shared/services/gewerbe';

type Row = { label: string; value: string };

export function describeNotice(data: Record<string, unknown>): Row[] {
  const parsed = gewerbeanzeigeData.safeParse(data);
  if (!parsed.success) {
    // Stored data always passed the schema; should it not (an older version), show what is there.
    return Object.entries(data).map(([label, v]) => ({ label, value: typeof v === 'string' ? v : JSON.stringify(v) }));
  }
  const d = parsed.data;
  const rows: Row[] = [
    { label: 'Eingang der Anzeige', value: germanDate(d.receivedOn) },
    { label: d.form === 'GewA2' ? 'Art der Änderung' : 'Grund', value: reasonText(d) },
    { label: 'Betrieb', value: businessDisplayName(d) },
    { label: 'Rechtsform', value: [legalFormText(d.business), businessRegisterLine(d.business)].filter(Boolean).join(', ') },
    { label: d.persons.length > 1 ? 'Anzeigende Personen' : 'Anzeigende Person', value: d.persons.map(personLine).join('; ') },
  ];
  if (d.reporter) rows.push({ label: 'Anzeige erstattet von', value: `${d.reporter.givenNames} ${d.reporter.familyName} (${d.reporter.capacity})` });
  rows.push({ label: 'Betriebsstätte', value: `${addressLine(d.establishment.address)} (${establishmentKindLabel(d)})` });
  if (d.establishment.mainEstablishment) rows.push({ label: 'Hauptniederlassung', value: addressLine(d.establishment.mainEstablishment) });
  if (d.form === 'GewA1' && d.previousEstablishment) rows.push({ label: 'Frühere Betriebsstätte', value: addressLine(d.previousEstablishment) });
  if (d.form === 'GewA2' && d.changes.previousAddress) rows.push({ label: 'Bisherige Betriebsstätte', value: addressLine(d.changes.previousAddress) });
  if (d.form === 'GewA3' && d.newAddress) rows.push({ label: 'Neue Betriebsstätte', value: addressLine(d.newAddress) });
  const a = d.activity;
  const marks = [
    a.wz2008 ? `WZ 2008: ${a.wz2008}` : '',
    a.sideline ? 'Nebenerwerb' : '',
    a.craft !== 'keins' ? CRAFT_KINDS.find((k) => k.id === a.craft)!.label : '',
    a.food ? 'mit Lebensmitteln' : '',
    a.itinerant ? 'auch Reisegewerbe' : '',
    a.permitRequired ? (a.permit ? `Erlaubnis: ${a.permit.kind}, ${a.permit.authority}, ${germanDate(a.permit.issuedOn)}` : 'erlaubnispflichtig, Erlaubnis liegt nicht vor') : '',
  ].filter(Boolean);
  rows.push({ label: 'Tätigkeit', value: `${a.description}${marks.length ? ` (${marks.join('; ')})` : ''}` });
  if (d.form === 'GewA2' && d.changes.previousActivity) rows.push({ label: 'Bisherige Tätigkeit', value: d.changes.previousActivity });
  rows.push({ label: 'Beschäftigte', value: `${d.employees.fullTime} Vollzeit, ${d.employees.partTime} Teilzeit` });
  const eff = effectiveDate(d);
  rows.push({ label: eff.label, value: germanDate(eff.date) });
  if (d.form === 'GewA3' && d.continuedBySomeoneElse) rows.push({ label: 'Fortführung durch', value: d.successor });
  if (d.lateNoticeReason) rows.push({ label: 'Grund der verspäteten Anzeige', value: d.lateNoticeReason });
  if (d.form === 'GewA1' && d.customsIndications) rows.push({ label: 'Zoll (§ 3 Abs. 3 GewAnzV)', value: 'Anhaltspunkte vermerkt' });
  return rows;
}
