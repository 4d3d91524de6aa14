/**
 * Finds every `.map` location a generated module carries and says what it is attached to, by
 * reading the module's syntax tree: the constants (`const L167_18: $.Loc = { file, line, column }`),
 * each place one is used (a field's metadata, a rule's outcome, a request, a response read…) and
 * the `// file:line:col` comments before each step.
 */
import { ts } from 'ts-morph'

export interface LocConstant {
  name: string
  file: unknown
  line: unknown
  column: unknown
}

export type LocRole =
  | { kind: 'field' | 'setting' | 'action'; name: string }
  | { kind: 'batch' }
  | { kind: 'rule'; rule: string }
  | { kind: 'request'; method: string }
  | { kind: 'url-part'; method: string }
  | { kind: 'upsert-call'; upsert: string }
  | { kind: 'response-read'; written: string }
  | { kind: 'batch-results' }
  | { kind: 'unknown'; context: string }

export interface LocUse {
  constant: string
  role: LocRole
}

export interface StepComment {
  file: string
  line: number
  column: number
}

export interface ModuleLocations {
  constants: LocConstant[]
  uses: LocUse[]
  stepComments: StepComment[]
}

const LOC_NAME = /^L\d+_\d+$/

export function moduleLocations(path: string, text: string): ModuleLocations {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.ES2022, true)
  const constants: LocConstant[] = []
  const uses: LocUse[] = []
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && LOC_NAME.test(node.name.text)) {
      constants.push({ name: node.name.text, ...literalProps(node.initializer) } as LocConstant)
    } else if (ts.isIdentifier(node) && LOC_NAME.test(node.text) && !ts.isVariableDeclaration(node.parent)) {
      uses.push({ constant: node.text, role: roleOf(node) })
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  return { constants, uses, stepComments: stepComments(text) }
}

function roleOf(use: ts.Identifier): LocRole {
  const parent = use.parent
  if (ts.isPropertyAssignment(parent) && ts.isObjectLiteralExpression(parent.parent)) return roleOfObject(literalProps(parent.parent))
  if (ts.isCallExpression(parent)) return roleOfCall(parent)
  return { kind: 'unknown', context: parent.getText() }
}

function roleOfObject(props: Record<string, unknown>): LocRole {
  if (props.kind === 'skip' || props.kind === 'reject') return { kind: 'rule', rule: props.kind }
  if (typeof props.method === 'string') return { kind: 'request', method: props.method }
  if ('perform' in props && 'size' in props) return { kind: 'batch' }
  if (typeof props.name === 'string' && 'fields' in props) return { kind: 'action', name: props.name }
  if (typeof props.name === 'string' && 'secret' in props) return { kind: 'setting', name: props.name }
  if (typeof props.name === 'string' && 'keyvalue' in props) return { kind: 'field', name: props.name }
  return { kind: 'unknown', context: JSON.stringify(props) }
}

function roleOfCall(call: ts.CallExpression): LocRole {
  const callee = call.expression.getText()
  if (callee === '$.responseValue') {
    const written = call.arguments[2]
    if (written && ts.isStringLiteral(written)) return { kind: 'response-read', written: written.text }
  }
  if (callee === '$.itemReports') return { kind: 'batch-results' }
  if (callee.startsWith('upsert_')) return { kind: 'upsert-call', upsert: callee.slice('upsert_'.length) }
  if (callee === '$.urlPart' || callee === '$.pathPart') {
    const method = call.arguments[2]
    if (method && ts.isStringLiteral(method)) return { kind: 'url-part', method: method.text }
  }
  return { kind: 'unknown', context: call.getText() }
}

/** The literal properties of an object literal (strings, numbers, booleans); others as `true`. */
function literalProps(node: ts.Node | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (!node || !ts.isObjectLiteralExpression(node)) return out
  for (const property of node.properties) {
    if (ts.isShorthandPropertyAssignment(property)) out[property.name.text] = true
    if (!ts.isPropertyAssignment(property)) continue
    const key = ts.isIdentifier(property.name) || ts.isStringLiteral(property.name) ? property.name.text : property.name.getText()
    const value = property.initializer
    if (ts.isStringLiteral(value)) out[key] = value.text
    else if (ts.isNumericLiteral(value)) out[key] = Number(value.text)
    else out[key] = true
  }
  return out
}

function stepComments(text: string): StepComment[] {
  return [...text.matchAll(/^\s*\/\/ (.+\.map):(\d+):(\d+)$/gm)].map((m) => ({
    file: m[1] as string,
    line: Number(m[2]),
    column: Number(m[3])
  }))
}
