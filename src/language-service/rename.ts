/**
 * Renaming a field, setting, shape, upsert declaration, action, `let` binding or parameter: the
 * declaration and every use, or a refusal that says why. A rename is refused when the new name
 * is not an identifier, is already declared in the same namespace, would be captured by another
 * binding at some use, or would capture another binding's uses.
 */
import type { Identifier } from '../compiler/syntax/ast.js'
import { isBuiltin } from '../compiler/check/builtins.js'
import { lex } from '../compiler/syntax/lexer.js'
import { LineIndex } from '../compiler/syntax/line-index.js'
import { BUILTIN_VALUES, lookup, namespaceOf, type Declaration, type Scope, type SymbolTable } from './symbols.js'

export interface RenameEdit {
  start: number
  end: number
  text: string
}

export type RenameResult = { edits: RenameEdit[] } | { refused: string }

const RENAMEABLE = new Set(['setting', 'field', 'shape', 'upsert', 'action', 'let', 'param', 'loop'])

export function canRename(declaration: Declaration): boolean {
  return RENAMEABLE.has(declaration.kind)
}

export function rename(table: SymbolTable, declaration: Declaration, newName: string): RenameResult {
  if (!canRename(declaration)) return { refused: `a ${declaration.kind} cannot be renamed here` }
  if (!isIdentifier(newName)) return { refused: `\`${newName}\` is not a name: use letters, digits and \`_\`, not starting with a digit, and not a keyword` }
  if (newName === declaration.name) return { edits: [] }
  if (newName === '__proto__') return { refused: '`__proto__` cannot name anything in a destination' }
  const what = describe(declaration)
  const namespace = namespaceOf(declaration.kind)
  if (namespace === 'value') {
    if ((BUILTIN_VALUES as readonly string[]).includes(newName)) return { refused: `\`${newName}\` is a built-in name; renaming ${what} to it would hide it` }
    const clash = valueCollision(table, declaration, newName)
    if (clash) return { refused: clash }
  } else {
    const existing = table.namespaces[namespace].names.get(newName)
    if (existing) return { refused: `there is already ${describe(existing)}${where(existing)}` }
    if (namespace === 'shape' && isBuiltin(newName)) return { refused: `\`${newName}\` is a built-in function; a shape of that name would never be called` }
  }
  const edits: RenameEdit[] = [{ start: declaration.nameSpan.start.offset, end: declaration.nameSpan.end.offset, text: newName }]
  for (const r of declaration.references) {
    edits.push({ start: r.span.start.offset, end: r.span.end.offset, text: r.shorthandKey === undefined ? newName : `${r.shorthandKey}: ${newName}` })
  }
  return { edits: edits.sort((a, b) => a.start - b.start) }
}

/**
 * Fields, `let`s, parameters and loop variables share one namespace with scopes. The new name
 * must not be declared in the declaration's own scope (or, for a field, by a `let` of its action,
 * which the checker refuses), must resolve to the renamed declaration at every use, and must not
 * take over uses that now resolve to another declaration.
 */
function valueCollision(table: SymbolTable, declaration: Declaration, newName: string): string | undefined {
  const sibling = declaration.scope.names.get(newName)
  if (sibling) return `there is already ${describe(sibling)}${where(sibling)}`
  if (declaration.kind === 'field' || declaration.kind === 'let') {
    const sameAction = table.declarations.find(
      (d) => d !== declaration && d.name === newName && d.action === declaration.action && (d.kind === 'field' || d.kind === 'let')
    )
    if (sameAction) return `there is already ${describe(sameAction)}${where(sameAction)}`
  }
  for (const r of declaration.references) {
    if (r.member) continue
    const found = lookup(r.scope, newName)
    if (found && found !== declaration && !isAncestor(found.scope, declaration.scope)) {
      return `at line ${r.span.start.line}, \`${newName}\` would mean ${describe(found)}${where(found)}`
    }
  }
  for (const other of table.declarations) {
    if (other === declaration || other.name !== newName) continue
    for (const r of other.references) {
      if (r.member || !isWithin(r.scope, declaration.scope)) continue
      // Would the renamed declaration now be found first at this use?
      if (!isWithin(other.scope, declaration.scope) || other.scope === declaration.scope) {
        return `${describe(other)}${where(other)} is used at line ${r.span.start.line}, where \`${newName}\` would then mean ${describe(declaration)}`
      }
    }
  }
  return undefined
}

/** Is `inner` the same scope as `outer`, or nested in it? */
function isWithin(inner: Scope, outer: Scope): boolean {
  for (let s: Scope | undefined = inner; s !== undefined; s = s.parent) if (s === outer) return true
  return false
}

/** Is `a` a strict ancestor of `b`: does a binding in `b` shadow one in `a`? */
function isAncestor(a: Scope, b: Scope): boolean {
  return a !== b && isWithin(b, a)
}

export function isIdentifier(text: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(text)) return false
  // Keywords are reserved: the lexer is the authority on which words are.
  const tokens = lex(new LineIndex(text, '<name>')).tokens
  return tokens.length === 1 && tokens[0]?.tokenType.name === 'Identifier'
}

export function describe(d: Pick<Declaration, 'kind' | 'name'>): string {
  const noun = d.kind === 'let' ? '`let` binding' : d.kind === 'loop' ? 'loop variable' : d.kind === 'param' ? 'parameter' : d.kind === 'upsert' ? 'upsert declaration' : d.kind
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun} \`${d.name}\``
}

function where(d: Declaration): string {
  return ` (line ${d.nameSpan.start.line})`
}

export type { Identifier }
