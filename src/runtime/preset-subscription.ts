/**
 * A `.map` preset as a runnable Subscription, without the configuration compiler: the generated
 * module carries the preset's trigger compiled, and presets use the default mappings. The
 * trigger fires only for event types the destination accepts, as a configured trigger does.
 */
import type { CompiledDestination, PresetMeta } from './contract.js'
import { defaultMapping } from './delivery/payload.js'
import { ConfigError } from './errors/index.js'
import type { Subscription } from './subscription.js'

export function presetSubscription(preset: PresetMeta, destination: CompiledDestination, owner: string): Subscription {
  // An own property only: `toString` is not an action of any destination.
  const action = Object.hasOwn(destination.actions, preset.action) ? destination.actions[preset.action] : undefined
  if (action === undefined) {
    throw new ConfigError({ reason: `${owner}: the preset ${JSON.stringify(preset.title)} names ${JSON.stringify(preset.action)}, which is no action of ${destination.name}` })
  }
  const fires = preset.trigger
  const accepted = new Set<unknown>(destination.accepts)
  return {
    name: preset.title,
    destination,
    action,
    trigger: (event) => fires(event) && accepted.has((event as { type?: unknown }).type),
    mapping: defaultMapping
  }
}
