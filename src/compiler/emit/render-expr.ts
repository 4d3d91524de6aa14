/**
 * IR expressions back to the language's own syntax, on one line: how docs and metadata show a
 * field's default (`$.traits.email ?? $.email`). Strings and template text are escaped as the
 * formatter escapes them, so what is shown reads back as the same expression.
 */
import type { ExprIR } from '../ir.js'
import { encodeString, encodeTemplateText } from '../syntax/literals.js'

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

const PRECEDENCE: Record<string, number> = { if: 1, or: 2, and: 3, not: 4, '==': 5, '!=': 5, '??': 6, '+': 7 }

export function renderExpr(expr: ExprIR): string {
  return render(expr, 0)
}

/** ` without email` or ` without (email, "phone number")` */
function withoutText(keys: readonly string[] | undefined): string {
  if (keys === undefined || keys.length === 0) return ''
  const written = keys.map((k) => (NAME.test(k) ? k : encodeString(k)))
  return written.length === 1 ? ` without ${written[0] as string}` : ` without (${written.join(', ')})`
}

function render(expr: ExprIR, outer: number): string {
  const wrap = (text: string, level: number): string => (level < outer ? `(${text})` : text)
  switch (expr.kind) {
    case 'literal':
      if (expr.value === undefined) return 'absent'
      return typeof expr.value === 'string' ? encodeString(expr.value) : JSON.stringify(expr.value)
    case 'event':
      return '$' + expr.keys.map((k) => (typeof k === 'number' ? `[${k}]` : NAME.test(k) ? `.${k}` : `[${encodeString(k)}]`)).join('')
    case 'ref':
      if (expr.target === 'setting') return expr.name === '' ? 'settings' : `settings.${expr.name}`
      if (expr.target === 'auth') return expr.name === '' ? 'auth' : `auth.${expr.name}`
      return expr.name
    case 'member':
      return `${render(expr.object, 9)}.${expr.key}`
    case 'index':
      return `${render(expr.object, 9)}[${render(expr.index, 0)}]`
    case 'object':
      return expr.entries.length === 0
        ? '{}'
        : `{ ${expr.entries.map((e) => (e.kind === 'spread' ? `...${render(e.value, 9)}${withoutText(e.without)}` : `${NAME.test(e.key) ? e.key : encodeString(e.key)}: ${render(e.value, 0)}`)).join(', ')} }`
    case 'array':
      return `[${expr.items.map((i) => render(i, 0)).join(', ')}]`
    case 'for':
      return `[for ${expr.variable} in ${render(expr.iterable, 0)}: ${render(expr.body, 0)}]`
    case 'template':
      return '`' + expr.quasis.map((q, i) => encodeTemplateText(q) + (expr.expressions[i] ? `{${render(expr.expressions[i] as ExprIR, 0)}}` : '')).join('') + '`'
    case 'binary': {
      const level = PRECEDENCE[expr.operator] as number
      return wrap(`${render(expr.left, level)} ${expr.operator} ${render(expr.right, level + 1)}`, level)
    }
    case 'not':
      return wrap(`not ${render(expr.operand, 4)}`, 4)
    case 'if':
      return wrap(`if ${render(expr.condition, 0)} then ${render(expr.then, 0)}${expr.else ? ` else ${render(expr.else, 0)}` : ''}`, 1)
    case 'call':
      return `${expr.builtin}(${expr.args.map((a) => render(a, 0)).join(', ')})`
    case 'shape':
      return `${expr.name}(${expr.args.map((a) => render(a, 0)).join(', ')})`
  }
}
