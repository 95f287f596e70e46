import type { ServiceUi } from './types';

/** Counter forms and case views of the gewerbe service(s), by service id; merged into ./index.ts. */
export const gewerbeUi: Readonly<Record<string, ServiceUi>> = {};
