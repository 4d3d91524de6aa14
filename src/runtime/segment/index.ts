/**
 * `mapc/segment`: what destinations built with `mapc build --target segment` import next to
 * `@segment/actions-core`. Types only from actions-core: the generated modules import its values
 * themselves, so they share the one copy of actions-core their Destination runs on.
 */
export { performOne, performMany, type SegmentBinding, type HostInput, type ItemOutcome, type Skipped } from './action-host.js'
export type { RequestClient } from './request-context.js'
export { EVENT_FIELD } from './computed-defaults.js'
export { authHeaderValues } from './auth-headers.js'
export { testAuthentication } from './test-authentication.js'
