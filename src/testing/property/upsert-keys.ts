/**
 * The key-matching invariant: an upsert whose primary key is written in the `.map` as a literal
 * (`upsert record "people" by "email_addresses" with { … }`) sends values that carry that key
 * with a present value (not absent, null or ""): without it the API has nothing to match on and
 * creates a duplicate or fails. Keys given by fields (Attio's assertRecord) are the user's
 * choice at run time, so keeping them in the values is the user's part and is not checked.
 */
import type { Observation } from '../../compiler/interpret/interpret.js'
import { locOf } from '../../runtime/contract.js'

export interface UpsertKeyCheck {
  /** Upserts checked so far. */
  checked: number
  /** Returns the violation an observation shows, if any. */
  observe(observation: Observation): string | undefined
}

export function upsertKeyCheck(): UpsertKeyCheck {
  const check: UpsertKeyCheck = {
    checked: 0,
    observe(observation) {
      if (observation.kind !== 'upsert') return undefined
      const { declaration, step, args } = observation
      const keyArgument = step.args[1]
      if (keyArgument?.kind !== 'literal' || typeof keyArgument.value !== 'string') return undefined
      const key = keyArgument.value
      const valuesParam = declaration.params[declaration.params.length - 1] as string
      const values = args.get(valuesParam)
      check.checked++
      const loc = locOf(step.source)
      const object = args.get(declaration.params[0] as string)
      const where = `upsert ${declaration.name} ${JSON.stringify(object) ?? 'nothing'} by ${JSON.stringify(key)} at ${loc.file}:${loc.line}:${loc.column}`
      if (values === null || typeof values !== 'object' || Array.isArray(values)) return `${where} sends ${describe(values)} as its values, not an object carrying ${JSON.stringify(key)}`
      if (!Object.prototype.hasOwnProperty.call(values, key) || (values as Record<string, unknown>)[key] === undefined) {
        return `${where} sends values without ${JSON.stringify(key)}`
      }
      const value = (values as Record<string, unknown>)[key]
      if (value === null || value === '') return `${where} sends ${JSON.stringify(key)}: ${JSON.stringify(value)}, which matches nothing`
      return undefined
    }
  }
  return check
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing'
  return Array.isArray(value) ? 'an array' : JSON.stringify(value)
}
