/**
 * Field defaults that mapping-kit cannot express (a `from_json`, a `let`, a shape, a built-in)
 * run here, in `perform`, exactly as mapc's compiled default does. Whether a subscription uses
 * the defaults at all is said by the hidden field the emitter adds (its default mapping is the
 * whole event, `{"@path": "$."}`): a subscription built from the defaults carries it, one whose
 * mapping leaves it out gets no computed default, as `useDefaultMappings: false` means in mapc.
 * A field the subscription maps itself keeps its mapping, even when that resolves to nothing.
 */
import type { CompiledAction, Payload, SegmentEvent, ValueContext } from '../contract.js'
import { setOwn } from '../support.js'

/** The hidden field that carries the event to `perform`: no `.map` field may have this name. */
export const EVENT_FIELD = 'mapc_event'

export function withComputedDefaults(
  action: CompiledAction,
  computed: readonly string[],
  input: Payload,
  mapping: Readonly<Record<string, unknown>> | undefined,
  ctx: ValueContext
): Payload {
  const payload: Payload = {}
  for (const [key, value] of Object.entries(input)) if (key !== EVENT_FIELD) setOwn(payload, key, value)
  const event = input[EVENT_FIELD]
  if (computed.length === 0 || event === null || typeof event !== 'object' || Array.isArray(event)) return payload
  for (const name of computed) {
    if (mapping !== undefined && Object.prototype.hasOwnProperty.call(mapping, name)) continue
    const resolve = action.defaults[name]
    if (resolve === undefined) continue
    const value = resolve(event as SegmentEvent, ctx)
    if (value !== undefined) setOwn(payload, name, value)
  }
  return payload
}
