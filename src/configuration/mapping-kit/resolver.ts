/**
 * The compiled form of a mapping: a function of the payload (the event, or an item of
 * `@arrayPath`). `undefined` is absent.
 */
import type { MappingSite } from './mapping-site.js'

export type Resolver = (payload: unknown) => unknown

export type CompileMapping = (mapping: unknown, site: MappingSite) => Resolver

/** Compiles the options of one directive; `site` is the directive's own key (`…["@if"]`). */
export type DirectiveCompiler = (options: unknown, site: MappingSite, compile: CompileMapping) => Resolver
