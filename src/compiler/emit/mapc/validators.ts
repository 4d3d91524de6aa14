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

// ajv ships CommonJS: under NodeNext its default export arrives as the module object.
type StandaloneCode = (ajv: Ajv, refsOrFunc?: Record<string, string>) => string
const standaloneCode: StandaloneCode =
  (standaloneModule as unknown as { default?: StandaloneCode }).default ?? (standaloneModule as unknown as StandaloneCode)

/** Keywords that only document; leaving them out keeps the validators small. */
const ANNOTATIONS = new Set(['title', 'description', '$schema', 'default', 'examples'])

export function emitValidators(destination: DestinationIR): { js: string; dts: string } {
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
  const code = standaloneCode(ajv, exports)
  const js = [
    `import { formats as runtimeFormats } from "mapc/runtime"`,
    code.replace(/^"use strict";\n?/, '')
  ].join('\n')
  const names = Object.keys(exports).sort()
  const dts = ['import type { Validator } from "mapc/runtime"', ...names.map((n) => `export declare const ${n}: Validator`), ''].join('\n')
  return { js, dts }
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
