import type { ServiceRules } from './types';

/** The core rules of the hundesteuer service(s); listed in ./index.ts. */
export const hundesteuerRules: readonly ServiceRules[] = [];
