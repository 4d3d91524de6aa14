/**
 * The JavaScript `emitExpr` writes for one expression, byte for byte, where what it may leave out
 * depends on scope: a loop variable over `batch` is a validated payload, a loop variable of the
 * same name over anything else is not (test/emit/run-time-guarantees.test.ts runs such code).
 */
import { describe, expect, it } from 'vitest'
import { arrayType, objectType, stringType } from '../../src/compiler/check/types.js'
import { emitExpr, type EmitScope } from '../../src/compiler/emit/expressions.js'
import { typedExpression } from '../check/support/typed-expression.js'

const scope: EmitScope = { event: 'e', payload: 'p', ctx: 'ctx', items: 'items', response: 'res', loc: () => 'L1_1' }
const batch = arrayType(objectType({ name: stringType, tags: arrayType(objectType({ name: stringType })) }))

describe('emitExpr in loops', () => {
  it('uses a field of a batch item as validated: present, so placed as is', () => {
    expect(emitExpr(typedExpression('[for x in batch: [x.name]]', { batch }), scope)).toBe('$.mapPresent(items, (v_x) => ([$.own(v_x, "name")]))')
  })

  it('does not carry that trust to an inner loop variable of the same name', () => {
    expect(emitExpr(typedExpression('[for x in batch: [for x in x.tags: [x.name]]]', { batch }), scope)).toBe(
      '$.mapPresent(items, (v_x) => ($.mapPresent($.own(v_x, "tags"), (v_x) => ($.present([$.own(v_x, "name")])))))'
    )
  })
})
