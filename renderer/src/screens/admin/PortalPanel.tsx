import { useState, type FormEvent } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { PortalConfigView } from '../../../../shared/domain/portal';
import { queryKey, useApiMutation, useApiQuery } from '../../api/hooks';
import { apiFieldError, ErrorMessage, Notice, TextField } from '../../components/forms';
import { Modal } from '../../components/Modal';
import { downloadTextFile } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import { configSourceText, KEY_USE_LABELS } from '../../lib/portalText';

interface FormState {
  tokenUrl: string;
  apiUrl: string;
  clientId: string;
  clientSecret: string;
  destinationId: string;
  pollMinutes: string;
}

function formFrom(c: PortalConfigView): FormState {
  return {
    tokenUrl: c.tokenUrl,
    apiUrl: c.apiUrl,
    clientId: c.clientId,
    clientSecret: '',
    destinationId: c.destinationId,
    pollMinutes: String(c.pollMinutes),
  };
}

function useSetConfig(): (c: PortalConfigView) => void {
  const queryClient = useQueryClient();
  return (c) => queryClient.setQueryData(queryKey('portal.getConfig', {}), c);
}

function ConfigForm({ config }: { config: PortalConfigView }) {
  const setConfig = useSetConfig();
  const [form, setForm] = useState<FormState>(() => formFrom(config));
  const [localErrors, setLocalErrors] = useState<Record<string, string>>({});
  const save = useApiMutation('portal.saveConfig', {
    onSuccess: (c) => {
      setConfig(c);
      setForm(formFrom(c));
    },
  });
  const set = (k: keyof FormState) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const err = (k: keyof FormState) => localErrors[k] ?? apiFieldError(save.error, k);
  const source = configSourceText(config.source);

  function submit(e: FormEvent) {
    e.preventDefault();
    const errors: Record<string, string> = {};
    const minutes = Number(form.pollMinutes);
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) errors.pollMinutes = 'Bitte 1 bis 1440 Minuten angeben.';
    setLocalErrors(errors);
    if (Object.keys(errors).length) return;
    save.mutate({
      tokenUrl: form.tokenUrl.trim(),
      apiUrl: form.apiUrl.trim(),
      clientId: form.clientId.trim(),
      ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
      destinationId: form.destinationId.trim(),
      pollMinutes: minutes,
    });
  }

  return (
    <form className="panel" onSubmit={submit} noValidate aria-labelledby="portal-title">
      <h2 id="portal-title">Portal (FIT-Connect)</h2>
      <p className="field-hint">
        Online-Anträge kommen über FIT-Connect: Bürgerbüro Desk ruft die Einreichungen beim Zustellpunkt der Stadt ab
        (API-Client aus dem FIT-Connect Self-Service-Portal).
      </p>
      <Notice kind={source.kind}>
        <span data-testid="portal-config-source">{source.text}</span>
      </Notice>
      {save.isSuccess ? <Notice kind="success">Die Portal-Einstellungen wurden gespeichert.</Notice> : null}
      <ErrorMessage error={save.error} />
      <div className="grid-2">
        <TextField
          label="Token-URL"
          inputMode="url"
          value={form.tokenUrl}
          onChange={set('tokenUrl')}
          error={err('tokenUrl')}
          hint="OAuth-Token-Adresse des FIT-Connect-Autorisierungsdienstes"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label="API-URL"
          inputMode="url"
          value={form.apiUrl}
          onChange={set('apiUrl')}
          error={err('apiUrl')}
          hint="Adresse der Submission API des Zustelldienstes"
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label="Client-ID"
          value={form.clientId}
          onChange={set('clientId')}
          error={err('clientId')}
          autoComplete="off"
          spellCheck={false}
          required
        />
        <TextField
          label="Client-Secret"
          type="password"
          value={form.clientSecret}
          onChange={set('clientSecret')}
          error={err('clientSecret')}
          placeholder={config.hasClientSecret ? 'gespeichert – leer lassen, um es zu behalten' : undefined}
          hint={config.hasClientSecret ? 'Ein Client-Secret ist gespeichert; es wird nicht angezeigt.' : 'Noch kein Client-Secret gespeichert.'}
          autoComplete="new-password"
        />
        <TextField
          label="Zustellpunkt-ID"
          value={form.destinationId}
          onChange={set('destinationId')}
          error={err('destinationId')}
          hint="UUID des Zustellpunkts, z. B. 2b3c4d5e-…"
          autoComplete="off"
          spellCheck={false}
          className="mono-input"
          required
        />
        <TextField
          label="Abrufintervall (Minuten)"
          type="number"
          min={1}
          max={1440}
          value={form.pollMinutes}
          onChange={set('pollMinutes')}
          error={err('pollMinutes')}
          hint="Wie oft neue Anträge automatisch abgerufen werden."
          className="field-narrow"
          required
        />
      </div>
      <div className="actions">
        <button type="submit" className="btn btn-primary" disabled={save.isPending}>
          {save.isPending ? 'Wird gespeichert …' : 'Portal-Einstellungen speichern'}
        </button>
      </div>
      <ConnectionTest />
    </form>
  );
}

/** "Verbindung testen": signs in at the token URL and reaches the destination with the stored configuration. */
function ConnectionTest() {
  const test = useApiMutation('portal.testConnection');
  return (
    <div className="portal-test">
      <div className="actions">
        <button type="button" className="btn" onClick={() => test.mutate({})} disabled={test.isPending}>
          {test.isPending ? 'Verbindung wird getestet …' : 'Verbindung testen'}
        </button>
        <span className="field-hint">Getestet wird die gespeicherte Konfiguration.</span>
      </div>
      {test.data ? (
        test.data.ok ? (
          <Notice kind="success">
            <strong>Verbindung in Ordnung.</strong> {test.data.message}
          </Notice>
        ) : (
          <div className="alert alert-error" role="alert">
            <strong>Verbindung fehlgeschlagen.</strong> {test.data.message}
          </div>
        )
      ) : null}
      <ErrorMessage error={test.error} title="Verbindung fehlgeschlagen" />
    </div>
  );
}

function ConfirmNewKeys({ onConfirm, onClose }: { onConfirm(): void; onClose(): void }) {
  return (
    <Modal title="Neue Schlüssel erzeugen?" onClose={onClose}>
      <p>
        Es gibt bereits Schlüssel. Neue Schlüssel müssen anschließend <strong>erneut beim Zustellpunkt hinterlegt</strong>{' '}
        werden (öffentliche Schlüssel exportieren und im FIT-Connect Self-Service-Portal eintragen). Bis dahin können
        neue Online-Anträge möglicherweise nicht entschlüsselt werden.
      </p>
      <div className="actions">
        <button type="button" className="btn btn-danger" onClick={onConfirm} autoFocus>
          Neue Schlüssel erzeugen
        </button>
        <button type="button" className="btn" onClick={onClose}>
          Abbrechen
        </button>
      </div>
    </Modal>
  );
}

function KeysSection({ config }: { config: PortalConfigView }) {
  const setConfig = useSetConfig();
  const [confirming, setConfirming] = useState(false);
  const generate = useApiMutation('portal.generateKeys', { onSuccess: setConfig });
  const exportKeys = useApiMutation('portal.publicKeys', {
    onSuccess: ({ jwks }) => downloadTextFile(JSON.stringify(jwks, null, 2) + '\n', 'jwks.json', 'application/json'),
  });
  const hasKeys = config.keys.length > 0;
  const busy = generate.isPending;

  function start() {
    if (hasKeys) setConfirming(true);
    else generate.mutate({});
  }

  return (
    <section className="panel" aria-labelledby="portal-keys-title">
      <h2 id="portal-keys-title">Schlüssel des Zustellpunkts</h2>
      <p className="field-hint">
        Online-Anträge werden für den Zustellpunkt verschlüsselt (RSA-OAEP-256); Rückmeldungen an das Portal signiert
        Bürgerbüro Desk (PS512). Die öffentlichen Schlüssel werden beim Zustellpunkt hinterlegt, die privaten verlassen
        diesen Rechner nicht.
      </p>
      {busy ? (
        <div className="progress" role="status">
          <span className="spinner" aria-hidden="true" /> Schlüssel werden erzeugt (RSA-4096) – das dauert einige Sekunden …
        </div>
      ) : null}
      {generate.isSuccess && !busy ? (
        <Notice kind="success">
          Neue Schlüssel erzeugt. Bitte die öffentlichen Schlüssel exportieren und beim Zustellpunkt hinterlegen.
        </Notice>
      ) : null}
      <ErrorMessage error={generate.error} title="Schlüssel nicht erzeugt" />
      <ErrorMessage error={exportKeys.error} title="Export fehlgeschlagen" />
      {hasKeys ? (
        <table className="table table-compact" aria-label="Schlüssel">
          <thead>
            <tr>
              <th scope="col">Schlüssel-ID (kid)</th>
              <th scope="col">Verwendung</th>
              <th scope="col">Verfahren</th>
              <th scope="col">Erzeugt</th>
            </tr>
          </thead>
          <tbody>
            {config.keys.map((k) => (
              <tr key={k.kid}>
                <td className="mono break-anywhere">{k.kid}</td>
                <td>{KEY_USE_LABELS[k.use] ?? k.use}</td>
                <td className="mono">{k.alg}</td>
                <td className="nowrap">{formatDateTime(k.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Noch keine Schlüssel erzeugt.</p>
      )}
      <div className="actions">
        <button type="button" className="btn" onClick={start} disabled={busy} aria-haspopup={hasKeys ? 'dialog' : undefined}>
          {busy ? 'Schlüssel werden erzeugt …' : 'Schlüssel erzeugen'}
        </button>
        <button type="button" className="btn" onClick={() => exportKeys.mutate({})} disabled={!hasKeys || busy || exportKeys.isPending}>
          {exportKeys.isPending ? 'Wird exportiert …' : 'Öffentliche Schlüssel exportieren'}
        </button>
      </div>
      {confirming ? (
        <ConfirmNewKeys
          onClose={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false);
            generate.mutate({});
          }}
        />
      ) : null}
    </section>
  );
}

/** Verwaltung → Portal (FIT-Connect): the connection to the destination and its keys. */
export function PortalPanel() {
  const q = useApiQuery('portal.getConfig', {}, { staleTime: 0, refetchOnWindowFocus: false });
  if (q.isPending) return <p className="muted">Portal-Einstellungen werden geladen …</p>;
  if (q.isError) return <ErrorMessage error={q.error} />;
  return (
    <>
      <ConfigForm config={q.data} />
      <KeysSection config={q.data} />
    </>
  );
}
