/**
 * `generated-types.ts` files as action-destinations has them: the destination's `Settings`, and
 * each action's `Payload` (with the hidden event field when the action has one), from the same
 * JSON Schemas the mapc target's types come from.
 */
import type { ActionIR, DestinationIR } from '../../ir.js'
import { compileOne } from '../types.js'
import { computedDefaults } from './field-definition.js'
import { EVENT_FIELD } from './reserved-names.js'

export async function settingsTypes(destination: DestinationIR, header: string): Promise<string> {
  return `${header}\n${await compileOne(destination.settingsSchema, 'Settings')}`
}

export async function payloadTypes(action: ActionIR, header: string): Promise<string> {
  const schema = action.payloadSchema as { properties?: Record<string, unknown> }
  const withEvent =
    computedDefaults(action.fields).length > 0
      ? { ...schema, properties: { ...schema.properties, [EVENT_FIELD]: { type: 'object', description: 'The event, for the defaults computed in perform.' } } }
      : schema
  return `${header}\n${await compileOne(withEvent, 'Payload')}`
}
