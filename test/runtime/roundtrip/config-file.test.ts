/**
 * createRuntimeFromConfig: a YAML file naming the generated module, with `${ENV}` secrets, mapc
 * and Segment mappings and batching, delivering over real HTTP; and each way such a file can be
 * wrong, reported at its line and column.
 */
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ConfigError, MappingError } from '../../../src/runtime/errors/index.js'
import { createRuntimeFromConfig } from '../../../src/runtime/runtime.js'
import { itemResults, routes, useApiServer } from './support/api-server.js'
import { useGeneratedCrm } from './support/generated-crm.js'
import { identifyEvent, trackEvent } from '../core/support/events.js'
import { rejectionOf } from '../core/support/thrown.js'

const server = useApiServer()
const crm = useGeneratedCrm(server)

const ENV = { CRM_API_KEY: 'sk_from_env_91ac' }

let written = 0
function configFile(...lines: string[]): string {
  const file = join(crm.root, `runtime-${written++}.yaml`)
  writeFileSync(file, `${lines.join('\n')}\n`)
  return file
}

const header = [
  'http:',
  '  timeoutMs: 2000',
  '  retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 }',
  'destinations:',
  '  - name: crm-from-config',
  '    module: ./build/crm',
  '    settings:',
  '      apiKey: ${CRM_API_KEY}'
]

function startError(file: string, env: Record<string, string> = ENV): Promise<Error> {
  return rejectionOf(createRuntimeFromConfig(file, env), Error)
}

describe('a runtime from a configuration file', () => {
  it('delivers with the secret from the environment, mapc and Segment mappings, and batching', async () => {
    server.handle(
      routes({
        '/v1/objects/contacts/records': () => ({ status: 200, body: { data: { id: 'r1' } } }),
        '/v1/contacts/*': () => ({ status: 201, body: {} }),
        '/v1/events/batch': (request) => itemResults(request)
      })
    )
    const file = configFile(
      ...header,
      '    subscriptions:',
      '      - name: contacts',
      '        trigger: type = "identify"',
      '        action: identifyContact',
      '        mapping:',
      '          name: upper($.traits.name)',
      '      - name: events',
      '        trigger: type = "track"',
      '        action: trackEvent',
      '        segmentMapping:',
      '          event_name: { "@template": "{{event}} ({{properties.currency}})" }',
      '          enable_batching: true',
      '        batch: { maxAgeMs: 10 }'
    )
    const runtime = await createRuntimeFromConfig(file, ENV)
    const [identified, tracked] = await Promise.all([runtime.send(identifyEvent()), runtime.send(trackEvent())])
    expect(identified).toEqual([{ destination: 'crm-from-config', action: 'identifyContact', subscription: 'contacts', messageId: 'msg-identify-1', status: 'delivered', requests: 2 }])
    expect(tracked).toEqual([{ destination: 'crm-from-config', action: 'trackEvent', subscription: 'events', messageId: 'msg-track-1', status: 'delivered', requests: 1 }])
    await runtime.close()
    expect(server.received.map((r) => r.headers.authorization)).toEqual(['Bearer sk_from_env_91ac', 'Bearer sk_from_env_91ac', 'Bearer sk_from_env_91ac'])
    expect(server.bodiesAt('/v1/objects/contacts/records')).toMatchObject([{ values: { name: 'ADA LOVELACE' } }])
    expect(server.bodiesAt('/v1/events/batch')).toMatchObject([{ events: [{ name: 'Order Completed (EUR)' }] }])
  })

  it('uses the presets when the file lists no subscriptions', async () => {
    server.handle(routes({ '/v1/events': () => ({ status: 200, body: {} }) }))
    const runtime = await createRuntimeFromConfig(configFile(...header), ENV)
    expect((await runtime.send(trackEvent()))[0]).toMatchObject({ subscription: 'Track Event', status: 'delivered' })
  })
})

describe('a configuration file that cannot run', () => {
  it('names an environment variable that is not set', async () => {
    const file = configFile(...header)
    const error = await startError(file, {})
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe(`${file}:8:15 destinations[0].settings.apiKey: the environment variable CRM_API_KEY is not set`)
  })

  it('locates a module that is not there', async () => {
    const file = configFile(...header.map((line) => line.replace('./build/crm', './nowhere')))
    const error = await startError(file)
    expect(error.message).toBe(`${file}:6:13 ${join(crm.root, 'nowhere', 'index.js')} does not exist: build the destination with \`mapc build\``)
  })

  it('locates a trigger that does not parse', async () => {
    const file = configFile(...header, '    subscriptions:', '      - trigger: type == "track"', '        action: trackEvent')
    const error = await startError(file)
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(new RegExp(`^${escape(file)}:10:18 destinations\\[0\\]\\.subscriptions\\[0\\]\\.trigger: crm-from-config subscription "trackEvent#0": the trigger "type == \\\\"track\\\\"" does not parse: `))
  })

  it('locates a mapc mapping that does not type-check', async () => {
    const file = configFile(...header, '    subscriptions:', '      - trigger: type = "track"', '        action: trackEvent', '        mapping:', '          email: $.traits.email')
    const error = await startError(file)
    expect(error).toBeInstanceOf(MappingError)
    expect(error.message).toBe(
      `${file}:13:18 subscription "crm-from-config: trackEvent#0" mapping email: track events have no \`$.traits\` (MAPC3001 at column 3); \`traits\` belongs to identify and group events`
    )
  })

  it('locates settings the destination refuses, without their values', async () => {
    const file = configFile(...header, '      region: ${CRM_API_KEY}')
    const error = await startError(file)
    expect(error.message).toBe(`${file}:9:15 destinations[0].settings: crm-from-config: region must be one of "eu", "us"`)
    expect(error.message).not.toContain(ENV.CRM_API_KEY)
  })

  describe('redacts what came from the environment from every error about the file', () => {
    const FROM_ENV = 'env_value_5e3f9a'
    const env = { ...ENV, PART: FROM_ENV }
    const subscription = (...lines: string[]) => [...header, '    subscriptions:', ...lines]
    const files: [string, string[]][] = [
      ['a trigger that does not parse', subscription('      - trigger: type == "${PART}"', '        action: trackEvent')],
      ['a trigger whose string is never closed', subscription('      - trigger: type = "${PART}', '        action: trackEvent')],
      ['a subscription name', subscription('      - name: orders-${PART}', '        trigger: type == "track"', '        action: trackEvent')],
      ['an action', subscription('      - trigger: type = "track"', '        action: send_${PART}')],
      ['a subscription name in a mapping error', subscription('      - name: orders-${PART}', '        trigger: type = "track"', '        action: trackEvent', '        mapping:', '          email: $.traits.email')],
      ['a module', ['destinations:', '  - name: crm-from-config', '    module: ./build/${PART}', '    settings:', '      apiKey: ${CRM_API_KEY}']],
      ['a destination name', ['destinations:', '  - name: crm-${PART}', '    module: ./build/crm', '    settings:', '      apiKey: ${CRM_API_KEY}', '      region: mars']],
      ['an endpoint override', [...header, '    endpoint: HTTP://${PART}.example']]
    ]
    it.each(files)('%s', async (_, lines) => {
      const error = await startError(configFile(...lines), env)
      expect(error.message).toContain('[REDACTED]')
      for (const text of [error.message, error.stack ?? '', JSON.stringify(error), String(error)]) expect(text).not.toContain(FROM_ENV)
    })
  })

  it('reports a file that cannot be read', async () => {
    const file = join(crm.root, 'missing.yaml')
    expect((await startError(file)).message).toBe(`cannot read ${file}: ENOENT`)
  })
})

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}
