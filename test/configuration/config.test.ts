/**
 * Loading a YAML configuration: the format, `${ENV}` substitution, and an error for every way a
 * file can be wrong that names the key and its line and column, and never echoes a secret.
 */
import { describe, expect, it } from 'vitest'
import { loadConfig, parseConfig } from '../../src/configuration/file/load-config.js'
import { ConfigError } from '../../src/runtime/errors/index.js'
import { thrownBy } from '../runtime/core/support/thrown.js'

const FILE = 'runtime.yaml'
const SECRET = 'sk_live_7d1e4b2a9c'

function configError(text: string, env: Record<string, string> = {}): ConfigError {
  return thrownBy(() => parseConfig(text, env, FILE), ConfigError)
}

const lines = (...text: string[]) => `${text.join('\n')}\n`

describe('a valid configuration', () => {
  it('is read as written, every key of the format included', () => {
    const text = lines(
      'http:',
      '  timeoutMs: 5000',
      '  retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000, maxRetryAfterMs: 30000 }',
      'destinations:',
      '  - name: crm-prod',
      '    module: ./build/crm',
      '    settings:',
      '      apiKey: ${CRM_API_KEY}',
      '      region: eu',
      '    auth: { accessToken: "${TOKEN}", refreshToken: refresh-literal }',
      '    subscriptions:',
      '      - name: Orders',
      '        trigger: type = "track" and event = "Order Completed"',
      '        action: trackEvent',
      '        mapping:',
      '          email: $.context.traits.email ?? $.properties.email',
      '        segmentMapping:',
      '          event_name: { "@path": "$.event" }',
      '          enable_batching: true',
      '        useDefaultMappings: false',
      '        batch: { size: 50, maxAgeMs: 200 }'
    )
    expect(parseConfig(text, { CRM_API_KEY: SECRET, TOKEN: 'tok_abc' }, FILE)).toEqual({
      http: { timeoutMs: 5000, retry: { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 2000, maxRetryAfterMs: 30000 } },
      destinations: [
        {
          name: 'crm-prod',
          module: './build/crm',
          settings: { apiKey: SECRET, region: 'eu' },
          auth: { accessToken: 'tok_abc', refreshToken: 'refresh-literal' },
          subscriptions: [
            {
              name: 'Orders',
              trigger: 'type = "track" and event = "Order Completed"',
              action: 'trackEvent',
              mapping: { email: '$.context.traits.email ?? $.properties.email' },
              segmentMapping: { event_name: { '@path': '$.event' }, enable_batching: true },
              useDefaultMappings: false,
              batch: { size: 50, maxAgeMs: 200 }
            }
          ]
        }
      ]
    })
  })

  it('needs only the modules', () => {
    expect(parseConfig('destinations: [{ module: ./a }]', {}, FILE)).toEqual({ destinations: [{ module: './a' }] })
  })

  it('locates any key for errors found later', () => {
    const { locate } = loadConfig(lines('destinations:', '  - module: ./a', '    subscriptions:', '      - trigger: type = "x"', '        action: a'), {}, FILE)
    expect(locate(['destinations', 0, 'subscriptions', 0, 'trigger'])).toEqual({ file: FILE, line: 4, column: 18 })
    expect(locate(['destinations', 0, 'subscriptions', 0, 'missing', 'deeper'])).toEqual({ file: FILE, line: 4, column: 9 })
  })
})

describe('${ENV} substitution', () => {
  it('replaces each reference, also inside longer text, and only in values', () => {
    const config = parseConfig(
      lines('destinations:', '  - module: ./${DIR}/crm', '    settings: { apiKey: "${A}-${B}", "${A}": literal-key }'),
      { DIR: 'build', A: 'one', B: 'two' },
      FILE
    )
    expect(config.destinations[0]).toEqual({ module: './build/crm', settings: { apiKey: 'one-two', '${A}': 'literal-key' } })
  })

  it('keeps $${NAME} as the text ${NAME}', () => {
    const config = parseConfig(lines('destinations:', '  - module: ./a', '    settings: { note: "$${HOME} and ${X}" }'), { X: 'x', HOME: '/root' }, FILE)
    expect(config.destinations[0]?.settings).toEqual({ note: '${HOME} and x' })
  })

  it('substitutes text only: a number from the environment is still a string, and fails where a number is needed', () => {
    const error = configError(lines('http: { timeoutMs: "${TIMEOUT}" }', 'destinations: [{ module: ./a }]'), { TIMEOUT: '5000' })
    expect(error.message).toBe(`${FILE}:1:20 http.timeoutMs: must be an integer`)
  })

  it('reports every variable that is not set, where it is used, never as an empty value', () => {
    const error = configError(
      lines('destinations:', '  - module: ./a', '    settings:', '      apiKey: ${CRM_API_KEY}', '    auth: { accessToken: "${TOKEN}" }'),
      {}
    )
    expect(error.message).toBe(
      [
        `${FILE}:4:15 destinations[0].settings.apiKey: the environment variable CRM_API_KEY is not set`,
        `${FILE}:5:26 destinations[0].auth.accessToken: the environment variable TOKEN is not set`
      ].join('\n')
    )
    expect(error.path).toEqual(['destinations', 0, 'settings', 'apiKey'])
    expect(error.location).toEqual({ file: FILE, line: 4, column: 15 })
  })
})

describe('YAML that does not parse', () => {
  it('is reported with its line and column', () => {
    const error = configError(lines('destinations:', '  - module: ./a', '   settings: [1'))
    expect(error.message).toBe(`${FILE}:3:1 not valid YAML: Sequence item without - indicator`)
  })

  it('is reported without quoting the line, which may hold a secret', () => {
    const error = configError(lines('destinations:', `  - settings: { apiKey: "${SECRET}`))
    expect(error.message).toBe(`${FILE}:3:1 not valid YAML: Missing closing "quote`)
    expect(JSON.stringify(error.toJSON())).not.toContain(SECRET)
  })

  it('refuses a key given twice', () => {
    expect(configError(lines('destinations: []', 'destinations: []')).message).toBe(`${FILE}:2:1 not valid YAML: Map keys must be unique`)
  })

  it('refuses an alias to nothing, and an alias bomb', () => {
    expect(configError('destinations: *nowhere\n').message).toMatch(/^runtime\.yaml:1:1 not valid YAML: Unresolved alias/)
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for (let i = 0; i < 8; i++) bomb.push(`${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)
    expect(configError(lines(...bomb)).message).toMatch(/^runtime\.yaml:1:1 not valid YAML: Excessive alias count/)
  })
})

describe('a configuration that does not fit the format', () => {
  const cases: { name: string; text: string; message: string }[] = [
    { name: 'an empty file', text: '', message: `${FILE}:1:1 (root): must be an object` },
    { name: 'no destinations', text: 'http: {}', message: `${FILE}:1:1 (root): the key "destinations" is required` },
    { name: 'an empty list of destinations', text: 'destinations: []', message: `${FILE}:1:15 destinations: must list at least 1 item` },
    { name: 'a destination without a module', text: 'destinations:\n  - name: x\n', message: `${FILE}:2:5 destinations[0]: the key "module" is required` },
    {
      name: 'a misspelt key',
      text: 'destinations:\n  - module: ./a\n    modle: ./b\n',
      message: `${FILE}:3:5 destinations[0]: unknown key "modle" (did you mean "module"?)`
    },
    {
      name: 'an unknown key with nothing close',
      text: 'http: { proxy: x }\ndestinations: [{ module: ./a }]\n',
      message: `${FILE}:1:9 http: unknown key "proxy" (known keys: timeoutMs, connections, maxResponseBytes, retry)`
    },
    { name: 'a timeout of zero', text: 'http: { timeoutMs: 0 }\ndestinations: [{ module: ./a }]\n', message: `${FILE}:1:20 http.timeoutMs: must be at least 1` },
    {
      name: 'too many attempts',
      text: 'http:\n  retry:\n    maxAttempts: 50\ndestinations: [{ module: ./a }]\n',
      message: `${FILE}:3:18 http.retry.maxAttempts: must be at most 20`
    },
    {
      name: 'a trigger that is not text',
      text: 'destinations:\n  - module: ./a\n    subscriptions:\n      - { trigger: 3, action: x }\n',
      message: `${FILE}:4:20 destinations[0].subscriptions[0].trigger: must be a string`
    },
    {
      name: 'a mapc mapping that is not text',
      text: 'destinations:\n  - module: ./a\n    subscriptions:\n      - trigger: type = "track"\n        action: x\n        mapping: { email: { "@path": "$.email" } }\n',
      message: `${FILE}:6:27 destinations[0].subscriptions[0].mapping.email: must be a string`
    },
    { name: 'an empty module', text: 'destinations: [{ module: "" }]', message: `${FILE}:1:26 destinations[0].module: must not be empty` }
  ]
  for (const { name, text, message } of cases) {
    it(`reports ${name}`, () => {
      expect(configError(text).message).toBe(message)
    })
  }

  it('reports every problem at once, a line each', () => {
    const error = configError(lines('http: { timeoutMs: -1, retries: 3 }', 'destinations:', '  - modul: ./a'))
    expect(error.message.split('\n')).toEqual([
      `${FILE}:1:20 http.timeoutMs: must be at least 1`,
      `${FILE}:1:24 http: unknown key "retries" (known keys: timeoutMs, connections, maxResponseBytes, retry)`,
      `${FILE}:3:5 destinations[0]: the key "module" is required`,
      `${FILE}:3:5 destinations[0]: unknown key "modul" (did you mean "module"?)`
    ])
  })

  it('refuses a wait longer than a timer can take, where it is written', () => {
    const error = configError(
      lines('http: { timeoutMs: 3000000000 }', 'destinations:', '  - module: ./a', '    subscriptions:', '      - { trigger: type = "track", action: a, batch: { maxAgeMs: 2147483648 } }')
    )
    expect(error.message.split('\n')).toEqual([
      `${FILE}:1:20 http.timeoutMs: must be at most 2147483647`,
      `${FILE}:5:66 destinations[0].subscriptions[0].batch.maxAgeMs: must be at most 2147483647`
    ])
  })

  it('never echoes a value that came from the environment', () => {
    const error = configError(lines('http: { timeoutMs: "${T}" }', 'destinations:', '  - module: ./a', '    name: "${T}"', '    auth: { accessToken: 5 }'), { T: SECRET })
    expect(error.message).not.toContain(SECRET)
    expect(JSON.stringify(error.toJSON())).not.toContain(SECRET)
  })
})
