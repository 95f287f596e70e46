import type { Signer } from '../../../../shared/services/personenstand/index';
import { useApiQuery } from '../../api/hooks';
import { SelectField } from '../../components/forms';

const TITLES = ['Standesbeamtin', 'Standesbeamter'] as const;

/** "Unterschrift durch": the appointed Standesbeamtin/Standesbeamter whose name the certificate carries. */
export function SignerFields({ value, onChange, error, disabled }: { value: Signer | null; onChange(s: Signer | null): void; error?: string | undefined; disabled?: boolean }) {
  const registrars = useApiQuery('personenstand.registrars', {}, { staleTime: 60_000 });
  const list = registrars.data ?? [];
  return (
    <div className="grid-2">
      <SelectField
        label="Unterschrift durch"
        value={value ? String(value.userId) : ''}
        placeholder={list.length ? 'Bitte wählen …' : 'Keine Standesbeamtin/kein Standesbeamter eingerichtet'}
        options={list.map((r) => ({ value: String(r.id), label: r.displayName }))}
        onChange={(v) => onChange(v ? { userId: Number(v), title: value?.title ?? 'Standesbeamter' } : null)}
        error={error}
        hint="Ihr Name steht auf der Urkunde (§ 56 Abs. 3 PStG); sie oder er unterschreibt und siegelt nach dem Druck."
        disabled={disabled}
      />
      <SelectField
        label="Bezeichnung auf der Urkunde"
        value={value?.title ?? 'Standesbeamter'}
        options={TITLES.map((t) => ({ value: t, label: t === 'Standesbeamtin' ? 'Die Standesbeamtin' : 'Der Standesbeamte' }))}
        onChange={(v) => value && onChange({ ...value, title: v as Signer['title'] })}
        disabled={disabled || !value}
      />
    </div>
  );
}
