import { inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { ClientError, HttpError } from '../../../src/runtime/errors/index.js'
import { createHttpClient } from '../../../src/runtime/http/index.js'
import { createLineLogger } from '../../../src/runtime/logging/index.js'
import { createRedactor } from '../../../src/runtime/redaction/index.js'
import { closedPort, json, useLoopbackServer, type Reply } from './support/loopback-server.js'
import { recordingSleep } from './support/recording-sleep.js'
import { rejectionOf } from './support/rejection.js'

const server = useLoopbackServer()

// Characters that encodings change ('/', '+', '=', ' ') so every encoded form is distinct.
const token = 'sk_live/4+Zq=9 XyZ'
const apiKey = 'key-7f3a9c2e5d'

/** Every form in which a leaked secret would be recognisable. */
const leakedForms = [
  token,
  encodeURIComponent(token),
  new URLSearchParams({ t: token }).toString().slice(2),
  JSON.stringify(token).slice(1, -1),
  Buffer.from(token).toString('base64'),
  Buffer.from(`api:${token}`).toString('base64'),
  apiKey,
  Buffer.from(apiKey).toString('base64')
]

function expectNoSecret(text: string): void {
  for (const form of leakedForms) expect(text, `leaked ${form}`).not.toContain(form)
}

/** Echoes every credential it received: in the body, in headers, in a cookie. */
const echoCredentials =
  (status: number): Reply =>
  (response, request) => {
    response.writeHead(status, {
      'content-type': 'application/json',
      'set-cookie': `session=${token}`,
      'x-echo-authorization': String(request.headers.authorization),
      'x-echo-key': String(request.headers['x-api-key'])
    })
    response.end(
      JSON.stringify({
        error: `invalid token ${token}`,
        received: {
          authorization: request.headers.authorization,
          target: request.target,
          basic: request.headers['x-basic']
        }
      })
    )
  }

function requestWithSecrets() {
  return {
    method: 'POST',
    url: `${server.origin}/v1/${encodeURIComponent(token)}/events?api_key=${encodeURIComponent(apiKey)}&q=${new URLSearchParams({ t: token }).toString().slice(2)}`,
    headers: {
      authorization: `Bearer ${token}`,
      'x-api-key': apiKey,
      'x-basic': `Basic ${Buffer.from(`api:${token}`).toString('base64')}`,
      'content-type': 'application/json'
    },
    body: JSON.stringify({ token })
  }
}

describe('secrets never leave through errors or logs', () => {
  it('redacts a failed delivery everywhere: message, JSON, stack, inspection, log lines', async () => {
    server.script(echoCredentials(503), echoCredentials(422))
    const lines: string[] = []
    const client = createHttpClient({
      redactor: createRedactor([token, apiKey]),
      logger: createLineLogger({ write: (line: string) => lines.push(line) }, { level: 'debug' }),
      sleep: recordingSleep().sleep
    })
    const error = await rejectionOf(
      client.send(requestWithSecrets(), { location: { file: 'x.map', line: 1, column: 1 } }),
      ClientError
    )
    // The credentials did reach the server: the test would prove nothing otherwise.
    expect(server.received[0]?.headers.authorization).toBe(`Bearer ${token}`)
    expect(server.received[0]?.body.toString()).toContain(JSON.stringify(token).slice(1, -1))

    expect(error.bodyExcerpt).toContain('invalid token [REDACTED]')
    expect(error.responseHeaders['set-cookie']).toBe('[REDACTED]')
    expect(error.responseHeaders['x-echo-authorization']).toBe('Bearer [REDACTED]')
    expect(error.responseHeaders['x-echo-key']).toBe('[REDACTED]')
    expect(error.url).toBe(`${server.origin}/v1/[REDACTED]/events?api_key=[REDACTED]&q=[REDACTED]`)
    expect(error.message).toBe(
      `x.map:1:1 POST ${server.origin}/v1/[REDACTED]/events: 422 Unprocessable Entity (after 2 attempts)`
    )
    expect(lines).toHaveLength(2)
    for (const text of [
      error.message,
      String(error),
      error.stack ?? '',
      JSON.stringify(error),
      inspect(error, { depth: 10 }),
      ...lines
    ]) {
      expectNoSecret(text)
    }
  })

  it('masks credentials by name even with no secrets registered', async () => {
    server.script(json(400, { ok: false }, { 'set-cookie': 'session=abcdef123' }))
    const client = createHttpClient({ retry: { maxAttempts: 1 } })
    const error = await rejectionOf(
      client.send({ method: 'GET', url: `${server.origin}/x?access_token=abcdef123&page=2`, headers: {} }),
      HttpError
    )
    expect(error.url).toBe(`${server.origin}/x?access_token=[REDACTED]&page=2`)
    expect(error.responseHeaders['set-cookie']).toBe('[REDACTED]')
    expect(JSON.stringify(error)).not.toContain('abcdef123')
  })

  it('does not leak the start of a secret that the body limit cut in two', async () => {
    const padding = 'x'.repeat(60)
    server.script((response) => {
      response.writeHead(500, { 'content-type': 'text/plain' })
      response.end(`${padding}${token} and more after it`)
    })
    const client = createHttpClient({
      redactor: createRedactor([token]),
      errorBodyLimitBytes: 64,
      retry: { maxAttempts: 1 }
    })
    const error = await rejectionOf(client.send({ method: 'GET', url: `${server.origin}/big`, headers: {} }), HttpError)
    expect(error.bodyTruncated).toBe(true)
    expect(error.bodyExcerpt).toBe(padding)
    expect(error.toJSON()).toMatchObject({ body: padding, bodyTruncated: true })
  })

  it('reads at most the limit of a large error body', async () => {
    server.script((response) => {
      response.writeHead(500, { 'content-type': 'text/plain' })
      response.end('é'.repeat(100_000))
    })
    const client = createHttpClient({ errorBodyLimitBytes: 1001, retry: { maxAttempts: 1 } })
    const error = await rejectionOf(
      client.send({ method: 'GET', url: `${server.origin}/huge`, headers: {} }),
      HttpError
    )
    // 1001 bytes hold 500 two-byte characters; the half character at the cut is dropped.
    expect(error.bodyExcerpt).toBe('é'.repeat(500))
    expect(error.bodyTruncated).toBe(true)
  })
})

describe('verbose mode', () => {
  it('logs each attempt: number, method, redacted URL, status, duration, and the wait before the next', async () => {
    server.script(json(503, {}), json(200, {}))
    const lines: string[] = []
    let clock = 1_000
    const client = createHttpClient({
      redactor: createRedactor([token]),
      logger: createLineLogger(
        { write: (line: string) => lines.push(line) },
        {
          level: 'debug',
          now: () => new Date('2024-05-24T10:00:00.000Z')
        }
      ),
      sleep: recordingSleep().sleep,
      random: () => 0.5,
      retry: { baseDelayMs: 100 },
      now: () => (clock += 7)
    })
    const url = `${server.origin}/v1/track?key=${encodeURIComponent(token)}`
    await client.send(
      { method: 'POST', url, headers: {}, body: '{}' },
      { location: { file: 'schematic.map', line: 30, column: 7 } }
    )
    const shown = `${server.origin}/v1/track?key=[REDACTED]`
    expect(lines).toEqual([
      `2024-05-24T10:00:00.000Z DEBUG http attempt attempt=1 maxAttempts=3 method=POST url=${JSON.stringify(shown)} location=schematic.map:30:7 status=503 durationMs=7 retryInMs=50\n`,
      `2024-05-24T10:00:00.000Z DEBUG http attempt attempt=2 maxAttempts=3 method=POST url=${JSON.stringify(shown)} location=schematic.map:30:7 status=200 durationMs=7\n`
    ])
  })

  it('names the failure of an attempt that got no response', async () => {
    const port = await closedPort()
    const lines: string[] = []
    const client = createHttpClient({
      logger: createLineLogger({ write: (line: string) => lines.push(line) }, { level: 'debug', timestamps: false }),
      retry: { maxAttempts: 1 },
      now: () => 0
    })
    await client.send({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {} }).catch(() => undefined)
    expect(lines).toEqual([
      `DEBUG http attempt attempt=1 maxAttempts=1 method=GET url=http://127.0.0.1:${port}/x error=NETWORK systemCode=ECONNREFUSED durationMs=0\n`
    ])
  })

  it('logs nothing below the logger level', async () => {
    const lines: string[] = []
    const client = createHttpClient({ logger: createLineLogger({ write: (line: string) => lines.push(line) }) })
    await client.send({ method: 'GET', url: `${server.origin}/quiet`, headers: {} })
    expect(lines).toEqual([])
  })
})
