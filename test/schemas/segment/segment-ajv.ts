/**
 * ajv as the tests use it: strict mode, ajv-formats, mapc's annotation keyword, every Segment
 * schema document registered so that `$ref`s between them resolve.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import formats from 'ajv-formats'
import {
  eventTypes,
  mapcSchemaKeywords,
  segmentSchemaDocuments,
  segmentSchemaId,
  type EventType
} from '../../../src/schemas/segment/index.js'

// ajv-formats is CommonJS: under NodeNext its default export arrives as the module object.
const addFormats = formats.default

export interface AjvChoices {
  /** Strict mode (default): unknown keywords and ambiguous types are errors. */
  strict?: boolean
  /** Put the offending value in each error (`error.data`). */
  verbose?: boolean
}

export function createAjv(choices: AjvChoices = {}): Ajv {
  const ajv = new Ajv({ strict: choices.strict ?? true, verbose: choices.verbose ?? false, allErrors: true })
  addFormats(ajv)
  for (const keyword of mapcSchemaKeywords) ajv.addKeyword(keyword)
  return ajv
}

export function createSegmentAjv(choices: AjvChoices = {}): Ajv {
  const ajv = createAjv(choices)
  for (const document of segmentSchemaDocuments.values()) ajv.addSchema(document)
  return ajv
}

/** The validator of each call type's schema document (references resolved by ajv). */
export function documentValidators(ajv: Ajv = createSegmentAjv()): Record<EventType, ValidateFunction> {
  return Object.fromEntries(
    eventTypes.map((type) => {
      const validate = ajv.getSchema(segmentSchemaId(type))
      if (validate === undefined) throw new Error(`no schema ${segmentSchemaId(type)}`)
      return [type, validate]
    })
  ) as Record<EventType, ValidateFunction>
}

/**
 * `/traits/email format`, `/ required groupId`: one line per error, enough to tell errors apart
 * and stable across ajv versions (its messages are not).
 */
export function describeErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  const lines = (errors ?? []).map((error) => {
    const where = `${error.instancePath || '/'} ${error.keyword}`
    return error.keyword === 'required' ? `${where} ${String(error.params.missingProperty)}` : where
  })
  return [...new Set(lines)].sort()
}

/** ajv's validators are type guards; a plain boolean keeps TypeScript from narrowing the value to never. */
export function isValid(validate: ValidateFunction, value: unknown): boolean {
  return validate(value) === true
}
