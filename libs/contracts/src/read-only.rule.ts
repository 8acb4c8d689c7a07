import type Ajv2020 from 'ajv/dist/2020';

/** The message of a field error for a server-owned property sent by a client. */
export const READ_ONLY_MESSAGE = 'is set by the server';

/**
 * Makes `readOnly: true` a rule of request validation (JSON Schema only annotates it): a
 * request body carrying such a property fails with rule `readOnly` at that property's path.
 * Only for the request validator: responses carry readOnly properties by definition.
 */
export function enforceReadOnly(ajv: Ajv2020): Ajv2020 {
  ajv.removeKeyword('readOnly');
  ajv.addKeyword({
    keyword: 'readOnly',
    schemaType: 'boolean',
    // The keyword only runs where the property is present: present and readOnly fails.
    validate: (readOnly: boolean) => !readOnly,
  });
  return ajv;
}

/** Follows a local `$ref` (`#/components/schemas/Version`) to the schema it names. */
function resolveLocal(root: unknown, schema: unknown): unknown {
  let current = schema;
  for (let hops = 0; hops < 10; hops += 1) {
    const ref = (current as { $ref?: unknown } | null)?.$ref;
    if (typeof ref !== 'string' || !ref.startsWith('#/')) return current;
    current = ref
      .slice(2)
      .split('/')
      .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>(
        (node, segment) =>
          typeof node === 'object' && node !== null
            ? (node as Record<string, unknown>)[segment]
            : undefined,
        root,
      );
  }
  return current;
}

function isReadOnly(root: unknown, schema: unknown): boolean {
  if (typeof schema !== 'object' || schema === null) return false;
  if ((schema as { readOnly?: unknown }).readOnly === true) return true;
  const target = resolveLocal(root, schema);
  return (
    target !== schema &&
    typeof target === 'object' &&
    target !== null &&
    (target as { readOnly?: unknown }).readOnly === true
  );
}

/**
 * The contract as a request validator must see it: a property both required and readOnly is
 * required in responses only (the OpenAPI meaning), so it is dropped from `required` wherever
 * it sits beside the properties that declare it. Returns a copy; the document is not changed.
 */
export function requestViewOf<T>(document: T): T {
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (typeof node !== 'object' || node === null) return node;
    const copy = Object.fromEntries(
      Object.entries(node as Record<string, unknown>).map(([key, value]) => [key, visit(value)]),
    );
    const properties = copy.properties as Record<string, unknown> | undefined;
    if (Array.isArray(copy.required) && properties && typeof properties === 'object') {
      copy.required = (copy.required as unknown[]).filter(
        (name) => !(typeof name === 'string' && isReadOnly(document, properties[name])),
      );
    }
    return copy;
  };
  return visit(document) as T;
}
