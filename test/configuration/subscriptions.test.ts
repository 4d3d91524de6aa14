/**
 * Compiling a subscription of a configuration: the trigger, the action, the field mappings
 * (mapc expressions and Segment mapping-kit JSON) and batching, with a clear error for each way
 * a subscription can be wrong, found when the runtime starts rather than per event.
 */
import { describe, expect, it } from 'vitest'
import type { SubscriptionConfig } from '../../src/runtime/config-types.js'
import type { SegmentEvent } from '../../src/runtime/contract.js'
import { ConfigError, MappingError } from '../../src/runtime/errors/index.js'
import { compileSubscription, type SubscriptionSite } from '../../src/configuration/subscriptions/compile-subscription.js'
import type { Subscription } from '../../src/runtime/subscription.js'
import { crmDestination } from '../runtime/core/support/crm-destination.js'
import { identifyEvent, trackEvent } from '../runtime/core/support/events.js'
import { thrownBy } from '../runtime/core/support/thrown.js'

const site: SubscriptionSite = { index: 1, owner: 'crm-prod', path: ['subscriptions', 1] }
const ctx = { settings: { apiKey: 'k', region: 'eu' }, auth: {} }

function compile(config: Partial<SubscriptionConfig>, at: SubscriptionSite = site): Subscription {
  return compileSubscription({ trigger: 'type = "track"', action: 'trackEvent', ...config }, crmDestination(), at)
}

const thrown = (run: () => unknown): Error => thrownBy(run, Error)

function resolve(subscription: Subscription, field: string, event: SegmentEvent): unknown {
  const resolver = subscription.mapping.overrides.get(field)
  if (!resolver) throw new Error(`no mapping for ${field}`)
  return resolver(event, ctx)
}

describe('naming', () => {
  it('names a subscription by its action and position unless the configuration names it', () => {
    expect(compile({}).name).toBe('trackEvent#1')
    expect(compile({ name: 'Orders' }).name).toBe('Orders')
  })
})

describe('a subscription given in code', () => {
  const cases: { config: Record<string, unknown>; message: string }[] = [
    { config: { trigger: 42 }, message: 'subscriptions[1].trigger: must be a string' },
    { config: { trigger: undefined }, message: 'subscriptions[1]: the key "trigger" is required' },
    { config: { mapping: { email: 5 } }, message: 'subscriptions[1].mapping.email: must be a string' },
    { config: { batch: { size: 0 } }, message: 'subscriptions[1].batch.size: must be at least 1' },
    { config: { mappings: {} }, message: 'subscriptions[1]: unknown key "mappings" (did you mean "mapping"?)' }
  ]
  for (const { config, message } of cases) {
    it(`is checked like a configuration file's: ${message}`, () => {
      const error = thrownBy(() => compile(config as Partial<SubscriptionConfig>), ConfigError)
      expect(error.message).toBe(message)
    })
  }
})

describe('the action', () => {
  it('must exist, with a suggestion for a typo', () => {
    const error = thrown(() => compile({ action: 'trackEvnt' }))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toBe('subscriptions[1].action: crm-prod subscription "trackEvnt#1": crm has no action "trackEvnt" (did you mean "trackEvent"?)')
    expect((error as ConfigError).path).toEqual(['subscriptions', 1, 'action'])
  })

  it('lists the actions when nothing is close', () => {
    expect(thrown(() => compile({ action: 'sendEmail' })).message).toMatch(/crm has no action "sendEmail" \(it has identifyContact, trackEvent, groupAccount\)$/)
  })

  it('is an own action, not something every object inherits', () => {
    expect(thrown(() => compile({ action: 'toString' }))).toBeInstanceOf(ConfigError)
    expect(thrown(() => compile({ action: '__proto__' }))).toBeInstanceOf(ConfigError)
  })
})

describe('the trigger', () => {
  it('fires for the events it matches', () => {
    const subscription = compile({ trigger: 'type = "track" and event = "Order Completed"' })
    expect(subscription.trigger(trackEvent())).toBe(true)
    expect(subscription.trigger(trackEvent({ event: 'Signed Up' }))).toBe(false)
    expect(subscription.trigger(identifyEvent())).toBe(false)
  })

  it('never fires for an event type the destination does not accept', () => {
    const subscription = compile({ trigger: 'event = "Order Completed"' })
    expect(subscription.trigger(trackEvent())).toBe(true)
    expect(subscription.trigger(trackEvent({ type: 'page' }))).toBe(false)
    expect(subscription.trigger(trackEvent({ type: 'made-up' }))).toBe(false)
  })

  it('must parse, and the error gives the column', () => {
    const error = thrown(() => compile({ trigger: 'type = ' }))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/^subscriptions\[1\]\.trigger: crm-prod subscription "trackEvent#1": the trigger "type = " does not parse: .+ \(column \d+\)$/)
  })

  it('must be one mapc can evaluate', () => {
    const error = thrown(() => compile({ trigger: 'match(event, "Order")' }))
    expect(error).toBeInstanceOf(ConfigError)
    expect(error.message).toMatch(/the trigger cannot be evaluated: a match pattern needs a `\*`/)
  })

  it('must be able to match an event type the destination accepts', () => {
    expect(thrown(() => compile({ trigger: 'type = "screen"' })).message).toBe(
      'subscriptions[1].trigger: crm-prod subscription "trackEvent#1": the trigger matches only screen events, which crm does not accept (it accepts identify, track, group)'
    )
    expect(thrown(() => compile({ trigger: 'type = "track" and type = "identify"' })).message).toMatch(/the trigger matches no event type$/)
  })

  it('is located in the configuration file when the caller knows where', () => {
    const located: SubscriptionSite = { ...site, locate: (path) => ({ file: 'runtime.yaml', line: 7, column: path.length * 2 }) }
    const error = thrown(() => compile({ trigger: 'type = "screen"' }, located)) as ConfigError
    expect(error.location).toEqual({ file: 'runtime.yaml', line: 7, column: 6 })
    expect(error.message.startsWith('runtime.yaml:7:6 subscriptions[1].trigger: ')).toBe(true)
  })
})

describe('mapc expression mappings', () => {
  it('compile once and resolve per event, reading the event and the settings', () => {
    const subscription = compile({
      mapping: { email: 'lower($.context.traits.email)', event_name: '`{settings.region}: {$.event}`' }
    })
    const event = trackEvent({ context: { traits: { email: 'Ada@Example.COM' } } })
    expect(resolve(subscription, 'email', event)).toBe('ada@example.com')
    expect(resolve(subscription, 'event_name', event)).toBe('eu: Order Completed')
    expect(resolve(subscription, 'email', trackEvent())).toBeUndefined()
  })

  it('are type-checked against the events the trigger can match, with the column and a hint', () => {
    const error = thrown(() => compile({ mapping: { email: '$.traits.email' } }))
    expect(error).toBeInstanceOf(MappingError)
    expect(error.message).toBe(
      'subscription "crm-prod: trackEvent#1" mapping email: track events have no `$.traits` (MAPC3001 at column 3); `traits` belongs to identify and group events'
    )
    expect((error as MappingError).path).toEqual(['email'])
  })

  it('accept paths of every event type the trigger allows', () => {
    const subscription = compile({ trigger: 'type = "identify" or type = "track"', action: 'trackEvent', mapping: { email: '$.traits.email ?? $.context.traits.email' } })
    expect(resolve(subscription, 'email', identifyEvent())).toBe('ada@example.com')
  })

  it('refuse an unknown function, with a suggestion', () => {
    const error = thrown(() => compile({ mapping: { event_name: 'lowr($.event)' } }))
    expect(error.message).toMatch(/unknown function `lowr` \(MAPC\d+ at column 1\); did you mean `lower`\?$/)
  })

  it('refuse text that does not parse', () => {
    expect(thrown(() => compile({ mapping: { event_name: '$.event +' } }))).toBeInstanceOf(MappingError)
  })

  it('refuse a field the action does not have, with a suggestion', () => {
    const error = thrown(() => compile({ mapping: { emial: '$.context.traits.email' } }))
    expect(error.message).toBe('subscription "crm-prod: trackEvent#1" mapping emial: trackEvent has no field "emial" (did you mean "email"?)')
  })

  it("are checked against the field's type and format", () => {
    const object = thrown(() => compile({ mapping: { event_name: '{ name: $.event }' } }))
    expect(object).toBeInstanceOf(MappingError)
    expect(object.message).toMatch(/mapping event_name: the mapping of `event_name` is \{ name: .* \}, but the field is a string \(MAPC3003 at column 1\)$/)
    const email = thrown(() => compile({ mapping: { email: '"not an email"' } }))
    expect(email.message).toMatch(/the mapping of `email` "not an email" is not a valid email \(MAPC3004 at column 1\)$/)
    const occurred = thrown(() => compile({ mapping: { occurred_at: '"yesterday"' } }))
    expect(occurred.message).toMatch(/"yesterday" is not a date or datetime/)
  })

  it('keep configuration text data, never code', () => {
    const subscription = compile({ mapping: { event_name: '"\\"); process.exit(1); (\\""' } })
    expect(resolve(subscription, 'event_name', trackEvent())).toBe('"); process.exit(1); ("')
  })
})

describe('Segment mapping-kit mappings', () => {
  it('resolve per event', () => {
    const subscription = compile({
      segmentMapping: { email: { '@path': '$.properties.email' }, event_name: { '@template': 'Segment: {{event}}' } }
    })
    const event = trackEvent({ properties: { email: 'b@example.com' } })
    expect(resolve(subscription, 'email', event)).toBe('b@example.com')
    expect(resolve(subscription, 'event_name', event)).toBe('Segment: Order Completed')
  })

  it('refuse an unknown directive, naming the subscription and where in the mapping', () => {
    const error = thrown(() => compile({ segmentMapping: { email: { '@pth': '$.x' } } }))
    expect(error).toBeInstanceOf(MappingError)
    expect(error.message).toMatch(/^subscription "crm-prod: trackEvent#1" mapping segmentMapping\.email\["@pth"\]: is not a directive/)
  })

  it('cannot map a field that a mapc expression maps too', () => {
    const error = thrown(() => compile({ mapping: { email: '$.context.traits.email' }, segmentMapping: { email: { '@path': '$.x' } } }))
    expect(error.message).toBe('subscription "crm-prod: trackEvent#1" mapping segmentMapping.email: is mapped both in `mapping` and in `segmentMapping`')
  })

  it('refuse a field the action does not have', () => {
    expect(thrown(() => compile({ segmentMapping: { nope: 1 } })).message).toMatch(/trackEvent has no field "nope" \(its fields: event_name, user_id, email, occurred_at, properties, enable_batching, batch_size\)$/)
  })
})

describe('default mappings', () => {
  it('apply unless the subscription says otherwise', () => {
    expect(compile({}).mapping.useDefaults).toBe(true)
    expect(compile({ useDefaultMappings: false }).mapping.useDefaults).toBe(false)
  })
})

describe('batching', () => {
  it('is off unless asked for', () => {
    expect(compile({}).batch).toBeUndefined()
    expect(compile({ segmentMapping: { enable_batching: false } }).batch).toBeUndefined()
  })

  it('is on when the configuration asks, up to the .map\'s size', () => {
    expect(compile({ batch: {} }).batch).toEqual({ maxSize: 3, maxAgeMs: 1000 })
    expect(compile({ batch: { size: 2, maxAgeMs: 50 } }).batch).toEqual({ maxSize: 2, maxAgeMs: 50 })
    expect(compile({ batch: { size: 500 } }).batch).toEqual({ maxSize: 3, maxAgeMs: 1000 })
    expect(compile({ action: 'groupAccount', trigger: 'type = "group"', batch: { size: 5 } }).batch).toEqual({ maxSize: 2, maxAgeMs: 1000 })
  })

  it('is on when a Segment mapping sets the action\'s enabled field to true, and takes its size field', () => {
    expect(compile({ segmentMapping: { enable_batching: true } }).batch).toEqual({ maxSize: 3, maxAgeMs: 1000 })
    expect(compile({ segmentMapping: { enable_batching: true, batch_size: 2 } }).batch).toEqual({ maxSize: 2, maxAgeMs: 1000 })
    expect(compile({ segmentMapping: { enable_batching: true, batch_size: 1000 } }).batch?.maxSize).toBe(3)
    expect(compile({ segmentMapping: { enable_batching: true, batch_size: '2' } }).batch?.maxSize).toBe(3)
    expect(compile({ segmentMapping: { enable_batching: true, batch_size: 2 }, batch: { size: 1 } }).batch?.maxSize).toBe(1)
  })

  it('is refused for an action without a batch block', () => {
    const error = thrown(() => compile({ action: 'identifyContact', trigger: 'type = "identify"', batch: { size: 10 } }))
    expect(error.message).toBe('subscriptions[1].batch: crm-prod subscription "identifyContact#1": identifyContact cannot batch: its .map declares no batch block')
  })
})
