import { describe, expect, test } from 'vitest'
import type { Action, Destination, MapFile } from '../../src/compiler/syntax/ast.js'
import { parseMap } from '../../src/compiler/syntax/parse.js'
import { sliceOf, withoutSpans } from './helpers.js'
import * as A from './ast-builders.js'

function destination(body: string): Destination {
  const { ast, diagnostics } = parseMap(`destination d {\n${body}\n}`, 'test.map')
  expect(diagnostics).toEqual([])
  const [only] = ast.destinations
  if (only === undefined) throw new Error('no destination')
  return only
}

function action(body: string): Action {
  const member = destination(`action a {\n${body}\n}`).members[0]
  if (member?.kind !== 'Action') throw new Error('no action')
  return member
}

const request = (method: string, url: unknown, parts: unknown[] = []) => ({ kind: 'Request', method, url, parts })
const part = (kind: string, value: unknown) => ({ kind: 'RequestPart', part: kind, value })
const attribute = (name: string, ...values: unknown[]) => ({ kind: 'Attribute', name: A.ident(name), values })

describe('destination members', () => {
  const cases: [string, string, unknown][] = [
    ['attribute', 'title "Attio (Actions)"', attribute('title', A.str('Attio (Actions)'))],
    ['attribute list', 'accepts page, alias, group', attribute('accepts', A.name('page'), A.name('alias'), A.name('group'))],
    [
      'setting',
      'setting apiKey: password required { label "API Key"  description "Found on your settings page." }',
      {
        kind: 'Setting',
        name: A.ident('apiKey'),
        type: { kind: 'TypeRef', name: A.ident('password') },
        modifiers: [A.ident('required')],
        attributes: [attribute('label', A.str('API Key')), attribute('description', A.str('Found on your settings page.'))]
      }
    ],
    [
      'setting with a hyphenated format and modifiers',
      'setting when_: string(date-time) hidden secret {}',
      {
        kind: 'Setting',
        name: A.ident('when_'),
        type: { kind: 'TypeRef', name: A.ident('string'), format: A.ident('date-time') },
        modifiers: [A.ident('hidden'), A.ident('secret')],
        attributes: []
      }
    ],
    [
      'auth',
      'auth api_key { header authorization = "Bearer " + settings.apiKey\n test GET "https://x/environments" { headers { "x-key": settings.apiKey } } }',
      {
        kind: 'Auth',
        scheme: A.ident('api_key'),
        attributes: [],
        headers: [{ kind: 'Header', name: 'authorization', value: A.bin('+', A.str('Bearer '), A.member(A.name('settings'), 'apiKey')) }],
        test: request('GET', A.str('https://x/environments'), [part('headers', A.obj(A.prop('x-key', A.member(A.name('settings'), 'apiKey'), true)))])
      }
    ],
    [
      'auth with a quoted header name',
      'auth api_key { header "x-api-key" = settings.apiKey }',
      { kind: 'Auth', scheme: A.ident('api_key'), attributes: [], headers: [{ kind: 'Header', name: 'x-api-key', value: A.member(A.name('settings'), 'apiKey') }] }
    ],
    [
      'auth basic with its credentials',
      'auth basic { username settings.siteId password settings.apiKey }',
      {
        kind: 'Auth',
        scheme: A.ident('basic'),
        attributes: [
          { kind: 'Attribute', name: A.ident('username'), values: [A.member(A.name('settings'), 'siteId')] },
          { kind: 'Attribute', name: A.ident('password'), values: [A.member(A.name('settings'), 'apiKey')] }
        ],
        headers: []
      }
    ],
    [
      'upsert declaration',
      'upsert record(object, key, values) PUT `https://x/{object}/records` { query { matching_attribute: key } json { data: { values: values } } }',
      {
        kind: 'UpsertDecl',
        name: A.ident('record'),
        params: [A.ident('object'), A.ident('key'), A.ident('values')],
        request: request('PUT', A.tpl(['https://x/', '/records'], A.name('object')), [
          part('query', A.obj(A.prop('matching_attribute', A.name('key')))),
          part('json', A.obj(A.prop('data', A.obj(A.prop('values', A.name('values'))))))
        ])
      }
    ],
    [
      'shape',
      'shape assertion(object, key) = { object: object, matching_attribute: key, }',
      {
        kind: 'ShapeDecl',
        name: A.ident('assertion'),
        params: [A.ident('object'), A.ident('key')],
        body: A.obj(A.prop('object', A.name('object')), A.prop('matching_attribute', A.name('key')))
      }
    ],
    [
      'preset',
      'preset "Identify User" when type = "identify" -> identifyUser',
      { kind: 'Preset', title: A.str('Identify User'), trigger: A.cmp('type', '=', 'identify'), action: A.ident('identifyUser') }
    ]
  ]
  test.each(cases)('%s', (_name, source, expected) => {
    expect(withoutSpans(destination(source).members)).toEqual([expected])
  })
})

describe('action members', () => {
  const field = {
    kind: 'Field',
    name: A.ident('email_address'),
    type: { kind: 'TypeRef', name: A.ident('string'), format: A.ident('email') },
    modifiers: [A.ident('required')],
    attributes: [attribute('label', A.str('Email address')), attribute('default', A.bin('??', A.path(A.key('traits'), A.key('email')), A.path(A.key('email'))))]
  }
  const cases: [string, string, unknown][] = [
    ['trigger', 'trigger type = "identify"', { kind: 'TriggerDecl', trigger: A.cmp('type', '=', 'identify') }],
    ['field', 'field email_address: string(email) required { label "Email address"  default $.traits.email ?? $.email }', field],
    ['skip', 'skip "no domain" when not exists(domain)', { kind: 'Skip', reason: A.str('no domain'), when: A.not(A.call('exists', A.name('domain'))) }],
    [
      'reject',
      'reject event_name "has no letters" when snake_case(event_name) == ""',
      { kind: 'Reject', field: A.ident('event_name'), reason: A.str('has no letters'), when: A.bin('==', A.call('snake_case', A.name('event_name')), A.str('')) }
    ],
    [
      'perform with let, upsert and send',
      'perform {\n let company = upsert record "companies" by "domain" with { domain: domain }\n upsert record "users" by "email", "external_id" with attributes ?? {}\n send POST "https://x/e" { json { a: 1 } form { b: 2 } }\n}',
      {
        kind: 'Perform',
        steps: [
          {
            kind: 'Let',
            name: A.ident('company'),
            value: { kind: 'Upsert', target: A.ident('record'), object: A.str('companies'), keys: [A.str('domain')], values: A.obj(A.prop('domain', A.name('domain'))) }
          },
          { kind: 'Upsert', target: A.ident('record'), object: A.str('users'), keys: [A.str('email'), A.str('external_id')], values: A.bin('??', A.name('attributes'), A.obj()) },
          { kind: 'Send', request: request('POST', A.str('https://x/e'), [part('json', A.obj(A.prop('a', A.num('1')))), part('form', A.obj(A.prop('b', A.num('2'))))]) }
        ]
      }
    ],
    [
      'batch',
      'batch {\n enabled enable_batching\n size batch_size\n send PUT "https://x/batch" { json { items: [for item in batch: item.id] } }\n results response.results\n}',
      {
        kind: 'Batch',
        members: [
          attribute('enabled', A.name('enable_batching')),
          attribute('size', A.name('batch_size')),
          { kind: 'Send', request: request('PUT', A.str('https://x/batch'), [part('json', A.obj(A.prop('items', A.forIn('item', A.name('batch'), A.member(A.name('item'), 'id')))))]) },
          attribute('results', A.member(A.name('response'), 'results'))
        ]
      }
    ],
    ['let with send', 'perform { let r = send GET "https://x" }', { kind: 'Perform', steps: [{ kind: 'Let', name: A.ident('r'), value: { kind: 'Send', request: request('GET', A.str('https://x')) } }] }]
  ]
  test.each(cases)('%s', (_name, source, expected) => {
    expect(withoutSpans(action(source).members)).toEqual([expected])
  })
})

describe('files', () => {
  test('a file keeps its comments in source order, with exact spans', () => {
    const text = '// head\ndestination d { /* inner */ title "x" }\n'
    const { ast }: { ast: MapFile } = parseMap(text, 'c.map')
    expect(ast.comments.map((c) => [c.text, c.block, sliceOf(text, c.span)])).toEqual([
      ['// head', false, '// head'],
      ['/* inner */', true, '/* inner */']
    ])
    expect(ast.span).toMatchObject({ file: 'c.map', start: { offset: 0, line: 1, column: 1 }, end: { offset: text.length, line: 3, column: 1 } })
  })

  test('members need no separators: several on one line parse the same as one per line', () => {
    const oneLine = parseMap('destination d { title "x" slug "y" action a { title "z" } }', 'a.map')
    const spread = parseMap('destination d {\n  title "x"\n  slug "y"\n\n  action a {\n    title "z"\n  }\n}\n', 'b.map')
    expect(oneLine.diagnostics).toEqual([])
    expect(withoutSpans(oneLine.ast.destinations)).toEqual(withoutSpans(spread.ast.destinations))
  })

  test('every node of a member spans exactly its source text', () => {
    const { ast } = parseMap(`destination d {\n  action a {\n    field email: string(email) required { label "E" }\n  }\n}`, 'f.map')
    const actionNode = ast.destinations[0]?.members[0]
    if (actionNode?.kind !== 'Action') throw new Error('no action')
    const member = actionNode.members[0]
    if (member?.kind !== 'Field') throw new Error('no field')
    const source = `destination d {\n  action a {\n    field email: string(email) required { label "E" }\n  }\n}`
    expect(sliceOf(source, member.span)).toBe('field email: string(email) required { label "E" }')
    expect(sliceOf(source, member.name.span)).toBe('email')
    expect(sliceOf(source, member.type.span)).toBe('string(email)')
    expect(member.span.start).toEqual({ offset: 33, line: 3, column: 5 })
    expect(sliceOf(source, actionNode.span)).toBe('action a {\n    field email: string(email) required { label "E" }\n  }')
  })
})
