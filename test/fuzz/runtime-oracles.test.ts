/**
 * The oracles of `npm run fuzz`'s runtime and URL targets can fail: each reports a finding for a
 * runtime (or request builder) broken on purpose, and none for the real one on the same case.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ConfigError, createRuntime, type DeliveryResult, type Runtime } from '../../src/runtime/index.js'
import { RuntimeTarget, type RuntimeCase, type RuntimeSubject } from '../../src/fuzz/targets/runtime-target.js'
import { UrlTarget, urlProblem } from '../../src/fuzz/targets/url-target.js'

const SECRET = 'sk_test_0123/456789abcdef'

/** A 400 that echoes the request and the key, PHP-style (`\/`): the redactor must see through it. */
const CASE: RuntimeCase = {
  destination: 'schematic',
  action: 'trackEvent',
  secret: SECRET,
  config: [],
  plan: { status: 400, body: 'json', encoding: 'json-php-slashes', echoRequest: true, echoHeaders: true },
  events: [{ base: 0, edits: [] }]
}

type Create = RuntimeSubject['createRuntime']

/** The real runtime with `send` (and the options it was made with) wrapped. */
const wrapped =
  (wrap: (runtime: Runtime, options: Parameters<Create>[1]) => Runtime['send']): Create =>
  (instances, options) => {
    const runtime = createRuntime(instances, options)
    return { ...runtime, send: wrap(runtime, options), flush: () => runtime.flush(), close: () => runtime.close(), redactorFor: (d) => runtime.redactorFor(d) }
  }

async function oraclesFor(input: RuntimeCase, createRuntime?: Create): Promise<string[]> {
  const target = new RuntimeTarget(createRuntime ? { subject: { createRuntime } } : {})
  await target.setup()
  try {
    return [...new Set((await target.run(input)).map((f) => f.oracle))]
  } finally {
    await target.close()
  }
}

describe('each runtime oracle can fail', () => {
  test('the real runtime passes them all on a 400 that echoes the key and the request', async () => {
    expect(await oraclesFor(CASE)).toEqual([])
  }, 60_000)

  test('config-error: createRuntime throws something else than a ConfigError', async () => {
    const create: Create = () => {
      throw new TypeError('cannot read properties of undefined')
    }
    expect(await oraclesFor(CASE, create)).toEqual(['config-error'])
  }, 60_000)

  test('send-throws and send-rejects', async () => {
    const throws = wrapped(() => () => {
      throw new Error('sync')
    })
    expect(await oraclesFor(CASE, throws)).toEqual(['send-throws'])
    const rejects = wrapped(() => () => Promise.reject(new Error('async')))
    expect(await oraclesFor(CASE, rejects)).toEqual(['send-rejects'])
  }, 60_000)

  test('result-count: two results for one event, none for an event that is none', async () => {
    const twice = wrapped((runtime) => async (event) => {
      const results = await runtime.send(event)
      return [...results, ...results]
    })
    expect(await oraclesFor(CASE, twice)).toEqual(['result-count'])
    const none = wrapped(() => async () => [])
    expect(await oraclesFor({ ...CASE, events: [{ base: 0, edits: [], whole: 'type-getter-throws' }] }, none)).toEqual(['result-count'])
  }, 60_000)

  test('result-count: a replaced trigger that parses and never fires is no finding, two results still are (seed long-1203, runtime 261)', async () => {
    const neverFires: RuntimeCase = { ...CASE, config: [{ kind: 'trigger', text: 'globalThis.__mapcFuzzInjected = true' }], events: [{ base: 0, edits: [] }, { base: 1, edits: [] }] }
    expect(await oraclesFor(neverFires)).toEqual([])
    const skipped = { status: 'skipped', destination: 'schematic', subscription: 'Fuzz', messageId: 'm', reason: 'twice' } as unknown as DeliveryResult
    const twice = wrapped(() => async () => [skipped, skipped])
    expect(await oraclesFor(neverFires, twice)).toEqual(['result-count'])
  }, 60_000)

  test('an event edit that meets a getter an earlier edit fixed is dropped, not thrown (seed long-1203, runtime 2279)', async () => {
    const fixedGetter: RuntimeCase = {
      ...CASE,
      events: [{ base: 0, edits: [{ path: ['traits', 'x'], value: { kind: 'getter-throws', withSecret: false } }, { path: ['traits', 'x', 'email'], value: { kind: 'string', text: 'a@b.c' } }] }]
    }
    expect(await oraclesFor(fixedGetter)).toEqual([])
  }, 60_000)

  test('secret-leak: the key in an error as PHP escapes it, in JSON in JSON, in a log record', async () => {
    const inError = (spelling: string) =>
      wrapped((runtime) => async (event) => {
        const [result] = await runtime.send(event)
        const failed: DeliveryResult = { destination: 'schematic', action: 'trackEvent', subscription: 'Fuzz', status: 'failed', requests: 1, error: new ConfigError({ reason: `echo ${spelling}` }) }
        return result ? [failed] : []
      })
    expect(await oraclesFor(CASE, inError(SECRET.replace(/\//g, '\\/')))).toEqual(['secret-leak'])
    expect(await oraclesFor(CASE, inError(JSON.stringify(JSON.stringify({ key: SECRET }))))).toEqual(['secret-leak'])
    expect(await oraclesFor(CASE, inError(Buffer.from(`user:${SECRET}`).toString('base64')))).toEqual(['secret-leak'])
    const inLog = wrapped((runtime, options) => async (event) => {
      options?.logger?.info('sending', { token: encodeURIComponent(SECRET) })
      return runtime.send(event)
    })
    expect(await oraclesFor(CASE, inLog)).toEqual(['secret-leak'])
  }, 60_000)

  test('pollution: a send that adds a member to Object.prototype', async () => {
    const polluting = wrapped((runtime) => async (event) => {
      Object.defineProperty(Object.prototype, '__fuzzPolluted', { value: 1, configurable: true })
      return runtime.send(event)
    })
    try {
      expect(await oraclesFor(CASE, polluting)).toEqual(['pollution'])
    } finally {
      Reflect.deleteProperty(Object.prototype, '__fuzzPolluted')
    }
  }, 60_000)
})

describe('each URL oracle can fail', () => {
  let target: UrlTarget
  beforeAll(async () => {
    target = new UrlTarget({ subject: { pathPart: (value) => String(value) } })
    await target.setup()
  }, 60_000)
  afterAll(() => target.close())

  test('path-segments: a path part that is not encoded lets `..`, `/` and `%2e%2e` move the path', async () => {
    for (const value of ['..', 'a/b', '%2e%2e', '?x', '#x']) {
      const oracles = (await target.run({ values: [value] })).map((f) => `${f.oracle} ${f.message.split(':')[0]}`)
      expect(oracles, value).toEqual(['path-segments $.pathPart + toHttpRequest'])
    }
  })

  test('the real request building keeps each of those one segment, or refuses it', async () => {
    const real = new UrlTarget()
    await real.setup()
    try {
      expect(await real.run({ values: ['..', '.', 'a/b', '%2e%2e', '?x', '#x', '\\', 'https://evil.test', '\uFF0E\uFF0E', '', '\uD800', { scalar: 1.5 }] })).toEqual([])
      expect(real.stats.refused).toBeGreaterThan(0)
      expect(real.stats.sent).toBeGreaterThan(0)
    } finally {
      await real.close()
    }
  }, 60_000)

  test('urlProblem names each way a URL goes wrong', () => {
    const expected = { host: 'api.fuzz.test', segments: 3, index: 1, search: (s: string) => s.startsWith('?q=') }
    expect(urlProblem('https://api.fuzz.test/v1/a%2Fb/items?q=1', 'a/b', expected)).toBeUndefined()
    expect(urlProblem('https://evil.test/v1/x/items?q=1', 'x', expected)).toMatch(/host/)
    expect(urlProblem('https://api.fuzz.test/v1/../items?q=1', '..', expected)).toMatch(/segments/)
    // A URL parser resolves `%2e%2e` as `..`: the path loses its segment.
    expect(urlProblem('https://api.fuzz.test/v1/%2e%2e/items?q=1', '..', expected)).toMatch(/segments/)
    expect(urlProblem('https://api.fuzz.test/v1/x/items?q=1#f', 'x', expected)).toMatch(/fragment/)
    expect(urlProblem('https://api.fuzz.test/v1/y/items?q=1', 'x', expected)).toMatch(/decodes/)
  })
})
