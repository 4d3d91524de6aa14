/**
 * Request checking (src/compiler/check/requests.ts), one request at a time against the corpus's
 * shop API (test/check/apis/shop.schema.json): each diagnostic with its code, exact span, message,
 * hint and related location, and the request's IR where the check lets it through. The corpus
 * (cases/) shows each code once; these pin the forms around it: a part given twice, two bodies,
 * parts that are no object literal, spreads, URL hosts, URL parts, endpoints not found.
 */
import { describe, expect, it } from 'vitest'
import type { Diagnostic } from '../../src/compiler/diagnostics/diagnostic.js'
import type { RequestIR } from '../../src/compiler/ir.js'
import { checkText } from './support/check-text.js'

/** An action whose fields cover each kind a request part can be given, sending `send` (line 11). */
function destination(send: string, name = 'shop'): string {
  return `destination ${name} {
  title "Shop"
  action trackEvent {
    title "Track Event"
    trigger type = "track"
    field name: string required { label "Event" default $.event }
    field source: object required { label "Source" default { name: "segment" } }
    field flag: boolean required { label "Flag" default true }
    field tags: array required { label "Tags" default [] }
    perform {
      ${send}
    }
  }
}
`
}

const at = (d: { span: Diagnostic['span'] }): string => `${d.span.start.line}:${d.span.start.column}-${d.span.end.line}:${d.span.end.column}`

/** Every diagnostic but the unused-field warnings the fixture's spare fields cause. */
function reported(send: string, name?: string): string[] {
  const { diagnostics } = checkText(destination(send, name))
  return diagnostics
    .filter((d) => d.code !== 'MAPC2011')
    .map((d) => [`${d.code} ${at(d)} ${d.message}`, ...(d.hint === undefined ? [] : [`hint: ${d.hint}`]), ...d.related.map((r) => `related ${at(r)}: ${r.message}`)].join(' | '))
}

/** The request of the action's perform block, from the checker's IR. */
function requestIR(send: string, name?: string): RequestIR | undefined {
  const step = checkText(destination(send, name)).ir?.actions[0]?.perform?.[0] as { request?: RequestIR } | undefined
  return step?.request
}

const EVENTS = 'https://api.shop.test/v1/events'
const SOURCE = 'headers { "x-source": "s" }'
const THIS_REQUEST = `related 11:12-11:`

describe('request parts', () => {
  it('a part given twice is reported at the second, with the first as related', () => {
    expect(reported(`send POST "${EVENTS}" { ${SOURCE} headers { b: "2" } json { name: name } }`)).toEqual([
      'MAPC2025 11:81-11:99 the request gives `headers` twice | related 11:53-11:80: first given here'
    ])
  })

  it('a second body is reported, `json` then `form`', () => {
    expect(reported(`send POST "${EVENTS}" { ${SOURCE} json { name: name } form { name: name } }`)).toEqual([
      'MAPC2025 11:101-11:120 a request has one body: `json` or `form`'
    ])
  })

  it('a `form` body is an object literal', () => {
    expect(reported(`send POST "${EVENTS}" { ${SOURCE} form source }`)).toEqual(['MAPC2026 11:86-11:92 `form` takes an object literal: `form { name: value }`'])
    expect(reported(`send POST "${EVENTS}" { ${SOURCE} form { name: name } }`)).toEqual([])
    expect(requestIR(`send POST "${EVENTS}" { ${SOURCE} form { name: name } }`)?.body?.kind).toBe('form')
  })

  it('`headers` and `query` are object literals that list their names, without spreads', () => {
    expect(reported(`send POST "${EVENTS}" { headers source json { name: name } }`)).toEqual([
      `MAPC4002 11:12-11:89 \`headers.x-source\` is required by the API but not sent | ${THIS_REQUEST}89: this request: POST ${EVENTS}`,
      'MAPC2026 11:61-11:67 `headers` takes an object literal: `headers { name: value }`'
    ])
    expect(reported(`send POST "${EVENTS}" { ${SOURCE} query { ...source } json { name: name } }`)).toEqual([
      'MAPC2026 11:92-11:98 `query` lists its names; it cannot spread an object'
    ])
  })

  it('a header or query value is a scalar, and says which it is', () => {
    expect(reported(`send POST "${EVENTS}" { ${SOURCE} query { s: source } json { name: name } }`)).toEqual([
      'MAPC4008 11:92-11:98 a query parameter is a string, number or boolean, not object'
    ])
    expect(reported(`send POST "${EVENTS}" { headers { "x-source": tags } json { name: name } }`)).toEqual([
      'MAPC4008 11:75-11:79 a header is a string, number or boolean, not array of any'
    ])
  })

  it('lower-cases header names and keeps query names, in the IR', () => {
    const ir = requestIR(`send POST "${EVENTS}" { headers { "X-Source": "s" } query { Page: 1 } json { name: name } }`)
    expect(ir?.headers.map((h) => h.name)).toEqual(['x-source'])
    expect(ir?.query.map((q) => q.name)).toEqual(['Page'])
    expect(ir?.endpoint).toBe(`POST ${EVENTS}`)
  })
})

describe('request URLs', () => {
  const HINT = 'hint: interpolate values into the path, after the host: `https://api.example.com/v1/{id}`'

  it('http and https are both absolute URLs', () => {
    expect(reported(`send POST "http://api.shop.test/v1/events" { json { name: name } }`)).toEqual([
      'MAPC4001 11:17-11:49 test/check/apis/shop.schema.json has no endpoint `POST http://api.shop.test/v1/events` | hint: did you mean `POST https://api.shop.test/v1/events`?'
    ])
  })

  it('a URL that is only a host is absolute (no MAPC4006), and names no endpoint here', () => {
    const diagnostics = reported(`send POST "https://api.shop.test" { json { name: name } }`)
    expect(diagnostics).toHaveLength(1)
    expect(diagnostics[0]).toMatch(/^MAPC4001 11:17-11:40 test\/check\/apis\/shop\.schema\.json has no endpoint `POST https:\/\/api\.shop\.test` \| hint: its endpoints: GET https:\/\/api\.shop\.test\/v1\/me; PUT /)
  })

  it('must start with the scheme, and its host ends at a path, query or fragment', () => {
    for (const url of ['see https://api.shop.test/v1/events', 'https://api}x/v1/events', 'ftp://api.shop.test/v1/events', 'https:///v1/events']) {
      const diagnostics = reported(`send POST "${url}" { json { name: name } }`)
      expect(diagnostics, url).toEqual([`MAPC4006 11:17-11:${19 + url.length} a request URL must be an absolute http(s) URL with a fixed host | ${HINT}`])
    }
  })

  it('is a string or a template: anything else is reported (after the parser has said so too)', () => {
    const { parseDiagnostics, diagnostics } = checkText(destination('send POST name'))
    expect(parseDiagnostics.map((d) => d.code)).toEqual(['MAPC1010'])
    // Only that: a URL that is no URL names no endpoint either.
    expect(diagnostics.filter((d) => d.code !== 'MAPC2011').map((d) => `${d.code} ${d.message}`)).toEqual(['MAPC4006 a request URL is a string or a template literal'])
  })

  it('interpolates strings and numbers only, into the path', () => {
    expect(reported('send DELETE `https://api.shop.test/v1/sessions/{name}`')).toEqual([])
    expect(reported('send DELETE `https://api.shop.test/v1/sessions/{flag}`')).toEqual(['MAPC4008 11:55-11:59 a URL part must be a string or number, not boolean'])
    expect(reported('send DELETE `https://api.shop.test/v1/sessions/{tags}`')).toEqual(['MAPC4008 11:55-11:59 a URL part must be a string or number, not array of any'])
    expect(reported('send DELETE `https://api.shop.test/v1/sessions/{source}`')).toEqual([
      'MAPC4008 11:55-11:61 a URL part must be a string or number, not object'
    ])
    const ir = requestIR('send DELETE `https://api.shop.test/v1/sessions/{name}`')
    expect(ir?.url.quasis).toEqual(['https://api.shop.test/v1/sessions/', ''])
    expect(ir?.url.expressions.map((e) => e.kind)).toEqual(['ref'])
  })

  it('names a template URL without an endpoint with its parts elided', () => {
    expect(reported('send POST `https://api.shop.test/v1/nothing/{name}/x` { json { name: name } }')).toEqual([
      'MAPC4001 11:17-11:60 test/check/apis/shop.schema.json has no endpoint `POST https://api.shop.test/v1/nothing/{…}/x` | hint: did you mean `POST https://api.shop.test/v1/orders`?'
    ])
  })
})

describe('against the endpoint', () => {
  it('relates what the endpoint lacks to the request', () => {
    expect(reported(`send POST "${EVENTS}" { ${SOURCE} json { other: 1 } }`)).toEqual([
      `MAPC4002 11:86-11:98 \`body.name\` is required by the API but not sent | ${THIS_REQUEST}100: this request: POST ${EVENTS}`
    ])
  })

  it('an endpoint that takes no body is satisfied by a request without one', () => {
    expect(reported('send DELETE `https://api.shop.test/v1/sessions/{name}`')).toEqual([])
  })

  it('without an API schema, the request is kept as written, unchecked against endpoints', () => {
    const send = `send POST "${EVENTS}" { headers { "X-Trace": "on" } json { name: name } }`
    const ir = requestIR(send, 'elsewhere')
    expect(ir?.method).toBe('POST')
    expect(ir?.url.quasis).toEqual([EVENTS])
    expect(ir?.headers.map((h) => h.name)).toEqual(['x-trace'])
    expect(ir?.body?.kind).toBe('json')
    expect(ir?.endpoint).toBeUndefined()
  })
})

describe('a request without a body', () => {
  const BODIES = 'https://api.bodies.test/v1'
  const sent = (path: string, method = 'POST'): string[] => reported(`send ${method} "${BODIES}/${path}"`, 'bodies')

  it('lacks each property the body requires, at the request', () => {
    const PAIR = `${THIS_REQUEST}51: this request: POST ${BODIES}/props`
    expect(sent('props')).toEqual([
      `MAPC4002 11:12-11:51 \`body.a\` is required by the API but not sent | ${PAIR}`,
      `MAPC4002 11:12-11:51 \`body.b\` is required by the API but not sent | ${PAIR}`
    ])
  })

  it('lacks the body itself where an empty object would not do either: a list, `minProperties`, any shape', () => {
    for (const path of ['list', 'non-empty', 'any']) {
      // The request's span: from its method to the end of its URL.
      const end = 7 + `send POST "${BODIES}/${path}"`.length
      expect(sent(path), path).toEqual([
        `MAPC4002 11:12-11:${end} the API requires a body, and the request sends none | ${THIS_REQUEST}${end}: this request: POST ${BODIES}/${path}`
      ])
    }
  })

  it('is no mistake where the endpoint takes a body or none, even one whose body has required properties', () => {
    expect(sent('optional')).toEqual([])
    expect(reported(`send POST "${BODIES}/optional" { json { other: name } }`, 'bodies')).toEqual([
      expect.stringMatching(/^MAPC4002 .* `body\.name` is required by the API but not sent/)
    ])
  })

  it('is what an endpoint that takes no body wants, and a body sent there is reported', () => {
    expect(sent('none', 'DELETE')).toEqual([])
    expect(reported(`send DELETE "${BODIES}/none" { json { name: name } }`, 'bodies')).toEqual([expect.stringMatching(/^MAPC4004 .* the API accepts no `body`/)])
  })
})
