import { AjvCompiler, type BuildCompilerFromPool } from '@fastify/ajv-compiler';

/** What Fastify hands a validator compiler (the package's types describe only the schema argument). */
interface RouteSchema {
  schema: unknown;
  method: string;
  url: string;
  httpPart?: string;
}
type CompileRoute = (route: RouteSchema) => unknown;

/** Ajv options of every part; only type coercion differs between them. */
const AJV_OPTIONS = { removeAdditional: false, useDefaults: true, allErrors: false } as const;

/**
 * Query strings, path parameters and headers are text on the wire, so their numbers and booleans are coerced from
 * it (and a single `?status=NEW` becomes an array). A JSON body has types of its own: `"5"` where a number belongs,
 * or `1` where text belongs, is a client's mistake and gets a 400 naming the field rather than a silent conversion.
 */
export const buildValidator: BuildCompilerFromPool = (externalSchemas, serverOptions) => {
  const compiler = (coerceTypes: 'array' | false) =>
    AjvCompiler()(externalSchemas, {
      ...serverOptions,
      mode: undefined,
      customOptions: { ...AJV_OPTIONS, coerceTypes },
    }) as unknown as CompileRoute;
  const coercing = compiler('array');
  const strict = compiler(false);
  const compile: CompileRoute = (route) => (route.httpPart === 'body' ? strict(route) : coercing(route));
  return compile as unknown as ReturnType<BuildCompilerFromPool>;
};
