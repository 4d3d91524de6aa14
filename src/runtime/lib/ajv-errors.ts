/**
 * The parts of ajv's error objects that payload validation (delivery/validation-issues.ts) and
 * configuration checks (config/config-problems.ts) both put into words, written once so the two
 * kinds of message cannot drift apart.
 */
import type { PathKey } from './path.js'

/** ajv's `instancePath`, a JSON pointer (`/items/0/sku`), as keys; array indexes become numbers. */
export function instancePathKeys(pointer: string): PathKey[] {
  return pointer
    .split('/')
    .slice(1)
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^(0|[1-9]\d*)$/.test(part) ? Number(part) : part))
}

/** A `type` keyword's `params.type` (`"string"`, `"string,null"`) as words: `a string or a null`. */
export function typeWords(type: string): string {
  return type
    .split(',')
    .map((t) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`))
    .join(' or ')
}
