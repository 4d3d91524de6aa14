/**
 * `auth basic { username … password … }`: the `Authorization: Basic base64(user:password)`
 * header (RFC 7617), built from the two values, either of which may be left out (many APIs take
 * an API key as the user and no password). The header becomes an ordinary auth header, so the
 * emitter, the interpreter and the runtime's redaction need nothing of their own: a secret
 * setting inside it is redacted in its base64 form too (see runtime/redaction/secret-forms.ts).
 */
import type { Auth } from '../syntax/ast.js'
import { diagnostic, type Diagnostic } from '../diagnostics/diagnostic.js'
import type { AuthIR, ExprIR } from '../ir.js'
import { readAttributes } from './attributes.js'
import type { ExprEnv } from './environment.js'
import { checkExpr } from './expressions.js'
import { requireScalarValue } from './requests.js'
import { stringType } from './types.js'

const CREDENTIALS = ['username', 'password'] as const

/** Checks the credentials of an auth block and, for `basic`, adds the header they make. */
export function checkAuthCredentials(authDecl: Auth, auth: AuthIR, env: ExprEnv, report: (d: Diagnostic) => void): void {
  const where = `\`auth ${authDecl.scheme.name}\``
  const attributes = readAttributes(authDecl.attributes, auth.scheme === 'basic' ? CREDENTIALS : [], where, report)
  if (auth.scheme !== 'basic') return
  const explicit = authDecl.headers.find((h) => h.name.toLowerCase() === 'authorization')
  const given = CREDENTIALS.map((name) => attributes.get(name)).filter((a) => a !== undefined)
  if (given.length === 0) {
    if (explicit === undefined) {
      report(
        diagnostic('MAPC2031', authDecl.scheme.span, '`auth basic` sends no credentials', {
          hint: 'add `username settings.<name>` and/or `password settings.<name>`'
        })
      )
    }
    return
  }
  if (explicit !== undefined) {
    report(
      diagnostic('MAPC2032', explicit.nameSpan, 'the `authorization` header of `auth basic` is built from `username` and `password`', {
        related: [{ span: (given[0] ?? authDecl).span, message: 'the credentials are given here' }],
        hint: 'remove the header, or the `username` and `password`'
      })
    )
    return
  }
  const part = (name: (typeof CREDENTIALS)[number]): ExprIR | undefined => {
    const attribute = attributes.get(name)
    const expr = attribute?.values[0]
    if (attribute === undefined || expr === undefined) return undefined
    if (attribute.values.length > 1) report(diagnostic('MAPC2026', attribute.values[1]?.span ?? attribute.span, `\`${name}\` takes one value`))
    const value = checkExpr(expr, env)
    requireScalarValue(value, `the ${name} of Basic auth`, report)
    return value
  }
  const user = part('username')
  const password = part('password')
  const source = (given[0] ?? authDecl).span
  // An absent part renders as nothing, so `username settings.apiKey` alone sends `apiKey:`.
  const credentials: ExprIR = {
    kind: 'template',
    quasis: ['', ':', ''],
    expressions: [user ?? emptyText(source), password ?? emptyText(source)],
    type: stringType,
    source
  }
  const encoded: ExprIR = { kind: 'call', builtin: 'base64', args: [credentials], type: stringType, source }
  auth.headers.push({
    name: 'authorization',
    value: { kind: 'template', quasis: ['Basic ', ''], expressions: [encoded], type: stringType, source },
    source
  })
}

function emptyText(source: ExprIR['source']): ExprIR {
  return { kind: 'literal', value: '', type: { kind: 'string', value: '' }, source }
}
