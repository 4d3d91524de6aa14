/**
 * `failures`/`failed`/`keys` over real HTTP, for the generated modules and the interpreter alike:
 * a loopback API answers a batch with mixed results — failures by index, by the email an item
 * sent, counts — and each event's outcome is the one its item was given: delivered, failed, or
 * retried when the answer names no item. Every event gets exactly one result.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { compileText } from '../../../src/compiler/compile.js'
import { buildAndLoad } from '../../../src/compiler/emit/mapc/write-output.js'
import { interpretDestination } from '../../../src/compiler/interpret/interpret.js'
import type { CompiledDestination } from '../../../src/runtime/contract.js'
import type { DeliveryResult } from '../../../src/runtime/delivery/results.js'
import { ItemRejectedError } from '../../../src/runtime/errors/index.js'
import { createRuntime } from '../../../src/runtime/runtime.js'
import { loadConfigurationCompiler } from '../../../src/runtime/configuration-compiler.js'
import { routes, useApiServer, type ReceivedRequest, type Reply } from './support/api-server.js'
import { FAST_HTTP } from './support/runtime-setup.js'

await loadConfigurationCompiler()

const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url))
const ORIGIN = 'https://api.bulk.test'
const API_KEY = 'bk_test_Secret/Key+9'

const server = useApiServer()
const built: { root?: string; mapFile?: string; lines?: string[]; generated?: CompiledDestination; interpreted?: CompiledDestination } = {}

beforeAll(async () => {
  mkdirSync(resolve('.tmp'), { recursive: true })
  const root = mkdtempSync(resolve('.tmp', 'batch-failures-'))
  const mapFile = relative(process.cwd(), join(root, 'bulk.map'))
  const retarget = (text: string) => text.replaceAll(ORIGIN, server.origin)
  const text = retarget(readFileSync(join(FIXTURES, 'bulk.map'), 'utf8'))
  writeFileSync(mapFile, text)
  mkdirSync(join(root, 'apis'))
  writeFileSync(join(root, 'apis', 'bulk.schema.json'), retarget(readFileSync(join(FIXTURES, 'apis', 'bulk.schema.json'), 'utf8')))
  const compiled = compileText(text, mapFile)
  if (!compiled.ir) throw new Error(compiled.diagnostics.map((d) => `${d.code} ${d.span.start.line}:${d.span.start.column} ${d.message}`).join('\n'))
  expect(compiled.diagnostics).toEqual([])
  Object.assign(built, {
    root,
    mapFile,
    lines: text.split('\n'),
    generated: (await buildAndLoad(compiled.ir, join(root, 'build'), '0.0.0-test')).destination,
    interpreted: interpretDestination(compiled.ir)
  })
})
afterAll(() => {
  if (built.root) rmSync(built.root, { recursive: true, force: true })
})

const lineOf = (text: string): number => (built.lines ?? []).findIndex((line) => line.includes(text)) + 1

function contacts(request: ReceivedRequest): { email: string; name?: string }[] {
  return (JSON.parse(request.body.toString('utf8')) as { contacts: { email: string }[] }).contacts
}

const identify = (id: string, traits: Record<string, unknown>) => ({ type: 'identify', messageId: id, userId: `u-${id}`, traits })

/** Sends the events through one batch of `action` and returns each event's result. */
async function deliver(destination: CompiledDestination, action: string, events: object[]): Promise<DeliveryResult[]> {
  const runtime = createRuntime(
    [{ destination, name: 'bulk', settings: { apiKey: API_KEY }, subscriptions: [{ name: 'contacts', trigger: 'type = "identify"', action, batch: { size: 10, maxAgeMs: 60_000 } }] }],
    { http: FAST_HTTP }
  )
  const sends = events.map((e) => runtime.send(e))
  await runtime.flush()
  const results = (await Promise.all(sends)).flat()
  await runtime.close()
  return results
}

type Outcome = [string | undefined, 'delivered' | 'failed' | 'retry' | 'skipped', string?]

function outcomes(results: DeliveryResult[]): Outcome[] {
  return results.map((r) => {
    if (r.status !== 'failed') return [r.messageId, r.status]
    return [r.messageId, r.error.retryable ? 'retry' : 'failed', r.error.message]
  })
}

const five = [
  identify('a', { email: 'a@x.test', name: 'A' }),
  identify('b', { email: 'b@x.test' }),
  identify('c', { email: 'c@x.test', name: 'C' }),
  identify('d', { email: 'a@x.test' }),
  identify('e', { email: 'e@x.test' })
]

describe.each(['generated', 'interpreted'] as const)('%s', (which) => {
  const destination = (): CompiledDestination => {
    const d = built[which]
    if (!d) throw new Error('built in beforeAll')
    return d
  }
  const at = (): string => `${built.mapFile}:${lineOf('    batch {')}:5`

  it('fails the items the answer names by index and by key, and delivers the others', async () => {
    const answer = (request: ReceivedRequest): Reply => {
      expect(contacts(request).map((c) => c.email)).toEqual(['a@x.test', 'b@x.test', 'c@x.test', 'a@x.test', 'e@x.test'])
      return {
        status: 207,
        body: {
          failed: 2,
          errors: [
            { batch_index: 2, code: 422, message: 'name is too long' },
            { email: 'a@x.test', code: 409, message: 'a contact with that email is being merged' }
          ]
        }
      }
    }
    server.handle(routes({ '/v1/contacts/import': answer }))
    expect(outcomes(await deliver(destination(), 'importContacts', five))).toEqual([
      ['a', 'failed', `${at()} batch item 0 rejected with status 409: a contact with that email is being merged`],
      ['b', 'delivered'],
      ['c', 'failed', `${at()} batch item 2 rejected with status 422: name is too long`],
      ['d', 'failed', `${at()} batch item 3 rejected with status 409: a contact with that email is being merged`],
      ['e', 'delivered']
    ])
    // One request, with the bytes the API schema describes and the key only in the header.
    expect(server.received).toHaveLength(1)
    const [request] = server.received
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`)
    expect(request?.body.toString('utf8')).toBe(
      '{"contacts":[{"email":"a@x.test","name":"A"},{"email":"b@x.test"},{"email":"c@x.test","name":"C"},{"email":"a@x.test"},{"email":"e@x.test"}]}'
    )
  })

  it('retries an item the answer calls rate-limited, and fails the one it rejects', async () => {
    server.handle(routes({ '/v1/contacts/import': () => ({ status: 200, body: { errors: [{ batch_index: 1, code: 429 }, { batch_index: '3', message: 'bad' }] } }) }))
    const results = await deliver(destination(), 'importContacts', five)
    expect(outcomes(results)).toEqual([
      ['a', 'delivered'],
      ['b', 'retry', `${at()} batch item 1 rejected with status 429`],
      ['c', 'delivered'],
      ['d', 'failed', `${at()} batch item 3 rejected with status 400: bad`],
      ['e', 'delivered']
    ])
  })

  it('retries every item it does not name when a failure names no item', async () => {
    server.handle(routes({ '/v1/contacts/import': () => ({ status: 207, body: { failed: 2, errors: [{ batch_index: 4, code: 422, message: 'bad' }, { message: 'something failed' }] } }) }))
    const results = await deliver(destination(), 'importContacts', five)
    const unattributed = (i: number) => `${at()} batch item ${i} not attributed, retried: the response reports failures it does not attribute to items (1 of its 2 failures names no item of the batch)`
    expect(outcomes(results)).toEqual([
      ['a', 'retry', unattributed(0)],
      ['b', 'retry', unattributed(1)],
      ['c', 'retry', unattributed(2)],
      ['d', 'retry', unattributed(3)],
      ['e', 'failed', `${at()} batch item 4 rejected with status 422: bad`]
    ])
    for (const r of results.slice(0, 4)) {
      expect(r.status === 'failed' && r.error instanceof ItemRejectedError && r.error.unattributed).toBe(true)
    }
  })

  it('retries every item when the answer counts more failures than it lists', async () => {
    server.handle(routes({ '/v1/contacts/import': () => ({ status: 200, body: { failed: 3, errors: [] } }) }))
    const results = await deliver(destination(), 'importContacts', five.slice(0, 2))
    expect(outcomes(results).map(([id, kind]) => [id, kind])).toEqual([
      ['a', 'retry'],
      ['b', 'retry']
    ])
  })

  it('reads a counts-only answer: none rejected is delivered, any rejected retries all', async () => {
    server.handle(routes({ '/v1/contacts/tally': () => ({ status: 200, body: { accepted: 3, rejected: 0 } }) }))
    expect(outcomes(await deliver(destination(), 'countContacts', five.slice(0, 3)))).toEqual([
      ['a', 'delivered'],
      ['b', 'delivered'],
      ['c', 'delivered']
    ])
    server.handle(routes({ '/v1/contacts/tally': () => ({ status: 200, body: { accepted: 2, rejected: 1 } }) }))
    const results = await deliver(destination(), 'countContacts', five.slice(0, 3))
    expect(outcomes(results).map(([id, kind]) => [id, kind])).toEqual([
      ['a', 'retry'],
      ['b', 'retry'],
      ['c', 'retry']
    ])
  })

  it('never reports a batch the API refused as delivered', async () => {
    server.handle(routes({ '/v1/contacts/import': () => ({ status: 400, body: { errors: [] } }) }))
    const results = await deliver(destination(), 'importContacts', five.slice(0, 2))
    expect(results.map((r) => r.status)).toEqual(['failed', 'failed'])
  })
})
