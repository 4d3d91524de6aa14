/**
 * Property-based testing of mappings (`mapc test`): every action of a destination, run on
 * generated events through its generated module, against the destination's API schema, its
 * own interpreter and its invariants. See docs/testing.md.
 */
export { runPropertyTests, type PropertyTestOptions, type PropertyTestReport, type PropertyResult, type CounterExample, type SetupFailure } from './run-property-tests.js'
export type { DestinationUnderTest } from './destination-bench.js'
export { parseReplayPath, propertyKey, propertyNames, type PropertyId, type PropertyName, type ReplayTarget, type RunMode } from './property-id.js'
export { formatPropertyResult, formatSetupFailure, formatSummary } from './format-report.js'
export type { PropertyTally } from './properties.js'
