import type { ServiceRules } from './types';

/** The core rules of the briefwahl service(s); listed in ./index.ts. */
export const briefwahlRules: readonly ServiceRules[] = [];
