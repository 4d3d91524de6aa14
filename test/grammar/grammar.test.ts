import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { ebnfText } from '../../src/compiler/grammar/ebnf.js'
import { grammarProductions } from '../../src/compiler/grammar/productions.js'
import { railroadHtml } from '../../src/compiler/grammar/railroad.js'
import { textMateGrammar, textMateGrammarText } from '../../src/compiler/grammar/textmate.js'
import { keywords } from '../../src/compiler/syntax/tokens.js'
import { allPatterns, tokenizeLine, type Grammar } from './textmate-tokenizer.js'

const GRAMMAR_DIR = new URL('../../grammar/', import.meta.url)
const attio = readFileSync(new URL('../../mappings/attio.map', import.meta.url), 'utf8').split('\n')

describe('EBNF', () => {
  test('grammar/mapc.ebnf is what the parser produces (run `npm run grammar` after changing the grammar)', () => {
    expect(readFileSync(new URL('mapc.ebnf', GRAMMAR_DIR), 'utf8')).toBe(ebnfText())
  })

  test('every rule of the parser appears, the recovery device does not', () => {
    const text = ebnfText()
    for (const rule of grammarProductions()) expect(text).toMatch(new RegExp(`^${rule.name} +::= `, 'm'))
    expect(text).not.toContain('skipped')
    expect(text).not.toContain('AnyToken')
  })

  test('rules read as EBNF', () => {
    const text = ebnfText()
    expect(text).toContain('destination        ::= "destination" Identifier destinationBody\n')
    expect(text).toContain('object             ::= "{" ( objectEntry ( "," objectEntry )* ","? )? "}"\n')
    expect(text).toContain('template           ::= TemplateString | TemplateHead expression ( TemplateMiddle expression )* TemplateTail\n')
  })
})

describe('railroad diagrams', () => {
  const html = railroadHtml()

  test('the page is self-contained: nothing is loaded from the network', () => {
    expect(html).not.toMatch(/<script[^>]+src=/)
    expect(html).not.toMatch(/<link[^>]+href=/)
    expect(html).not.toContain('unpkg.com')
    expect(html).toContain('drawDiagramsFromSerializedGrammar')
  })

  test('the checked-in page is up to date', () => {
    expect(readFileSync(new URL('railroad.html', GRAMMAR_DIR), 'utf8')).toBe(html)
  })
})

describe('TextMate grammar', () => {
  const grammar = textMateGrammar() as unknown as Grammar

  test('grammar/mapc.tmLanguage.json is what the generator produces', () => {
    expect(readFileSync(new URL('mapc.tmLanguage.json', GRAMMAR_DIR), 'utf8')).toBe(textMateGrammarText())
    expect(grammar.scopeName).toBe('source.mapc')
  })

  test('every regular expression compiles', () => {
    const patterns = allPatterns(grammar)
    expect(patterns.length).toBeGreaterThan(10)
    for (const pattern of patterns) expect(() => new RegExp(pattern)).not.toThrow()
  })

  const scopeOf = (line: string, text: string): string[] => {
    const token = tokenizeLine(grammar, line).find((t) => t.text === text)
    if (token === undefined) throw new Error(`no token ${JSON.stringify(text)} in ${JSON.stringify(line)}: ${JSON.stringify(tokenizeLine(grammar, line))}`)
    return token.scopes
  }
  const lineWith = (fragment: string): string => {
    const found = attio.find((l) => l.includes(fragment))
    if (found === undefined) throw new Error(`attio.map has no line with ${fragment}`)
    return found
  }

  test.each([
    ['// Attio (Actions): create', '// Attio (Actions): create or update ("assert") records in an Attio workspace.', 'comment.line.double-slash.mapc'],
    ['destination attio {', 'destination', 'storage.type.declaration.mapc'],
    ['title "Attio (Actions)"', 'Attio (Actions)', 'string.quoted.double.mapc'],
    ['default $.traits.email ?? $["email"]', '$.traits.email', 'variable.other.event-path.mapc'],
    ['default $.traits.email ?? $["email"]', '??', 'keyword.operator.mapc'],
    ['test GET "https://api.attio.com/v1/token"', 'GET', 'support.constant.http-method.mapc'],
    ['default 1000', '1000', 'constant.numeric.mapc'],
    ['default true', 'true', 'constant.language.mapc'],
    ['trigger type = "identify"', '=', 'keyword.operator.comparison.mapc'],
    ['trigger type = "identify"', 'trigger', 'storage.type.declaration.mapc'],
    ['users: if exists(user_id) then [user_id],', 'if', 'keyword.control.mapc'],
    ['preset "Identify User" when type', 'when', 'keyword.control.mapc']
  ])('in %s, %s is %s', (fragment, text, scope) => {
    expect(scopeOf(lineWith(fragment), text)).toContain(scope)
  })

  test('a template interpolation holds ordinary expression scopes', () => {
    const line = lineWith('upsert record(object, key, values) PUT')
    expect(scopeOf(line, 'https://api.attio.com/v2/objects/')).toContain('string.template.mapc')
    expect(scopeOf(line, '{')).toContain('punctuation.section.embedded.begin.mapc')
    const object = tokenizeLine(grammar, line).find((t) => t.text === 'object' && t.scopes.includes('meta.embedded.expression.mapc'))
    expect(object).toBeDefined()
  })

  test('keywords after `.` and as object keys are not highlighted as keywords', () => {
    const tokens = tokenizeLine(grammar, '{ type: $.properties.default, json: x.batch }')
    const keywordScoped = tokens.filter((t) => t.scopes.some((s) => s.startsWith('storage.') || s.startsWith('keyword.control')))
    expect(keywordScoped.map((t) => t.text)).toEqual([])
  })

  test('every keyword of the language is highlighted somewhere', () => {
    const json = textMateGrammarText()
    for (const word of keywords) expect(json).toContain(word)
  })
})
