/**
 * Small but valid `.map` files whose every piece of text is hostile: strings, object keys, event
 * path keys, descriptions, labels, titles, template parts, URLs, trigger values and choices full
 * of quotes, backticks, `${…}`, `*\/`, `</script>`, U+2028/U+2029, NUL, backslashes and payloads
 * that would call `globalThis.__mapcCanary` if they ever became code; names taken from
 * `__proto__`, `constructor`, `prototype` and the names generated code uses itself. A destination
 * is a template with holes; its API schema is derived from the same holes so that it checks.
 */
import fc from 'fast-check'
import type { CheckOptions } from '../../../src/compiler/check/destination.js'
import { readApiSchema } from '../../../src/compiler/check/api-schema.js'
import { projectCheckOptions } from '../../../src/compiler/check-options.js'
import { encodeString, encodeTemplateText } from '../../../src/compiler/syntax/literals.js'

/** The global that hostile strings try to call; nothing may ever call it. */
export const CANARY = '__mapcCanary'

/** Strings that end a literal, a template, a comment or a script, then call the canary. */
const breakouts = [
  `"); ${CANARY}(); ("`,
  `'); ${CANARY}(); ('`,
  `\`); ${CANARY}(); (\``,
  `\${${CANARY}()}`,
  `\${globalThis.${CANARY}()}`,
  `*/ ${CANARY}(); /*`,
  `\n${CANARY}()//`,
  `\r\n${CANARY}()//`,
  `\u2028${CANARY}()//`,
  `\u2029${CANARY}()//`,
  `</script><script>${CANARY}()</script>`,
  `\\"; ${CANARY}(); "`,
  `\\'); ${CANARY}(); //`,
  `" + ${CANARY}() + "`,
  `\` + ${CANARY}() + \``,
  `}); ${CANARY}(); ({`,
  `-->${CANARY}()<!--`,
  `\u0000${CANARY}()`,
  `$&$'$\`${CANARY}`,
  `{{${CANARY}}}`
]

const awkward = ['__proto__', 'constructor', 'prototype', 'toString', '', ' ', '\\', '\\\\u2028', '\\u0000', '\uD800', '\uDFFF\uD800', '🦄', 'e\u0301', '\u202Eevil', '$', '{0}', '%s', '%00', '\t\v\f']

const pieces = ['"', "'", '`', '$', '{', '}', '\\', '*', '/', '<', '>', '\u2028', '\u2029', '\u0000', '\n', '\r', 'a', ' ', '_', '\uD800', 'é', '🦄', '(', ')', ';', '#', '?', '=', '&']

/** Any hostile string. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...breakouts) },
  { weight: 2, arbitrary: fc.constantFrom(...awkward) },
  { weight: 3, arbitrary: fc.array(fc.constantFrom(...pieces), { maxLength: 12 }).map((chars) => chars.join('')) },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom(...breakouts, ...awkward), fc.constantFrom(...breakouts, ...awkward)).map(([a, b]) => a + b) }
)

/** Hostile text that can stand in a URL path: no whitespace, and none of `{ } ? #`. */
const urlText: fc.Arbitrary<string> = hostileString
  .map((text) => text.replace(/[\s{}?#]/gu, ''))
  .map((text) => (text === '' ? '_' : text))

/**
 * Identifiers of the language (keywords excluded) that name what JavaScript objects or generated
 * code already have: prototype members, reserved words, the generated code's own variables.
 */
const hostileIdentifiers = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'class',
  'function',
  'eval',
  'arguments',
  'undefined',
  'this',
  'await',
  'e',
  'ctx',
  'p',
  'res',
  'items',
  'input',
  'v',
  'L1_1',
  'readPath',
  'validators',
  'defaults',
  'rules',
  'coerce',
  'performBatch',
  'action_x',
  'shape_wrap',
  'a_x',
  'r_x'
] as const

export interface HostileHoles {
  destinationName: string
  /** Unique among themselves: the names of one destination's declarations and bindings. */
  names: {
    setting: string
    action: string
    upsert: string
    shape: string
    param: string
    shapeParam: string
    field: string
    local: string
    loopVariable: string
    batchVariable: string
  }
  responseKey: string
  title: string
  description: string
  settingLabel: string
  settingDescription: string
  modeLabel: string
  choices: [string, string]
  authPrefix: string
  urlText: string
  queryName: string
  queryValue: string
  /** Keys of one object must differ; the template uses them in separate objects. */
  keys: { upsertBody: [string, string]; shape: string; values: string; echo: string; batch: string; batchItem: string }
  literal: string
  presetTitle: string
  triggerValue: string
  actionTitle: string
  actionDescription: string
  fieldLabel: string
  fieldDescription: string
  pathKey: string
  fallback: string
  skipReason: string
  skipValue: string
  rejectReason: string
  rejectValue: string
  listName: string
  templateParts: [string, string]
  headerValue: string
  listItem: string
}

const distinctPair = fc.uniqueArray(hostileString, { minLength: 2, maxLength: 2 }) as fc.Arbitrary<[string, string]>

/**
 * Names of fields and settings are also JSON Schema property names. ajv ignores a property named
 * `__proto__` (so such a field can never validate; reported to the checker's owner), and the
 * interpreter's ajv still reads `constructor`-like properties through the prototype (reported;
 * test/emit/prototype-names.test.ts covers those names for compiled code). Field names avoid both;
 * the hostile setting is always given, so it only avoids `__proto__`.
 */
const isPrototypeMember = (name: string): boolean => name in Object.prototype || name === '__proto__'

const namesArbitrary: fc.Arbitrary<HostileHoles['names']> = fc
  .tuple(
    fc.constantFrom(...hostileIdentifiers.filter((n) => n !== '__proto__')),
    fc.constantFrom(...hostileIdentifiers.filter((n) => !isPrototypeMember(n))),
    fc.shuffledSubarray([...hostileIdentifiers], { minLength: 10, maxLength: 10 })
  )
  .map(([setting, field, others]) => {
    const [action, upsert, shape, param, shapeParam, local, loopVariable, batchVariable] = others.filter((n) => n !== setting && n !== field) as string[]
    return {
      setting,
      field,
      action: action as string,
      upsert: upsert as string,
      shape: shape as string,
      param: param as string,
      shapeParam: shapeParam as string,
      local: local as string,
      loopVariable: loopVariable as string,
      batchVariable: batchVariable as string
    }
  })

export const hostileHolesArbitrary: fc.Arbitrary<HostileHoles> = fc.record({
  destinationName: fc.constantFrom('hostile', '__proto__', 'constructor', 'validators'),
  names: namesArbitrary,
  responseKey: fc.constantFrom('data', '__proto__', 'constructor', 'prototype', 'toString'),
  title: hostileString,
  description: hostileString,
  settingLabel: hostileString,
  settingDescription: hostileString,
  modeLabel: hostileString,
  choices: distinctPair,
  authPrefix: hostileString,
  urlText,
  queryName: hostileString,
  queryValue: hostileString,
  keys: fc.record({ upsertBody: distinctPair, shape: hostileString, values: hostileString, echo: hostileString, batch: hostileString, batchItem: hostileString }),
  literal: hostileString,
  presetTitle: hostileString,
  triggerValue: hostileString,
  actionTitle: hostileString,
  actionDescription: hostileString,
  fieldLabel: hostileString,
  fieldDescription: hostileString,
  pathKey: hostileString,
  fallback: hostileString,
  skipReason: hostileString,
  skipValue: hostileString,
  rejectReason: hostileString,
  rejectValue: hostileString,
  listName: hostileString,
  templateParts: fc.tuple(hostileString, hostileString),
  headerValue: hostileString,
  listItem: hostileString
})

const s = encodeString
const t = encodeTemplateText

/** The `.map` text of the hostile destination. */
export function hostileMap(h: HostileHoles): string {
  const n = h.names
  return `// A destination whose every text is hostile (test/emit/support/hostile-destination.ts).
destination ${h.destinationName} {
  title ${s(h.title)}
  slug "actions-hostile"
  description ${s(h.description)}
  accepts identify, track

  setting ${n.setting}: string required secret {
    label ${s(h.settingLabel)}
    description ${s(h.settingDescription)}
  }
  setting mode: string {
    label ${s(h.modeLabel)}
    choices ${s(h.choices[0])}, ${s(h.choices[1])}
  }

  auth api_key {
    header authorization = ${s(h.authPrefix)} + settings.${n.setting}
    test GET ${s(`https://api.hostile.test/${h.urlText}`)}
  }

  upsert ${n.upsert}(${n.param}, key, values) PUT \`https://api.hostile.test/v1/${t(h.urlText)}/{${n.param}}\` {
    query { ${s(h.queryName)}: key }
    json { ${s(h.keys.upsertBody[0])}: values, ${s(h.keys.upsertBody[1])}: ${s(h.literal)} }
  }

  shape ${n.shape}(${n.shapeParam}, extra) = { ${s(h.keys.shape)}: ${n.shapeParam}, ...extra }

  preset ${s(h.presetTitle)} when type = "track" and event = ${s(h.triggerValue)} -> ${n.action}

  action ${n.action} {
    title ${s(h.actionTitle)}
    description ${s(h.actionDescription)}
    trigger type = "track" and event != ${s(h.triggerValue)}

    field ${n.field}: string required {
      label ${s(h.fieldLabel)}
      description ${s(h.fieldDescription)}
      default $.properties[${s(h.pathKey)}] ?? ${s(h.fallback)}
    }
    field attrs: object keyvalue {
      label ${s(h.fieldLabel)}
      default $.properties
    }

    skip ${s(h.skipReason)} when ${n.field} == ${s(h.skipValue)}
    reject ${n.field} ${s(h.rejectReason)} when ${n.field} == ${s(h.rejectValue)}

    perform {
      let ${n.local} = upsert ${n.upsert} ${s(h.listName)} by ${s(h.queryValue)} with { ${s(h.keys.values)}: \`${t(h.templateParts[0])}{${n.field}}${t(h.templateParts[1])}\`, ...attrs }
      send POST "https://api.hostile.test/v1/echo" {
        headers { "x-hostile": ${s(h.headerValue)} }
        json ${n.shape}(${n.local}.${h.responseKey}, { ${s(h.keys.echo)}: [for ${n.loopVariable} in [${s(h.listItem)}, ${n.field}]: ${n.loopVariable}] })
      }
    }

    batch {
      send POST "https://api.hostile.test/v1/batch" {
        json { ${s(h.keys.batch)}: [for ${n.batchVariable} in batch: ${n.shape}(${n.batchVariable}.${n.field}, { ${s(h.keys.batchItem)}: ${s(h.literal)} })] }
      }
      results response.results
    }
  }
}
`
}

/** The API the hostile destination sends to: the four endpoints, open to any body. */
export function hostileApi(h: HostileHoles): unknown {
  const endpoint = (spec: string): unknown => ({ 'x-mapc-endpoint': spec, type: 'object' })
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    type: 'object',
    oneOf: [{ $ref: '#/definitions/test' }, { $ref: '#/definitions/upsert' }, { $ref: '#/definitions/echo' }, { $ref: '#/definitions/batch' }],
    definitions: {
      test: endpoint(`GET https://api.hostile.test/${h.urlText}`),
      upsert: endpoint(`PUT https://api.hostile.test/v1/${h.urlText}/{${h.names.param}}`),
      echo: endpoint('POST https://api.hostile.test/v1/echo'),
      batch: endpoint('POST https://api.hostile.test/v1/batch')
    }
  }
}

/** The checker's options for a hostile destination: the Segment schemas, and its derived API. */
export function hostileCheckOptions(h: HostileHoles, file: string): CheckOptions {
  const project = projectCheckOptions(file)
  const { api, problems } = readApiSchema(hostileApi(h), 'hostile.schema.json')
  return { eventSchema: project.eventSchema, apiSchema: () => (api ? { api, problems, file: 'hostile.schema.json' } : { problems, file: 'hostile.schema.json' }) }
}
