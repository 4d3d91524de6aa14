/**
 * Generated mapping-kit mappings for the differential test: every directive of actions-core
 * 3.170.0, nested in one another, with random options (defaults left out, null where Segment
 * allows it, upper-case modes, falsy branches), and the events they are applied to.
 *
 * Paths and template placeholders name keys of a small vocabulary that the generated events use
 * too, so that most paths find something; keys with dots, spaces and digits, and a few of the
 * names JavaScript objects inherit, are among them.
 */
import fc from 'fast-check'
import { eventArbitrary, hostileKeyArbitrary } from '../../../../src/testing/index.js'

/** Keys both the events and the paths use. */
export const KEYS = ['a', 'b', 'c', 'name', 'items', '0', '1', 'a.b', 'Order ID', 'length', 'n'] as const
/** Keys JavaScript objects inherit or treat specially: rare, in events and in paths. */
const PROTOTYPE_KEYS = ['constructor', '__proto__', 'toString', 'valueOf'] as const

const keyArbitrary = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) })

/** Strings that mean something to some directive: JSON text, templates, separators, case, unicode. */
const stringArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', 'x', 'Ann', 'a-b-c', 'ÄÖ straße', '😀 emoji', 'MiXeD', ' padded ', '0', 'true', 'null') },
  { weight: 2, arbitrary: fc.constantFrom('{"a":1}', '[1,"two"]', '"quoted"', '{not json', '3.5', '{}', '[]') },
  { weight: 1, arbitrary: fc.constantFrom('{{a}}', '{{{b}}}', '$.a', 'a.b', '["a.b"]') },
  { weight: 2, arbitrary: fc.string({ maxLength: 6 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) }
)

const scalarArbitrary: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: stringArbitrary },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 1000 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, -0.5, 3.25, 1e21) },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 2, arbitrary: fc.constant(null) }
)

function objectFrom(entries: readonly (readonly [string, unknown])[]): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  // As JSON.parse builds objects: a `__proto__` key is an own key.
  for (const [key, value] of entries) Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
  return object
}

/** Event data in the vocabulary: objects keyed by KEYS, arrays, scalars. */
export const dataArbitrary: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', maxDepth: 3 },
    { weight: 3, arbitrary: scalarArbitrary },
    { weight: 1, arbitrary: fc.array(tie('value'), { maxLength: 3 }) },
    { weight: 2, arbitrary: fc.uniqueArray(fc.tuple(keyArbitrary, tie('value')), { selector: ([k]) => k, maxLength: 4 }).map(objectFrom) }
  )
})).value

/** A Segment Spec event (src/testing) with vocabulary data beside its own fields and in traits and properties. */
export const eventWithDataArbitrary: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    event: eventArbitrary(['identify', 'track', 'group', 'page'], { adversarial: false }),
    top: fc.uniqueArray(fc.tuple(keyArbitrary, dataArbitrary), { selector: ([k]) => k, maxLength: 5 }),
    inner: fc.uniqueArray(fc.tuple(fc.oneof(keyArbitrary, hostileKeyArbitrary()), dataArbitrary), { selector: ([k]) => k, maxLength: 3 })
  })
  .map(({ event, top, inner }) => {
    const result = objectFrom([...Object.entries(event), ...top.filter(([k]) => !(k in event))])
    for (const key of ['traits', 'properties']) {
      const existing = result[key]
      if (existing !== null && typeof existing === 'object' && !Array.isArray(existing)) {
        result[key] = objectFrom([...Object.entries(existing), ...inner])
      }
    }
    return result
  })

/** A path in one of the spellings Segment users write. */
const pathArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('$.', '', '.', '$', '$.traits', '$.properties', '$.userId', '$.event', '$.context.personas', '$.traits.email') },
  {
    weight: 8,
    arbitrary: fc
      .record({
        root: fc.constantFrom('$.', '', '$.traits.', '$.properties.'),
        keys: fc.array(fc.tuple(keyArbitrary, fc.constantFrom('dot', 'dot', 'dot', 'double', 'single', 'index')), { minLength: 1, maxLength: 3 })
      })
      .map(({ root, keys }) => {
        let path = root
        keys.forEach(([key, style], index) => {
          if (style === 'double') path += `["${key}"]`
          else if (style === 'single') path += `['${key}']`
          else if (style === 'index' && /^\d+$/.test(key)) path += `[${key}]`
          else path += `${index === 0 && (root === '' || root.endsWith('.')) ? '' : '.'}${key}`
        })
        return path
      })
  }
)

const templateArbitrary: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      stringArbitrary,
      pathArbitrary.map((p) => `{{${p}}}`),
      pathArbitrary.map((p) => `{{ ${p} }}`),
      pathArbitrary.map((p) => `{{{${p}}}}`)
    ),
    { minLength: 1, maxLength: 4 }
  )
  .map((parts) => parts.join(''))

/** Liquid templates: output, filters, conditionals and assignments, and now and then a disabled tag or filter. */
const liquidArbitrary: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...KEYS.filter((k) => /^[a-z]+$/.test(k))).chain((key) =>
    fc.constantFrom(
      `{{ ${key} }}`,
      `{{ ${key} | upcase }}`,
      `{{ ${key} | downcase | append: "!" }}`,
      `{{ ${key} | size }}`,
      `{{ ${key} | default: "none" }}`,
      `{{ ${key} | plus: 1 }}`,
      `{{ ${key} | join: "," }}`,
      `{{ ${key} | first }}`,
      `{{ ${key}.a }}-{{ ${key}[0] }}`,
      `{% if ${key} %}yes{% else %}no{% endif %}`,
      `{% assign v = ${key} | size %}{{ v | times: 2 }}`,
      `{% unless ${key} == "x" %}not x{% endunless %}`,
      `{{ ${key} | sort }}`,
      `{{ ${key} | map: "a" }}`,
      `{% for i in ${key} %}{{ i }}{% endfor %}`,
      `{{ ${key} | json }}`,
      `{{ ${key} | strip | truncate: 3 }}`
    )
  ),
  fc.constantFrom('', 'plain text', '{{ traits.email }}', '{{ properties | size }}', '{% if %}', '{{ a ')
)

const patternArbitrary = fc.oneof(fc.constantFrom('-', 'a', '.', ' ', 'A', '$', '(', 'Ä', '😀'), fc.string({ minLength: 1, maxLength: 10 }))
const replacementArbitrary = fc.oneof(fc.constantFrom('', '_', '$&$&', 'X'), fc.string({ maxLength: 10 }))

/** An options object with the optional entries left out when their arbitrary gives `undefined`. */
function options(entries: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<Record<string, unknown>> {
  return fc.record(entries).map((record) => Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)))
}

function maybe<T>(arbitrary: fc.Arbitrary<T>, weight = 1): fc.Arbitrary<T | undefined> {
  return fc.oneof({ weight, arbitrary }, { weight: 1, arbitrary: fc.constant(undefined) })
}

export const DIRECTIVES = [
  '@path',
  '@template',
  '@literal',
  '@arrayPath',
  '@case',
  '@replace',
  '@json',
  '@flatten',
  '@merge',
  '@if',
  '@transform',
  '@excludeWhenNull',
  '@liquid'
] as const
export type DirectiveName = (typeof DIRECTIVES)[number]

interface Tie {
  mapping: unknown
  object: unknown
  stringOrDirective: unknown
}

/** Mappings of every kind, and for each directive the mappings it heads. */
export function mappingArbitraries(): { mapping: fc.Arbitrary<unknown>; headedBy: (name: DirectiveName) => fc.Arbitrary<unknown> } {
  let headed: ((name: DirectiveName) => fc.Arbitrary<unknown>) | undefined
  const tree = fc.letrec<Tie>((tie) => {
    const mapping = tie('mapping')
    const object = tie('object')
    const stringOrDirective = tie('stringOrDirective')
    const directive = (name: DirectiveName): fc.Arbitrary<unknown> => {
      switch (name) {
        case '@path':
          return fc.oneof({ weight: 5, arbitrary: pathArbitrary }, { weight: 1, arbitrary: fc.constant({ '@template': '$.{{c}}' }) }).map((p) => ({ '@path': p }))
        case '@template':
          return fc.oneof({ weight: 5, arbitrary: templateArbitrary }, { weight: 1, arbitrary: fc.constant({ '@path': '$.name' }) }).map((t) => ({ '@template': t }))
        case '@literal':
          return mapping.map((m) => ({ '@literal': m }))
        case '@arrayPath':
          return fc
            .tuple(fc.oneof({ weight: 3, arbitrary: pathArbitrary }, { weight: 1, arbitrary: stringOrDirective }), maybe(fc.oneof(object, fc.constant({}), stringOrDirective), 3))
            .map(([path, shape]) => ({ '@arrayPath': shape === undefined ? [path] : [path, shape] }))
        case '@case':
          return options({ operator: fc.constantFrom('lower', 'upper'), value: maybe(fc.oneof(stringOrDirective, fc.constant('')), 6) }).map((o) => ({ '@case': o }))
        case '@replace':
          return options({
            pattern: patternArbitrary,
            replacement: maybe(replacementArbitrary),
            pattern2: maybe(fc.oneof(patternArbitrary, fc.constantFrom('', null))),
            replacement2: maybe(fc.oneof(replacementArbitrary, fc.constant(null))),
            global: maybe(fc.boolean()),
            ignorecase: maybe(fc.boolean()),
            value: fc.oneof({ weight: 6, arbitrary: stringOrDirective }, { weight: 1, arbitrary: fc.constant('') })
          }).map((o) => ({ '@replace': o }))
        case '@json':
          return options({ mode: fc.constantFrom('encode', 'decode', 'decode', 'ENCODE'), value: mapping.filter((m) => Boolean(m)) }).map((o) => ({ '@json': o }))
        case '@flatten':
          return options({ value: mapping, separator: fc.constantFrom('.', '_', '/', '->'), omitArrays: maybe(fc.oneof(fc.boolean(), fc.constantFrom(0, 'yes'))) }).map((o) => ({ '@flatten': o }))
        case '@merge':
          return options({ objects: fc.array(fc.oneof(object, stringOrDirective.filter((d) => typeof d === 'object')), { maxLength: 3 }), direction: fc.constantFrom('left', 'right', 'LEFT', 'Right') }).map((o) => ({ '@merge': o }))
        case '@if':
          return fc
            .record({
              condition: fc.constantFrom('exists', 'blank', 'both'),
              test: mapping,
              other: mapping,
              then: maybe(mapping, 4),
              else: maybe(fc.oneof({ weight: 4, arbitrary: mapping }, { weight: 1, arbitrary: fc.constantFrom(false, 0, '', null) }), 3)
            })
            .filter(({ condition, test, other }) => (condition === 'both' ? Boolean(test) || Boolean(other) : Boolean(test)))
            .map(({ condition, test, other, then, else: otherwise }) => {
              const o: Record<string, unknown> = condition === 'both' ? { exists: test, blank: other } : { [condition]: test }
              if (then !== undefined) o.then = then
              if (otherwise !== undefined) o.else = otherwise
              return { '@if': o }
            })
        case '@transform':
          return fc.record({ apply: fc.oneof(object, stringOrDirective.filter((d) => typeof d === 'object')), mapping: object }).map((o) => ({ '@transform': o }))
        case '@excludeWhenNull':
          return mapping.map((m) => ({ '@excludeWhenNull': m }))
        case '@liquid':
          return liquidArbitrary.map((t) => ({ '@liquid': t }))
      }
    }
    headed = directive
    const anyDirective = fc.oneof({ depthSize: 'small' }, ...DIRECTIVES.map((name) => directive(name)))
    return {
      mapping: fc.oneof(
        { depthSize: 'small', maxDepth: 4 },
        { weight: 3, arbitrary: scalarArbitrary },
        { weight: 6, arbitrary: anyDirective },
        { weight: 1, arbitrary: fc.array(mapping, { maxLength: 3 }) },
        { weight: 2, arbitrary: object }
      ),
      object: fc.uniqueArray(fc.tuple(keyArbitrary, mapping), { selector: ([k]) => k, maxLength: 3 }).map(objectFrom),
      stringOrDirective: fc.oneof({ depthSize: 'small' }, { weight: 1, arbitrary: stringArbitrary }, { weight: 3, arbitrary: anyDirective })
    }
  })
  const headedBy = (name: DirectiveName): fc.Arbitrary<unknown> => {
    if (headed === undefined) throw new Error('the mapping arbitraries are not built')
    return headed(name)
  }
  return { mapping: tree.mapping, headedBy }
}
