// Checks Web API calls and answers against Slack's own OpenAPI 2.0 description (October 2020), kept in
// test/fixtures/slack-api-specs with its licence.
// The spec predates some methods and fields: a method missing from it means "check the docs", not "wrong".
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  // The spec also uses a tuple-style `items: [a, b]` (without `type: "array"`) to mean "one of a, b".
  items?: Schema | Schema[];
  allOf?: Schema[];
  anyOf?: Schema[];
  oneOf?: Schema[];
}

interface Parameter {
  name: string;
  in: "header" | "query" | "formData" | "body" | "path";
  required?: boolean;
}

interface Operation {
  parameters?: Parameter[];
  responses: Record<string, { schema?: Schema } | undefined>;
}

interface OpenApiSpec {
  paths: Record<string, Partial<Record<"get" | "post", Operation>>>;
  definitions: Record<string, Schema>;
}

export interface MethodDescription {
  exists: boolean;
  httpMethod: "get" | "post" | undefined;
  /** Required arguments other than `token` (clients send it in the Authorization header). */
  requiredArgs: string[];
  /** Top-level fields the success answer must have. */
  responseRequired?: string[];
}

const specUrl = new URL("../fixtures/slack-api-specs/slack_web_openapi_v2.json", import.meta.url);
let cached: OpenApiSpec | undefined;

function spec(): OpenApiSpec {
  cached ??= JSON.parse(readFileSync(fileURLToPath(specUrl), "utf8")) as OpenApiSpec;
  return cached;
}

function operation(method: string): { httpMethod: "get" | "post"; op: Operation } | undefined {
  const entry = spec().paths[`/${method}`];
  if (!entry) return undefined;
  if (entry.post) return { httpMethod: "post", op: entry.post };
  if (entry.get) return { httpMethod: "get", op: entry.get };
  return undefined;
}

export function describeMethod(method: string): MethodDescription {
  const found = operation(method);
  if (!found) return { exists: false, httpMethod: undefined, requiredArgs: [] };
  const requiredArgs = (found.op.parameters ?? [])
    .filter((p) => p.required === true && p.name !== "token" && (p.in === "formData" || p.in === "query"))
    .map((p) => p.name);
  const success = found.op.responses["200"]?.schema;
  const responseRequired = success ? resolve(success).required : undefined;
  return { exists: true, httpMethod: found.httpMethod, requiredArgs, responseRequired };
}

const NOT_IN_SPEC = "not in Slack's 2020 spec: check the docs";

/** True for the problem `checkCall` reports for a method the 2020 spec does not know. */
export function isNotInSpecProblem(problem: string): boolean {
  return problem.endsWith(NOT_IN_SPEC);
}

/**
 * Problems with a Web API call: an unknown method (see `isNotInSpecProblem`, or pass
 * `allowNotInSpec` for newer methods known to exist) or a missing required argument.
 */
export function checkCall(
  method: string,
  args: Record<string, unknown>,
  options: { allowNotInSpec?: readonly string[] } = {},
): string[] {
  const description = describeMethod(method);
  if (!description.exists) {
    return options.allowNotInSpec?.includes(method) ? [] : [`${method}: ${NOT_IN_SPEC}`];
  }
  return description.requiredArgs
    .filter((name) => isMissing(args[name]))
    .map((name) => `${method}: missing required argument "${name}"`);
}

/** Problems with a success answer: `ok` not true, or required fields (nested ones too) missing. */
export function checkResponse(method: string, body: unknown): string[] {
  const found = operation(method);
  if (!found) return [`${method}: ${NOT_IN_SPEC}`];
  if (!isRecord(body)) return [`${method}: answer is not a JSON object`];
  if (body.ok !== true) return [`${method}: not a success answer (ok=${String(body.ok)}, error=${String(body.error)})`];
  const schema = found.op.responses["200"]?.schema;
  return schema ? missingFields(schema, body, method, 0) : [];
}

function isMissing(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function resolve(schema: Schema): Schema {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined && hops < 10; hops++) {
    const name = current.$ref.replace("#/definitions/", "");
    const target = spec().definitions[name];
    if (!target) throw new Error(`Slack OpenAPI spec: unresolved $ref ${current.$ref}`);
    current = target;
  }
  return current;
}

function alternatives(schema: Schema): Schema[] | undefined {
  if (Array.isArray(schema.items)) return schema.items;
  return schema.anyOf ?? schema.oneOf;
}

// The spec's schemas nest deeply (messages contain files contain users...); a few levels cover what we emit.
const MAX_DEPTH = 6;

function missingFields(raw: Schema, value: unknown, path: string, depth: number): string[] {
  if (depth > MAX_DEPTH || value === null || value === undefined) return [];
  const schema = resolve(raw);

  const options = alternatives(schema);
  if (options) {
    let best: string[] | undefined;
    for (const option of options) {
      const problems = missingFields(option, value, path, depth + 1);
      if (problems.length === 0) return [];
      if (!best || problems.length < best.length) best = problems;
    }
    return best ?? [];
  }
  if (schema.allOf) return schema.allOf.flatMap((part) => missingFields(part, value, path, depth + 1));

  if (Array.isArray(value)) {
    const items = schema.items;
    if (!items || Array.isArray(items)) return [];
    return value.flatMap((item, index) => missingFields(items, item, `${path}[${index}]`, depth + 1));
  }
  if (!isRecord(value)) return [];

  const problems = (schema.required ?? [])
    .filter((field) => !(field in value))
    .map((field) => `${path}: missing required field "${field}"`);
  for (const [field, fieldSchema] of Object.entries(schema.properties ?? {})) {
    if (field in value) problems.push(...missingFields(fieldSchema, value[field], `${path}.${field}`, depth + 1));
  }
  return problems;
}
