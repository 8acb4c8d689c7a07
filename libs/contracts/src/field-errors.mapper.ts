import type { ErrorObject } from 'ajv/dist/2020';
import type { FieldError } from '@o2c/http';
import { READ_ONLY_MESSAGE } from './read-only.rule';

const NOT_A_FIELD = 'is not a field of this request';

/** Turns ajv findings into field errors whose path names the offending field itself. */
export function toFieldErrors(
  location: string,
  errors: ErrorObject[] | null | undefined,
): FieldError[] {
  return (errors ?? []).map((error) => {
    let path = `/${location}${error.instancePath}`;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') path += `/${String(params.missingProperty)}`;
    if (error.keyword === 'additionalProperties') path += `/${String(params.additionalProperty)}`;
    if (error.keyword === 'unevaluatedProperties') path += `/${String(params.unevaluatedProperty)}`;
    const message =
      error.keyword === 'additionalProperties' || error.keyword === 'unevaluatedProperties'
        ? NOT_A_FIELD
        : error.keyword === 'readOnly'
          ? READ_ONLY_MESSAGE
          : (error.message ?? 'is not valid');
    return { path, rule: error.keyword, message };
  });
}
