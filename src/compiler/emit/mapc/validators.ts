/**
 * The payload and settings validators, compiled ahead of time with ajv's standalone mode into
 * one ES module, so that delivering events never compiles a schema.
 *
 * Formats: ajv inlines the regular-expression ones (email, uuid…); mapc's own `date-like` comes
 * from the runtime (`formats` of "mapc/runtime"), the same function the checker uses.
 */
import { Ajv, _ } from 'ajv'
import standaloneModule from 'ajv/dist/standalone/index.js'
import { registerFormats } from '../ajv-formats.js'
import { AJV_OPTIONS } from '../ajv-options.js'
import type { DestinationIR } from '../../ir.js'
import { validatorName } from './action-module.js'
import { stringLiteral } from '../literals.js'

function untypedName(name: string): string {
  return `untyped_${name}`
}

// ajv ships CommonJS: under NodeNext its default export arrives as the module object.
type StandaloneCode = (ajv: Ajv, refsOrFunc?: Record<string, string>) => string
const standaloneCode: StandaloneCode =
  (standaloneModule as unknown as { default?: StandaloneCode }).default ?? (standaloneModule as unknown as StandaloneCode)

/** Keywords that only document; leaving them out keeps the validators small. */
const ANNOTATIONS = new Set(['title', 'description', '$schema', 'default', 'examples'])

/**
 * The validators as an ES module (`js`) with its declarations (`dts`), and as one TypeScript
 * module (`ts`) for a build that is compiled as TypeScript (the Segment target's): ajv's
 * standalone code is untyped JavaScript, so that module is not type-checked (`@ts-nocheck`) and
 * exports each validator again under its typed name. `runtime` is how the modules name mapc's
 * runtime, whose `formats` the code reads.
 */
export function emitValidators(destination: DestinationIR, runtime = 'mapc/runtime', form: 'javascript' | 'typescript' = 'javascript'): { js: string; dts: string } | { ts: string } {
  const ajv = new Ajv({
    ...AJV_OPTIONS,
    // Checked by checkSchema below, which does not compile the meta-schema for every build.
    validateSchema: false,
    code: { source: true, esm: true, lines: true, formats: _`runtimeFormats` }
  })
  // The date-like function is only a placeholder here: the standalone code reads runtimeFormats.
  registerFormats(ajv, () => true)
  const exports: Record<string, string> = {}
  ajv.addSchema(checkSchema(stripAnnotations(destination.settingsSchema), 'settings'), 'settings')
  exports.validate_settings = 'settings'
  for (const action of destination.actions) {
    ajv.addSchema(checkSchema(stripAnnotations(action.payloadSchema), `${action.name} payload`), `payload_${action.name}`)
    exports[validatorName(action.name)] = `payload_${action.name}`
  }
  const names = Object.keys(exports).sort()
  if (form === 'javascript') {
    const code = standaloneCode(ajv, exports).replace(/^"use strict";\n?/, '')
    const js = [`import { formats as runtimeFormats } from ${stringLiteral(runtime)}`, code].join('\n')
    const dts = [`import type { Validator } from ${stringLiteral(runtime)}`, ...names.map((n) => `export declare const ${n}: Validator`), ''].join('\n')
    return { js, dts }
  }
  const untyped = Object.fromEntries(Object.entries(exports).map(([name, id]) => [untypedName(name), id]))
  const ts = [
    "// @ts-nocheck: ajv's standalone validation code, untyped JavaScript; the validators are exported typed below.",
    `import { formats as runtimeFormats, type Validator } from ${stringLiteral(runtime)}`,
    standaloneCode(ajv, untyped).replace(/^"use strict";\n?/, ''),
    ...names.map((n) => `export const ${n}: Validator = ${untypedName(n)}`),
    ''
  ].join('\n')
  return { ts }
}

/**
 * Checking a schema against JSON Schema's meta-schema means compiling the meta-schema first, which
 * costs more than compiling a destination's own schemas; so one checker, made on first use, checks
 * the schemas of every build.
 */
let metaSchemaChecker: Ajv | undefined

function checkSchema(schema: unknown, what: string): object {
  metaSchemaChecker ??= new Ajv(AJV_OPTIONS)
  if (!metaSchemaChecker.validateSchema(schema as object)) {
    throw new Error(`the ${what} schema is not a valid JSON Schema: ${metaSchemaChecker.errorsText(metaSchemaChecker.errors)}`)
  }
  return schema as object
}

function stripAnnotations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(stripAnnotations)
  if (schema === null || typeof schema !== 'object') return schema
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(schema)) {
    if (ANNOTATIONS.has(key)) continue
    // `properties` maps names to schemas: its keys are data, not keywords.
    out[key] = key === 'properties' ? Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, stripAnnotations(v)])) : stripAnnotations(value)
  }
  return out
}
