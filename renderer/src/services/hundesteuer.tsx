import type { ServiceUi } from './types';

/** Counter forms and case views of the hundesteuer service(s), by service id; merged into ./index.ts. */
export const hundesteuerUi: Readonly<Record<string, ServiceUi>> = {};
