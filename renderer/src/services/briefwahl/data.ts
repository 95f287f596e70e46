import {
  APPLICATION_CHANNEL_LABELS,
  DELIVERY_KIND_LABELS,
  REGISTER_EXCEPTION_LABELS,
  type BriefwahlDataInput,
  type Delivery,
  type DeliveryKind,
  type PostalAddressData,
  type ProxyData,
  type RegisterExceptionGround,
} from '../../../../shared/services/briefwahl/index';
import { formatIsoDate } from '../../lib/format';

/** The counter form's working copy of the case data (shared/services/briefwahl briefwahlData, as input). */
export type FormData = Required<Omit<BriefwahlDataInput, 'delivery'>> & { delivery: Delivery };

export const emptyAddress = () => ({ street: '', houseNumber: '', postalCode: '', city: '' });
export const emptyPostal = (): PostalAddressData => ({ careOf: null, addressSupplement: null, street: '', houseNumber: '', postalCode: '', city: '', country: 'DE' });
export const emptyProxy = (): ProxyData => ({
  familyName: '',
  givenNames: '',
  birthDate: '',
  address: emptyPostal(),
  vollmachtPresent: false,
  confirmsAtMostFourVoters: false,
});

export function initialData(): FormData {
  return {
    electionId: '',
    channel: 'walk_in',
    voter: { familyName: '', givenNames: '', birthDate: '', address: emptyAddress() },
    voterNumber: null,
    representative: null,
    delivery: { kind: 'pickup_in_person' },
    suddenIllness: null,
    registerException: null,
    replacement: null,
  };
}

/** The stored or edited data, completed with the defaults (never throws on partial data). */
export function read(data: Record<string, unknown>): FormData {
  const base = initialData();
  const d = data as Partial<FormData>;
  return {
    ...base,
    ...d,
    voter: { ...base.voter, ...(d.voter ?? {}), address: { ...base.voter.address, ...(d.voter?.address ?? {}) } },
    delivery: d.delivery ?? base.delivery,
  } as FormData;
}

export function deliveryKind(data: Record<string, unknown>): DeliveryKind {
  return read(data).delivery.kind;
}

export function describe(data: Record<string, unknown>): { label: string; value: string }[] {
  const d = read(data);
  const v = d.voter;
  const rows = [
    // The core records the election's name with the case (afterCreate); the key where it could not.
    { label: 'Wahl', value: typeof data.electionName === 'string' ? data.electionName : d.electionId || '–' },
    { label: 'Antragsweg', value: APPLICATION_CHANNEL_LABELS[d.channel as keyof typeof APPLICATION_CHANNEL_LABELS] ?? String(d.channel) },
    { label: 'Wahlberechtigte Person', value: `${v.givenNames} ${v.familyName}, geboren am ${formatIsoDate(v.birthDate)}` },
    { label: 'Wohnanschrift', value: `${v.address.street} ${v.address.houseNumber}, ${v.address.postalCode} ${v.address.city}` },
    { label: 'Wählerverzeichnis-Nr.', value: d.voterNumber ?? (d.registerException ? '– (§ 25 Abs. 2)' : 'nach Name und Geburtsdatum') },
    { label: 'Zustellung', value: DELIVERY_KIND_LABELS[d.delivery.kind] },
  ];
  if (d.delivery.kind === 'other_address') {
    const a = d.delivery.address;
    rows.push({ label: 'Versandanschrift', value: `${a.street} ${a.houseNumber ?? ''}, ${a.postalCode ?? ''} ${a.city}${a.country && a.country !== 'DE' ? ` (${a.country})` : ''}` });
  }
  if (d.delivery.kind === 'pickup_by_proxy') {
    const p = d.delivery.proxy;
    rows.push({
      label: 'Bevollmächtigte Person',
      value: `${p.givenNames} ${p.familyName}, geboren am ${formatIsoDate(p.birthDate)} – Vollmacht ${p.vollmachtPresent ? 'liegt vor' : 'fehlt'}, Versicherung (höchstens vier) ${p.confirmsAtMostFourVoters ? 'liegt vor' : 'fehlt'}`,
    });
  }
  if (d.representative) {
    rows.push({
      label: 'Antrag gestellt durch',
      value: `${d.representative.givenNames} ${d.representative.familyName} – Vollmacht ${d.representative.vollmachtPresent ? 'liegt vor' : 'fehlt'}`,
    });
  }
  if (d.suddenIllness) rows.push({ label: 'Plötzliche Erkrankung', value: `${d.suddenIllness.reason}${d.suddenIllness.declaredInWriting ? ' (schriftlich erklärt)' : ''}` });
  if (d.registerException) {
    rows.push({
      label: 'Ausnahme § 25 Abs. 2',
      value: `${REGISTER_EXCEPTION_LABELS[d.registerException.ground as RegisterExceptionGround]}; vorgesehener Wahlbezirk ${d.registerException.intendedWahlbezirk}`,
    });
  }
  if (d.replacement) {
    rows.push({
      label: 'Ersatz-Wahlschein',
      value: `${d.replacement.reason === 'lost' ? 'verloren' : 'nicht zugegangen'}${d.replacement.credibleAssurance ? ', glaubhaft versichert' : ''}`,
    });
  }
  rows.push({ label: 'Gebühr', value: 'gebührenfrei' });
  return rows;
}
