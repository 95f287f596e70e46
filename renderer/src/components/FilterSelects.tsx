import { SERVICES } from '../../../shared/services';
import { useApiQuery } from '../api/hooks';

/** The filter selects the queue and the Postausgang share: a site ("" = all) and a service ("" = all). */
export function SiteFilter({ id, value, onChange }: { id: string; value: string; onChange(siteId: string): void }) {
  const sites = useApiQuery('sites.list', {}, { staleTime: 300_000 });
  return (
    <div className="field">
      <label htmlFor={id}>Standort</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Alle Standorte</option>
        {(sites.data ?? []).map((s) => (
          <option key={s.id} value={String(s.id)}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

export function ServiceFilter({ id, value, onChange }: { id: string; value: string; onChange(serviceId: string): void }) {
  return (
    <div className="field">
      <label htmlFor={id}>Leistung</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Alle Leistungen</option>
        {SERVICES.map((s) => (
          <option key={s.id} value={s.id}>
            {s.shortName}
          </option>
        ))}
      </select>
    </div>
  );
}
