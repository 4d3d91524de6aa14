/**
 * The URL target: hostile values as URL path parameters, through request building. Every value
 * either is refused (INVALID_REQUEST, PAYLOAD_VALIDATION) or ends as exactly one path segment
 * that decodes back to itself, on the same host, with the query and fragment the template gives.
 *
 * Two layers each case: the runtime (`send` of an event to Attio's assertRecord, whose `object`
 * goes into `PUT /v2/objects/{object}/records/simple`, with a recording transport, with and
 * without an endpoint override), and `$.pathPart` plus `toHttpRequest` for every value directly.
 */
import { readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { projectCheckOptions } from '../../compiler/check-options.js'
import { compileText } from '../../compiler/compile.js'
import { buildAndLoad } from '../../compiler/emit/mapc/write-output.js'
import type { CompiledDestination } from '../../runtime/contract.js'
import { toHttpRequest } from '../../runtime/delivery/http-request.js'
import { createRuntime, loadConfigurationCompiler, MapcError, type HttpRequest } from '../../runtime/index.js'
import { pathPart } from '../../runtime/support.js'
import { projectRoot } from '../corpus.js'
import type { Failure } from '../finding.js'
import { characterUnits, ddmin } from '../minimise.js'
import type { Random } from '../random.js'
import type { FuzzTarget } from './target.js'

/** Pieces hostile path values are made of: dot segments in every spelling, separators, authorities, look-alike dots. */
export const URL_PIECES: readonly string[] = [
  '.', '..', '...', '%2e', '%2E', '%2e%2e', '.%2e', '%2e.', '%252e%252e', '/', '\\', '%2f', '%2F', '%5c', '?', '#', '&', '=', '@', ':', ';', '..;',
  '//evil.test', 'http://evil.test/', 'https://evil.test', 'evil.test', '@evil.test', ':443', '\uFF0E', '\uFF0E\uFF0E', '\u3002', '\uFE52', '\u2024',
  '\u2025', '\u0000', '\t', '\n', '\r', ' ', '%00', '%', '%zz', '\uD800', '😀', 'é', 'a', 'records', '', '\u202E', '~', '+', '%20'
]

export interface UrlCase {
  /** The path values to try; a value is a string, or a number or boolean given as `{ scalar }`. */
  values: (string | { scalar: number | boolean })[]
}

/** Where a request must go: the host, the segments of the path, and which one holds the value. */
interface Expected {
  host: string
  segments: number
  index: number
  search: (search: string) => boolean
}

const valueOf = (v: UrlCase['values'][number]): string | number | boolean => (typeof v === 'string' ? v : v.scalar)

/** What is wrong with a built URL for a value, or undefined when it is one segment, decoding to the value, on the right host. */
export function urlProblem(url: string, value: string | number | boolean, expected: Expected): string | undefined {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    return `the request URL does not parse`
  }
  if (parsed.host !== expected.host) return `the request went to host ${JSON.stringify(parsed.host)}, not ${JSON.stringify(expected.host)}`
  if (parsed.username !== '' || parsed.password !== '') return 'the request URL gained credentials'
  if (parsed.hash !== '') return 'the request URL gained a fragment'
  if (!expected.search(parsed.search)) return `the request URL has query ${JSON.stringify(parsed.search.slice(0, 80))}`
  const segments = parsed.pathname.split('/').slice(1)
  if (segments.length !== expected.segments) return `the path has ${segments.length} segments, not ${expected.segments}: ${JSON.stringify(parsed.pathname.slice(0, 120))}`
  const segment = segments[expected.index] as string
  let decoded: string
  try {
    decoded = decodeURIComponent(segment)
  } catch {
    return `the path segment ${JSON.stringify(segment.slice(0, 60))} does not percent-decode`
  }
  if (decoded !== String(value)) return `the path segment decodes to ${JSON.stringify(decoded.slice(0, 60))}, not the value`
  // What a server that decodes the segment once more, or normalises it, would still read as a dot segment.
  if (/^(\.|%2e){1,2}$/i.test(segment)) return `the path segment ${JSON.stringify(segment)} is a dot segment`
  return undefined
}

const ATTIO_EXPECTED = (host: string): Expected => ({ host, segments: 5, index: 2, search: (s) => s.startsWith('?matching_attribute=') })
const DIRECT_EXPECTED: Expected = { host: 'api.fuzz.test', segments: 3, index: 1, search: (s) => s.startsWith('?q=') }
const REFUSALS = new Set(['INVALID_REQUEST', 'PAYLOAD_VALIDATION'])

/** Request building as the URL target calls it (a test can break it). */
export interface UrlSubject {
  pathPart: typeof pathPart
  toHttpRequest: typeof toHttpRequest
}

export class UrlTarget implements FuzzTarget<UrlCase> {
  readonly name = 'url' as const
  readonly stats = { values: 0, sent: 0, refused: 0, direct: 0, directRefused: 0 }
  private readonly subject: UrlSubject
  private readonly directory: string
  private attio: CompiledDestination | undefined

  constructor(options: { subject?: Partial<UrlSubject>; directory?: string } = {}) {
    this.subject = { pathPart, toHttpRequest, ...options.subject }
    this.directory = options.directory ?? join(projectRoot(), '.tmp', `fuzz-${process.pid}`, 'url')
  }

  async setup(): Promise<void> {
    const root = projectRoot()
    const file = 'mappings/attio.map'
    const compilation = compileText(readFileSync(join(root, file), 'utf8'), file, projectCheckOptions(join(root, file)))
    if (!compilation.ir) throw new Error(`the url target cannot compile ${file}`)
    this.attio = (await buildAndLoad(compilation.ir, this.directory, '0.0.0-fuzz')).destination
    await loadConfigurationCompiler()
  }

  generate(random: Random): UrlCase {
    const values: UrlCase['values'] = []
    for (let i = random.between(4, 12); i > 0; i--) {
      if (random.chance(0.05)) {
        values.push({ scalar: random.pick([0, -1, 1.5, 1e21, Number.NaN, true, false]) })
        continue
      }
      let value = ''
      for (let k = random.between(1, 4); k > 0; k--) value += random.pick(URL_PIECES)
      values.push(value)
    }
    return { values }
  }

  async run(input: UrlCase): Promise<Failure[]> {
    const failures: Failure[] = []
    for (const v of input.values) {
      const value = valueOf(v)
      this.stats.values++
      failures.push(...this.direct(value))
      failures.push(...(await this.throughRuntime(value, undefined)))
      failures.push(...(await this.throughRuntime(value, 'http://127.0.0.1:9')))
    }
    return failures
  }

  private direct(value: string | number | boolean): Failure[] {
    const loc = { file: 'fuzz.map', line: 1, column: 1 }
    const template = 'https://api.fuzz.test/v1/{part}/items'
    let request: HttpRequest
    try {
      const url = `https://api.fuzz.test/v1/${this.subject.pathPart(value, 'part', 'GET', template, loc)}/items`
      request = this.subject.toHttpRequest({ method: 'GET', url, query: [['q', value]], loc }, {})
    } catch (error) {
      if (error instanceof MapcError && REFUSALS.has(error.code)) {
        this.stats.directRefused++
        return []
      }
      return [{ oracle: 'url-throws', message: `request building threw ${error instanceof Error ? error.constructor.name : typeof error}: ${String(error).slice(0, 200)}` }]
    }
    this.stats.direct++
    const problem = urlProblem(request.url, value, DIRECT_EXPECTED)
    return problem ? [{ oracle: 'path-segments', message: `$.pathPart + toHttpRequest: ${problem}` }] : []
  }

  private async throughRuntime(value: string | number | boolean, endpoint: string | undefined): Promise<Failure[]> {
    const sent: HttpRequest[] = []
    const runtime = createRuntime(
      [
        {
          destination: this.attio as CompiledDestination,
          auth: { accessToken: 'fuzz-token-0123456789' },
          subscriptions: [{ name: 'Assert', trigger: 'type = "track"', action: 'assertRecord', mapping: { object: '$.properties.object', matching_attribute: '"email_addresses"' } }],
          ...(endpoint ? { endpoint } : {})
        }
      ],
      {
        transport: () => async (request) => {
          sent.push(request)
          const body = { data: { id: { record_id: 'rec_1' } } }
          return { status: 200, statusText: 'OK', headers: { 'content-type': 'application/json' }, body, text: JSON.stringify(body) }
        }
      }
    )
    const where = endpoint ? `with endpoint ${endpoint}` : 'to api.attio.com'
    try {
      const results = await runtime.send({ type: 'track', event: 'x', receivedAt: '2024-05-01T08:00:30.241Z', properties: { object: value } })
      const result = results[0]
      if (results.length !== 1 || !result) return [{ oracle: 'result-count', message: `assertRecord ${where} gave ${results.length} results` }]
      if (sent.length === 0) {
        if (result.status === 'failed' && REFUSALS.has(result.error.code)) {
          this.stats.refused++
          return []
        }
        return [{ oracle: 'path-refusal', message: `assertRecord ${where} sent nothing and ended ${result.status}${result.status === 'failed' ? ` ${result.error.code}` : ''}, not a refusal` }]
      }
      this.stats.sent++
      const host = endpoint ? new URL(endpoint).host : 'api.attio.com'
      const failures: Failure[] = []
      for (const request of sent) {
        const problem = urlProblem(request.url, value, ATTIO_EXPECTED(host))
        if (problem) failures.push({ oracle: 'path-segments', message: `assertRecord ${where}: ${problem}` })
      }
      return failures
    } finally {
      await runtime.close()
    }
  }

  async minimise(input: UrlCase, stillFails: (candidate: UrlCase) => Promise<boolean>): Promise<UrlCase> {
    const budget = { tests: 400 }
    const values = await ddmin(input.values, (vs) => stillFails({ values: [...vs] }), budget)
    const shrunk: UrlCase['values'] = []
    for (const [i, v] of values.entries()) {
      if (typeof v !== 'string') {
        shrunk.push(v)
        continue
      }
      const rest = values.slice(i + 1)
      const chars = await ddmin(characterUnits(v), (cs) => stillFails({ values: [...shrunk, cs.join(''), ...rest] }), budget)
      shrunk.push(chars.join(''))
    }
    return { values: shrunk }
  }

  serialise(input: UrlCase): string {
    return JSON.stringify(input, null, 1)
  }

  deserialise(text: string): UrlCase {
    return JSON.parse(text) as UrlCase
  }

  async close(): Promise<void> {
    rmSync(this.directory, { recursive: true, force: true })
  }
}
