import type { ServiceUi } from './types';

/** Counter forms and case views of the personenstand service(s), by service id; merged into ./index.ts. */
export const personenstandUi: Readonly<Record<string, ServiceUi>> = {};
