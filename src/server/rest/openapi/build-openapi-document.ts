import "server-only";
import { isDeepStrictEqual } from "node:util";
import { z } from "zod";
import { filterNode, sortInput } from "@/lib/query/plan";
import packageJson from "../../../../package.json";
import { sessionCookieName } from "../../auth/session";
import { shapes } from "./api-shapes";
import { type JsonSchema, type OperationSpec, externalOperations, operations, tags } from "./operations";
import { procedureInput } from "./procedure-input";

export type OpenApiDocument = {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string }>;
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
};

/** REST's mount point: operation paths are relative to it (`servers`). */
export const restBasePath = "/api/v1";

let built: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of the REST API, generated once from the operations registry and the procedures' zod inputs. */
export function buildOpenApiDocument(): OpenApiDocument {
  return (built ??= build());
}

type Resolved = {
  method: string;
  path: string;
  /** Served outside /api/v1 (the published views, health). */
  external: boolean;
  spec: OperationSpec;
  pathParams: string[];
  input?: z.ZodObject;
  inputId?: string;
  successId?: string;
};

/** `{name}` segments of a route pattern, in order. */
export function patternParams(pattern: string): string[] {
  return [...pattern.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
}

/** Splits a registry key, "GET /tables/{tableId}", into its method and pattern. */
export function splitOperationKey(key: string): { method: string; path: string } {
  const [method, path, ...rest] = key.split(" ");
  if (!method || !path?.startsWith("/") || rest.length > 0) throw new Error(`OpenAPI: "${key}" is not "METHOD /path"`);
  return { method, path };
}

function resolve(key: string, spec: OperationSpec, external: boolean): Resolved {
  const { method, path } = splitOperationKey(key);
  let input = spec.input;
  if (spec.procedure) {
    if (input) throw new Error(`OpenAPI: ${key} names both a procedure and an input schema`);
    input = procedureInput(spec.procedure);
  }
  if (spec.reshape) {
    if (!input) throw new Error(`OpenAPI: ${key} reshapes an input it does not have`);
    input = spec.reshape(input);
  }
  const pathParams = patternParams(path);
  const keys = Object.keys(input?.shape ?? {});
  for (const name of [...pathParams, ...(spec.query ?? []), ...(spec.bodyKey ? [spec.bodyKey] : [])]) {
    if (!keys.includes(name)) throw new Error(`OpenAPI: ${key} reads "${name}", which its input schema does not have`);
  }
  return { method, path, external, spec, pathParams, input };
}

/**
 * One `z.toJSONSchema` run over a registry: named schemas become
 * `components.schemas` entries and are referenced, operation schemas are
 * generated beside them and then inlined into their operation.
 */
class SchemaSet {
  readonly #registry = z.registry<{ id: string }>();
  readonly #components = new Set<string>();
  #count = 0;

  constructor(
    readonly io: "input" | "output",
    readonly prefix: string,
  ) {}

  component(id: string, schema: z.ZodType): void {
    this.#registry.add(schema, { id });
    this.#components.add(id);
  }

  /** Registers an operation's schema (once, however many operations share it); returns its id. */
  add(schema: z.ZodType): string {
    const known = this.#registry.get(schema)?.id;
    if (known) return known;
    const id = `${this.prefix}${++this.#count}`;
    this.#registry.add(schema, { id });
    return id;
  }

  isComponent(id: string): boolean {
    return this.#components.has(id);
  }

  generate(): Record<string, JsonSchema> {
    const { schemas } = z.toJSONSchema(this.#registry, {
      target: "draft-2020-12",
      io: this.io,
      unrepresentable: "any",
      uri: (id) => `#/components/schemas/${id}`,
      override: ({ zodSchema, jsonSchema }) => {
        // Dates travel as ISO 8601 strings (z.coerce.date() in query strings, Date values in answers).
        if (zodSchema._zod.def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
      },
    });
    const out: Record<string, JsonSchema> = {};
    for (const [id, schema] of Object.entries(schemas)) {
      const { $schema: _s, $id: _i, ...rest } = schema as JsonSchema;
      out[id] = rest;
    }
    return hoistShared(out, this.prefix);
  }
}

/**
 * A recursive schema that is not a named component lands in zod's `__shared`
 * entry, referenced as `…/__shared#/$defs/<name>`: OpenAPI needs each as a
 * component of its own.
 */
function hoistShared(schemas: Record<string, JsonSchema>, prefix: string): Record<string, JsonSchema> {
  const shared = schemas.__shared as { $defs?: Record<string, JsonSchema> } | undefined;
  if (!shared) return schemas;
  const { __shared: _, ...rest } = schemas;
  const renamed = (def: string) => `${prefix}Shared_${def}`;
  for (const [def, schema] of Object.entries(shared.$defs ?? {})) rest[renamed(def)] = schema;
  return JSON.parse(
    JSON.stringify(rest).replace(/#\/components\/schemas\/__shared#\/\$defs\/([\w-]+)/g, (_m, def: string) => `#/components/schemas/${renamed(def)}`),
  ) as Record<string, JsonSchema>;
}

const jsonSchemaIsStructured = (schema: JsonSchema) =>
  ["$ref", "anyOf", "oneOf", "allOf"].some((k) => k in schema) || schema.type === "object" || schema.type === "array";

const errorResponses: Record<number, { name: string; description: string }> = {
  400: { name: "BadRequest", description: "Invalid input (names the field and the problem)" },
  401: { name: "Unauthorized", description: "Not signed in and no valid API token" },
  403: { name: "Forbidden", description: "The caller's role does not allow this" },
  404: { name: "NotFound", description: "No such resource, or not visible to the caller" },
  409: { name: "Conflict", description: "Conflicts with the current state" },
  413: { name: "PayloadTooLarge", description: "The request body is too large" },
  422: { name: "UnprocessableContent", description: "Well-formed but cannot be applied" },
  429: { name: "TooManyRequests", description: "Rate limited: retry after `Retry-After` seconds" },
  502: { name: "BadGateway", description: "An external database (a connection) could not be reached or refused the request" },
};

const errorRef = (status: number) => {
  const error = errorResponses[status];
  if (!error) throw new Error(`OpenAPI: no shared response for status ${status}`);
  return { $ref: `#/components/responses/${error.name}` };
};

const securityFor = {
  default: undefined,
  session: [{ sessionCookie: [] }],
  public: [],
  optional: [{}, { bearerAuth: [] }, { sessionCookie: [] }],
  viewKey: [{}, { viewKey: [] }],
} as const;

function operationObject(r: Resolved, requests: Record<string, JsonSchema>, answers: Record<string, JsonSchema>, answerIsComponent: (id: string) => boolean) {
  const { spec } = r;
  const input = r.inputId ? requests[r.inputId]! : { properties: {}, required: [] };
  const properties = (input.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((input.required ?? []) as string[]);
  const isGet = r.method === "GET" || r.method === "HEAD";
  const queryKeys = spec.query ?? (isGet ? Object.keys(properties).filter((k) => !r.pathParams.includes(k)) : []);
  const parameters: unknown[] = [
    ...r.pathParams.map((name) => ({ name, in: "path", required: true, schema: properties[name] })),
    ...queryKeys.map((name) => {
      const schema = properties[name]!;
      const { description, ...bare } = schema as JsonSchema & { description?: string };
      return {
        name,
        in: "query",
        ...(required.has(name) && { required: true }),
        ...(description !== undefined && { description }),
        // Structured values travel as JSON in the query string (`?filter={"field":…}`).
        ...(jsonSchemaIsStructured(bare) ? { content: { "application/json": { schema: bare } } } : { schema: bare }),
      };
    }),
  ];

  let requestBody: unknown;
  if (spec.rawBody) {
    requestBody = { required: true, description: spec.rawBody.description, content: spec.rawBody.content };
  } else if (spec.bodyKey) {
    requestBody = { required: true, content: { "application/json": { schema: properties[spec.bodyKey] } } };
  } else if (!isGet) {
    const bodyKeys = Object.keys(properties).filter((k) => !r.pathParams.includes(k) && !queryKeys.includes(k));
    if (bodyKeys.length > 0) {
      const bodyRequired = bodyKeys.filter((k) => required.has(k));
      const schema = {
        ...input,
        properties: Object.fromEntries(bodyKeys.map((k) => [k, properties[k]])),
        required: bodyRequired,
      } as JsonSchema;
      if (bodyRequired.length === 0) delete schema.required;
      requestBody = { required: bodyRequired.length > 0, content: { "application/json": { schema } } };
    }
  }

  const success = spec.success;
  let content: unknown = success.content;
  if (r.successId) {
    const schema = answerIsComponent(r.successId) ? { $ref: `#/components/schemas/${r.successId}` } : answers[r.successId];
    content = { "application/json": { schema } };
  }
  const responses: Record<string, unknown> = {
    [String(success.status)]: {
      description: success.description ?? (success.status === 204 ? "Done (no content)" : "Success"),
      ...(success.headers && { headers: success.headers }),
      ...(content !== undefined && { content }),
    },
  };
  const access = spec.access ?? "default";
  const hasInput = parameters.length > 0 || requestBody !== undefined;
  const errors = new Set<number>([
    ...(hasInput ? [400] : []),
    ...(access === "default" || access === "session" ? [401, 403] : []),
    ...(r.pathParams.length > 0 ? [404] : []),
    ...(requestBody !== undefined ? [413] : []),
    ...(spec.errors ?? []),
  ]);
  for (const status of [...errors].sort((a, b) => a - b)) responses[String(status)] = errorRef(status);
  Object.assign(responses, spec.responses);

  return {
    operationId: spec.operationId ?? spec.procedure,
    summary: spec.summary,
    ...(spec.description && { description: spec.description }),
    tags: spec.tags,
    ...(securityFor[access] && { security: securityFor[access] }),
    ...(parameters.length > 0 && { parameters }),
    ...(requestBody !== undefined && { requestBody }),
    responses,
  };
}

function build(): OpenApiDocument {
  const resolved = [
    ...Object.entries(operations).map(([key, spec]) => resolve(key, spec, false)),
    ...Object.entries(externalOperations).map(([key, spec]) => resolve(key, spec, true)),
  ];

  const requests = new SchemaSet("input", "Request");
  requests.component("Filter", filterNode);
  requests.component("Sort", sortInput);
  const answers = new SchemaSet("output", "Answer");
  for (const [name, schema] of Object.entries(shapes)) answers.component(name, schema);
  answers.component("Filter", filterNode);
  for (const r of resolved) {
    if (r.input) r.inputId = requests.add(r.input);
    if (r.spec.success.schema) r.successId = answers.add(r.spec.success.schema);
  }
  const requestJson = requests.generate();
  const answerJson = answers.generate();

  // Named components (and hoisted recursive ones) are shared; operation schemas are inlined.
  const schemas: Record<string, JsonSchema> = {};
  const inlined = new Set(resolved.flatMap((r) => [r.inputId, r.successId]).filter((id) => id && !requests.isComponent(id) && !answers.isComponent(id)));
  for (const [id, schema] of [...Object.entries(requestJson), ...Object.entries(answerJson)]) {
    if (inlined.has(id)) continue;
    if (schemas[id] && !isDeepStrictEqual(schemas[id], schema)) {
      throw new Error(`OpenAPI: component "${id}" differs between requests and answers; give one of them another name`);
    }
    schemas[id] = schema;
  }

  const paths: OpenApiDocument["paths"] = {};
  for (const r of resolved) {
    const item = (paths[r.path] ??= r.external ? { servers: [{ url: "/" }] } : {});
    const method = r.method.toLowerCase();
    if (item[method]) throw new Error(`OpenAPI: ${r.method} ${r.path} is described twice`);
    item[method] = operationObject(r, requestJson, answerJson, (id) => answers.isComponent(id));
  }

  const errorSchema = { $ref: "#/components/schemas/Error" };
  return {
    openapi: "3.1.0",
    info: {
      title: "Tessera REST API",
      version: packageJson.version ?? "1",
      description:
        "JSON in and out unless stated. Authenticate with `Authorization: Bearer <API token>` (acts with the token's role in its workspace) or the session cookie set by `POST /auth/login`. Errors are `{ \"error\": { \"code\", \"message\", \"details\"? } }`.",
    },
    servers: [{ url: restBasePath }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: tags.map((name) => ({ name })),
    paths,
    components: {
      schemas,
      responses: Object.fromEntries(
        Object.entries(errorResponses).map(([status, { name, description }]) => [
          name,
          {
            description,
            ...(status === "429" && {
              headers: { "Retry-After": { description: "Seconds to wait before retrying", schema: { type: "integer", minimum: 0 } } },
            }),
            content: { "application/json": { schema: errorSchema } },
          },
        ]),
      ),
      securitySchemes: {
        bearerAuth: {
          type: "http",
          scheme: "bearer",
          description: "An API token (`POST /workspaces/{workspaceId}/tokens`): acts with the token's role in that workspace only",
        },
        sessionCookie: {
          type: "apiKey",
          in: "cookie",
          name: sessionCookieName,
          description: "The session cookie set by sign-up and login; mutations must come from the same origin",
        },
        viewKey: {
          type: "http",
          scheme: "bearer",
          description: "The key of a view published with `auth: \"api_key\"` (shown once by `POST /views/{viewId}/api`)",
        },
      },
    },
  };
}
