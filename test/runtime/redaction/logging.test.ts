import { describe, expect, it } from 'vitest'
import {
  createLineLogger,
  formatFieldValue,
  silentLogger,
  withRedaction,
  type LogFields,
  type Logger,
  type LogLevel
} from '../../../src/runtime/logging/index.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'

const fixedTime = () => new Date('2024-05-24T10:00:00.000Z')

function collect(level: LogLevel = 'info') {
  const lines: string[] = []
  const logger = createLineLogger({ write: (chunk: string) => lines.push(chunk) }, { level, now: fixedTime })
  return { lines, logger }
}

describe('line logger', () => {
  it('writes time, level, message and fields on one line', () => {
    const { lines, logger } = collect()
    logger.info('delivered', { destination: 'attio', action: 'identifyUser', status: 200, ok: true, note: 'two words' })
    expect(lines).toEqual([
      '2024-05-24T10:00:00.000Z INFO delivered destination=attio action=identifyUser status=200 ok=true note="two words"\n'
    ])
  })

  it('writes only records at or above its level', () => {
    const { lines, logger } = collect('warn')
    logger.debug('d')
    logger.info('i')
    logger.warn('w')
    logger.error('e')
    expect(lines).toEqual(['2024-05-24T10:00:00.000Z WARN w\n', '2024-05-24T10:00:00.000Z ERROR e\n'])
  })

  it('writes debug records in verbose mode', () => {
    const { lines, logger } = collect('debug')
    logger.debug('attempt', { attempt: 1 })
    expect(lines).toEqual(['2024-05-24T10:00:00.000Z DEBUG attempt attempt=1\n'])
  })

  it('keeps one record on one line whatever the message and values contain', () => {
    const { lines, logger } = collect()
    logger.error('first\nFAKE 2024 INFO forged', { 'bad key': 'a\r\nb', value: '\u0007' })
    expect(lines).toEqual([
      '2024-05-24T10:00:00.000Z ERROR first\\nFAKE 2024 INFO forged bad_key="a\\r\\nb" value="\\u0007"\n'
    ])
  })

  it('can leave the time out', () => {
    const lines: string[] = []
    createLineLogger({ write: (chunk: string) => lines.push(chunk) }, { timestamps: false }).info('x')
    expect(lines).toEqual(['INFO x\n'])
  })

  it('formats values unambiguously', () => {
    expect(formatFieldValue('PUT')).toBe('PUT')
    expect(formatFieldValue('attio.map:42:5')).toBe('attio.map:42:5')
    expect(formatFieldValue('')).toBe('""')
    expect(formatFieldValue('a=b')).toBe('"a=b"')
    expect(formatFieldValue(null)).toBe('null')
    expect(formatFieldValue(undefined)).toBe('undefined')
    expect(formatFieldValue(12n)).toBe('12n')
    expect(formatFieldValue({ a: [1] })).toBe('{"a":[1]}')
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(formatFieldValue(cyclic)).toBe('"[object Object]"')
  })
})

describe('redacting logger', () => {
  const secret = 'tok_live_987654'
  const redactor = createRedactor([secret])

  function recorder(): { logger: Logger; records: Array<[LogLevel, string, LogFields | undefined]> } {
    const records: Array<[LogLevel, string, LogFields | undefined]> = []
    const at = (level: LogLevel) => (message: string, fields?: LogFields) => records.push([level, message, fields])
    return { records, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } }
  }

  it('redacts messages and field values at every level before the sink sees them', () => {
    const { logger, records } = recorder()
    const redacting = withRedaction(logger, redactor)
    redacting.debug(`sending ${secret}`, { url: `https://x.test/?t=${secret}` })
    redacting.info('info', { nested: { list: [secret] } })
    redacting.warn('warn', { authorization: 'Bearer abc' })
    redacting.error(`failed ${encodeURIComponent(secret)}`)
    expect(records).toEqual([
      ['debug', 'sending [REDACTED]', { url: 'https://x.test/?t=[REDACTED]' }],
      ['info', 'info', { nested: { list: ['[REDACTED]'] } }],
      ['warn', 'warn', { authorization: '[REDACTED]' }],
      ['error', 'failed [REDACTED]', undefined]
    ])
  })

  it('keeps secrets out of the lines of a line logger', () => {
    const { lines, logger } = collect('debug')
    withRedaction(logger, redactor).info(`a ${secret}`, { body: JSON.stringify({ token: secret }) })
    expect(lines.join('')).not.toContain(secret)
    expect(lines).toEqual([
      `2024-05-24T10:00:00.000Z INFO a [REDACTED] body=${JSON.stringify('{"token":"[REDACTED]"}')}\n`
    ])
  })
})

describe('silent logger', () => {
  it('accepts every call and writes nothing', () => {
    expect(() => {
      silentLogger.debug('x', { a: 1 })
      silentLogger.info('x')
      silentLogger.warn('x')
      silentLogger.error('x')
    }).not.toThrow()
    expect(Object.isFrozen(silentLogger)).toBe(true)
  })
})
