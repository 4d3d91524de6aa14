/**
 * "You can send computed traits and audiences generated using Engage to this destination as a
 * user property." (the Schematic and Matilda seeds, "Engage")
 *
 * Engage sends an identify per user added to or removed from an audience: `context.personas`
 * names the computation and the trait `<computation_key>` is true or false. With the default
 * mappings that one trait reaches Schematic as a user trait and Matilda as an attribute of the
 * User; identifies without `context.personas` send what they sent before.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CompiledDestination, SegmentEvent } from '../../src/runtime/contract.js'
import { buildAndLoad, compileMap, removeBuilds } from '../support/build-destination.js'
import { event, runOne } from '../support/harness.js'

const SUITE = 'engage-audiences'
let schematic: CompiledDestination
let matilda: CompiledDestination

beforeAll(async () => {
  schematic = (await buildAndLoad(compileMap('mappings/schematic.map'), `${SUITE}-schematic`)).destination
  matilda = (await buildAndLoad(compileMap('mappings/matilda.map'), `${SUITE}-matilda`)).destination
}, 60_000)

afterAll(() => {
  removeBuilds(`${SUITE}-schematic`)
  removeBuilds(`${SUITE}-matilda`)
})

const AUDIENCE = 'order_completed_last_30days'

/** An identify as Engage sends it for an audience sync (the shape of Segment's Engage docs). */
function engageIdentify(userId: string, member: boolean, email = `${userId}@example.com`): SegmentEvent {
  return event('identify', {
    userId,
    traits: { [AUDIENCE]: member, email },
    context: {
      library: { name: 'unknown', version: 'unknown' },
      personas: {
        computation_class: 'audience',
        computation_id: 'aud_2Qv9cS1kX3',
        computation_key: AUDIENCE,
        namespace: 'spa_8d1fQ2',
        space_id: 'spa_8d1fQ2'
      }
    },
    integrations: { All: false, 'Schematic (Actions)': true, 'Matilda (Actions)': true }
  })
}

const created = (id: string) => ({ status: 201, body: { data: { id, object: 'x', created: true } } })

async function schematicTraits(identify: SegmentEvent): Promise<unknown> {
  const { requests, result } = await runOne(schematic, 'identifyUser', { ...identify, context: { ...(identify.context as object), groupId: 'grp_1' } }, { settings: { apiKey: 'sk_test_engage' } })
  expect(result.status).toBe('delivered')
  return (requests[0]?.body as { body: { traits?: unknown } }).body.traits
}

async function matildaUserValues(identify: SegmentEvent): Promise<unknown> {
  const { requests, result } = await runOne(matilda, 'identify', identify, { settings: { apiKey: 'mk_test_engage' }, responses: [created('per_1'), created('usr_1')] })
  expect(result.status).toBe('delivered')
  return (requests[1]?.body as { values: unknown }).values
}

describe('Schematic: audience membership as a user trait', () => {
  it('an addition sends <computation_key>: true', async () => {
    expect(await schematicTraits(engageIdentify('usr_1', true))).toEqual({ [AUDIENCE]: true })
  })

  it('a removal sends <computation_key>: false', async () => {
    expect(await schematicTraits(engageIdentify('usr_1', false))).toEqual({ [AUDIENCE]: false })
  })

  it('a computed trait travels the same way', async () => {
    const identify = engageIdentify('usr_1', true)
    const personas = { ...((identify.context as { personas: object }).personas), computation_class: 'trait', computation_key: 'lifetime_value' }
    const traits = { lifetime_value: 1249.5, email: 'usr_1@example.com' }
    expect(await schematicTraits({ ...identify, traits, context: { ...(identify.context as object), personas } })).toEqual({ lifetime_value: 1249.5 })
  })

  it('an identify without context.personas sends no traits, as before', async () => {
    expect(await schematicTraits(event('identify', { userId: 'usr_1', traits: { [AUDIENCE]: true } }))).toBeUndefined()
  })
})

describe('Matilda: audience membership as a User attribute', () => {
  it('an addition sets <computation_key>: true on the User', async () => {
    expect(await matildaUserValues(engageIdentify('usr_1', true))).toEqual({ email: 'usr_1@example.com', external_id: 'usr_1', person_id: 'per_1', [AUDIENCE]: true })
  })

  it('a removal sets it to false', async () => {
    expect(await matildaUserValues(engageIdentify('usr_1', false))).toEqual({ email: 'usr_1@example.com', external_id: 'usr_1', person_id: 'per_1', [AUDIENCE]: false })
  })

  it('an identify without context.personas sets no attribute, as before', async () => {
    const identify = event('identify', { userId: 'usr_1', traits: { email: 'usr_1@example.com', [AUDIENCE]: true } })
    expect(await matildaUserValues(identify)).toEqual({ email: 'usr_1@example.com', external_id: 'usr_1', person_id: 'per_1' })
  })
})

describe('"When you first create an audience, Engage sends an Identify call for every user in that audience"', () => {
  it('the first sync: every member of a 25-user audience reaches both destinations as a member', async () => {
    const members = Array.from({ length: 25 }, (_, i) => engageIdentify(`usr_${String(i).padStart(3, '0')}`, true))
    for (const identify of members) {
      expect(await schematicTraits(identify)).toEqual({ [AUDIENCE]: true })
      expect(await matildaUserValues(identify)).toMatchObject({ external_id: identify.userId, [AUDIENCE]: true })
    }
  })

  it('a later sync sends only the changed memberships, and each is applied as it is', async () => {
    const changes = [engageIdentify('usr_003', false), engageIdentify('usr_040', true)]
    expect(await Promise.all(changes.map(schematicTraits))).toEqual([{ [AUDIENCE]: false }, { [AUDIENCE]: true }])
  })
})
