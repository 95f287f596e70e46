import type { ServiceRules } from './types';

/** The core rules of the gewerbe service(s); listed in ./index.ts. */
export const gewerbeRules: readonly ServiceRules[] = [];
