/** The key-matching invariant, on the interpreter's observations of real upserts. */
import { describe, expect, it } from 'vitest'
import { upsertKeyCheck } from '../../../src/testing/property/upsert-keys.js'
import { event } from '../../support/harness.js'
import { observedRun } from './observed-run.js'
import { compileWithApi, permissiveApi } from './support.js'

const text = `destination keys {
  title "Keys"
  accepts identify
  auth none { }
  upsert record(object, key, secondary, values) PUT \`https://api.keys.test/{object}\` {
    json { key: key, secondary: secondary, values: values }
  }
  action byLiteral {
    title "By literal"
    trigger type = "identify"
    field attrs: object keyvalue { label "Attributes"  default $.traits }
    perform { upsert record "people" by "email", "external_id" with attrs }
  }
  action byField {
    title "By field"
    trigger type = "identify"
    field key: string required { label "Key"  default "email" }
    field attrs: object keyvalue { label "Attributes"  default $.traits }
    perform { upsert record "people" by key with attrs }
  }
}
`
const ir = compileWithApi(text, permissiveApi({ 'PUT https://api.keys.test/{object}': undefined }))

async function check(action: string, traits: unknown): Promise<{ violations: string[]; checked: number }> {
  const { observations } = await observedRun(ir, action, event('identify', { userId: 'u1', traits }))
  const keys = upsertKeyCheck()
  return { violations: observations.map((o) => keys.observe(o)).filter((v): v is string => v !== undefined), checked: keys.checked }
}

const at = 'upsert record "people" by "email" at test/testing/property/inline.map:12:15'

describe('upserts on a literal primary key', () => {
  it('hold when the values carry the key with a value', async () => {
    expect(await check('byLiteral', { email: 'kim@example.com' })).toEqual({ violations: [], checked: 1 })
    // The secondary key is optional: Matilda tells records apart with it only when it is there.
    expect(await check('byLiteral', { email: 'kim@example.com', name: 'Kim' })).toEqual({ violations: [], checked: 1 })
  })

  it.each([
    [{ name: 'Kim' }, `${at} sends values without "email"`],
    [{ email: null }, `${at} sends "email": null, which matches nothing`],
    [{ email: '' }, `${at} sends "email": "", which matches nothing`]
  ])('break when the values are %j', async (traits, violation) => {
    expect(await check('byLiteral', traits)).toEqual({ violations: [violation], checked: 1 })
  })

  it('break when there are no values at all', async () => {
    // An Identify without traits: the attrs field is absent, and so are the values.
    expect((await check('byLiteral', undefined)).violations).toEqual([`${at} sends nothing as its values, not an object carrying "email"`])
  })
})

describe('upserts on a key given by a field', () => {
  it('are the user’s to keep and are not checked', async () => {
    expect(await check('byField', { name: 'Kim' })).toEqual({ violations: [], checked: 0 })
  })
})
