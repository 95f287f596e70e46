import { STATUS_LABELS, type CaseStatus } from '../../../shared/domain/status';
import { CHANNEL_LABELS, type Channel } from '../../../shared/domain/channels';

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

/** The channel a case came in by; online cases stand out (they arrive without anyone at the counter). */
export function ChannelBadge({ channel }: { channel: Channel }) {
  return <span className={'badge channel-' + channel}>{CHANNEL_LABELS[channel] ?? channel}</span>;
}
