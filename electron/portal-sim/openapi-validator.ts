/**
 * Validates HTTP exchanges against an OpenAPI 3.0 description (here: the FIT-Connect Submission
 * API 1.1.3) with ajv. For tests: any client or server in the project can check what it sends or
 * gets against the contract.
 *
 * OpenAPI 3.0 schema objects are converted to JSON Schema draft-07 first: `nullable` becomes a
 * `null` type, boolean `exclusiveMinimum/Maximum` become numbers, `example`/`xml`/`externalDocs`/
 * `discriminator` are dropped, and `#/components/...` references point into the registered spec.
 */
import fs from 'node:fs';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'yaml';

type Obj = Record<string, unknown>;

export interface OpenApiValidator {
  /** Errors of a response (empty = valid). `path` may be concrete (query allowed) or a template. */
  validate(method: string, path: string, status: number, contentType: string | null | undefined, body: unknown, headers?: Record<string, string | string[] | undefined>): string[];
  /** Same as validate. */
  validateResponse(method: string, path: string, status: number, contentType: string | null | undefined, body: unknown, headers?: Record<string, string | string[] | undefined>): string[];
  /** Errors of a request body against the operation's requestBody. */
  validateRequest(method: string, path: string, contentType: string | null | undefined, body: unknown): string[];
  /** The operation a method and path map to, if the spec has it. */
  operation(method: string, path: string): { template: string; operation: Obj } | undefined;
  /** Every "METHOD template" of the spec. */
  operations(): string[];
}

const SPEC_ID = 'openapi.json';
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const DROPPED_KEYWORDS = new Set(['example', 'xml', 'externalDocs', 'discriminator']);

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function resolvePointer(doc: unknown, ref: string): unknown {
  if (!ref.startsWith('#/')) throw new Error(`only local references are supported: ${ref}`);
  let node: unknown = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObj(node) && !Array.isArray(node)) throw new Error(`unresolvable reference ${ref}`);
    node = (node as Obj)[key];
  }
  if (node === undefined) throw new Error(`unresolvable reference ${ref}`);
  return node;
}

/** Follows `$ref` of non-schema objects (responses, headers, request bodies, parameters). */
function deref(doc: unknown, node: unknown): unknown {
  let n = node;
  for (let i = 0; i < 32 && isObj(n) && typeof n.$ref === 'string'; i++) n = resolvePointer(doc, n.$ref);
  return n;
}

/** OpenAPI 3.0 schema object → JSON Schema draft-07 (see the module comment). */
export function toJsonSchema(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toJsonSchema);
  if (!isObj(schema)) return schema;
  const out: Obj = {};
  for (const [k, v] of Object.entries(schema)) {
    if (DROPPED_KEYWORDS.has(k) || k === 'nullable') continue;
    if (k === '$ref' && typeof v === 'string') out.$ref = v.startsWith('#/') ? SPEC_ID + v : v;
    else if (k === 'properties' || k === 'patternProperties' || k === 'definitions' || k === '$defs') {
      out[k] = isObj(v) ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toJsonSchema(s)])) : v;
    } else if (['items', 'additionalProperties', 'not', 'allOf', 'anyOf', 'oneOf', 'contains', 'propertyNames', 'if', 'then', 'else'].includes(k)) {
      out[k] = toJsonSchema(v);
    } else out[k] = v;
  }
  for (const bound of ['Minimum', 'Maximum'] as const) {
    const flag = schema[`exclusive${bound}`];
    if (typeof flag === 'boolean') {
      delete out[`exclusive${bound}`];
      const limit = schema[bound.toLowerCase()];
      if (flag && typeof limit === 'number') {
        out[`exclusive${bound}`] = limit;
        delete out[bound.toLowerCase()];
      }
    }
  }
  if (schema.nullable === true) {
    if (typeof out.type === 'string') out.type = [out.type, 'null'];
    else if (Array.isArray(out.type) && !out.type.includes('null')) out.type = [...out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if (out.$ref !== undefined || out.allOf !== undefined || out.anyOf !== undefined || out.oneOf !== undefined) {
      const { $ref, ...rest } = out;
      return { anyOf: [$ref === undefined ? rest : { $ref, ...rest }, { type: 'null' }] };
    }
  }
  return out;
}

const bareMediaType = (ct: string | null | undefined) => (ct ?? '').split(';')[0]!.trim().toLowerCase();
const isJsonMedia = (mt: string) => mt === 'application/json' || mt.endsWith('+json');

function mediaMatches(pattern: string, actual: string): boolean {
  const p = pattern.toLowerCase();
  if (p === '*/*' || p === actual) return true;
  return p.endsWith('/*') && actual.startsWith(p.slice(0, -1));
}

function formatErrors(prefix: string, errors: ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const extra = e.keyword === 'additionalProperties' ? ` (${(e.params as { additionalProperty?: string }).additionalProperty})` : '';
    return `${prefix}: ${e.instancePath || '/'} ${e.message ?? e.keyword}${extra}`;
  });
}

export function createOpenApiValidator(specPath: string): OpenApiValidator {
  const doc = parse(fs.readFileSync(specPath, 'utf8')) as Obj;
  if (typeof doc.openapi !== 'string' || !doc.openapi.startsWith('3.0')) throw new Error(`${specPath}: not an OpenAPI 3.0 document`);
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  const components = isObj(doc.components) ? doc.components : {};
  ajv.addSchema({ $id: SPEC_ID, components: { schemas: toJsonSchema(components.schemas ?? {}) } });

  const paths = Object.entries(isObj(doc.paths) ? doc.paths : {}).map(([template, item]) => {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((seg) => (/^\{.+\}$/.test(seg) ? (names.push(seg), '[^/]+') : seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
      .join('/');
    return { template, regex: new RegExp(`^${source}/?$`), params: names.length, item: deref(doc, item) as Obj };
  });
  paths.sort((a, b) => a.params - b.params);

  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: unknown): ValidateFunction => {
    let fn = compiled.get(key);
    if (!fn) {
      fn = ajv.compile(toJsonSchema(schema) as Obj);
      compiled.set(key, fn);
    }
    return fn;
  };

  function operation(method: string, path: string): { template: string; operation: Obj } | undefined {
    const bare = path.split('?')[0]!;
    const m = method.toLowerCase();
    const exact = paths.find((p) => p.template === bare);
    const hit = exact ?? paths.find((p) => p.regex.test(bare));
    const op = hit?.item[m];
    return hit && isObj(op) ? { template: hit.template, operation: op } : undefined;
  }

  function checkBody(prefix: string, key: string, mediaType: string, schema: unknown, body: unknown): string[] {
    let value: unknown = body;
    if (value instanceof Uint8Array) value = Buffer.from(value).toString('utf8');
    if (isJsonMedia(mediaType) && typeof value === 'string') {
      try {
        value = JSON.parse(value);
      } catch {
        return [`${prefix}: body is not valid JSON`];
      }
    }
    if (schema === undefined) return [];
    const fn = compile(key, schema);
    return fn(value) ? [] : formatErrors(prefix, fn.errors);
  }

  function validateResponse(
    method: string,
    path: string,
    status: number,
    contentType: string | null | undefined,
    body: unknown,
    headers?: Record<string, string | string[] | undefined>,
  ): string[] {
    const found = operation(method, path);
    const label = `${method.toUpperCase()} ${path.split('?')[0]} ${status}`;
    if (!found) return [`${label}: no such operation in the spec`];
    const responses = isObj(found.operation.responses) ? found.operation.responses : {};
    const raw = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
    if (raw === undefined) return [`${label}: status ${status} is not documented for ${method.toUpperCase()} ${found.template} (documented: ${Object.keys(responses).join(', ')})`];
    const response = deref(doc, raw) as Obj;
    const errors: string[] = [];

    if (headers && isObj(response.headers)) {
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(', ') : v]));
      for (const [name, h] of Object.entries(response.headers)) {
        const header = deref(doc, h) as Obj;
        const value = lower[name.toLowerCase()];
        if (value === undefined) {
          if (header.required === true) errors.push(`${label}: required header ${name} is missing`);
          continue;
        }
        if (header.schema !== undefined) {
          const type = (deref(doc, header.schema) as Obj).type;
          const coerced = type === 'integer' || type === 'number' ? Number(value) : value;
          errors.push(...checkBody(`${label} header ${name}`, `header ${found.template} ${method} ${status} ${name}`, 'text/plain', header.schema, coerced));
        }
      }
    }

    const content = isObj(response.content) ? response.content : undefined;
    const mt = bareMediaType(contentType);
    const empty = body === undefined || body === null || body === '' || (body instanceof Uint8Array && body.length === 0);
    if (!content) {
      if (!empty) errors.push(`${label}: the spec defines no body for this response, but one was sent (${mt || 'no content type'})`);
      return errors;
    }
    const mediaKey = Object.keys(content).find((k) => mediaMatches(k, mt));
    if (!mediaKey) return [...errors, `${label}: content type ${mt || '(none)'} is not one of ${Object.keys(content).join(', ')}`];
    const media = deref(doc, content[mediaKey]) as Obj;
    errors.push(...checkBody(label, `res ${found.template} ${method} ${status} ${mediaKey}`, mt, media.schema, body));
    return errors;
  }

  function validateRequest(method: string, path: string, contentType: string | null | undefined, body: unknown): string[] {
    const found = operation(method, path);
    const label = `${method.toUpperCase()} ${path.split('?')[0]} request`;
    if (!found) return [`${label}: no such operation in the spec`];
    if (found.operation.requestBody === undefined) return [];
    const requestBody = deref(doc, found.operation.requestBody) as Obj;
    const content = isObj(requestBody.content) ? requestBody.content : {};
    const mt = bareMediaType(contentType);
    const mediaKey = Object.keys(content).find((k) => mediaMatches(k, mt));
    if (!mediaKey) return [`${label}: content type ${mt || '(none)'} is not one of ${Object.keys(content).join(', ')}`];
    const media = deref(doc, content[mediaKey]) as Obj;
    return checkBody(label, `req ${found.template} ${method} ${mediaKey}`, mt, media.schema, body);
  }

  return {
    validate: validateResponse,
    validateResponse,
    validateRequest,
    operation,
    operations: () => paths.flatMap((p) => METHODS.filter((m) => isObj(p.item[m])).map((m) => `${m.toUpperCase()} ${p.template}`)),
  };
}
