/**
 * The grammar as EBNF text (W3C notation: `x?`, `x*`, `x+`, `"literal"`), derived from the
 * parser's productions, followed by the lexical rules derived from the token definitions.
 * `grammar/mapc.ebnf` is this text; a test fails when the two differ.
 */
import { Lexer, type TokenType } from 'chevrotain'
import { allTokens, Word, AnyToken } from '../syntax/tokens.js'
import { TEMPLATE_CHUNK_GRAMMAR } from '../syntax/template-scanner.js'
import { grammarProductions, type Production } from './productions.js'

const tokensByName = new Map<string, TokenType>(allTokens.map((token) => [token.name, token]))

export function ebnfText(): string {
  const rules = grammarProductions()
  const width = Math.max(...rules.map((rule) => (rule.name ?? '').length))
  const lines = [
    '(* The mapc grammar. Generated from the parser (src/compiler/syntax/parser.ts) by',
    '   `npm run grammar`; do not edit. Whitespace and comments may appear between any two tokens. *)',
    ''
  ]
  for (const rule of rules) lines.push(`${(rule.name ?? '').padEnd(width)} ::= ${sequence(rule.definition ?? [])}`)
  lines.push('', '(* Tokens *)', '', ...lexicalRules(), '')
  return lines.join('\n')
}

function sequence(items: readonly Production[]): string {
  return items.map((item) => production(item, items.length > 1)).join(' ')
}

function production(item: Production, inSequence: boolean): string {
  switch (item.type) {
    case 'Terminal':
      return terminal(item.name ?? '')
    case 'NonTerminal':
      return item.name ?? ''
    case 'Alternative':
      return sequence(item.definition ?? [])
    case 'Alternation': {
      const text = (item.definition ?? []).map((alternative) => production(alternative, false)).join(' | ')
      return inSequence ? `( ${text} )` : text
    }
    case 'Option':
      return `${group(item)}?`
    case 'Repetition':
      return `${group(item)}*`
    case 'RepetitionMandatory':
      return `${group(item)}+`
    case 'RepetitionWithSeparator':
      return `( ${sequence(item.definition ?? [])} ( ${production(item.separator as Production, false)} ${sequence(item.definition ?? [])} )* )?`
    case 'RepetitionMandatoryWithSeparator':
      return `${sequence(item.definition ?? [])} ( ${production(item.separator as Production, false)} ${sequence(item.definition ?? [])} )*`
    default:
      return sequence(item.definition ?? [])
  }
}

function group(item: Production): string {
  let items = item.definition ?? []
  if (items.length === 1 && items[0]?.type === 'Alternative') items = items[0].definition ?? []
  const single = items.length === 1 && (items[0]?.type === 'Terminal' || items[0]?.type === 'NonTerminal')
  return single ? production(items[0] as Production, false) : `( ${sequence(items)} )`
}

/** Fixed-text tokens appear quoted (`"destination"`, `"{"`); others by name. */
function terminal(name: string): string {
  const token = tokensByName.get(name)
  const pattern = token?.PATTERN
  if (typeof pattern === 'string') return JSON.stringify(pattern)
  if (pattern instanceof RegExp && /^[A-Za-z]+$/.test(pattern.source)) return JSON.stringify(pattern.source)
  return name
}

/** Tokens whose pattern also accepts a mistake, so that the lexer can report it and go on. */
const RECOVERY_NOTES: Record<string, string> = {
  StringLiteral: "also reads an unclosed string and a 'single-quoted' one, to report them",
  BlockComment: 'also reads an unclosed comment, to report it',
  NumberLiteral: 'also reads leading zeros, to report them'
}

function lexicalRules(): string[] {
  const rules: string[] = []
  const width = Math.max(...allTokens.map((token) => token.name.length))
  const rule = (name: string, body: string): void => void rules.push(`${name.padEnd(width)} ::= ${body}`)
  for (const token of allTokens) {
    const pattern = token.PATTERN
    if (token === AnyToken) continue
    if (TEMPLATE_CHUNK_GRAMMAR[token.name] !== undefined) {
      rule(token.name, `/${TEMPLATE_CHUNK_GRAMMAR[token.name]}/`)
    } else if (pattern instanceof RegExp && pattern !== Lexer.NA && !/^[A-Za-z]+$/.test(pattern.source)) {
      const role = token.GROUP === 'comments' ? '   (* a comment *)' : token.GROUP !== undefined ? '   (* ignored between tokens *)' : ''
      const note = RECOVERY_NOTES[token.name] === undefined ? '' : `   (* ${RECOVERY_NOTES[token.name]} *)`
      rule(token.name, `/${pattern.source}/${role}${note}`)
    } else if (pattern === Lexer.NA) {
      // A category: the tokens that belong to it.
      const members = allTokens.filter((member) => member !== token && member.CATEGORIES?.includes(token))
      if (members.length > 0 && token !== Word) rule(token.name, members.map((member) => terminal(member.name)).join(' | '))
      if (token === Word) rule(token.name, 'Identifier | any keyword')
    }
  }
  return rules
}
