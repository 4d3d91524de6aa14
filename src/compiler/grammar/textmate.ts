/**
 * A TextMate grammar (scope `source.mapc`) for editors: comments, keywords, strings, templates
 * with their embedded expressions, numbers, event paths, HTTP methods and operators. The keyword
 * lists come from the token definitions, so a new keyword is highlighted without editing this.
 */
import { keywordText, keywordTokens, HttpMethod } from '../syntax/tokens.js'

type Rule = Record<string, unknown>

const DECLARATION_KEYWORDS = new Set([
  'destination', 'setting', 'field', 'auth', 'preset', 'upsert', 'shape', 'action', 'perform', 'batch', 'send', 'let',
  'skip', 'reject', 'trigger', 'header', 'test', 'query', 'headers', 'json', 'form'
])
const LOGICAL_KEYWORDS = new Set(['and', 'or', 'not'])
const CONSTANTS = new Set(['true', 'false', 'null'])

function words(filter: (word: string) => boolean): string {
  return keywordTokens
    .filter((token) => !token.CATEGORIES?.includes(HttpMethod))
    .map(keywordText)
    .filter(filter)
    .join('|')
}

/** Keywords are names after `.` and before `:` (object keys), so those are not highlighted. */
function keywordRule(scope: string, alternatives: string): Rule {
  return { name: scope, match: `(?<![.$\\w])\\b(?:${alternatives})\\b(?!\\s*:(?!:))` }
}

export function textMateGrammar(): Rule {
  const methods = keywordTokens.filter((token) => token.CATEGORIES?.includes(HttpMethod)).map(keywordText).join('|')
  return {
    name: 'mapc',
    scopeName: 'source.mapc',
    fileTypes: ['map'],
    patterns: [
      { include: '#comments' },
      { include: '#templates' },
      { include: '#strings' },
      { include: '#event-paths' },
      { include: '#numbers' },
      { include: '#http-methods' },
      { include: '#keywords' },
      { include: '#operators' }
    ],
    repository: {
      comments: {
        patterns: [
          { name: 'comment.line.double-slash.mapc', match: '//.*$' },
          { name: 'comment.block.mapc', begin: '/\\*', end: '\\*/' }
        ]
      },
      strings: {
        name: 'string.quoted.double.mapc',
        begin: '"',
        end: '"|$',
        patterns: [{ include: '#escapes' }]
      },
      escapes: { name: 'constant.character.escape.mapc', match: '\\\\(?:["\\\\/bfnrt{}`]|u[0-9A-Fa-f]{4})' },
      templates: {
        name: 'string.template.mapc',
        begin: '`',
        end: '`|$',
        patterns: [
          { include: '#escapes' },
          {
            name: 'meta.embedded.expression.mapc',
            begin: '\\{',
            end: '\\}',
            beginCaptures: { '0': { name: 'punctuation.section.embedded.begin.mapc' } },
            endCaptures: { '0': { name: 'punctuation.section.embedded.end.mapc' } },
            patterns: [{ include: '$self' }]
          }
        ]
      },
      'event-paths': {
        name: 'variable.other.event-path.mapc',
        match: '\\$(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[(?:"(?:[^"\\\\]|\\\\.)*"|[0-9]+)\\])*'
      },
      numbers: { name: 'constant.numeric.mapc', match: '(?<![\\w.])-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?\\b' },
      'http-methods': { name: 'support.constant.http-method.mapc', match: `\\b(?:${methods})\\b` },
      keywords: {
        patterns: [
          keywordRule('storage.type.declaration.mapc', words((w) => DECLARATION_KEYWORDS.has(w))),
          keywordRule('keyword.operator.logical.mapc', words((w) => LOGICAL_KEYWORDS.has(w))),
          keywordRule('constant.language.mapc', words((w) => CONSTANTS.has(w))),
          keywordRule('keyword.control.mapc', words((w) => !DECLARATION_KEYWORDS.has(w) && !LOGICAL_KEYWORDS.has(w) && !CONSTANTS.has(w)))
        ]
      },
      operators: {
        patterns: [
          { name: 'keyword.operator.comparison.mapc', match: '==|!=|<=|>=|<|>|=' },
          { name: 'keyword.operator.mapc', match: '\\?\\?|->|\\.\\.\\.|\\+|!' }
        ]
      }
    }
  }
}

/** The grammar file's text: two-space JSON with a final newline. */
export function textMateGrammarText(): string {
  return JSON.stringify(textMateGrammar(), null, 2) + '\n'
}
