/**
 * `mapc run` end to end: the real CLI in a child process, the bundled destinations built by
 * `mapc build`, and the real emulators on loopback, whose state is what the tests assert.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { runMapc, writeText } from '../support/cli-process.js'
import { CREDENTIALS, ndjson, startRunSuite, T, writeConfig, type RunSuite } from './run-support.js'

let suite: RunSuite
beforeAll(async () => {
  suite = await startRunSuite('mapc-run')
}, 120_000)
afterAll(() => suite.stop())
beforeEach(() => suite.reset())

interface Json {
  [key: string]: any
}

async function run(config: string, events: readonly unknown[], extra: string[] = [], env: Record<string, string> = {}) {
  const input = writeText(join(suite.dir, `${config}.ndjson`), ndjson(events))
  const deadLetters = join(suite.dir, `${config}.dead.ndjson`)
  writeText(deadLetters, '')
  const result = await runMapc(['run', '--config', join(suite.dir, config), '--input', input, '--dead-letter', deadLetters, '--json', '--quiet', ...extra], { env: suite.env(env) })
  const lines = result.stdout.trim().split('\n')
  const summary = JSON.parse(lines[lines.length - 1] as string) as Json
  const letters = readFileSync(deadLetters, 'utf8').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Json)
  return { ...result, summary, letters, deadLetters, input, raw: readFileSync(deadLetters, 'utf8') }
}

const state = (api: keyof RunSuite['emulators']): Json => suite.emulators[api].emulator.state() as Json

const identify = (messageId: string, userId: string, email: string) => ({ type: 'identify', messageId, userId, traits: { email, name: 'Ada Lovelace' }, ...T })

describe('mapc run delivers to the emulators', () => {
  test('two Identify calls with the same email and different user ids give one Person linked to two Users, in Attio and in Matilda', async () => {
    writeConfig(suite, 'identify.yaml', [{ api: 'attio' }, { api: 'matilda' }])
    const result = await run('identify.yaml', [identify('m1', 'u1', 'ada@example.com'), identify('m2', 'u2', 'ada@example.com')])
    expect(result.stderr).not.toContain('Error')
    expect(result.code).toBe(0)
    expect(result.summary.lines).toEqual({ read: 2, delivered: 2, skipped: 0, deadLettered: 0, firedNothing: 0, blank: 0 })

    const attio = state('attio').objects
    expect(attio.people).toHaveLength(1)
    expect(attio.people[0].values.email_addresses).toEqual(['ada@example.com'])
    expect(attio.users.map((u: Json) => u.values.user_id).sort()).toEqual(['u1', 'u2'])
    for (const user of attio.users) expect(user.values.person).toMatchObject({ target_object: 'people', target_record_id: attio.people[0].id.record_id })

    const matilda = state('matilda').objects
    expect(matilda.people).toHaveLength(1)
    expect(matilda.users.map((u: Json) => u.values.external_id).sort()).toEqual(['u1', 'u2'])
    for (const user of matilda.users) expect(user.values.person_id).toBe(matilda.people[0].id)
  })

  test('a Group without a domain leaves Matilda untouched and is counted as skipped, with the reason', async () => {
    writeConfig(suite, 'group-no-domain.yaml', [{ api: 'matilda' }])
    const result = await run('group-no-domain.yaml', [{ type: 'group', messageId: 'g1', userId: 'u1', groupId: 'grp_1', traits: { name: 'No domain' }, ...T }])
    expect(result.code).toBe(0)
    expect(result.summary.lines).toMatchObject({ read: 1, skipped: 1, delivered: 0, deadLettered: 0 })
    expect(result.summary.deliveries).toEqual([
      expect.objectContaining({ destination: 'matilda', action: 'group', skipped: 1, skippedBy: { 'no domain: Matilda ignores workspace and company updates for Group calls without a domain': 1 } })
    ])
    expect(state('matilda').requests.total).toBe(0)
    expect(state('matilda').objects).toEqual({ people: [], users: [], companies: [], workspaces: [] })
  })

  test("Attio's Group Workspace links the Workspace to the Company record id the emulator returned (one event at a time, and in a batch)", async () => {
    const single = '    subscriptions:\n      - trigger: type = "group"\n        action: groupWorkspace\n        mapping:\n          enable_batching: "false"\n'
    writeConfig(suite, 'group-single.yaml', [{ api: 'attio', extra: single }])
    const group = { type: 'group', messageId: 'g1', userId: 'u1', groupId: 'grp_acme', traits: { website: 'acme.com' }, ...T }
    const result = await run('group-single.yaml', [group])
    expect(result.code).toBe(0)
    let attio = state('attio')
    // Two requests, the second built from the first's answer.
    expect(attio.requests.byStatus).toEqual({ '200': 2 })
    expect(attio.objects.workspaces[0].values.company).toEqual({ target_object: 'companies', target_record_id: attio.objects.companies[0].id.record_id })

    suite.reset()
    const batched = '    subscriptions:\n      - trigger: type = "group"\n        action: groupWorkspace\n        batch: { maxAgeMs: 50 }\n'
    writeConfig(suite, 'group-batch.yaml', [{ api: 'attio', extra: batched }])
    expect((await run('group-batch.yaml', [group])).code).toBe(0)
    attio = state('attio')
    expect(attio.requests.byStatus).toEqual({ '200': 1 })
    expect(attio.objects.companies[0].values.domains).toEqual(['acme.com'])
    expect(attio.objects.workspaces[0].values.company).toEqual({ target_object: 'companies', target_record_id: attio.objects.companies[0].id.record_id })
  })

  test('Schematic stores the snake_cased event name, with the name as sent as a trait', async () => {
    writeConfig(suite, 'schematic.yaml', [{ api: 'schematic' }])
    const result = await run('schematic.yaml', [{ type: 'track', messageId: 't1', userId: 'u1', event: 'Order Completed', properties: { total: 3 }, ...T }])
    expect(result.code).toBe(0)
    const events = state('schematic').events
    expect(events).toHaveLength(1)
    expect(events[0]).toMatchObject({ type: 'track', event: 'order_completed', body: { traits: { raw_event_name: 'Order Completed' }, user: { userId: 'u1' } } })
  })

  test('a wrong API key is a 401: the events are dead-lettered with AUTHENTICATION, never the key; a re-run on the dead letters retries exactly those', async () => {
    writeConfig(suite, 'auth.yaml', [{ api: 'schematic' }, { api: 'matilda' }])
    const wrongKey = 'mk_wrong_key_5678'
    const events = [
      { type: 'track', messageId: 't1', userId: 'u1', event: 'Signed Up', properties: {}, context: { traits: { email: 'ada@example.com' } }, ...T },
      { type: 'track', messageId: 't2', userId: 'u2', event: 'Signed Up', properties: {}, context: { traits: { email: 'bob@example.com' } }, ...T }
    ]
    const result = await run('auth.yaml', events, [], { MATILDA_API_KEY: wrongKey })
    expect(result.code).toBe(1)
    expect(result.summary.lines).toMatchObject({ read: 2, deadLettered: 2 })
    expect(result.letters).toHaveLength(2)
    for (const letter of result.letters) {
      expect(letter).toMatchObject({ mapcDeadLetter: 1, code: 'AUTHENTICATION', destination: 'matilda', action: 'track', subscription: 'Track', attempts: 1, retryable: false })
      expect(letter.error.status).toBe(401)
    }
    expect(result.letters.map((l) => l.event.messageId).sort()).toEqual(['t1', 't2'])
    expect(result.raw).not.toContain(wrongKey)
    expect(result.stdout + result.stderr).not.toContain(wrongKey)
    expect(state('matilda').activities).toEqual([])
    expect(state('matilda').requests.byStatus).toEqual({ '401': 2 })
    expect(state('schematic').events).toHaveLength(2)

    // Fixed key, the dead letters as input: Matilda gets them, Schematic (which had them) nothing more.
    const retried = await runMapc(['run', '--config', join(suite.dir, 'auth.yaml'), '--input', result.deadLetters, '--dead-letter', join(suite.dir, 'auth.dead2.ndjson'), '--json', '--quiet'], { env: suite.env() })
    expect(retried.code).toBe(0)
    expect(JSON.parse(retried.stdout.trim()).lines).toMatchObject({ read: 2, delivered: 2 })
    expect(state('matilda').activities.map((a: Json) => a.user.external_id).sort()).toEqual(['u1', 'u2'])
    expect(state('schematic').events).toHaveLength(2)
  })

  test('--dry-run prints each request with secrets redacted and sends nothing', async () => {
    writeConfig(suite, 'dry.yaml', [{ api: 'schematic' }, { api: 'attio' }])
    const input = writeText(join(suite.dir, 'dry.ndjson'), ndjson([identify('m1', 'u1', 'ada@example.com'), { type: 'track', messageId: 't1', userId: 'u1', event: 'Signed Up', properties: {}, ...T }]))
    const result = await runMapc(['run', '--config', join(suite.dir, 'dry.yaml'), '--input', input, '--dry-run', '--quiet'], { env: suite.env() })
    expect(result.code).toBe(0)
    expect(result.stdout).toContain(`→ schematic  POST ${suite.emulators.schematic.url}/e`)
    expect(result.stdout).toContain(`→ attio  PUT ${suite.emulators.attio.url}/v2/objects/people/records/simple?matching_attribute=email_addresses&append_to_existing_values=true`)
    expect(result.stdout).toContain('authorization: Bearer [REDACTED]')
    expect(result.stdout).toContain('"api_key":"[REDACTED]"')
    expect(result.stdout).not.toContain(CREDENTIALS.schematic)
    expect(result.stdout).not.toContain(CREDENTIALS.attio)
    expect(result.stdout).toContain('dry run: nothing was sent')
    for (const api of ['attio', 'schematic'] as const) expect(state(api).requests.total).toBe(0)
  })

  test('an endpoint override that is not a bare origin stops the start with a located message (exit 2)', async () => {
    writeConfig(suite, 'endpoint.yaml', [{ api: 'schematic' }])
    const input = writeText(join(suite.dir, 'none.ndjson'), '')
    const result = await runMapc(['run', '--config', join(suite.dir, 'endpoint.yaml'), '--input', input], { env: suite.env({ SCHEMATIC_ENDPOINT: 'http://user:pw@127.0.0.1:9' }) })
    expect(result.code).toBe(2)
    expect(result.stderr).toBe(
      `mapc run: ${join(suite.dir, 'endpoint.yaml')}:7:15 destinations[0].endpoint: schematic: the endpoint override must not carry credentials (user:password@): they belong in the settings, where they are redacted\n`
    )
  })
})
