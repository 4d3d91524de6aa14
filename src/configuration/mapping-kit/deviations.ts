/**
 * Where mapc's mapping-kit deliberately differs from actions-core 3.170.0: the one list. The
 * differential test against the package (test/configuration/mapping-kit/differential) excuses a
 * difference only by one of these ids, and docs/mapping-kit.md shows the same rows (a test keeps
 * the two in step).
 */

export interface Deviation {
  id: string
  /** What actions-core does. */
  segment: string
  /** What mapc does instead. */
  mapc: string
  why: string
}

export const MAPPING_KIT_DEVIATIONS: readonly Deviation[] = [
  {
    id: 'bracketed-key',
    segment: '`$.properties["a.b"]` is split at the dot (it reads `properties.a.b`), and quotes inside a bracketed key are dropped',
    mapc: 'a key written between quotes in brackets is one key, exactly as written between the quotes',
    why: 'the quoted form is how a path names a key with dots or spaces; splitting it reads another field than the one written'
  },
  {
    id: 'prototype',
    segment: 'paths read inherited properties (`$.traits.constructor` is a function); `Object.assign` makes a `__proto__` key the prototype of the output (the key disappears); an object with a `toString` or `valueOf` key is converted by calling it, or fails',
    mapc: 'own properties only; `__proto__` stays an ordinary key; such an object renders as `[object Object]` and counts as not blank',
    why: "event data must never reach JavaScript's object machinery"
  },
  {
    id: 'template-reread',
    segment: 'text that `{{{path}}}` substituted is read again as a template by the `{{path}}` pass (`{{{a}}}` with `a = "{{b}}"` renders b)',
    mapc: 'substituted text is never read again',
    why: 'event data must not be able to pull other fields of the event into a value'
  },
  {
    id: 'load-time',
    segment: 'accepts mappings that fail every event, or fail whenever reached: neither `exists` nor `blank` truthy, a falsy `@json` value, an empty `@flatten` separator, a Liquid template that does not parse or is over 1,000 characters, an unknown `@case` operator, a `@replace` pattern2 over 10 characters, invalid directives inside arrays (checked only when resolved)',
    mapc: 'refuses them when the configuration loads, with a `MappingError` naming the place',
    why: 'the mistake is found before the first delivery instead of once per event'
  },
  {
    id: 'unknown-options',
    segment: 'ignores option names it does not know (`"Else"`) and options it does not check whose type is wrong (`"pattern2": 5`)',
    mapc: 'refuses them when the configuration loads',
    why: 'a misspelt option would otherwise silently do nothing'
  },
  {
    id: 'batch-isolation',
    segment: 'in a batch, an event whose mapping fails (a `@path` directive resolving to a number, a `@liquid` filter that is disabled) fails the whole batch',
    mapc: 'only that event fails; the others are sent',
    why: "one bad event must not cost the others their delivery, and each failure is counted where it happened"
  },
  {
    id: 'coercion',
    segment: "validation converts values as ajv's `coerceTypes: 'array'` does: `true` to `1` in a number field and `1` to `true` in a boolean one, a one-item array to its item, a single value to a one-item list in a `multiple` field (whose items it converts too)",
    mapc: 'converts only numbers and booleans to text, numeric text to numbers and `"true"`/`"false"` to booleans, at the top level; anything else fails validation, naming the field',
    why: 'the other conversions change what a value means without anyone seeing it (a flag becomes a count); a named validation error shows the mapping to fix'
  },
  {
    id: 'if-comparison',
    segment: '`@if` with `"=="` or `"!="` (and no `exists` or `blank`) fails every event',
    mapc: 'compares the two values as JSON (a mapc extension)',
    why: 'subscriptions often branch on a value, not only on its presence'
  }
]
