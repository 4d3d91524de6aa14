/**
 * Names whose values are secret whatever they contain: a bearer token, a cookie, an API key
 * header. Matched on the name alone so that credentials nobody registered as a secret (an OAuth
 * token an API hands back, a key typed into a header by hand) are masked too.
 */

const SENSITIVE_NAMES = new Set(['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-api-key'])

/** Over-masking a harmless `idempotency-key` is the price of never printing an unknown credential. */
const SENSITIVE_FRAGMENTS = ['token', 'secret', 'key', 'password']

/** Header names and object keys are compared case-insensitively (`X-Api-Key`, `apiKey`, `API_KEY`). */
export function isSensitiveName(name: string): boolean {
  const lower = name.toLowerCase()
  return SENSITIVE_NAMES.has(lower) || SENSITIVE_FRAGMENTS.some((fragment) => lower.includes(fragment))
}

/** Headers whose value starts with a scheme word worth keeping for debugging (`Bearer [REDACTED]`). */
export function carriesAuthScheme(name: string): boolean {
  const lower = name.toLowerCase()
  return lower === 'authorization' || lower === 'proxy-authorization'
}
