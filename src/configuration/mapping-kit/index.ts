/**
 * Segment mapping-kit mappings, compiled once. See docs/mapping-kit.md.
 */
export { compileMapping, type CompiledMapping, type CompileMappingOptions } from './compile-mapping.js'
export { MAX_PATTERN_LENGTH, MAX_REPLACEMENT_LENGTH } from './directives/replace.js'
