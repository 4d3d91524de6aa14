/**
 * Segment mapping-kit mappings, compiled once. See docs/mapping-kit.md.
 */
export { compileMapping, type CompiledMapping, type CompileMappingOptions } from './compile-mapping.js'
export { MAX_PATTERN_LENGTH, MAX_REPLACEMENT_LENGTH } from './directives/replace.js'
export { compileRootDirective, ROOT_DIRECTIVE_KEY, type EventRewrite } from './root-directive.js'
export { bracketedKeysDeviate, pathKeys, segmentKeys } from './segment-path.js'
export { MAX_LIQUID_TEMPLATE_LENGTH, DISABLED_LIQUID_FILTERS, DISABLED_LIQUID_TAGS } from './liquid-engine.js'
