import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Api } from './harness.js';

interface Schema {
  $ref?: string;
  allOf?: Schema[];
  items?: Schema;
  description?: string;
  example?: unknown;
  deprecated?: boolean;
  properties?: Record<string, Schema>;
}
interface Parameter {
  name: string;
  in: string;
  description?: string;
  example?: unknown;
  schema?: Schema;
}
interface Operation {
  parameters?: Parameter[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const PROBLEM = '#/components/schemas/ProblemResponse';
/** What a command (a POST answering 201, a PUT) can answer wrongly. */
const COMMAND_ERRORS = ['400', '401', '403', '404', '409', '422', '429'];
/** A read answers the same but for 409 and 422; a read by POST (200) names nothing (404), but takes a key (409). */
const READ_ERRORS = ['400', '401', '403', '404', '429'];
const POST_READ_ERRORS = ['400', '401', '403', '409', '429'];

/** A property that names another schema: that schema carries the examples, the property its description. */
const isReference = (schema: Schema) =>
  schema.$ref !== undefined || schema.allOf !== undefined || schema.items?.$ref !== undefined;

/** Everything the OpenAPI document leaves a client to guess, one line each. */
function gaps(document: Document): string[] {
  const found: string[] = [];
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      if (!METHODS.includes(method)) continue;
      const name = `${method.toUpperCase()} ${path}`;
      const success = Object.entries(operation.responses).find(([status]) => status === '200' || status === '201');
      const schemas = Object.values(success?.[1].content ?? {}).filter((media) => media.schema !== undefined);
      if (schemas.length === 0) found.push(`${name}: no 200/201 response schema`);
      const problems = Object.entries(operation.responses)
        .filter(([, response]) => response.content?.['application/problem+json']?.schema?.$ref === PROBLEM)
        .map(([status]) => status);
      if (problems.length === 0) found.push(`${name}: no problem+json error response`);
      if (operation.security !== undefined) {
        const expected =
          method === 'get'
            ? READ_ERRORS
            : method === 'post' && success?.[0] === '200'
              ? POST_READ_ERRORS
              : COMMAND_ERRORS;
        for (const status of expected.filter((s) => !problems.includes(s)))
          found.push(`${name}: no ${status} problem+json response`);
      }
      const parameters = operation.parameters ?? [];
      if (method === 'post' && !parameters.some((p) => p.in === 'header' && p.name === 'Idempotency-Key'))
        found.push(`${name}: no Idempotency-Key header`);
      for (const parameter of parameters) {
        if (!parameter.description)
          found.push(`${name}: ${parameter.in} parameter ${parameter.name} has no description`);
        if (parameter.example === undefined && parameter.schema?.example === undefined)
          found.push(`${name}: ${parameter.in} parameter ${parameter.name} has no example`);
      }
    }
  }
  for (const [schemaName, schema] of Object.entries(document.components.schemas)) {
    for (const [property, definition] of Object.entries(schema.properties ?? {})) {
      if (!definition.description) found.push(`schema ${schemaName}.${property} has no description`);
      // A deprecated property (kept so old clients get a clear refusal) needs no example to copy.
      if (definition.example === undefined && !isReference(definition) && !definition.deprecated)
        found.push(`schema ${schemaName}.${property} has no example`);
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  let api: Api;
  let document: Document;
  beforeAll(async () => {
    api = await Api.start('pglite');
    document = (await api.http.get('/docs-json').expect(200)).body as Document;
  });
  afterAll(() => api.close());

  it('documents every operation: its answer, its problems, its Idempotency-Key, every field', () => {
    expect(gaps(document)).toEqual([]);
  });

  it('names the gaps of an operation documented with nothing', () => {
    const bare: Document = {
      paths: { '/v1/things': { post: { security: [{ bearer: [] }], responses: { '201': {} } } } },
      components: { schemas: { Thing: { properties: { id: { type: 'string' } as Schema, owner: { $ref: '#/x' } } } } },
    };
    expect(gaps(bare)).toEqual([
      'POST /v1/things: no 200/201 response schema',
      'POST /v1/things: no problem+json error response',
      ...COMMAND_ERRORS.map((status) => `POST /v1/things: no ${status} problem+json response`),
      'POST /v1/things: no Idempotency-Key header',
      'schema Thing.id has no description',
      'schema Thing.id has no example',
      'schema Thing.owner has no description',
    ]);
  });

  it('gives every command the schema of its answer, with the command answer fields', () => {
    const created = document.paths['/v1/batches'].post.responses['201'].content?.['application/json'].schema;
    expect(created).toEqual({ $ref: '#/components/schemas/BatchRegisteredResponse' });
    expect(Object.keys(document.components.schemas.BatchRegisteredResponse.properties ?? {})).toEqual(
      expect.arrayContaining(['eventIds', 'stream', 'revision', 'gtin', 'lot']),
    );
  });
});
