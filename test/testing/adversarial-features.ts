/**
 * Detects, in one event, each adversarial feature the arbitraries promise. Wrong types are read
 * from ajv's errors against the event's own schema, so "a number where a string is expected"
 * means exactly what the schema expects, not a guess.
 */
import type { ErrorObject } from 'ajv'

export const adversarialFeatures = [
  'emoji',
  'non-ASCII text',
  'empty string',
  'null where optional',
  'string of 10,000+ characters',
  'nesting 20+ levels deep',
  'array where an object is expected',
  'number where a string is expected',
  'prototype-named key',
  'key with a dot or space',
  'lone surrogate',
  'field of another call type'
] as const

export type AdversarialFeature = (typeof adversarialFeatures)[number]

const prototypeNames = new Set(['__proto__', 'constructor', 'prototype', 'toString'])
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

interface Scan {
  strings: string[]
  keys: string[]
  depth: number
}

function scan(value: unknown, depth: number, into: Scan): void {
  into.depth = Math.max(into.depth, depth)
  if (typeof value === 'string') into.strings.push(value)
  else if (Array.isArray(value)) for (const item of value) scan(item, depth + 1, into)
  else if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      into.keys.push(key)
      scan((value as Record<string, unknown>)[key], depth + 1, into)
    }
  }
}

/** The features present in `event`, given ajv's errors (verbose: true) for it against its schema. */
export function featuresOf(event: unknown, errors: readonly ErrorObject[]): Set<AdversarialFeature> {
  const found = new Set<AdversarialFeature>()
  const seen: Scan = { strings: [], keys: [], depth: 0 }
  scan(event, 0, seen)
  const texts = [...seen.strings, ...seen.keys]
  if (texts.some((text) => /\p{Extended_Pictographic}/u.test(text))) found.add('emoji')
  if (texts.some((text) => /[^\x00-\x7F]/.test(text))) found.add('non-ASCII text')
  if (seen.strings.includes('')) found.add('empty string')
  if (seen.strings.some((text) => text.length >= 10_000)) found.add('string of 10,000+ characters')
  if (seen.depth >= 20) found.add('nesting 20+ levels deep')
  if (seen.keys.some((key) => prototypeNames.has(key))) found.add('prototype-named key')
  if (seen.keys.some((key) => key.includes('.') || key.includes(' '))) found.add('key with a dot or space')
  if (texts.some((text) => loneSurrogate.test(text))) found.add('lone surrogate')
  for (const error of errors) {
    if (error.keyword === 'false schema') found.add('field of another call type')
    if (error.keyword !== 'type') continue
    const expected = String(error.params.type)
    if (error.data === null) found.add('null where optional')
    if (Array.isArray(error.data) && expected.includes('object')) found.add('array where an object is expected')
    if (typeof error.data === 'number' && expected.includes('string')) found.add('number where a string is expected')
  }
  return found
}
