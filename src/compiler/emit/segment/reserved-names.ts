/**
 * Names the Segment target reserves. The runtime half (mapc/segment) reads the same field, so the
 * name is defined once, in the runtime, and re-exported for the emitter.
 */
export { EVENT_FIELD } from '../../../runtime/segment/computed-defaults.js'

/** Formats actions-core's InputField accepts. */
export const ACTIONS_CORE_FORMATS: ReadonlySet<string> = new Set([
  'date',
  'time',
  'date-time',
  'uri',
  'uri-reference',
  'uri-template',
  'email',
  'hostname',
  'ipv4',
  'ipv6',
  'regex',
  'uuid',
  'password',
  'text'
])
