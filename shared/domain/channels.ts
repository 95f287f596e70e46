export const CHANNELS = ['walk_in', 'online', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  walk_in: 'Vorsprache',
  online: 'Online',
  post: 'Post',
};

export const DELIVERY_METHODS = ['counter', 'post', 'branch_pickup'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];
export const DELIVERY_LABELS: Record<DeliveryMethod, string> = {
  counter: 'Aushändigung am Schalter',
  post: 'Versand per Post',
  branch_pickup: 'Abholung in einer Ortsverwaltung',
};

export const PAYMENT_METHODS = ['cash', 'ec', 'free'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];
/** A payment as stored: taken at the counter, or paid online through the portal's payment service. */
export type RecordedPaymentMethod = PaymentMethod | 'online';
export const PAYMENT_LABELS: Record<RecordedPaymentMethod, string> = {
  cash: 'Bar',
  ec: 'EC-Karte',
  free: 'Gebührenfrei',
  online: 'Online bezahlt',
};
