/**
 * `types.ts`: TypeScript types of the settings and of each action's payload, generated from their
 * JSON Schemas with json-schema-to-typescript, for reviewers and for users' own code.
 */
import { compile } from 'json-schema-to-typescript'
import type { DestinationIR } from '../ir.js'
import { typeName } from './names.js'

export async function emitTypes(destination: DestinationIR, header: string): Promise<string> {
  const parts = [header]
  parts.push(await compileOne(destination.settingsSchema, typeName(destination.name, 'Settings')))
  for (const action of destination.actions) {
    parts.push(await compileOne(action.payloadSchema, typeName(action.name, 'Payload')))
  }
  return parts.join('\n')
}

async function compileOne(schema: unknown, name: string): Promise<string> {
  const copy = withoutPropertyTitles(schema) as Record<string, unknown>
  copy.title = name
  return compile(copy as never, name, {
    bannerComment: '',
    additionalProperties: false,
    format: false,
    strictIndexSignatures: true,
    unknownAny: true
  })
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
