import { useState } from 'react';
import { useApiMutation, useApiQuery } from '../api/hooks';
import { Dl } from '../components/Dl';
import { ErrorMessage, SelectField } from '../components/forms';
import { PdfModal } from '../components/PdfViewer';
import { downloadTextFile } from '../lib/download';
import { formatIsoDate } from '../lib/format';
import { WahlscheinTable } from './briefwahl/WahlscheinTable';

type List = 'verzeichnis' | 'ungueltig';

const LIST_TITLES: Record<List, string> = {
  verzeichnis: 'Wahlscheinverzeichnis',
  ungueltig: 'Verzeichnis der für ungültig erklärten Wahlscheine',
};

function ListPdf({ electionKey, list, onClose }: { electionKey: string; list: List; onClose(): void }) {
  const q = useApiQuery('briefwahl.verzeichnisPdf', { electionKey, list }, { staleTime: 0, gcTime: 0, refetchOnWindowFocus: false });
  return <PdfModal title={LIST_TITLES[list]} pdfBase64={q.data?.pdfBase64 ?? null} loading={q.isPending} error={q.error} onClose={onClose} />;
}

/** Briefwahl: the elections, the Wahlscheinverzeichnis and the list of invalidated Wahlscheine, as screen, PDF and CSV. */
export function BriefwahlScreen() {
  const elections = useApiQuery('briefwahl.elections', {}, { staleTime: 0 });
  const [chosen, setChosen] = useState('');
  const [list, setList] = useState<List>('verzeichnis');
  const [pdf, setPdf] = useState(false);
  const key = chosen || elections.data?.[0]?.key || '';
  const q = useApiQuery('briefwahl.verzeichnis', { electionKey: key, list }, { enabled: key !== '', staleTime: 0 });
  const csv = useApiMutation('briefwahl.verzeichnisCsv', { onSuccess: (r) => downloadTextFile(r.csv, r.fileName) });
  const e = q.data?.election ?? elections.data?.find((x) => x.key === key);

  return (
    <div className="page stack">
      <h1>Briefwahl</h1>
      <ErrorMessage error={elections.error} />
      {elections.data && elections.data.length === 0 ? <p className="muted">Es ist keine Wahl angelegt.</p> : null}
      <section className="filters" aria-label="Auswahl Briefwahl">
        <SelectField
          label="Wahl"
          value={key}
          onChange={setChosen}
          options={(elections.data ?? []).map((x) => ({ value: x.key, label: `${x.name} (${formatIsoDate(x.date)})` }))}
        />
        <SelectField
          label="Verzeichnis"
          value={list}
          onChange={(v) => setList(v as List)}
          options={[
            { value: 'verzeichnis', label: LIST_TITLES.verzeichnis },
            { value: 'ungueltig', label: LIST_TITLES.ungueltig },
          ]}
        />
        <div className="field field-buttons">
          <span className="field-static-label" aria-hidden="true">
            &nbsp;
          </span>
          <div className="action-buttons">
            <button type="button" className="btn" onClick={() => setPdf(true)} disabled={!key}>
              Als PDF
            </button>
            <button type="button" className="btn" onClick={() => csv.mutate({ electionKey: key, list })} disabled={!key || csv.isPending}>
              {csv.isPending ? 'Wird exportiert …' : 'CSV exportieren'}
            </button>
          </div>
        </div>
      </section>
      <ErrorMessage error={q.error ?? csv.error} />

      {e ? (
        <section className="panel" aria-labelledby="election-title">
          <h2 id="election-title">{e.name}</h2>
          <Dl
            rows={[
              { label: 'Art', value: e.kindLabel },
              { label: 'Wahltag', value: formatIsoDate(e.date) },
              { label: 'Stimmzettel', value: e.ballotsReady ? 'liegen vor' : 'liegen noch nicht vor' },
              { label: 'Antragsfrist', value: e.deadlines.application },
              { label: 'Plötzliche Erkrankung', value: e.deadlines.late },
              { label: 'Ersatz-Wahlschein', value: e.deadlines.replacement },
              { label: 'Wählerverzeichnis', value: `${e.voters} Personen` },
              { label: 'Wahlscheine', value: `${e.wahlscheine.valid} gültig, ${e.wahlscheine.invalid} für ungültig erklärt` },
            ]}
          />
        </section>
      ) : null}

      <section className="panel" aria-labelledby="list-title">
        <h2 id="list-title">{LIST_TITLES[list]}</h2>
        <WahlscheinTable electionKey={key} list={list} rows={q.data?.rows ?? []} loading={q.isPending && key !== ''} title={LIST_TITLES[list]} />
      </section>
      {pdf && key ? <ListPdf electionKey={key} list={list} onClose={() => setPdf(false)} /> : null}
    </div>
  );
}
