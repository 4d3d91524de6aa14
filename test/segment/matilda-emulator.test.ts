/**
 * Matilda built with `--target segment`, run by actions-core's own Destination against mapc's
 * Matilda emulator over loopback (actions-core's fetch forwards each request from Matilda's
 * origin to the emulator's): what the emulator holds afterwards, and what actions-core reports.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startEmulator, type ServedEmulator } from '../../src/emulators/index.js'
import { PayloadValidationError } from '../../src/runtime/errors/index.js'
import { compileMap, removeBuilds } from '../support/build-destination.js'
import { actionsCore, stubFetch, type CoreDestination, type WireRequest } from './support/actions-core.js'
import { buildSegment, type BuiltSegment } from './support/build-segment.js'
import { asMapcClass } from './support/carried-errors.js'
import { subscriptionMapping } from './support/segment-replay.js'

const SUITE = 'segment-matilda'
const KEY = 'matilda-key-0123456789'
let matilda: ServedEmulator
let built: BuiltSegment
let destination: CoreDestination
let sent: WireRequest[]
let restore: () => void

interface Record_ {
  id: string
  values: Record<string, unknown>
}
interface State {
  objects: Record<'people' | 'users' | 'companies' | 'workspaces', Record_[]>
  activities: { event: string; user: Record<string, unknown>; attributes: Record<string, unknown>; user_record_id: string | null }[]
}

beforeAll(async () => {
  matilda = await startEmulator('matilda', { credential: KEY, port: 0, host: '127.0.0.1' })
  built = await buildSegment(compileMap('mappings/matilda.map'), SUITE)
  destination = new actionsCore.Destination(built.definition)
  const stub = stubFetch(() => ({ forward: matilda.url }))
  sent = stub.sent
  restore = stub.restore
}, 120_000)

afterAll(async () => {
  restore()
  await matilda.stop()
  removeBuilds(SUITE)
})

beforeEach(() => {
  matilda.emulator.reset()
  sent.length = 0
})

const state = (): State => matilda.emulator.state() as unknown as State
const mapping = (action: string): Record<string, unknown> => subscriptionMapping(built.definition, action, {}, true)
const settings = { apiKey: KEY }

function event(type: string, extra: Record<string, unknown>): Record<string, unknown> {
  return { type, messageId: `m-${Math.random()}`, timestamp: '2024-05-24T10:00:00.000Z', receivedAt: '2024-05-24T10:00:01.000Z', ...extra }
}

describe('Matilda under actions-core against the emulator', () => {
  it('an identify creates the Person, then the User linked to it, with the x-api-key header from extendRequest', async () => {
    await destination.executeAction('identify', { event: event('identify', { userId: 'usr_9', traits: { email: 'kim@example.com' } }), mapping: mapping('identify'), settings })
    const { people, users } = state().objects
    expect(people).toHaveLength(1)
    expect(people[0]?.values).toMatchObject({ email: 'kim@example.com' })
    expect(users).toHaveLength(1)
    expect(users[0]?.values).toMatchObject({ email: 'kim@example.com', external_id: 'usr_9', person_id: people[0]?.id })
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['PUT https://api.matilda.io/v1/objects/people/records', 'PUT https://api.matilda.io/v1/objects/users/records'])
    expect(sent.every((r) => r.headers['x-api-key'] === KEY)).toBe(true)
  })

  it("an Engage audience identify sends its computed trait as a User attribute (the from_json default, computed in perform)", async () => {
    const audience = event('identify', { userId: 'usr_5', traits: { email: 'ada@example.com', power_users: true }, context: { personas: { computation_key: 'power_users' } } })
    await destination.executeAction('identify', { event: audience, mapping: mapping('identify'), settings })
    expect(state().objects.users[0]?.values).toMatchObject({ external_id: 'usr_5', power_users: true })
  })

  it('a subscription that maps user_attributes itself gets its mapping, not the computed default', async () => {
    const audience = event('identify', { userId: 'usr_5', traits: { email: 'ada@example.com', power_users: true, plan: 'pro' }, context: { personas: { computation_key: 'power_users' } } })
    const own = subscriptionMapping(built.definition, 'identify', { user_attributes: { plan: { '@path': '$.traits.plan' } } }, true)
    await destination.executeAction('identify', { event: audience, mapping: own, settings })
    const values = state().objects.users[0]?.values ?? {}
    expect(values).toMatchObject({ plan: 'pro' })
    expect(values).not.toHaveProperty('power_users')
  })

  it('an identify without an email fails actions-core validation and sends nothing', async () => {
    await expect(destination.executeAction('identify', { event: event('identify', { userId: 'u', traits: {} }), mapping: mapping('identify'), settings })).rejects.toThrow(/email/)
    expect(sent).toHaveLength(0)
    expect(state().objects.people).toHaveLength(0)
  })

  it('a group creates the Company and the Workspace linked to it; one without a domain is skipped by the rule, with its reason', async () => {
    await destination.executeAction('group', { event: event('group', { groupId: 'grp_1', traits: { domain: 'acme.com' } }), mapping: mapping('group'), settings })
    const { companies, workspaces } = state().objects
    expect(companies[0]?.values).toMatchObject({ domain: 'acme.com' })
    expect(workspaces[0]?.values).toMatchObject({ domain: 'acme.com', external_id: 'grp_1', company_id: companies[0]?.id })
    sent.length = 0
    const output = (await destination.executeAction('group', { event: event('group', { groupId: 'grp_2', traits: { name: 'No Domain' } }), mapping: mapping('group'), settings })) as { data?: unknown }[]
    expect(output.at(-1)?.data).toMatchObject({ skipped: expect.stringContaining('no domain'), location: { file: 'mappings/matilda.map' } })
    expect(sent).toHaveLength(0)
  })

  it('a track batch goes out as one request; the emulator answers per activity, and an event mapc rejects fails alone', async () => {
    await destination.executeAction('identify', { event: event('identify', { userId: 'usr_1', traits: { email: 'a@example.com' } }), mapping: mapping('identify'), settings })
    sent.length = 0
    const events = [
      event('track', { event: 'Signed Up', userId: 'usr_1', properties: { plan: 'pro' } }),
      event('track', { event: '', userId: 'usr_1' }),
      event('track', { event: 'Anonymous', anonymousId: 'anon' }),
      event('track', { event: 'Second', userId: 'usr_1' })
    ]
    const statuses = (await destination.executeBatch('track', { events, mapping: mapping('track'), settings })) as { status: number; errortype?: string; errormessage?: string }[]
    expect(statuses.map((s) => s.status)).toEqual([201, 400, 400, 201])
    expect(statuses[1]).toMatchObject({ errortype: 'PAYLOAD_VALIDATION_FAILED', errormessage: expect.stringContaining('is empty') })
    expect(statuses[2]?.errormessage).toContain('an email address is needed')
    expect(sent.map((r) => `${r.method} ${r.url}`)).toEqual(['POST https://api.matilda.io/v1/activities/batch'])
    const { activities } = state()
    expect(activities.map((a) => a.event)).toEqual(['Signed Up', 'Second'])
    expect(activities[0]).toMatchObject({ attributes: { plan: 'pro' }, user_record_id: state().objects.users[0]?.id })
  })

  it('a track with an impossible date fails mapc validation in perform (stricter than actions-core) before anything is sent', async () => {
    const error = await destination.executeAction('track', { event: event('track', { event: 'X', userId: 'u', timestamp: '2024-02-30T10:00:00Z' }), mapping: mapping('track'), settings }).catch((e: unknown) => asMapcClass(e))
    expect(error).toBeInstanceOf(PayloadValidationError)
    expect((error as PayloadValidationError).issues.map((i) => i.field)).toEqual(['timestamp'])
    expect(sent).toHaveLength(0)
  })

  it("testAuthentication sends the .map's auth test with the key, and a wrong key is the emulator's 401", async () => {
    await expect(destination.testAuthentication(settings, {})).resolves.not.toThrow()
    expect(sent.at(-1)).toMatchObject({ method: 'GET', url: 'https://api.matilda.io/v1/me', headers: { 'x-api-key': KEY } })
    await expect(destination.testAuthentication({ apiKey: 'wrong-key-000000' }, {})).rejects.toThrow()
  })
})
