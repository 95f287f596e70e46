/** Tag "Technisch": service information and the simulator's public keys. */
import type { Route } from './context.js';
import { json } from './http-util.js';

/** The API version the simulator implements. */
export const API_VERSION = { major: 1, minor: 1, patch: 3 };

export const technicalRoutes: Route[] = [
  { method: 'GET', path: '/v1/info', auth: false, handler: () => json(200, { version: API_VERSION }) },
  {
    method: 'GET',
    path: '/.well-known/jwks.json',
    auth: false,
    handler: (ctx) => json(200, { keys: [ctx.sim.keys.signingJwk] }),
  },
];
