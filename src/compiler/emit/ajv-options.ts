/**
 * How payload and settings schemas are compiled, the same way ahead of time (validators.ts) and
 * by the interpreter, so the two validate alike.
 *
 * `ownProperties`: payloads and settings are plain objects, and without it ajv reads declared
 * properties through the prototype chain, so a field named `constructor` or `toString` that a
 * payload leaves out would be found on Object.prototype and fail as "must be string".
 */
export const AJV_OPTIONS = {
  allErrors: true,
  allowUnionTypes: true,
  strict: true,
  ownProperties: true
} as const
