/**
 * Mutations of `.map` text that keep enough structure to get past the parser often: edits on
 * token boundaries (the project's own lexer finds them), splices from other corpus files, and
 * hostile text put into every kind of string position, correctly escaped (so it reaches the
 * checker and the code generator) or raw (so it tests the lexer). A few edits are plain
 * character noise. Every mutation is drawn from the given generator, so a seed replays it.
 */
import type { IToken } from 'chevrotain'
import { lex } from '../compiler/syntax/lexer.js'
import { LineIndex } from '../compiler/syntax/line-index.js'
import { encodeString, encodeTemplateText } from '../compiler/syntax/literals.js'
import { hostileName, hostileString, INJECTION_PAYLOADS } from './hostile-values.js'
import type { Random } from './random.js'

const TEMPLATE_TOKENS = new Set(['TemplateString', 'TemplateHead', 'TemplateMiddle', 'TemplateTail'])
const EXTREME_NUMBERS = ['0', '-0', '1e309', '-1e309', '99999999999999999999999', '0.0000000000000000000001', '1.5', '-1', '9007199254740993', '1e-400']

function tokensOf(text: string): IToken[] {
  try {
    return lex(new LineIndex(text, 'mutate.map')).tokens
  } catch {
    // A lexer that throws is the checker's finding (the map target reports it); here it only means no token edits.
    return []
  }
}

const endOf = (token: IToken): number => token.startOffset + token.image.length

type Mutation = (text: string, tokens: IToken[], random: Random, donors: readonly string[]) => string | undefined

const replaceToken = (text: string, token: IToken, replacement: string): string => text.slice(0, token.startOffset) + replacement + text.slice(endOf(token))

function tokenOf(tokens: IToken[], random: Random, accept: (t: IToken) => boolean): IToken | undefined {
  const candidates = tokens.filter(accept)
  return candidates.length === 0 ? undefined : random.pick(candidates)
}

/** A token boundary: where an inserted run of tokens starts. */
function boundary(text: string, tokens: IToken[], random: Random): number {
  if (tokens.length === 0) return random.int(text.length + 1)
  const token = random.pick(tokens)
  return random.chance(0.5) ? token.startOffset : endOf(token)
}

/** The text of tokens [from, from + count), with what lies between them. */
function tokenRun(text: string, tokens: IToken[], from: number, count: number): string {
  const first = tokens[from]
  const last = tokens[Math.min(from + count, tokens.length) - 1]
  return first && last ? text.slice(first.startOffset, endOf(last)) : ''
}

const MUTATIONS: Record<string, Mutation> = {
  deleteTokens(text, tokens, random) {
    if (tokens.length === 0) return undefined
    const from = random.int(tokens.length)
    const count = random.between(1, 6)
    const first = tokens[from] as IToken
    const last = tokens[Math.min(from + count, tokens.length) - 1] as IToken
    return text.slice(0, first.startOffset) + text.slice(endOf(last))
  },
  duplicateTokens(text, tokens, random) {
    if (tokens.length === 0) return undefined
    const run = tokenRun(text, tokens, random.int(tokens.length), random.between(1, 40))
    const at = boundary(text, tokens, random)
    return `${text.slice(0, at)} ${run} ${text.slice(at)}`
  },
  spliceFromDonor(text, tokens, random, donors) {
    if (donors.length === 0) return undefined
    const donor = random.pick(donors)
    const donorTokens = tokensOf(donor)
    if (donorTokens.length === 0) return undefined
    const run = tokenRun(donor, donorTokens, random.int(donorTokens.length), random.between(1, 60))
    const at = boundary(text, tokens, random)
    return `${text.slice(0, at)}\n${run}\n${text.slice(at)}`
  },
  swapTokens(text, tokens, random) {
    const a = tokenOf(tokens, random, () => true)
    if (!a) return undefined
    const b = tokenOf(tokens, random, (t) => t.tokenType.name === a.tokenType.name && t !== a)
    if (!b) return undefined
    const [first, second] = a.startOffset < b.startOffset ? [a, b] : [b, a]
    return text.slice(0, first.startOffset) + second.image + text.slice(endOf(first), second.startOffset) + first.image + text.slice(endOf(second))
  },
  hostileStringEscaped(text, tokens, random) {
    const token = tokenOf(tokens, random, (t) => t.tokenType.name === 'StringLiteral')
    return token && replaceToken(text, token, encodeString(hostileString(random)))
  },
  hostileStringRaw(text, tokens, random) {
    const token = tokenOf(tokens, random, (t) => t.tokenType.name === 'StringLiteral')
    if (!token) return undefined
    const at = token.startOffset + 1 + random.int(Math.max(token.image.length - 1, 1))
    return text.slice(0, at) + hostileString(random) + text.slice(at)
  },
  hostileTemplateText(text, tokens, random) {
    const token = tokenOf(tokens, random, (t) => TEMPLATE_TOKENS.has(t.tokenType.name))
    if (!token) return undefined
    // After the opening backtick or the `}` that closes an interpolation: template text.
    const at = token.startOffset + 1
    const inserted = random.chance(0.8) ? encodeTemplateText(hostileString(random)) : hostileString(random)
    return text.slice(0, at) + inserted + text.slice(at)
  },
  hostileName(text, tokens, random) {
    const token = tokenOf(tokens, random, (t) => t.tokenType.name === 'Identifier')
    if (!token) return undefined
    // Renaming every use keeps references resolving; renaming one makes an unknown name (did-you-mean).
    const name = hostileName(random)
    if (random.chance(0.5)) return replaceToken(text, token, name)
    let out = text
    for (const t of [...tokens].reverse()) if (t.tokenType.name === 'Identifier' && t.image === token.image) out = replaceToken(out, t, name)
    return out
  },
  hostileComment(text, tokens, random) {
    const at = boundary(text, tokens, random)
    const payload = random.pick(INJECTION_PAYLOADS)
    const comment = random.chance(0.5) ? `// ${payload.replace(/[\r\n\u2028\u2029]/g, ' ')}\n` : `/* ${payload.replace(/\*\//g, '* /')} */`
    return `${text.slice(0, at)} ${comment} ${text.slice(at)}`
  },
  extremeNumber(text, tokens, random) {
    const token = tokenOf(tokens, random, (t) => t.tokenType.name === 'NumberLiteral')
    return token && replaceToken(text, token, random.pick(EXTREME_NUMBERS))
  },
  characterNoise(text, _tokens, random) {
    const at = random.int(text.length + 1)
    const roll = random.int(3)
    if (roll === 0) return text.slice(0, at) + text.slice(at + random.between(1, 3))
    const inserted = random.pick(['{', '}', '(', ')', '"', '`', '\\', '$', '.', ',', ';', ':', '\n', '\u2028', '\uD800', '\u0000', '#', '@', '->', '??'])
    return text.slice(0, at) + inserted + text.slice(at)
  },
  duplicateLines(text, _tokens, random) {
    const lines = text.split('\n')
    const from = random.int(lines.length)
    const run = lines.slice(from, from + random.between(1, 12))
    lines.splice(random.int(lines.length + 1), 0, ...run)
    return lines.join('\n')
  },
  deleteLines(text, _tokens, random) {
    const lines = text.split('\n')
    lines.splice(random.int(lines.length), random.between(1, 8))
    return lines.join('\n')
  }
}

export const MUTATION_NAMES = Object.keys(MUTATIONS)

/**
 * Mutations that keep the text parsing: hostile text escaped as the language escapes it, names
 * renamed everywhere, comments. Half the cases use only these, so that most reach the checker,
 * the formatter's meaning check and the code generator rather than stopping at a syntax error.
 */
const PARSE_KEEPING = ['hostileStringEscaped', 'hostileStringEscaped', 'hostileStringEscaped', 'hostileTemplateText', 'hostileComment', 'extremeNumber', 'hostileName']

/** `text` after 1–4 mutations; `donors` are the other corpus texts splices take from. */
export function mutateText(text: string, random: Random, donors: readonly string[]): string {
  let current = text
  const keepParsing = random.chance(0.5)
  const rounds = random.between(1, keepParsing ? 6 : 3)
  for (let i = 0; i < rounds; i++) {
    const mutation = MUTATIONS[random.pick(keepParsing ? PARSE_KEEPING : MUTATION_NAMES)] as Mutation
    const next = mutation(current, tokensOf(current), random, donors)
    if (next !== undefined) current = next
  }
  return current
}
