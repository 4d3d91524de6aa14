/**
 * No text of a `.map` can inject code into the Segment target's output or move a request to
 * another host or path. Each run builds a destination whose every text is hostile (the code
 * breakouts, separators and awkward keys of test/emit/support/hostile-destination.ts: quotes,
 * backticks, `${…}`, `*\/`, U+2028, NUL, `__proto__`…) in titles, descriptions, labels, the
 * preset, literals in defaults (which become mapping-kit JSON), object keys and a header, with
 * action and field names that are the generated code's own variables; imports the output; runs it
 * under actions-core with event values aimed at the URL path. The canary is never called, no
 * global changes, the definition holds exactly the strings written, and every request goes to the
 * `.map`'s host with the value as one encoded path segment, or is refused before it is sent.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { encodeString } from '../../src/compiler/syntax/literals.js'
import { PayloadValidationError } from '../../src/runtime/errors/index.js'
import { compileOrThrow, withInlineApi } from '../support/build-destination.js'
import { guardSuite } from '../support/guarded-suite.js'
import { hostileString } from '../emit/support/hostile-destination.js'
import { actionsCore, stubFetch } from './support/actions-core.js'
import { buildSegment } from './support/build-segment.js'
import { asMapcClass } from './support/carried-errors.js'
import { subscriptionMapping } from './support/segment-replay.js'

const SUITE = 'segment-hostile'
const FILE = 'test/segment/hostile.map'
const RUNS = Number(process.env.MAPC_PROPERTY_RUNS ?? 25)

const guarded = guardSuite(SUITE)

/** Names the generated modules use themselves, as action and field names. */
const actionName = fc.constantFrom('constructor', 'toString', 'valueOf', 'hasOwnProperty', 'binding', 'compiled', 'compiledDestination', 'multiStatus', 'performOne', 'e', 'ctx')
const fieldName = fc.constantFrom('e', 'ctx', 'p', 'v', 'binding', 'compiled', 'request', 'data', 'res')
/** Header values must be text HTTP can carry. */
const headerText = hostileString.filter((s) => /^[\x20-\x7e]*$/.test(s))

const holes = fc.record({
  title: hostileString,
  description: hostileString,
  settingLabel: hostileString,
  presetTitle: hostileString,
  trigger: hostileString,
  actionTitle: hostileString,
  actionDescription: hostileString,
  fieldLabel: hostileString,
  fieldDescription: hostileString,
  literal: hostileString,
  key: hostileString,
  header: headerText,
  action: actionName,
  field: fieldName
})
type Holes = typeof holes extends fc.Arbitrary<infer T> ? T : never

const s = encodeString

let run = 0

/**
 * actions-core caches payload schemas process-wide by `<destination name>:<action title>`, so each
 * run's destination gets a name of its own (the title's start), or a later run would be
 * validated against an earlier run's fields.
 */
function hostileMap(h: Holes): string {
  return `destination hostile {
  title ${s(`Run${++run} ${h.title}`)}
  slug "actions-hostile"
  description ${s(h.description)}
  accepts identify, track

  setting apiKey: string required secret {
    label ${s(h.settingLabel)}
  }

  auth api_key {
    header authorization = "Bearer " + settings.apiKey
  }

  preset ${s(h.presetTitle)} when type = "track" and event = ${s(h.trigger)} -> ${h.action}

  action ${h.action} {
    title ${s(h.actionTitle)}
    description ${s(h.actionDescription)}
    trigger type = "track"

    field ${h.field}: string required {
      label ${s(h.fieldLabel)}
      description ${s(h.fieldDescription)}
      default $.userId ?? ${s(h.literal)}
    }
    field attrs: object keyvalue {
      label ${s(h.fieldLabel)}
      default { ${s(h.key)}: $.properties.plan, fixed: ${s(h.literal)} }
    }

    perform {
      send POST \`https://api.hostile.test/v1/{${h.field}}/events\` {
        headers { "x-hostile": ${s(h.header)} }
        json { attrs: attrs, literal: ${s(h.literal)} }
      }
    }
  }
}
`
}

const api = { oneOf: [{ 'x-mapc-endpoint': 'POST https://api.hostile.test/v1/{id}/events', type: 'object' }] }

/** Values aimed at the URL: traversal, separators, another host, encoded tricks. */
const pathValue = fc.oneof(fc.constantFrom('../admin', '..', '.', 'a/b', '@evil.test', 'x?y=1#z', 'https://evil.test/', '%2e%2e', '%2F', 'a\\b', ' '), hostileString)

describe('hostile .map text in the Segment target', () => {
  it('stays data: exact strings in the definition, requests only to the .map host and path', async () => {
    await fc.assert(
      fc.asyncProperty(holes, pathValue, async (h, userId) => {
        const ir = compileOrThrow(hostileMap(h), FILE, withInlineApi(FILE, api))
        const built = await buildSegment(ir, SUITE)
        expect(guarded.current.calls).toEqual([])
        const d = built.definition as unknown as {
          description: string
          authentication: { fields: { apiKey: { label: string } } }
          presets: { name: string; subscribe: string; partnerAction: string }[]
          actions: Record<string, { title: string; description: string; fields: Record<string, { label: string; description: string; default?: unknown }> }>
        }
        expect(d.description).toBe(h.description)
        expect(d.authentication.fields.apiKey.label).toBe(h.settingLabel)
        expect(d.presets[0]).toMatchObject({ name: h.presetTitle, subscribe: built.compiled.presets[0]?.fql, partnerAction: h.action })
        const action = d.actions[h.action]
        expect(Object.hasOwn(d.actions, h.action)).toBe(true)
        expect(action?.title).toBe(h.actionTitle)
        expect(action?.description).toBe(h.actionDescription)
        const field = action?.fields[h.field]
        expect(Object.hasOwn(action?.fields ?? {}, h.field)).toBe(true)
        expect(field?.label).toBe(h.fieldLabel)
        expect(field?.description).toBe(h.fieldDescription)
        expect(field?.default).toEqual({ '@if': { exists: { '@path': '$.userId' }, then: { '@path': '$.userId' }, else: h.literal } })
        // A key starting with `@` has no mapping-kit form: that default is computed in perform instead.
        if (!h.key.startsWith('@') && h.key !== '__proto__' && h.key !== 'fixed') {
          const wanted: Record<string, unknown> = { fixed: h.literal }
          Object.defineProperty(wanted, h.key, { value: { '@path': '$.properties.plan' }, enumerable: true, configurable: true, writable: true })
          expect(action?.fields['attrs']?.default).toEqual(wanted)
        }

        const destination = new actionsCore.Destination(built.definition)
        const { sent, restore } = stubFetch(() => ({ status: 200, body: {} }))
        try {
          const mapping = subscriptionMapping(built.definition, h.action, {}, true)
          const event = { type: 'track', event: 'E', userId, properties: { plan: 'pro' }, timestamp: '2024-05-24T10:00:00Z' }
          const error = await destination.executeAction(h.action, { event, mapping, settings: { apiKey: 'key_0123456789' } }).then(
            () => undefined,
            (e: unknown) => e
          )
          for (const request of sent) {
            const url = new URL(request.url)
            expect(url.origin).toBe('https://api.hostile.test')
            const segments = url.pathname.split('/')
            expect(segments).toHaveLength(4)
            expect([segments[1], segments[3]]).toEqual(['v1', 'events'])
            expect(decodeURIComponent(segments[2] as string)).toBe(userId.trim() === '' ? userId : userId)
            expect(url.search).toBe('')
            expect(request.headers['x-hostile']).toBe(h.header.trim())
            expect((JSON.parse(request.body ?? '{}') as { literal: unknown }).literal).toBe(h.literal)
          }
          if (sent.length === 0) {
            // Refused before anything left, naming the field: by mapc's URL path check or validation,
            // or (an empty value, which counts as missing) by actions-core's validation.
            if (asMapcClass(error) instanceof PayloadValidationError) expect((error as PayloadValidationError).issues.map((i) => i.field)).toContain(h.field)
            else expect(error).toMatchObject({ name: 'AggregateAjvError', message: expect.stringContaining(`'${h.field}'`) })
          } else {
            expect(error).toBeUndefined()
          }
        } finally {
          restore()
        }
        expect(guarded.current.calls).toEqual([])
      }),
      { numRuns: RUNS }
    )
  }, 600_000)
})
