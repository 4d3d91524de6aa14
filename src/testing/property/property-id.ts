/**
 * Which property of which action a result is about, and the replay path that names one property
 * and one counter-example: `attio/identifyUser/batch/fits-api:4:1:0`, the property's key, then
 * fast-check's own path. Putting the key in the path lets `mapc test --seed S --path P` rerun
 * exactly the property that failed, whatever other files or actions are given.
 */

/** The four properties every action is held to (docs/testing.md). */
export const propertyNames = ['fits-api', 'deterministic', 'invariants', 'agrees-with-interpreter'] as const
export type PropertyName = (typeof propertyNames)[number]

/** One event per delivery, or a batch of 1–5 events through the action's batch block. */
export const runModes = ['single', 'batch'] as const
export type RunMode = (typeof runModes)[number]

export interface PropertyId {
  destination: string
  action: string
  mode: RunMode
  property: PropertyName
}

/** `attio/identifyUser/single/fits-api` */
export function propertyKey(id: PropertyId): string {
  return `${id.destination}/${id.action}/${id.mode}/${id.property}`
}

export function sameProperty(a: PropertyId, b: PropertyId): boolean {
  return propertyKey(a) === propertyKey(b)
}

/** The `--path` value that replays one counter-example of one property. */
export function replayPath(id: PropertyId, counterexamplePath: string): string {
  return `${propertyKey(id)}:${counterexamplePath}`
}

export interface ReplayTarget {
  id: PropertyId
  /** fast-check's counter-example path, e.g. `4:1:0`. */
  path: string
}

/** Parses a `--path` value; the error says what a valid one looks like. */
export function parseReplayPath(text: string): { target: ReplayTarget } | { error: string } {
  const expected = 'expected <destination>/<action>/<single|batch>/<property>:<path>, as a failure report prints it'
  const colon = text.indexOf(':')
  if (colon < 0) return { error: `--path ${JSON.stringify(text)} has no counter-example path: ${expected}` }
  const parts = text.slice(0, colon).split('/')
  const path = text.slice(colon + 1)
  const [destination, action, mode, property] = parts
  if (parts.length !== 4 || !destination || !action || mode === undefined || property === undefined) {
    return { error: `--path ${JSON.stringify(text)} does not name a property: ${expected}` }
  }
  if (!isRunMode(mode)) return { error: `--path names the mode ${JSON.stringify(mode)}: expected ${runModes.join(' or ')}` }
  if (!isPropertyName(property)) {
    return { error: `--path names the property ${JSON.stringify(property)}: expected one of ${propertyNames.join(', ')}` }
  }
  if (!/^\d+(:\d+)*$/.test(path)) return { error: `--path ${JSON.stringify(text)} ends in ${JSON.stringify(path)}, not a counter-example path like 4:1:0` }
  return { target: { id: { destination, action, mode, property }, path } }
}

function isRunMode(text: string): text is RunMode {
  return (runModes as readonly string[]).includes(text)
}

function isPropertyName(text: string): text is PropertyName {
  return (propertyNames as readonly string[]).includes(text)
}
