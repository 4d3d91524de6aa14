/**
 * checkMapFile as a whole: what it returns besides the diagnostics the corpus pins down.
 */
import { describe, expect, it } from 'vitest'
import { checkMapFile, type CheckOptions } from '../../src/compiler/check/destination.js'
import type { EventType } from '../../src/compiler/ir.js'
import { parseMap } from '../../src/compiler/syntax/parse.js'
import { checkText, describeDiagnostic, testCheckOptions } from './support/check-text.js'

const minimal = (members: string): string => `destination shop {\n  title "Shop"\n${members}\n}\n`
const ping = 'action ping { title "Ping" perform { send GET "https://api.shop.test/v1/me" } }'

describe('checkMapFile', () => {
  it('reports a file without a destination, and returns no IR', () => {
    const { ast } = parseMap('// nothing here\n', 'empty.map')
    const result = checkMapFile(ast, testCheckOptions)
    expect(result.ir).toBeUndefined()
    expect(result.diagnostics.map(describeDiagnostic)).toEqual([
      '1:1 MAPC2028 error "the file declares no destination" [hint: start with `destination <name> { … }`]'
    ])
  })

  it('returns the IR of a clean destination', () => {
    const result = checkText(minimal(`  setting region: string { label "Region" default "eu" choices "eu", "us" }\n  ${ping}`))
    expect(result.diagnostics).toEqual([])
    expect(result.ir).toMatchObject({
      name: 'shop',
      title: 'Shop',
      slug: 'actions-shop',
      accepts: ['identify', 'track', 'group', 'page', 'screen', 'alias'],
      auth: { scheme: 'none', headers: [] },
      apiSchemaFile: 'test/check/apis/shop.schema.json'
    })
    expect(result.ir?.settingsSchema).toEqual({
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      properties: { region: { title: 'Region', type: 'string', enum: ['eu', 'us'], default: 'eu' } },
      required: [],
      additionalProperties: false
    })
  })

  it('still returns the IR when there are errors, for tools that show what they can', () => {
    const result = checkText(minimal(`  ${ping}\n  action broken { }`))
    expect(result.diagnostics.map((d) => d.code)).toEqual(['MAPC2004', 'MAPC2018'])
    expect(result.ir?.actions.map((a) => a.name)).toEqual(['ping', 'broken'])
  })

  it('sorts diagnostics by position whatever order the checks ran in', () => {
    // Actions are checked after presets, but the action's problem comes first in the file.
    const text = minimal(`  action ping { perform { send GET "https://api.shop.test/v1/me" } }\n  preset "P" when type = "track" -> pnig`)
    const lines = checkText(text).diagnostics.map((d) => d.span.start.line)
    expect(lines).toEqual([...lines].sort((a, b) => a - b))
    expect(checkText(text).diagnostics.map((d) => d.code)).toEqual(['MAPC2004', 'MAPC2008'])
  })

  it('reports a diagnostic once even when a shape is checked at each use', () => {
    const text = minimal(
      '  shape pair(a) = { first: a, second: nope }\n' +
        '  action ping { title "Ping" perform { send POST "https://api.shop.test/v1/events" { headers { "x-source": "s" } json { name: "x", properties: pair(1) } } } }'
    )
    expect(checkText(text).diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual(['MAPC2001 unknown name `nope`'])
  })

  it('reads each event schema once, and only for the types triggers can match', () => {
    const asked: EventType[] = []
    const counting: CheckOptions = {
      ...testCheckOptions,
      eventSchema(type) {
        asked.push(type)
        return testCheckOptions.eventSchema(type)
      }
    }
    const field = (name: string, path: string): string => `field ${name}: string { label "${name}" default ${path} }`
    const send = 'perform { send POST "https://api.shop.test/v1/events" { headers { "x-source": "s" } json { name: "x", properties: { a: a, b: b } } } }'
    const text = minimal(
      `  action one { title "One" trigger type = "track" ${field('a', '$.event')} ${field('b', '$.properties.x')} ${send} }\n` +
        `  action two { title "Two" trigger type = "track" or type = "page" ${field('a', '$.name')} ${field('b', '$.properties.y')} ${send} }`
    )
    const { ast } = parseMap(text, 'count.map')
    const result = checkMapFile(ast, counting)
    expect(result.diagnostics.map(describeDiagnostic)).toEqual([
      '4:104 MAPC3002 warning "`$.name` exists only on page events, not on track events the trigger also matches" [hint: narrow the action\'s trigger, or accept that the value is absent for those events]'
    ])
    expect(asked.sort()).toEqual(['page', 'track'])
  })

  it('never throws on a file the parser recovered from', () => {
    const { ast, diagnostics } = parseMap(minimal('  action a { title "A" field x: { label } perform { send GET } }'), 'broken.map')
    expect(diagnostics.length).toBeGreaterThan(0)
    expect(() => checkMapFile(ast, testCheckOptions)).not.toThrow()
  })
})
