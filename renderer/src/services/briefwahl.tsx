import type { ServiceUi } from './types';

/** Counter forms and case views of the briefwahl service(s), by service id; merged into ./index.ts. */
export const briefwahlUi: Readonly<Record<string, ServiceUi>> = {};
