/** Destination endpoints: management (tag Internal) and the public view senders use (Einreichungsübermittlung). */
import { authOf, paging, requirePermission, uuidParam, type Route } from './context.js';
import { createDestination, privateView, publicView } from './destinations.js';
import { json, parseJson, requireMediaType } from './http-util.js';
import { forbidden, notFound } from './problems.js';
import { allowed } from './tokens.js';

const NO_CACHE = { 'Cache-Control': 'no-cache' };

export const destinationRoutes: Route[] = [
  {
    method: 'GET',
    path: '/v1/destinations',
    auth: true,
    handler: (ctx) => {
      const auth = authOf(ctx);
      if (auth.client.role !== 'subscriber') throw forbidden('Only subscribing clients have destinations of their own.');
      const { limit, offset } = paging(ctx.url);
      const own = ctx.sim.store
        .destinationsOwnedBy(auth.client.clientId)
        .filter((d) => allowed(auth, { kind: 'subscribe', destination: d }) || allowed(auth, { kind: 'manage', destination: d }));
      const page = own.slice(offset, offset + limit);
      return json(200, { count: page.length, offset, totalCount: own.length, destinations: page.map(privateView) }, NO_CACHE);
    },
  },
  {
    method: 'POST',
    path: '/v1/destinations',
    auth: true,
    handler: async (ctx) => {
      requirePermission(ctx, { kind: 'create-destination' }, 'This client may not create destinations (scope create:destination).');
      requireMediaType(ctx.req, 'application/json');
      const d = createDestination(ctx.sim, parseJson(await ctx.body()), authOf(ctx).client.clientId);
      return json(201, privateView(d), { ...NO_CACHE, Location: `/v1/destinations/${d.destinationId}` });
    },
  },
  {
    method: 'GET',
    path: '/v1/destinations/{destinationId}',
    auth: true,
    handler: (ctx) => {
      const id = uuidParam(ctx, 'destinationId', 'Destination');
      const d = ctx.sim.store.destinations.get(id);
      if (!d) throw notFound(`Destination ${id} does not exist.`);
      const auth = authOf(ctx);
      if (allowed(auth, { kind: 'subscribe', destination: d }) || allowed(auth, { kind: 'manage', destination: d })) {
        return json(200, privateView(d), NO_CACHE);
      }
      if (allowed(auth, { kind: 'send', destination: d })) return json(200, publicView(d), NO_CACHE);
      throw forbidden(`This client may neither send to nor subscribe to destination ${id}.`);
    },
  },
  {
    // The spec declares no security for this operation: public keys are public.
    method: 'GET',
    path: '/v1/destinations/{destinationId}/keys/{keyId}',
    auth: false,
    handler: (ctx) => {
      const id = uuidParam(ctx, 'destinationId', 'Destination');
      const d = ctx.sim.store.destinations.get(id);
      const key = d?.keys.get(ctx.params.keyId ?? '');
      if (!d || !key) throw notFound(`Key ${ctx.params.keyId} of destination ${id} does not exist.`);
      return json(200, key, NO_CACHE);
    },
  },
];
