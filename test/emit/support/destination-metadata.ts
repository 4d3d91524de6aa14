/**
 * What a compiled destination says about itself, as data, without its functions: metadata,
 * settings, fields, presets, batching and schemas. Generated modules and the interpreter must
 * say the same.
 */
import type { CompiledDestination } from '../../../src/runtime/contract.js'

export function metadataOf(d: CompiledDestination): unknown {
  return {
    name: d.name,
    title: d.title,
    slug: d.slug,
    description: d.description,
    source: d.source,
    accepts: d.accepts,
    settings: d.settings,
    authScheme: d.authScheme,
    presets: d.presets.map((p) => ({ title: p.title, fql: p.fql, action: p.action })),
    actions: Object.values(d.actions).map((a) => ({
      name: a.name,
      title: a.title,
      description: a.description,
      fql: a.fql,
      eventTypes: a.eventTypes,
      fields: a.fields,
      defaults: Object.keys(a.defaults),
      batch: a.batch && { enabledField: a.batch.enabledField, size: a.batch.size, loc: a.batch.loc },
      payloadSchema: a.payloadSchema,
      loc: a.loc
    }))
  }
}
