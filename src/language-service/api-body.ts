/**
 * Where in an API request an object literal sits, and what the destination's API schema says
 * about it: the properties a request body (or query, or headers) may have at that place, with
 * their descriptions. Used for completion of attribute names and for hover.
 *
 * The place is found by following the expression from the object up to its request part, through
 * properties, arrays, comprehensions, conditionals, fallbacks and spreads, and — for values passed
 * to an upsert declaration or a shape — through the parameter that receives them, to wherever the
 * declaration puts that parameter.
 */
import { findEndpoint, type ApiEndpoint, type ApiSchema } from '../compiler/check/api-schema.js'
import { resolveRef, type JsonSchema } from '../compiler/check/schema-types.js'
import type { Destination, MapFile, RequestSpec, ShapeDecl, UpsertDecl } from '../compiler/syntax/ast.js'
import { walkNodes, type SyntaxNode } from './syntax-tree.js'

export interface SchemaPlace {
  endpoint: ApiEndpoint
  part: 'body' | 'query' | 'headers'
  /** Where in the request: `body.data`, `body.assertions[]`. */
  path: string
  /** The schemas that apply here (several where the schema has alternatives). */
  schemas: JsonSchema[]
  root: JsonSchema
}

export interface ApiProperty {
  name: string
  schema: JsonSchema
  required: boolean
  description?: string
}

type Schemas = JsonSchema[] | undefined

/** The place of the last node of `chain` (the nodes from the file down to it). */
export function schemaPlace(file: MapFile, api: ApiSchema, chain: readonly SyntaxNode[]): SchemaPlace | undefined {
  const destination = chain.find((n): n is Destination & SyntaxNode => n.kind === 'Destination') ?? file.destinations[0]
  if (!destination) return undefined
  return new Locator(api, destination).place(chain, chain.length - 1, 0)
}

/** The properties the schemas allow, in schema order, the first description of each kept. */
export function schemaProperties(place: SchemaPlace): ApiProperty[] {
  const out = new Map<string, ApiProperty>()
  for (const s of expand(place.schemas, place.root)) {
    const properties = (s.properties ?? {}) as Record<string, JsonSchema>
    const required = new Set(Array.isArray(s.required) ? (s.required as string[]) : [])
    for (const [name, schema] of Object.entries(properties)) {
      const existing = out.get(name)
      if (existing) {
        existing.required ||= required.has(name)
        continue
      }
      const property: ApiProperty = { name, schema, required: required.has(name) }
      const description = describe(schema, place.root)
      if (description !== undefined) property.description = description
      out.set(name, property)
    }
  }
  return [...out.values()]
}

/** The schemas of one property of the place (or of what `additionalProperties` allows). */
export function propertyPlace(place: SchemaPlace, key: string): SchemaPlace {
  return { ...place, path: `${place.path}.${key}`, schemas: property(place.schemas, key, place.root) }
}

type RootPlace = (() => SchemaPlace | undefined) | undefined

class Locator {
  constructor(
    private readonly api: ApiSchema,
    private readonly destination: Destination
  ) {}

  /**
   * The place of chain[i]. In a shape's body, `atRoot` is the place of the call the body stands
   * for; `depth` bounds the walk through shapes calling shapes.
   */
  place(chain: readonly SyntaxNode[], i: number, depth: number, atRoot?: RootPlace): SchemaPlace | undefined {
    if (depth > 16) return undefined
    if (i <= 0) return atRoot?.()
    const node = chain[i] as SyntaxNode
    const parent = chain[i - 1] as SyntaxNode
    const up = (): SchemaPlace | undefined => this.place(chain, i - 1, depth, atRoot)
    switch (parent.kind) {
      case 'RequestPart':
        return this.requestPart(parent as unknown as { part: string }, chain[i - 2] as unknown as RequestSpec)
      case 'Property':
        // chain: Object → Property → value. The object's place, then the key's.
        return mapProperty(this.place(chain, i - 2, depth, atRoot), (parent as unknown as { key: string }).key)
      case 'Spread':
        return this.place(chain, i - 2, depth, atRoot)
      case 'Object':
        // The entry itself (a key being hovered): the object's place.
        return up()
      case 'Array':
        return mapItems(up())
      case 'For':
        return (parent as unknown as { body: unknown }).body === node ? mapItems(up()) : undefined
      case 'If':
        return (parent as unknown as { condition: unknown }).condition === node ? undefined : up()
      case 'Binary':
        return (parent as unknown as { operator: string }).operator === '??' ? up() : undefined
      case 'Upsert':
        return this.upsertArgument(parent, node, depth)
      case 'Call':
        return this.shapeArgument(parent, node, () => this.place(chain, i - 1, depth + 1, atRoot), depth)
      case 'ShapeDecl':
        return atRoot?.()
      default:
        return undefined
    }
  }

  private requestPart(part: { part: string }, request: RequestSpec | undefined): SchemaPlace | undefined {
    if (!request || request.kind !== 'Request') return undefined
    const url = request.url.kind === 'String' ? request.url.value : request.url.kind === 'Template' ? request.url.quasis.join('{}') : undefined
    if (url === undefined) return undefined
    const endpoint = findEndpoint(this.api, request.method, url)
    if (!endpoint) return undefined
    const which = part.part === 'json' || part.part === 'form' ? 'body' : part.part === 'query' ? 'query' : part.part === 'headers' ? 'headers' : undefined
    if (which === undefined) return undefined
    const schema = endpoint[which]
    return schema === undefined ? undefined : { endpoint, part: which, path: which, schemas: [schema], root: this.api.root }
  }

  /** `upsert record "people" by "email" with { … }`: where the declaration sends its parameter. */
  private upsertArgument(step: SyntaxNode, node: SyntaxNode, depth: number): SchemaPlace | undefined {
    const upsert = step as unknown as { target: { name: string }; object: unknown; keys: unknown[]; values: unknown }
    const decl = this.destination.members.find((m): m is UpsertDecl => m.kind === 'UpsertDecl' && m.name.name === upsert.target.name)
    if (!decl) return undefined
    const index = node === upsert.object ? 0 : node === upsert.values ? decl.params.length - 1 : 1 + upsert.keys.indexOf(node)
    const param = decl.params[index]?.name
    return param === undefined ? undefined : this.parameterPlace(decl as unknown as SyntaxNode, param, depth, undefined)
  }

  /** `assertion("users", "user_id", { … })`: where the shape's body puts the parameter. */
  private shapeArgument(call: SyntaxNode, node: SyntaxNode, callPlace: () => SchemaPlace | undefined, depth: number): SchemaPlace | undefined {
    const c = call as unknown as { callee: { name: string }; args: unknown[] }
    const shape = this.destination.members.find((m): m is ShapeDecl => m.kind === 'ShapeDecl' && m.name.name === c.callee.name)
    const index = c.args.indexOf(node)
    const param = index >= 0 ? shape?.params[index]?.name : undefined
    if (!shape || param === undefined) return undefined
    return this.parameterPlace(shape as unknown as SyntaxNode, param, depth, callPlace)
  }

  /** The first use of a parameter in its declaration that has a place. */
  private parameterPlace(decl: SyntaxNode, param: string, depth: number, atRoot: RootPlace): SchemaPlace | undefined {
    let found: SchemaPlace | undefined
    walkNodes(decl, (n, parents) => {
      if (found) return false
      if (n.kind !== 'Name' || (n as unknown as { name: string }).name !== param) return
      const chain = [...parents, n]
      found = this.place(chain, chain.length - 1, depth + 1, atRoot)
      return false
    })
    return found
  }
}

function mapProperty(place: SchemaPlace | undefined, key: string): SchemaPlace | undefined {
  if (!place) return undefined
  const schemas = property(place.schemas, key, place.root)
  return schemas.length > 0 ? { ...place, path: `${place.path}.${key}`, schemas } : undefined
}

function mapItems(place: SchemaPlace | undefined): SchemaPlace | undefined {
  if (!place) return undefined
  const schemas = items(place.schemas, place.root)
  return schemas.length > 0 ? { ...place, path: `${place.path}[]`, schemas } : undefined
}

/** The object-level schemas: references followed, combinators flattened, the schema's own keywords kept. */
function expand(schemas: readonly JsonSchema[], root: JsonSchema, depth = 0): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = []
  for (const s of schemas) {
    if (typeof s !== 'object' || depth > 32) continue
    if (typeof s.$ref === 'string') {
      const target = resolveRef(root, s.$ref)
      if (target !== undefined) out.push(...expand([target], root, depth + 1))
      continue
    }
    out.push(s)
    for (const keyword of ['allOf', 'anyOf', 'oneOf']) {
      const branches = s[keyword]
      if (Array.isArray(branches)) out.push(...expand(branches as JsonSchema[], root, depth + 1))
    }
  }
  return out
}

function property(schemas: readonly JsonSchema[], key: string, root: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = []
  for (const s of expand(schemas, root)) {
    const properties = s.properties as Record<string, JsonSchema> | undefined
    if (properties && Object.prototype.hasOwnProperty.call(properties, key)) out.push(properties[key] as JsonSchema)
    else if (s.additionalProperties !== undefined && s.additionalProperties !== false) out.push(s.additionalProperties as JsonSchema)
  }
  return out
}

function items(schemas: readonly JsonSchema[], root: JsonSchema): JsonSchema[] {
  return expand(schemas, root).flatMap((s) => (s.items === undefined ? [] : [s.items as JsonSchema]))
}

/** A schema's description, looking through a reference. */
export function describe(schema: JsonSchema, root: JsonSchema): string | undefined {
  for (const s of expand([schema], root)) if (typeof s.description === 'string') return s.description
  return undefined
}
