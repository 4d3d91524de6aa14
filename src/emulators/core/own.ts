/**
 * Writing keys that come from requests: a key named `__proto__` must become a key, never a new
 * prototype, so stored values are set with defineProperty rather than assignment.
 */

export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true })
}

export function assignOwn(target: Record<string, unknown>, source: Record<string, unknown> | undefined): Record<string, unknown> {
  for (const [key, value] of Object.entries(source ?? {})) setOwn(target, key, value)
  return target
}
