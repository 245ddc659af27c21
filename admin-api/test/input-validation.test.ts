import { STAND_BACKENDS } from '@domovoy/test-support/stand';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApi, type Client, type TestApi } from './helper.ts';

/**
 * Hostile input on every route the OpenAPI document lists with a JSON body or a query: an unknown field and a value of
 * the wrong type are refused by the schema with 400 in the error handler's shape, naming the field, before any
 * use-case runs. Read from `app.swagger()` at run time so routes added later are covered without editing this file.
 */

interface JsonSchema {
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  exclusiveMinimum?: number;
  minProperties?: number;
}

interface Parameter {
  in: string;
  name: string;
  required?: boolean;
  schema: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema: JsonSchema }> };
}

const SOME_ID = '00000000-0000-4000-8000-000000000000';
const UNKNOWN = 'zzUnknownField';

/** A value the schema accepts (shape only: the domain's own checks never run, the schema refuses first). */
function sample(schema: JsonSchema, name: string): unknown {
  if (schema.const !== undefined) return schema.const;
  if (schema.enum) return schema.enum[0];
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) {
    const pick = alternatives.find((s) => s.type !== 'null' && !s.enum?.includes(null)) ?? alternatives[0];
    return pick ? sample(pick, name) : null;
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const keys = [...(schema.required ?? [])];
      const first = Object.keys(schema.properties ?? {})[0];
      if (keys.length < (schema.minProperties ?? 0) && first) keys.push(first);
      for (const key of keys) {
        const prop = schema.properties?.[key];
        if (prop) out[key] = sample(prop, key);
      }
      return out;
    }
    case 'array':
      return Array.from({ length: schema.minItems ?? 0 }, () => sample(schema.items ?? {}, name));
    case 'integer':
    case 'number':
      return schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return false;
    case 'null':
      return null;
    default: {
      if (schema.format === 'uuid' || name === 'id' || name.endsWith('Id')) return SOME_ID;
      if (schema.format === 'date') return '2026-11-01';
      if (schema.format === 'date-time') return '2099-01-01T10:00:00.000Z';
      if (schema.format === 'email') return 'someone@test.local';
      if (schema.pattern?.includes('\\d{2}-\\d{2}')) return '2026-11-01';
      if (schema.pattern?.includes('\\d{4}-') || name === 'period') return '2026-11';
      return 'x'.repeat(Math.min(Math.max(schema.minLength ?? 0, 8), schema.maxLength ?? 8));
    }
  }
}

const typeOf = (schema: JsonSchema): string | undefined => {
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return alternatives.map(typeOf).find((t) => t && t !== 'null');
  if (schema.enum) return 'enum';
  return Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
};

/** A value of another JSON type than the declared one: an object where anything else belongs, else a string. */
const wrongTypeFor = (schema: JsonSchema): unknown =>
  typeOf(schema) === 'object' ? 'not-an-object' : { x: 1 };

/**
 * A value of another JSON type that a coercing validator would have converted silently: a number for text, numeric
 * text for a number, text for a boolean, a bare value for a list. Bodies are not coerced, so each is a 400.
 */
function coercibleWrongType(schema: JsonSchema): unknown {
  // A field that takes more than one type on purpose (an area as 12.5 or "12.50") has no wrong one of these.
  const types = new Set(
    (schema.anyOf ?? schema.oneOf ?? [schema])
      .flatMap((s) => (Array.isArray(s.type) ? s.type : [s.type]))
      .filter((t) => t !== 'null'),
  );
  if (types.size > 1) return undefined;
  switch (typeOf(schema)) {
    case 'string':
      return 12345;
    case 'integer':
    case 'number':
      return '1';
    case 'boolean':
      return 'true';
    case 'array': {
      const item = schema.items ? sample(schema.items, 'item') : 'x';
      return item !== null && typeof item === 'object' ? undefined : item;
    }
    default:
      return undefined;
  }
}

/** A query string value that no integer, boolean, enum, date or patterned parameter accepts; plain strings take any. */
function wrongQueryValue(schema: JsonSchema): string | undefined {
  const type = typeOf(schema);
  if (type === 'integer' || type === 'number' || type === 'boolean' || type === 'enum') return 'not-valid!';
  if (type === 'string' && (schema.pattern || schema.format)) return 'not-valid!';
  if (type === 'string' && schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + 1);
  return undefined;
}

interface Route {
  key: string;
  method: string;
  url: string;
  query: Record<string, string>;
  queryParams: Parameter[];
  body?: JsonSchema;
}

function routesOf(doc: { paths: Record<string, Record<string, Operation>> }): Route[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      let url = path;
      const query: Record<string, string> = {};
      const params = op.parameters ?? [];
      for (const p of params.filter((x) => x.in === 'path')) {
        url = url.replace(`{${p.name}}`, String(sample(p.schema, p.name)));
      }
      const queryParams = params.filter((x) => x.in === 'query');
      for (const p of queryParams.filter((x) => x.required)) query[p.name] = String(sample(p.schema, p.name));
      return {
        key: `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        url,
        query,
        queryParams,
        body: op.requestBody?.content?.['application/json']?.schema,
      };
    }),
  );
}

interface ErrorBody {
  error: { code: string; message: string; details?: { fields?: Record<string, string> } };
}

describe.each(STAND_BACKENDS)('hostile input on every route [$database] [$kv]', (backends) => {
  let t: TestApi;
  let admin: Client;
  let routes: Route[];

  beforeAll(async () => {
    t = await buildTestApi(backends);
    admin = await t.login('admin');
    routes = routesOf(t.app.swagger() as { paths: Record<string, Record<string, Operation>> });
  });
  afterAll(() => t?.close());

  const send = (route: Route, options: Pick<InjectOptions, 'payload' | 'query'>) =>
    admin.request({
      method: route.method as InjectOptions['method'],
      url: route.url,
      query: route.query,
      ...(route.body ? { payload: sample(route.body, 'body') as Record<string, unknown> } : {}),
      ...options,
    });

  /** The problem, or null when the answer is the 400 of the error handler naming the field. */
  const problem = (status: number, raw: string, field: string): string | null => {
    if (status !== 400) return `got ${status} ${raw.slice(0, 160)}`;
    const body = JSON.parse(raw) as ErrorBody;
    if (body.error?.code !== 'VALIDATION' || typeof body.error.message !== 'string') {
      return `not the error shape: ${raw.slice(0, 160)}`;
    }
    const fields = Object.keys(body.error.details?.fields ?? {});
    const named =
      fields.some((f) => f === field || f.startsWith(`${field}.`)) || body.error.message.includes(field);
    return named ? null : `does not name ${field}: ${raw.slice(0, 160)}`;
  };

  it('JSON bodies: an unknown field and a wrongly typed one are each a 400 naming the field; nothing is written', async () => {
    const withBody = routes.filter((r) => r.body?.properties);
    expect(withBody.length).toBeGreaterThan(40);
    const auditBefore = await t.db.prisma.auditLog.count();
    const failures: string[] = [];
    for (const route of withBody) {
      const schema = route.body as JsonSchema;
      const valid = sample(schema, 'body') as Record<string, unknown>;
      const unknown = await send(route, { payload: { ...valid, [UNKNOWN]: 'x' } });
      const p1 = problem(unknown.statusCode, unknown.body, UNKNOWN);
      if (p1) failures.push(`${route.key} unknown field: ${p1}`);

      const field = schema.required?.[0] ?? Object.keys(schema.properties ?? {})[0];
      if (!field) continue;
      const prop = schema.properties?.[field] as JsonSchema;
      const wrong = await send(route, { payload: { ...valid, [field]: wrongTypeFor(prop) } });
      const p2 = problem(wrong.statusCode, wrong.body, field);
      if (p2) failures.push(`${route.key} wrong type of ${field}: ${p2}`);
    }
    expect(failures).toEqual([]);
    expect(await t.db.prisma.auditLog.count()).toBe(auditBefore);
  });

  it('JSON bodies are not coerced: "1" for a number, 12345 for text, "true" for a flag, a bare value for a list are 400s naming the field', async () => {
    const auditBefore = await t.db.prisma.auditLog.count();
    const failures: string[] = [];
    let checked = 0;
    for (const route of routes.filter((r) => r.body?.properties)) {
      const schema = route.body as JsonSchema;
      const valid = sample(schema, 'body') as Record<string, unknown>;
      for (const [field, prop] of Object.entries(schema.properties ?? {})) {
        const value = coercibleWrongType(prop);
        if (value === undefined) continue;
        checked++;
        const res = await send(route, { payload: { ...valid, [field]: value } });
        const p = problem(res.statusCode, res.body, field);
        if (p) failures.push(`${route.key} ${field} = ${JSON.stringify(value)}: ${p}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(100);
    expect(await t.db.prisma.auditLog.count()).toBe(auditBefore);
  });

  it('queries: an unknown parameter and a malformed one are each a 400 naming the parameter; nothing is written', async () => {
    const withQuery = routes.filter((r) => r.queryParams.length > 0);
    expect(withQuery.length).toBeGreaterThan(20);
    const auditBefore = await t.db.prisma.auditLog.count();
    const failures: string[] = [];
    let malformedChecked = 0;
    for (const route of withQuery) {
      const unknown = await send(route, { query: { ...route.query, [UNKNOWN]: 'x' } });
      const p1 = problem(unknown.statusCode, unknown.body, UNKNOWN);
      if (p1) failures.push(`${route.key} unknown parameter: ${p1}`);

      const param = route.queryParams.find((p) => wrongQueryValue(p.schema) !== undefined);
      if (!param) continue;
      malformedChecked++;
      const value = wrongQueryValue(param.schema) as string;
      const wrong = await send(route, { query: { ...route.query, [param.name]: value } });
      const p2 = problem(wrong.statusCode, wrong.body, param.name);
      if (p2) failures.push(`${route.key} malformed ${param.name}: ${p2}`);
    }
    expect(failures).toEqual([]);
    expect(malformedChecked).toBeGreaterThan(10);
    expect(await t.db.prisma.auditLog.count()).toBe(auditBefore);
  });

  it('a body that is not JSON, and one over the size limit, get the error shape, not a 500', async () => {
    const route = routes.find((r) => r.key === 'POST /api/houses') as Route;
    const broken = await admin.request({
      method: 'POST',
      url: route.url,
      headers: { 'content-type': 'application/json' },
      payload: '{"address": ',
    });
    expect(broken.statusCode).toBe(400);
    expect((broken.json() as ErrorBody).error.code).toBe('BAD_REQUEST');
    const huge = await admin.request({
      method: 'POST',
      url: route.url,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ address: 'x'.repeat(1024 * 1024 + 10) }),
    });
    expect(huge.statusCode).toBe(413);
    expect((huge.json() as ErrorBody).error.code).toBe('PAYLOAD_TOO_LARGE');
  });
});
