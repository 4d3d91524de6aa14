/**
 * Payload step 3 of docs/language.md: which conversion of src/runtime/support.ts a field's value
 * gets before validation. The generated `coerce` and the interpreter's both come from here.
 */
import type { FieldIR } from '../ir.js'

export type Coercion = 'coerceToString' | 'coerceToNumber' | 'coerceToBoolean'

export function coercionOf(field: Pick<FieldIR, 'type' | 'multiple'>): Coercion | undefined {
  // Only scalars convert: not the items of a `multiple` field, not values inside objects.
  if (field.multiple) return undefined
  switch (field.type) {
    case 'string':
      return 'coerceToString'
    case 'number':
    case 'integer':
      return 'coerceToNumber'
    case 'boolean':
      return 'coerceToBoolean'
    default:
      return undefined
  }
}
