/**
 * What destinations built with `mapc build --target segment` run next to `@segment/actions-core`:
 * each build carries a copy of this module and of everything it imports (under
 * `<slug>/mapc/runtime/`, see compiler/emit/segment/runtime-sources.ts), so it needs no mapc
 * package; `mapc/segment` exports the same for programs that have one. Types only from
 * actions-core: the generated modules import its values themselves, so they share the one copy
 * of actions-core their Destination runs on.
 */
export { performOne, performMany, type SegmentBinding, type HostInput, type ItemOutcome, type Skipped } from './action-host.js'
export type { RequestClient } from './request-context.js'
export { EVENT_FIELD } from './computed-defaults.js'
export { authHeaderValues } from './auth-headers.js'
export { testAuthentication } from './test-authentication.js'
export { withSettingDefaults } from '../settings-defaults.js'
