/**
 * The `.map`'s auth headers as `extendRequest` returns them: names lower-cased and values as
 * text, absent ones left out, exactly as mapc's own delivery sets them.
 */
export function authHeaderValues(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') out[name.toLowerCase()] = value
    else if (typeof value === 'number' || typeof value === 'boolean') out[name.toLowerCase()] = String(value)
  }
  return out
}
