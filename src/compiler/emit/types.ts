/**
 * `types.ts`: TypeScript types of the settings and of each action's payload, generated from their
 * JSON Schemas with json-schema-to-typescript, for reviewers and for users' own code.
 */
import { compile } from 'json-schema-to-typescript'
import type { DestinationIR } from '../ir.js'
import { declarationTypeNames } from './names.js'
import { isInheritedName, stringLiteral } from './literals.js'

export async function emitTypes(destination: DestinationIR, header: string): Promise<string> {
  const parts = [header]
  const names = declarationTypeNames(destination)
  parts.push(await compileOne(destination.settingsSchema, names.settings))
  for (const action of destination.actions) {
    parts.push(await compileOne(action.payloadSchema, names.payloads.get(action.name) ?? action.name))
  }
  return parts.join('\n')
}

/** One named TypeScript declaration for a JSON Schema (the Segment target writes them file by file). */
export async function compileOne(schema: unknown, name: string): Promise<string> {
  const { schema: safe, restore } = withoutInheritedNames(withoutPropertyTitles(schema) as Record<string, unknown>)
  safe.title = name
  const text = await compile(safe as never, name, {
    bannerComment: '',
    additionalProperties: false,
    format: false,
    strictIndexSignatures: true,
    unknownAny: true
  })
  return restore(text)
}

/**
 * json-schema-to-typescript walks schemas as plain objects: a field named `hasOwnProperty`
 * crashes it and one named `__proto__` is lost. Such field names are replaced, before it runs, by
 * placeholders no `.map` identifier can spell (they contain `$`), and restored, quoted, in its
 * output.
 */
function withoutInheritedNames(schema: Record<string, unknown>): { schema: Record<string, unknown>; restore: (text: string) => string } {
  const properties = schema.properties as Record<string, unknown> | undefined
  const names = Object.keys(properties ?? {}).filter(isInheritedName)
  if (!properties || names.length === 0) return { schema, restore: (text) => text }
  const placeholder = new Map(names.map((n, i) => [n, `mapc$field$${i}$`]))
  const rename = (n: string): string => placeholder.get(n) ?? n
  const renamed = {
    ...schema,
    properties: Object.fromEntries(Object.entries(properties).map(([k, v]) => [rename(k), v])),
    ...(Array.isArray(schema.required) ? { required: (schema.required as string[]).map(rename) } : {})
  }
  const restore = (text: string): string =>
    names.reduce((out, n) => out.split(placeholder.get(n) as string).join(stringLiteral(n)), text)
  return { schema: renamed, restore }
}

/** Property titles would become named interfaces ("AdditionalUserAttributes"); descriptions stay as JSDoc. */
function withoutPropertyTitles(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema
  const out: Record<string, unknown> = { ...(schema as Record<string, unknown>) }
  if (out.properties && typeof out.properties === 'object') {
    out.properties = Object.fromEntries(
      Object.entries(out.properties as Record<string, Record<string, unknown>>).map(([k, v]) => {
        const { title: _title, ...rest } = v
        return [k, withoutPropertyTitles(rest)]
      })
    )
  }
  return out
}
