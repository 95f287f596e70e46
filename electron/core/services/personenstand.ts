import type { ServiceRules } from './types';

/** The core rules of the personenstand service(s); listed in ./index.ts. */
export const personenstandRules: readonly ServiceRules[] = [];
