/**
 * The direct children of any AST node that has a span, in source order. One generic walk for
 * the stages that need one (the formatter attaches comments with it; a checker or an editor
 * integration can find the node at an offset with it) instead of a switch in each of them.
 */
import type { Destination, Expr, MapFile, Span, Step, Trigger } from './ast.js'

/** Anything in the tree that has a span: declarations, expressions, entries, trigger values. */
export interface SpannedNode {
  span: Span
  kind: string
}

export function childrenOf(node: SpannedNode): SpannedNode[] {
  const children = unorderedChildren(node as AnyNode)
  return children.sort((a, b) => a.span.start.offset - b.span.start.offset)
}

type AnyNode = MapFile | Destination | Destination['members'][number] | Step | Expr | Trigger | SpannedNode

function unorderedChildren(node: AnyNode): SpannedNode[] {
  const n = node as unknown as Record<string, unknown>
  switch (node.kind) {
    case 'File':
      return [...(n['destinations'] as SpannedNode[])]
    case 'Destination':
    case 'Action':
      return [n['name'] as SpannedNode, ...(n['members'] as SpannedNode[])]
    case 'Attribute':
      return [n['name'] as SpannedNode, ...(n['values'] as SpannedNode[])]
    case 'Setting':
    case 'Field':
      return [n['name'], n['type'], ...(n['modifiers'] as SpannedNode[]), ...(n['attributes'] as SpannedNode[])] as SpannedNode[]
    case 'TypeRef':
      return present([n['name'], n['format'], n['argument']])
    case 'Auth':
      return present([n['scheme'], ...(n['headers'] as SpannedNode[]), n['test']])
    case 'Header':
    case 'RequestPart':
      return [n['value'] as SpannedNode]
    case 'Preset':
      return [n['title'], n['trigger'], n['action']] as SpannedNode[]
    case 'UpsertDecl':
      return [n['name'], ...(n['params'] as SpannedNode[]), n['request']] as SpannedNode[]
    case 'ShapeDecl':
      return [n['name'], ...(n['params'] as SpannedNode[]), n['body']] as SpannedNode[]
    case 'TriggerDecl':
      return [n['trigger'] as SpannedNode]
    case 'Skip':
      return [n['reason'], n['when']] as SpannedNode[]
    case 'Reject':
      return [n['field'], n['reason'], n['when']] as SpannedNode[]
    case 'Perform':
      return [...(n['steps'] as SpannedNode[])]
    case 'Batch':
      return [...(n['members'] as SpannedNode[])]
    case 'Let':
      return [n['name'], n['value']] as SpannedNode[]
    case 'Send':
      return [n['request'] as SpannedNode]
    case 'Upsert':
      return [n['target'], n['object'], ...(n['keys'] as SpannedNode[]), n['values']] as SpannedNode[]
    case 'Request':
      return [n['url'] as SpannedNode, ...(n['parts'] as SpannedNode[])]
    case 'Member':
      return [n['object'] as SpannedNode]
    case 'Index':
      return [n['object'], n['index']] as SpannedNode[]
    case 'Call':
      return [n['callee'] as SpannedNode, ...(n['args'] as SpannedNode[])]
    case 'Template':
      return [...(n['expressions'] as SpannedNode[])]
    case 'Object':
      return [...(n['entries'] as SpannedNode[])]
    case 'Property':
      return n['shorthand'] === true ? [] : [n['value'] as SpannedNode]
    case 'Spread':
      return [n['value'] as SpannedNode]
    case 'Array':
      return [...(n['items'] as SpannedNode[])]
    case 'For':
      return [n['variable'], n['iterable'], n['body']] as SpannedNode[]
    case 'Binary':
    case 'TriggerOr':
    case 'TriggerAnd':
      return [n['left'], n['right']] as SpannedNode[]
    case 'Not':
    case 'TriggerNot':
      return [n['operand'] as SpannedNode]
    case 'If':
      return present([n['condition'], n['then'], n['else']])
    case 'TriggerCompare':
      return [n['path'], n['value']] as SpannedNode[]
    case 'TriggerCall':
      return [n['path'] as SpannedNode]
    default:
      return []
  }
}

function present(values: unknown[]): SpannedNode[] {
  return values.filter((value): value is SpannedNode => value !== undefined)
}
