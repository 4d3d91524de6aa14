/**
 * Declarations, steps and requests → documents, in the layout of mappings/*.map: one member per
 * line, blocks indented by two spaces, and a blank line between members of different kinds
 * (and between settings, upsert declarations, shapes and actions), none inside a run of
 * attributes, presets, fields or rules.
 */
import type {
  Action,
  ActionMember,
  Attribute,
  Auth,
  Batch,
  Destination,
  DestinationMember,
  HeaderDecl,
  Identifier,
  MapFile,
  RequestPart,
  RequestSpec,
  Step,
  TypeRef
} from '../syntax/ast.js'
import type { SpannedNode } from '../syntax/children.js'
import { encodeString } from '../syntax/literals.js'
import type { CommentPrinter } from './comment-printer.js'
import { hardline, indent, join, type Doc } from './doc.js'
import { printExpression } from './print-expression.js'
import { printTrigger } from './print-trigger.js'
import { isWord } from './words.js'

export function printFile(file: MapFile, comments: CommentPrinter): Doc {
  const destinations = file.destinations.map((d) => printDestination(d, comments))
  const dangling = comments.hasDangling(file) ? [destinations.length > 0 ? [hardline, hardline] : '', comments.dangling(file)] : ''
  return [join([hardline, hardline], destinations), dangling, hardline]
}

function printDestination(destination: Destination, comments: CommentPrinter): Doc {
  const header = ['destination ', name(destination.name, comments)]
  return comments.wrap(destination, [header, block(destination, destination.members, destinationGroup, (m) => printDestinationMember(m, comments), comments)])
}

/** Members of one group follow each other without a blank line; see the file comment. */
function destinationGroup(member: DestinationMember): string | undefined {
  switch (member.kind) {
    case 'Attribute':
      return 'attributes'
    case 'Preset':
      return 'presets'
    default:
      return undefined
  }
}

function actionGroup(member: ActionMember): string | undefined {
  switch (member.kind) {
    case 'Attribute':
    case 'TriggerDecl':
      return 'header'
    case 'Field':
      return 'fields'
    case 'Skip':
    case 'Reject':
      return 'rules'
    default:
      return undefined
  }
}

const together = (): string => 'together'

/**
 * ` {`, the members one per line, `}`. `groupOf` names each member's group: consecutive members
 * of one group stand together, anything else is separated by a blank line. A comment written
 * after a blank line keeps it.
 */
function block<M extends SpannedNode>(
  owner: SpannedNode,
  members: readonly M[],
  groupOf: (member: M) => string | undefined,
  print: (member: M) => Doc,
  comments: CommentPrinter
): Doc {
  if (members.length === 0) {
    if (!comments.hasDangling(owner)) return ' {}'
    return [' {', indent([hardline, comments.dangling(owner)]), hardline, '}']
  }
  const lines: Doc[] = []
  members.forEach((member, i) => {
    if (i > 0) {
      const previous = members[i - 1] as M
      const group = groupOf(member)
      const sameGroup = group !== undefined && group === groupOf(previous)
      lines.push(hardline)
      if (!sameGroup || comments.blankBeforeLeading(member)) lines.push(hardline)
    }
    lines.push(print(member))
  })
  const dangling = comments.hasDangling(owner) ? [hardline, comments.dangling(owner)] : ''
  return [' {', indent([hardline, lines, dangling]), hardline, '}']
}

function printDestinationMember(member: DestinationMember, comments: CommentPrinter): Doc {
  switch (member.kind) {
    case 'Attribute':
      return printAttribute(member, comments)
    case 'Setting':
      return comments.wrap(member, [
        'setting ',
        name(member.name, comments),
        ': ',
        printType(member.type, comments),
        modifiers(member.modifiers, comments),
        block(member, member.attributes, together, (a) => printAttribute(a, comments), comments)
      ])
    case 'Auth':
      return printAuth(member, comments)
    case 'UpsertDecl':
      return comments.wrap(member, ['upsert ', name(member.name, comments), parameters(member.params, comments), ' ', printRequest(member.request, comments)])
    case 'ShapeDecl':
      return comments.wrap(member, [
        'shape ',
        name(member.name, comments),
        parameters(member.params, comments),
        ' = ',
        printExpression(member.body, comments)
      ])
    case 'Preset':
      return comments.wrap(member, [
        'preset ',
        comments.wrap(member.title, encodeString(member.title.value)),
        ' when ',
        printTrigger(member.trigger, comments),
        ' -> ',
        name(member.action, comments)
      ])
    case 'Action':
      return printAction(member, comments)
  }
}

function printAttribute(attribute: Attribute, comments: CommentPrinter): Doc {
  return comments.wrap(attribute, [
    name(attribute.name, comments),
    ' ',
    join(', ', attribute.values.map((value) => printExpression(value, comments)))
  ])
}

function printType(type: TypeRef, comments: CommentPrinter): Doc {
  const argument = type.argument === undefined ? '' : [' ', printExpression(type.argument, comments)]
  const format = type.format === undefined ? '' : ['(', name(type.format, comments), argument, ')']
  return comments.wrap(type, [name(type.name, comments), format])
}

function modifiers(list: readonly Identifier[], comments: CommentPrinter): Doc {
  return list.map((modifier) => [' ', name(modifier, comments)])
}

function parameters(params: readonly Identifier[], comments: CommentPrinter): Doc {
  return ['(', join(', ', params.map((param) => name(param, comments))), ')']
}

function name(identifier: Identifier, comments: CommentPrinter): Doc {
  return comments.wrap(identifier, identifier.name)
}

function printAuth(auth: Auth, comments: CommentPrinter): Doc {
  const members: (Attribute | HeaderDecl | RequestSpec)[] = [...auth.attributes, ...auth.headers]
  if (auth.test !== undefined) members.push(auth.test)
  const print = (member: Attribute | HeaderDecl | RequestSpec): Doc =>
    member.kind === 'Attribute'
      ? printAttribute(member, comments)
      : member.kind === 'Header'
        ? comments.wrap(member, ['header ', isWord(member.name) ? member.name : encodeString(member.name), ' = ', printExpression(member.value, comments)])
        : ['test ', printRequest(member, comments)]
  return comments.wrap(auth, ['auth ', name(auth.scheme, comments), block(auth, members, together, print, comments)])
}

function printAction(action: Action, comments: CommentPrinter): Doc {
  return comments.wrap(action, ['action ', name(action.name, comments), block(action, action.members, actionGroup, (m) => printActionMember(m, comments), comments)])
}

function printActionMember(member: ActionMember, comments: CommentPrinter): Doc {
  switch (member.kind) {
    case 'Attribute':
      return printAttribute(member, comments)
    case 'TriggerDecl':
      return comments.wrap(member, ['trigger ', printTrigger(member.trigger, comments)])
    case 'Field':
      return comments.wrap(member, [
        'field ',
        name(member.name, comments),
        ': ',
        printType(member.type, comments),
        modifiers(member.modifiers, comments),
        block(member, member.attributes, together, (a) => printAttribute(a, comments), comments)
      ])
    case 'Skip':
      return comments.wrap(member, [
        'skip ',
        comments.wrap(member.reason, encodeString(member.reason.value)),
        ' when ',
        printExpression(member.when, comments)
      ])
    case 'Reject':
      return comments.wrap(member, [
        'reject ',
        name(member.field, comments),
        ' ',
        comments.wrap(member.reason, encodeString(member.reason.value)),
        ' when ',
        printExpression(member.when, comments)
      ])
    case 'Perform':
      return comments.wrap(member, ['perform', block(member, member.steps, together, (s) => printStep(s, comments), comments)])
    case 'Batch':
      return printBatch(member, comments)
  }
}

function printBatch(batch: Batch, comments: CommentPrinter): Doc {
  const print = (member: Batch['members'][number]): Doc => (member.kind === 'Attribute' ? printAttribute(member, comments) : printStep(member, comments))
  return comments.wrap(batch, ['batch', block(batch, batch.members, together, print, comments)])
}

function printStep(step: Step, comments: CommentPrinter): Doc {
  switch (step.kind) {
    case 'Let':
      return comments.wrap(step, ['let ', name(step.name, comments), ' = ', printStep(step.value, comments)])
    case 'Send':
      return comments.wrap(step, ['send ', printRequest(step.request, comments)])
    case 'Upsert':
      return comments.wrap(step, [
        'upsert ',
        name(step.target, comments),
        ' ',
        printExpression(step.object, comments),
        ' by ',
        join(', ', step.keys.map((key) => printExpression(key, comments))),
        ' with ',
        printExpression(step.values, comments)
      ])
  }
}

function printRequest(request: RequestSpec, comments: CommentPrinter): Doc {
  const head = [request.method, ' ', printExpression(request.url, comments)]
  const parts = request.parts.length === 0 && !comments.hasDangling(request) ? '' : block(request, request.parts, together, (p) => printPart(p, comments), comments)
  return comments.wrap(request, [head, parts])
}

function printPart(part: RequestPart, comments: CommentPrinter): Doc {
  return comments.wrap(part, [part.part, ' ', printExpression(part.value, comments)])
}
