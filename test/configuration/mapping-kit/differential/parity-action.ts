/**
 * One action described twice, for the payload half of the differential test: as actions-core
 * fields (whose `default`s are mapping-kit mappings, as Segment's are) in a real actions-core
 * `Destination`, and as a `.map` action run by mapc's interpreter, whose defaults are the same
 * mapping-kit mappings compiled by mapc. Both capture the payloads they are asked to send.
 */
import { actionsCore } from './actions-core.js'
import { compileMapping } from '../../../../src/configuration/mapping-kit/index.js'
import { interpretDestination } from '../../../../src/compiler/interpret/interpret.js'
import type { CompiledAction, Payload, SegmentEvent } from '../../../../src/runtime/contract.js'
import { compileOrThrow, withInlineApi } from '../../../support/build-destination.js'

/** Each field: its Segment definition and the same field in the `.map`. */
const FIELDS = {
  id: { segment: { label: 'Id', type: 'string', required: true, default: { '@path': '$.userId' } }, map: 'field id: string required { label "Id" }' },
  count: { segment: { label: 'Count', type: 'integer', default: { '@path': '$.properties.n' } }, map: 'field count: integer { label "Count" }' },
  amount: { segment: { label: 'Amount', type: 'number', default: { '@path': '$.properties.a' } }, map: 'field amount: number { label "Amount" }' },
  flag: { segment: { label: 'Flag', type: 'boolean', default: { '@path': '$.traits.b' } }, map: 'field flag: boolean { label "Flag" }' },
  at: { segment: { label: 'At', type: 'datetime', default: { '@path': '$.timestamp' } }, map: 'field at: datetime { label "At" }' },
  props: { segment: { label: 'Props', type: 'object', default: { '@path': '$.properties' } }, map: 'field props: object { label "Props" }' },
  tags: { segment: { label: 'Tags', type: 'string', multiple: true, default: { '@path': '$.properties.items' } }, map: 'field tags: string multiple { label "Tags" }' }
} as const

export const FIELD_NAMES = Object.keys(FIELDS) as (keyof typeof FIELDS)[]

/** Segment's default mappings, field by field. */
export const DEFAULT_MAPPINGS: Readonly<Record<string, unknown>> = Object.fromEntries(FIELD_NAMES.map((name) => [name, FIELDS[name].segment.default]))

const MAP_SOURCE = `destination parity {
  title "Parity"
  accepts track, identify, group, page
  action deliver {
    title "Send"
    trigger type = "track"
    ${FIELD_NAMES.map((name) => FIELDS[name].map).join('\n    ')}
    perform { send POST "https://api.parity.test/v1/e" { json { ${FIELD_NAMES.map((name) => `${name}: ${name}`).join(', ')} } } }
    batch {
      size 100
      send POST "https://api.parity.test/v1/batch" { json { items: batch } }
    }
  }
}
`

export type Outcome = { kind: 'sent'; payload: Payload } | { kind: 'failed'; reason: string }

export interface SegmentSide {
  single(event: SegmentEvent, mapping: Record<string, unknown>): Promise<Outcome>
  /** One outcome per event, or the error that failed the whole batch. */
  batch(events: readonly SegmentEvent[], mapping: Record<string, unknown>): Promise<Outcome[] | { batchFailed: string }>
}

export function segmentSide(): SegmentSide {
  let sent: Payload[] = []
  const destination = new actionsCore.Destination({
    name: 'Parity',
    mode: 'cloud',
    authentication: { scheme: 'custom', fields: {} },
    actions: {
      send: {
        title: 'Send',
        description: 'Captures the payload',
        fields: Object.fromEntries(FIELD_NAMES.map((name) => [name, { description: name, ...FIELDS[name].segment }])),
        perform: (_request: unknown, data: { payload: Payload }) => {
          sent.push(data.payload)
        },
        performBatch: (_request: unknown, data: { payload: Payload[] }) => {
          sent.push(...data.payload)
        }
      }
    }
  } as never)
  const message = (error: unknown): string => (error instanceof Error ? error.message : String(error))
  return {
    async single(event, mapping) {
      sent = []
      try {
        await destination.executeAction('send', { event, mapping, settings: {} } as never)
      } catch (error) {
        return { kind: 'failed', reason: message(error) }
      }
      const [payload] = sent
      return payload === undefined ? { kind: 'failed', reason: 'nothing sent' } : { kind: 'sent', payload }
    },
    async batch(events, mapping) {
      sent = []
      let statuses: unknown[]
      try {
        statuses = (await destination.executeBatch('send', { events, mapping, settings: {} } as never)) as unknown[]
      } catch (error) {
        return { batchFailed: message(error) }
      }
      const delivered = [...sent]
      return events.map((_, index) => {
        const status = statuses[index] as { status?: number; errormessage?: string } | undefined
        if (status !== undefined && status.status !== undefined && status.status >= 400) return { kind: 'failed', reason: status.errormessage ?? 'invalid' }
        const payload = delivered.shift()
        return payload === undefined ? { kind: 'failed', reason: 'nothing sent' } : { kind: 'sent', payload }
      })
    }
  }
}

/** The `.map` action, interpreted, with the default mappings compiled by mapc as its defaults. */
export function mapcAction(): CompiledAction {
  const ir = compileOrThrow(MAP_SOURCE, 'parity.map', withInlineApi('parity.map', { oneOf: [{ 'x-mapc-endpoint': 'POST https://api.parity.test/v1/e', type: 'object' }, { 'x-mapc-endpoint': 'POST https://api.parity.test/v1/batch', type: 'object' }] }))
  const action = interpretDestination(ir).actions.deliver
  if (action === undefined) throw new Error('parity.map has no action deliver')
  const defaults = Object.fromEntries(FIELD_NAMES.map((name) => {
    const resolve = compileMapping(DEFAULT_MAPPINGS[name], `default.${name}`)
    return [name, (event: SegmentEvent) => resolve(event)]
  }))
  return {
    ...action,
    defaults,
    resolveDefaults(event) {
      const payload: Payload = {}
      for (const name of FIELD_NAMES) {
        const value = defaults[name]?.(event)
        if (value !== undefined) payload[name] = value
      }
      return payload
    }
  }
}
