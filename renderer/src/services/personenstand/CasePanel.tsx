import { useState } from 'react';
import type { Signer } from '../../../../shared/services/personenstand/index';
import { useApiMutation, useApiQuery } from '../../api/hooks';
import { ErrorMessage, Notice } from '../../components/forms';
import { formatDateTime } from '../../lib/format';
import type { ServiceCasePanelProps } from '../types';
import { readData, requestedEntryText } from './data';
import { EntryLine, EntrySearch } from './EntrySearch';
import { SignerFields } from './SignerFields';

/**
 * The case's register entry (with the search to assign it where the online order could not be matched), the
 * state of a stated legal interest and who signs.
 */
export function PersonenstandCasePanel({ detail, editable }: ServiceCasePanelProps) {
  const d = readData(detail.data);
  const changeable = editable && detail.documents.length === 0;
  const entry = useApiQuery('personenstand.entry', { reference: d.registerReference ?? '' }, { enabled: !!d.registerReference });
  const setReference = useApiMutation('personenstand.setRegisterReference', { invalidates: ['cases.get', 'cases.list'] });
  const setSigner = useApiMutation('personenstand.setSigner', { invalidates: ['cases.get'] });
  const registrars = useApiQuery('personenstand.registrars', {}, { staleTime: 60_000 });
  const [editingSigner, setEditingSigner] = useState(false);
  const [signer, setSignerDraft] = useState<Signer | null>(d.signer);
  const [searching, setSearching] = useState(false);
  const req = d.requestedEntry;
  const signerName = d.signer ? registrars.data?.find((r) => r.id === d.signer!.userId)?.displayName : null;
  const interest = d.relation === 'sibling' || d.relation === 'other';
  const s = detail.steps;

  return (
    <section className="panel" aria-labelledby="ps-entry-title" data-testid="personenstand-panel">
      <h2 id="ps-entry-title">Personenstandsregister</h2>
      {req ? <p className="muted">Im Online-Antrag genannt: {requestedEntryText(req)}</p> : null}
      {d.registerReference ? (
        entry.data ? (
          <p data-testid="ps-entry">
            <EntryLine entry={entry.data} />
          </p>
        ) : entry.isFetched ? (
          <Notice kind="warning">Der Eintrag {d.registerReference} ist nicht (mehr) im Personenstandsregister.</Notice>
        ) : null
      ) : (
        <Notice kind="warning">Der Registereintrag ist noch nicht zugeordnet. Bitte suchen und zuordnen; erst dann kann die Urkunde ausgestellt werden.</Notice>
      )}
      {changeable && (searching || !d.registerReference) ? (
        <>
          <EntrySearch
            initialName={req ? [req.vornamen, req.familienname].filter((x) => typeof x === 'string').join(' ') : ''}
            initialDate={req && typeof req.ereignisdatum === 'string' ? req.ereignisdatum : ''}
            actionLabel="Zuordnen"
            disabled={setReference.isPending}
            onPick={(e) => setReference.mutate({ caseId: detail.id, registerReference: e.reference }, { onSuccess: () => setSearching(false) })}
          />
          <ErrorMessage error={setReference.error} />
        </>
      ) : changeable ? (
        <button type="button" className="btn btn-small" onClick={() => setSearching(true)}>
          Anderen Eintrag zuordnen
        </button>
      ) : null}

      {interest ? (
        <div className="step">
          <h3>Dargelegtes Interesse (§ 62 Abs. 1 Satz 2 PStG)</h3>
          <p>{d.legalInterest || '–'}</p>
          {s.approvedAt ? (
            <Notice kind="success">
              Von der Teamleitung anerkannt ({s.approvedBy ?? '–'}, {formatDateTime(s.approvedAt)}).
            </Notice>
          ) : (
            <Notice kind="warning">Wartet auf die Prüfung durch die Teamleitung; erst danach wird die Gebühr erhoben.</Notice>
          )}
        </div>
      ) : null}

      <div className="step">
        <h3>Unterschrift durch</h3>
        {editingSigner && changeable ? (
          <>
            <SignerFields value={signer} onChange={setSignerDraft} disabled={setSigner.isPending} />
            <ErrorMessage error={setSigner.error} />
            <div className="action-buttons">
              <button
                type="button"
                className="btn btn-primary"
                disabled={!signer || setSigner.isPending}
                onClick={() => signer && setSigner.mutate({ caseId: detail.id, signer }, { onSuccess: () => setEditingSigner(false) })}
              >
                Übernehmen
              </button>
              <button type="button" className="btn" onClick={() => setEditingSigner(false)}>
                Abbrechen
              </button>
            </div>
          </>
        ) : (
          <p>
            {d.signer ? `${d.signer.title} ${signerName ?? `(Nr. ${d.signer.userId})`}` : 'noch nicht gewählt'}{' '}
            {changeable ? (
              <button type="button" className="btn btn-small" onClick={() => setEditingSigner(true)}>
                {d.signer ? 'Ändern' : 'Wählen'}
              </button>
            ) : null}
          </p>
        )}
      </div>
    </section>
  );
}
