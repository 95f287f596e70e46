import { STATUS_LABELS, type CaseStatus } from '../../../shared/domain/status';

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={'badge status-' + status}>{STATUS_LABELS[status] ?? status}</span>;
}

export function SperreBadge() {
  return (
    <span className="badge badge-sperre" title="Auskunftssperre nach § 51 BMG – keine Auskunft an Dritte">
      Auskunftssperre
    </span>
  );
}
