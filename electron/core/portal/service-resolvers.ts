import { Ajv2020 } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { findServiceByIdentifier } from '../../../shared/services';
import { findOnlineServiceBySchemaUri, onlineJsonSchema, onlineSchemaUri, parseOnlineData } from '../../../shared/services/online';

/** The service behind a FIT-Connect service identifier, with the data schemas it accepts. */
export function resolveService(identifier: string): { serviceId: string; schemaUris: string[] } | undefined {
  const service = findServiceByIdentifier(identifier);
  if (!service || !service.channels.includes('online')) return undefined;
  return { serviceId: service.id, schemaUris: [onlineSchemaUri(service.id)] };
}

const compiled = new Map<string, ValidateFunction>();
let ajv: Ajv2020 | null = null;

function validatorFor(serviceId: string): ValidateFunction {
  let v = compiled.get(serviceId);
  if (!v) {
    ajv ??= (() => {
      const a = new Ajv2020({ allErrors: true, strict: false });
      addFormats.default ? addFormats.default(a) : (addFormats as unknown as (x: Ajv2020) => void)(a);
      return a;
    })();
    v = ajv.compile(onlineJsonSchema(serviceId));
    compiled.set(serviceId, v);
  }
  return v;
}

/**
 * The data schema behind a schemaUri: first the exported JSON Schema (what the portal was given), then the
 * service's zod schema with its refinements (German messages).
 */
export function resolveDataSchema(
  schemaUri: string,
): { serviceId: string; validate(data: unknown): { path: string; message: string }[] } | undefined {
  const service = findOnlineServiceBySchemaUri(schemaUri);
  if (!service) return undefined;
  return {
    serviceId: service.id,
    validate(data) {
      const v = validatorFor(service.id);
      if (!v(data)) {
        return (v.errors ?? []).map((e) => ({ path: e.instancePath.replace(/^\//, '').replace(/\//g, '.'), message: e.message ?? 'ungültig' }));
      }
      const parsed = parseOnlineData(service.id, data);
      return parsed.ok ? [] : parsed.issues;
    },
  };
}
