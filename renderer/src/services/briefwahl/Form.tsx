import { useEffect, useId, useRef, useState } from 'react';
import type { VoterSummary } from '../../../../shared/api/ops/briefwahl';
import {
  DELIVERY_KINDS,
  DELIVERY_KIND_LABELS,
  REGISTER_EXCEPTION_GROUNDS,
  REGISTER_EXCEPTION_LABELS,
  type DeliveryKind,
  type PostalAddressData,
  type ProxyData,
} from '../../../../shared/services/briefwahl/index';
import { useApiQuery } from '../../api/hooks';
import { CheckField, DateInput, FieldShell, Notice, SelectField, TextField } from '../../components/forms';
import { formatIsoDate } from '../../lib/format';
import { dataFieldError, type ServiceFormProps } from '../types';
import { emptyPostal, emptyProxy, read, type FormData } from './data';

/** Channels at the counter: a telephone call is no application (§ 27 Abs. 1 BWO), online ones come from the portal. */
const COUNTER_CHANNELS = [
  { value: 'walk_in', label: 'Persönlich (mündlich) im Bürgerbüro' },
  { value: 'post', label: 'Schriftlich per Post' },
  { value: 'email', label: 'E-Mail' },
  { value: 'fax', label: 'Telefax' },
];

function DateField({ label, value, onChange, error }: { label: string; value: string; onChange(v: string): void; error?: string | undefined }) {
  return (
    <FieldShell label={label} error={error} className="field-date">
      {({ id, describedBy }) => <DateInput id={id} value={value} onChange={onChange} invalid={!!error} describedBy={describedBy} />}
    </FieldShell>
  );
}

/** The voter search in the Wählerverzeichnis of the chosen election; picks the voter for the application. */
function VoterSearch({
  electionKey,
  initial,
  selected,
  onSelect,
}: {
  electionKey: string;
  initial: { familyName: string; givenNames: string; birthDate: string };
  selected: string | null;
  onSelect(v: VoterSummary): void;
}) {
  const [familyName, setFamilyName] = useState(initial.familyName);
  const [givenNames, setGivenNames] = useState(initial.givenNames);
  const [birthDate, setBirthDate] = useState(initial.birthDate);
  const [criteria, setCriteria] = useState<{ familyName: string; givenNames: string | null; birthDate: string | null } | null>(() =>
    initial.familyName ? { familyName: initial.familyName, givenNames: null, birthDate: initial.birthDate || null } : null,
  );
  const q = useApiQuery(
    'briefwahl.searchVoters',
    { electionKey, familyName: criteria?.familyName ?? null, givenNames: criteria?.givenNames ?? null, birthDate: criteria?.birthDate ?? null, residentKennung: null },
    { enabled: criteria !== null && electionKey !== '', staleTime: 0 },
  );
  // Prefilled from the resident: one match is taken at once.
  const autoPicked = useRef(false);
  useEffect(() => {
    if (!autoPicked.current && initial.familyName && q.data?.length === 1 && selected === null) {
      autoPicked.current = true;
      onSelect(q.data[0]!);
    }
  }, [q.data, initial.familyName, selected, onSelect]);

  function search() {
    if (!familyName.trim() && !birthDate) return;
    setCriteria({ familyName: familyName.trim(), givenNames: givenNames.trim() || null, birthDate: birthDate || null });
  }

  return (
    <div className="stack" role="search" aria-label="Wählersuche">
      <div className="grid-4">
        <TextField label="Familienname" value={familyName} onChange={setFamilyName} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), search())} />
        <TextField label="Vornamen" value={givenNames} onChange={setGivenNames} onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), search())} />
        <DateField label="Geburtsdatum" value={birthDate} onChange={setBirthDate} />
        <div className="field field-buttons">
          <span className="field-static-label" aria-hidden="true">
            &nbsp;
          </span>
          <button type="button" className="btn" onClick={search} disabled={!electionKey}>
            Im Wählerverzeichnis suchen
          </button>
        </div>
      </div>
      {criteria ? (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Wählerverzeichnis" aria-busy={q.isFetching || undefined}>
            <thead>
              <tr>
                <th scope="col">Nr.</th>
                <th scope="col">Name</th>
                <th scope="col">Geboren</th>
                <th scope="col">Anschrift</th>
                <th scope="col">Vermerk</th>
                <th scope="col">
                  <span className="sr-only">Auswahl</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {(q.data ?? []).map((v) => (
                <tr key={v.voterNumber} className={selected === v.voterNumber ? 'selected' : undefined}>
                  <td className="mono nowrap">{v.voterNumber}</td>
                  <td>
                    {v.familyName}, {v.givenNames}
                  </td>
                  <td className="nowrap">{formatIsoDate(v.birthDate)}</td>
                  <td>
                    {v.address.street} {v.address.houseNumber}, {v.address.postalCode} {v.address.city}
                  </td>
                  <td>{v.markedW ? <span className="badge badge-warning">W{v.validWahlschein ? ` · ${v.validWahlschein}` : ' · ungültig erklärt'}</span> : null}</td>
                  <td>
                    {selected === v.voterNumber ? (
                      <strong>ausgewählt</strong>
                    ) : (
                      <button type="button" className="btn btn-small" onClick={() => onSelect(v)} aria-label={`${v.givenNames} ${v.familyName} auswählen`}>
                        Auswählen
                      </button>
                    )}
                  </td>
                </tr>
              ))}
              {!q.isPending && (q.data ?? []).length === 0 ? (
                <tr className="empty">
                  <td colSpan={6}>Niemand mit diesen Angaben im Wählerverzeichnis dieser Wahl.</td>
                </tr>
              ) : null}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

export function BriefwahlForm({ data, onChange, error, resident }: ServiceFormProps) {
  const d = read(data);
  const set = (patch: Partial<FormData>) => onChange({ ...d, ...patch });
  const elections = useApiQuery('briefwahl.elections', {}, { staleTime: 60_000 });
  const deliveryName = useId();
  const err = (f: string) => dataFieldError(error, f);
  const election = elections.data?.find((e) => e.key === d.electionId);

  // The first election with ballots is the default.
  useEffect(() => {
    if (!d.electionId && elections.data && elections.data.length > 0) {
      set({ electionId: (elections.data.find((e) => e.ballotsReady) ?? elections.data[0]!).key });
    }
  }, [elections.data, d.electionId]);

  const selectVoter = (v: VoterSummary) =>
    onChange({
      ...d,
      voterNumber: v.voterNumber,
      registerException: null,
      voter: { familyName: v.familyName, givenNames: v.givenNames, birthDate: v.birthDate, address: { ...v.address } },
    });
  const exception = d.registerException !== null;
  const kind = d.delivery.kind;
  const setKind = (k: DeliveryKind) =>
    set({
      delivery:
        k === 'other_address'
          ? { kind: k, address: emptyPostal() }
          : k === 'pickup_by_proxy'
            ? { kind: k, proxy: emptyProxy() }
            : { kind: k },
    });
  const voterPatch = (patch: Partial<FormData['voter']>) => set({ voter: { ...d.voter, ...patch } });

  return (
    <div className="service-form stack">
      <SelectField
        label="Wahl"
        value={d.electionId}
        onChange={(v) => set({ electionId: v, voterNumber: null })}
        options={(elections.data ?? []).map((e) => ({ value: e.key, label: `${e.name} (${formatIsoDate(e.date)})` }))}
        placeholder={elections.isPending ? 'Wahlen werden geladen …' : 'Bitte wählen'}
        error={err('electionId')}
        hint={
          election
            ? `Antragsfrist: ${election.deadlines.application}. Bei plötzlicher Erkrankung: ${election.deadlines.late}. Ersatz für nicht zugegangene Wahlscheine: ${election.deadlines.replacement}.`
            : undefined
        }
      />
      {election && !election.ballotsReady ? (
        <Notice kind="warning">Die Stimmzettel liegen noch nicht vor: der Antrag wird erfasst, der Wahlschein kann erst danach erteilt werden.</Notice>
      ) : null}

      <SelectField
        label="Antragsweg"
        value={d.channel}
        onChange={(v) => set({ channel: v as FormData['channel'] })}
        options={COUNTER_CHANNELS}
        error={err('channel')}
        hint="Telefonische Anträge sind nicht zulässig (§ 27 Abs. 1 BWO, § 23 Abs. 1 NKWO): bitte schriftlich oder persönlich beantragen lassen."
      />

      <fieldset className="field">
        <legend>Wahlberechtigte Person – Suche im Wählerverzeichnis</legend>
        {d.electionId && !exception ? (
          <VoterSearch
            key={d.electionId}
            electionKey={d.electionId}
            initial={{ familyName: resident?.familyName ?? '', givenNames: '', birthDate: resident?.birthDate ?? '' }}
            selected={d.voterNumber}
            onSelect={selectVoter}
          />
        ) : null}
        {d.voterNumber && !exception ? (
          <p data-testid="briefwahl-voter">
            Ausgewählt: <strong>{d.voter.givenNames} {d.voter.familyName}</strong>, geboren am {formatIsoDate(d.voter.birthDate)}, Wählerverzeichnis-Nr.{' '}
            <span className="mono">{d.voterNumber}</span>
          </p>
        ) : null}
        {err('voter.familyName') || err('voter') || err('voterNumber') ? (
          <div className="field-error">{err('voter.familyName') ?? err('voter') ?? err('voterNumber')}</div>
        ) : null}
        <CheckField
          label="Nicht im Wählerverzeichnis – Wahlschein nach § 25 Abs. 2 BWO (Nachweis liegt vor)"
          checked={exception}
          onChange={(on) =>
            set({
              registerException: on ? { ground: 'frist_versaeumt', intendedWahlbezirk: election?.wahlbezirke[0]?.number ?? 1 } : null,
              voterNumber: null,
            })
          }
        />
        {exception && d.registerException ? (
          <div className="stack">
            <SelectField
              label="Ausnahmegrund"
              value={d.registerException.ground}
              onChange={(v) => set({ registerException: { ...d.registerException!, ground: v as (typeof REGISTER_EXCEPTION_GROUNDS)[number] } })}
              options={REGISTER_EXCEPTION_GROUNDS.map((g) => ({ value: g, label: REGISTER_EXCEPTION_LABELS[g] }))}
            />
            <SelectField
              label="Vorgesehener Wahlbezirk"
              value={String(d.registerException.intendedWahlbezirk)}
              onChange={(v) => set({ registerException: { ...d.registerException!, intendedWahlbezirk: Number(v) } })}
              options={(election?.wahlbezirke ?? []).map((w) => ({ value: String(w.number), label: `${w.number} – ${w.name}` }))}
              error={err('registerException.intendedWahlbezirk')}
            />
            <div className="grid-3">
              <TextField label="Familienname" value={d.voter.familyName} onChange={(v) => voterPatch({ familyName: v })} error={err('voter.familyName')} />
              <TextField label="Vornamen" value={d.voter.givenNames} onChange={(v) => voterPatch({ givenNames: v })} error={err('voter.givenNames')} />
              <DateField label="Geburtsdatum" value={d.voter.birthDate} onChange={(v) => voterPatch({ birthDate: v })} error={err('voter.birthDate')} />
            </div>
            <div className="grid-4">
              <TextField label="Straße" value={d.voter.address.street} onChange={(v) => voterPatch({ address: { ...d.voter.address, street: v } })} error={err('voter.address.street')} />
              <TextField label="Hausnummer" value={d.voter.address.houseNumber} onChange={(v) => voterPatch({ address: { ...d.voter.address, houseNumber: v } })} error={err('voter.address.houseNumber')} />
              <TextField label="PLZ" value={d.voter.address.postalCode} onChange={(v) => voterPatch({ address: { ...d.voter.address, postalCode: v } })} error={err('voter.address.postalCode')} />
              <TextField label="Ort" value={d.voter.address.city} onChange={(v) => voterPatch({ address: { ...d.voter.address, city: v } })} error={err('voter.address.city')} />
            </div>
          </div>
        ) : null}
      </fieldset>

      <CheckField
        label="Antrag für eine andere Person gestellt (Vertretung)"
        checked={d.representative !== null}
        onChange={(on) => set({ representative: on ? { familyName: '', givenNames: '', vollmachtPresent: false } : null })}
      />
      {d.representative ? (
        <div className="grid-3">
          <TextField label="Familienname (Vertretung)" value={d.representative.familyName} onChange={(v) => set({ representative: { ...d.representative!, familyName: v } })} error={err('representative.familyName')} />
          <TextField label="Vornamen (Vertretung)" value={d.representative.givenNames} onChange={(v) => set({ representative: { ...d.representative!, givenNames: v } })} error={err('representative.givenNames')} />
          <CheckField label="Schriftliche Vollmacht liegt vor" checked={d.representative.vollmachtPresent} onChange={(v) => set({ representative: { ...d.representative!, vollmachtPresent: v } })} />
        </div>
      ) : null}

      <fieldset className="field">
        <legend>Zustellung der Briefwahlunterlagen</legend>
        <div className="radio-row">
          {DELIVERY_KINDS.map((k) => (
            <label key={k} className="check">
              <input type="radio" name={deliveryName} value={k} checked={kind === k} onChange={() => setKind(k)} />
              {DELIVERY_KIND_LABELS[k]}
            </label>
          ))}
        </div>
        <div className="field-hint">Versand als amtliche Wahlunterlagen; das Porto trägt die Stadt.</div>
      </fieldset>
      {d.delivery.kind === 'other_address' ? (
        <OtherAddress value={d.delivery.address} onChange={(address) => set({ delivery: { kind: 'other_address', address } })} err={err} />
      ) : null}
      {d.delivery.kind === 'pickup_by_proxy' ? (
        <ProxyFields value={d.delivery.proxy} onChange={(proxy) => set({ delivery: { kind: 'pickup_by_proxy', proxy } })} err={err} />
      ) : null}

      <CheckField
        label="Plötzliche Erkrankung (Antrag bis zum Wahltag, 15 Uhr)"
        checked={d.suddenIllness !== null}
        onChange={(on) => set({ suddenIllness: on ? { reason: '', declaredInWriting: false } : null })}
      />
      {d.suddenIllness ? (
        <div className="grid-2">
          <TextField label="Grund der Erkrankung" value={d.suddenIllness.reason} onChange={(v) => set({ suddenIllness: { ...d.suddenIllness!, reason: v } })} error={err('suddenIllness.reason')} />
          <CheckField label="Erkrankung schriftlich erklärt bzw. nachgewiesen" checked={d.suddenIllness.declaredInWriting} onChange={(v) => set({ suddenIllness: { ...d.suddenIllness!, declaredInWriting: v } })} />
        </div>
      ) : null}

      <CheckField
        label="Ersatz-Wahlschein (der erste ist nicht zugegangen)"
        checked={d.replacement !== null}
        onChange={(on) => set({ replacement: on ? { reason: 'not_received', credibleAssurance: false } : null })}
        hint="Nur nachdem der bisherige Wahlschein für ungültig erklärt ist, und bis zum Tag vor der Wahl, 12 Uhr."
      />
      {d.replacement ? (
        <div className="grid-2">
          <SelectField
            label="Grund"
            value={d.replacement.reason}
            onChange={(v) => set({ replacement: { ...d.replacement!, reason: v as 'not_received' | 'lost' } })}
            options={[
              { value: 'not_received', label: 'nicht zugegangen' },
              { value: 'lost', label: 'verloren' },
            ]}
          />
          <CheckField label="Nichtzugang glaubhaft versichert" checked={d.replacement.credibleAssurance} onChange={(v) => set({ replacement: { ...d.replacement!, credibleAssurance: v } })} />
        </div>
      ) : null}

      <p className="fee-preview">
        Gebühr: <strong>gebührenfrei</strong>
      </p>
    </div>
  );
}

type Postal = PostalAddressData;

function OtherAddress({ value, onChange, err }: { value: Postal; onChange(v: Postal): void; err(f: string): string | undefined }) {
  const p = 'delivery.address.';
  return (
    <div className="stack">
      <div className="grid-3">
        <TextField label="bei (c/o)" value={value.careOf ?? ''} onChange={(v) => onChange({ ...value, careOf: v || null })} error={err(p + 'careOf')} />
        <TextField label="Straße (Versand)" value={value.street} onChange={(v) => onChange({ ...value, street: v })} error={err(p + 'street')} />
        <TextField label="Hausnummer (Versand)" value={value.houseNumber} onChange={(v) => onChange({ ...value, houseNumber: v })} error={err(p + 'houseNumber')} />
      </div>
      <div className="grid-3">
        <TextField label="PLZ (Versand)" value={value.postalCode} onChange={(v) => onChange({ ...value, postalCode: v })} error={err(p + 'postalCode')} />
        <TextField label="Ort (Versand)" value={value.city} onChange={(v) => onChange({ ...value, city: v })} error={err(p + 'city')} />
        <TextField label="Land (ISO, z. B. DE)" value={value.country} onChange={(v) => onChange({ ...value, country: v.toUpperCase() })} error={err(p + 'country')} />
      </div>
      <Notice kind="info">An die Wohnanschrift geht zugleich eine Mitteilung über die Versendung (wird mit dem Wahlschein gedruckt).</Notice>
    </div>
  );
}

type Proxy = ProxyData;

function ProxyFields({ value, onChange, err }: { value: Proxy; onChange(v: Proxy): void; err(f: string): string | undefined }) {
  const p = 'delivery.proxy.';
  return (
    <div className="stack">
      <div className="grid-3">
        <TextField label="Familienname (bevollmächtigt)" value={value.familyName} onChange={(v) => onChange({ ...value, familyName: v })} error={err(p + 'familyName')} />
        <TextField label="Vornamen (bevollmächtigt)" value={value.givenNames} onChange={(v) => onChange({ ...value, givenNames: v })} error={err(p + 'givenNames')} />
        <DateField label="Geburtsdatum (bevollmächtigt)" value={value.birthDate} onChange={(v) => onChange({ ...value, birthDate: v })} error={err(p + 'birthDate')} />
      </div>
      <div className="grid-4">
        <TextField label="Straße (bevollmächtigt)" value={value.address.street} onChange={(v) => onChange({ ...value, address: { ...value.address, street: v } })} error={err(p + 'address.street')} />
        <TextField label="Hausnummer (bevollmächtigt)" value={value.address.houseNumber} onChange={(v) => onChange({ ...value, address: { ...value.address, houseNumber: v } })} />
        <TextField label="PLZ (bevollmächtigt)" value={value.address.postalCode} onChange={(v) => onChange({ ...value, address: { ...value.address, postalCode: v } })} error={err(p + 'address.postalCode')} />
        <TextField label="Ort (bevollmächtigt)" value={value.address.city} onChange={(v) => onChange({ ...value, address: { ...value.address, city: v } })} error={err(p + 'address.city')} />
      </div>
      <CheckField label="Schriftliche Vollmacht der wahlberechtigten Person liegt im Original vor" checked={value.vollmachtPresent} onChange={(v) => onChange({ ...value, vollmachtPresent: v })} />
      <CheckField
        label="Bevollmächtigte Person versichert schriftlich, nicht mehr als vier Wahlberechtigte zu vertreten"
        checked={value.confirmsAtMostFourVoters}
        onChange={(v) => onChange({ ...value, confirmsAtMostFourVoters: v })}
      />
    </div>
  );
}
