/**
 * Secrets (password and secret settings, OAuth tokens) never appear in a result, an error
 * message, a stack, `toJSON()` or a configuration error, including when the API or a transport
 * echoes them back. The round-trip tests check the same over real HTTP, logs included.
 */
import { describe, expect, it } from 'vitest'
import { ConfigError, MappingError } from '../../../src/runtime/errors/index.js'
import { createRuntime, type DestinationInstance } from '../../../src/runtime/runtime.js'
import { crmDestination } from './support/crm-destination.js'
import { trackEvent } from './support/events.js'
import { recordingTransport } from './support/recording-transport.js'
import { expectNoSecret, printableTexts } from './support/secret-exposure.js'
import { loadConfigurationCompiler } from '../../../src/runtime/configuration-compiler.js'
import { thrownBy } from './support/thrown.js'

// Subscriptions given in code are compiled by the configuration compiler, which the runtime loads only on demand.
await loadConfigurationCompiler()

const API_KEY = 'sk_live_Zx9/Qw+8vB=='
const ACCESS_TOKEN = 'ya29.access-token-value'
const REFRESH_TOKEN = 'rt_1//refresh-token-value'
const SECRETS = [API_KEY, ACCESS_TOKEN, REFRESH_TOKEN]

const instance = (extra: Partial<DestinationInstance> = {}): DestinationInstance => ({
  destination: crmDestination(),
  settings: { apiKey: API_KEY, region: 'eu' },
  auth: { accessToken: ACCESS_TOKEN, refreshToken: REFRESH_TOKEN },
  ...extra
})

describe('secrets in results and errors', () => {
  it('of any length are redacted: a 30,000-character key quoted by a transport (one giant pattern once failed as "too large", and the send rejected)', async () => {
    const longKey = `sk_live_${'q7'.repeat(15_000)}`
    const recorder = recordingTransport()
    recorder.script({ throws: new Error(`refused ${longKey} and ${encodeURIComponent(longKey)}`) })
    const runtime = createRuntime([instance({ settings: { apiKey: longKey, region: 'eu' } })], { transport: () => recorder.transport })
    const results = await runtime.send(trackEvent())
    expect(recorder.requests[0]?.request.headers.authorization).toBe(`Bearer ${longKey}`)
    expect(results.map((r) => r.status)).toEqual(['failed'])
    expect(printableTexts(results)[1]).toBe('internal error: refused [REDACTED] and [REDACTED]')
    expectNoSecret(printableTexts(results), [longKey])
  })

  it('are redacted from an error a transport throws that quotes them, in every spelling', async () => {
    const recorder = recordingTransport()
    const quoted = `sent ${API_KEY} (${encodeURIComponent(API_KEY)}), Basic ${Buffer.from(`user:${API_KEY}`).toString('base64')}, token ${ACCESS_TOKEN}, refresh ${REFRESH_TOKEN}`
    recorder.script({ throws: new Error(quoted) })
    const runtime = createRuntime([instance()], { transport: () => recorder.transport })
    const results = await runtime.send(trackEvent())
    expect(results.map((r) => r.status)).toEqual(['failed'])
    expectNoSecret(printableTexts(results), SECRETS)
    expect(printableTexts(results)[1]).toBe('internal error: sent [REDACTED] ([REDACTED]), Basic dXNlcjp[REDACTED]Q==, token [REDACTED], refresh [REDACTED]')
  })

  it('are redacted from a per-item message that echoes them', async () => {
    const recorder = recordingTransport()
    recorder.script({ status: 207, body: { results: [{ status: 401, message: `key ${API_KEY} revoked` }] } })
    const runtime = createRuntime([instance({ subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent', batch: { size: 1 } }] })], {
      transport: () => recorder.transport
    })
    const results = await runtime.send(trackEvent())
    expectNoSecret(printableTexts(results), SECRETS)
    expect(results[0]?.status === 'failed' && results[0].error.message).toMatch(/batch item 0 rejected with status 401: key \[REDACTED\] revoked$/)
  })

  it('never reach a payload validation error, even when a mapping copies one into a field', async () => {
    const recorder = recordingTransport()
    const runtime = createRuntime([instance({ subscriptions: [{ trigger: 'type = "track"', action: 'trackEvent', mapping: { email: 'settings.apiKey' } }] })], {
      transport: () => recorder.transport
    })
    const results = await runtime.send(trackEvent())
    expect(results[0]?.status).toBe('failed')
    expectNoSecret(printableTexts(results), SECRETS)
    expect(recorder.requests).toHaveLength(0)
  })

  it('include settings declared `secret`, as well as passwords', async () => {
    const crm = crmDestination()
    // Matilda's apiKey is a `string … secret` setting: the same key, declared that way.
    const destination = { ...crm, settings: crm.settings.map((s) => (s.name === 'apiKey' ? { ...s, type: 'string' as const, secret: true } : s)) }
    const recorder = recordingTransport()
    recorder.script({ throws: new Error(`key ${API_KEY} refused`) })
    const runtime = createRuntime([instance({ destination, auth: {} })], { transport: () => recorder.transport })
    const [result] = await runtime.send(trackEvent())
    expect(result?.status === 'failed' && result.error.message).toBe('internal error: key [REDACTED] refused')
  })

  it('are not redacted from plain settings, which are not secrets', async () => {
    const recorder = recordingTransport()
    recorder.script({ throws: new Error('region eu is closed') })
    const runtime = createRuntime([instance()], { transport: () => recorder.transport })
    const [result] = await runtime.send(trackEvent())
    expect(result?.status === 'failed' && result.error.message).toBe('internal error: region eu is closed')
  })

  it('never reach a settings error', () => {
    const error = thrownBy(() => createRuntime([instance({ settings: { apiKey: API_KEY, region: API_KEY } })]), ConfigError)
    expectNoSecret(printableTexts([], [error, error.toJSON()]), SECRETS)
  })

  it('never reach an error about a subscription, though it quotes what the subscription says', () => {
    const start = (subscription: DestinationInstance['subscriptions']) => () => createRuntime([instance({ subscriptions: subscription })])
    const trigger = thrownBy(start([{ trigger: `type == "${ACCESS_TOKEN}"`, action: 'trackEvent' }]), ConfigError)
    expect(trigger.message).toMatch(/: the trigger "type == \\"\[REDACTED\]\\"" does not parse: /)
    const caseOperator = { event_name: { '@case': { operator: API_KEY, value: 'x' } } }
    const segment = thrownBy(start([{ trigger: 'type = "track"', action: 'trackEvent', segmentMapping: caseOperator }]), MappingError)
    expect(segment.message).toBe('subscription "crm: trackEvent#0" mapping segmentMapping.event_name["@case"].operator: must be "lower" or "upper", not "[REDACTED]"')
    expectNoSecret(printableTexts([], [trigger, trigger.toJSON(), segment, segment.toJSON()]), SECRETS)
  })
})
