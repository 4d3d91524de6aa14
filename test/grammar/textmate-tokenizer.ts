/**
 * A small TextMate tokenizer for tests: enough of the engine to check which scopes a grammar
 * gives to the tokens of a line. It follows the TextMate rule that the pattern matching
 * earliest in the line wins (the first listed on a tie), supports `match`, `begin`/`end` with
 * nested `patterns`, `captures` of group 0, `include` of `#repository` rules and `$self`.
 * JavaScript regular expressions stand in for Oniguruma, which covers what mapc's grammar uses.
 */

interface Rule {
  name?: string
  match?: string
  begin?: string
  end?: string
  patterns?: Rule[]
  include?: string
  beginCaptures?: Record<string, { name: string }>
  endCaptures?: Record<string, { name: string }>
}

export interface Grammar {
  scopeName: string
  patterns: Rule[]
  repository: Record<string, Rule>
}

export interface ScopedToken {
  text: string
  scopes: string[]
}

interface Candidate {
  rule: Rule
  index: number
  length: number
}

export function tokenizeLine(grammar: Grammar, line: string): ScopedToken[] {
  const tokens: ScopedToken[] = []
  const stack: { rule: Rule; scopes: string[] }[] = []
  const base = [grammar.scopeName]
  let position = 0
  const emit = (text: string, scopes: string[]) => {
    if (text.length > 0) tokens.push({ text, scopes })
  }
  while (position <= line.length) {
    const top = stack[stack.length - 1]
    const scopes = top?.scopes ?? base
    const patterns = top === undefined ? grammar.patterns : (top.rule.patterns ?? [])
    const candidates = expand(grammar, patterns).map((rule) => find(rule, line, position)).filter((c): c is Candidate => c !== undefined)
    let endMatch: Candidate | undefined
    if (top !== undefined) {
      const end = new RegExp(top.rule.end as string, 'g')
      end.lastIndex = position
      const found = end.exec(line)
      if (found !== null) endMatch = { rule: top.rule, index: found.index, length: found[0].length }
    }
    const best = candidates.sort((a, b) => a.index - b.index)[0]
    if (endMatch !== undefined && (best === undefined || endMatch.index <= best.index)) {
      emit(line.slice(position, endMatch.index), scopes)
      const endScope = top?.rule.endCaptures?.['0']?.name
      emit(line.slice(endMatch.index, endMatch.index + endMatch.length), endScope === undefined ? scopes : [...scopes, endScope])
      position = endMatch.index + endMatch.length
      stack.pop()
      if (endMatch.length === 0 && position >= line.length) break
      continue
    }
    if (best === undefined) {
      emit(line.slice(position), scopes)
      break
    }
    emit(line.slice(position, best.index), scopes)
    const text = line.slice(best.index, best.index + best.length)
    const inner = best.rule.name === undefined ? scopes : [...scopes, best.rule.name]
    if (best.rule.match !== undefined) {
      emit(text, inner)
    } else {
      const beginScope = best.rule.beginCaptures?.['0']?.name
      emit(text, beginScope === undefined ? inner : [...inner, beginScope])
      stack.push({ rule: best.rule, scopes: inner })
    }
    position = best.index + Math.max(best.length, 1)
  }
  return tokens
}

/** Every regular expression in the grammar, for compiling them all. */
export function allPatterns(grammar: Grammar): string[] {
  const out: string[] = []
  const visit = (rule: Rule) => {
    for (const key of ['match', 'begin', 'end'] as const) if (rule[key] !== undefined) out.push(rule[key] as string)
    rule.patterns?.forEach(visit)
  }
  grammar.patterns.forEach(visit)
  Object.values(grammar.repository).forEach(visit)
  return out
}

function expand(grammar: Grammar, rules: Rule[]): Rule[] {
  return rules.flatMap((rule) => {
    if (rule.include === '$self') return expand(grammar, grammar.patterns)
    if (rule.include?.startsWith('#')) {
      const target = grammar.repository[rule.include.slice(1)]
      if (target === undefined) throw new Error(`unknown include ${rule.include}`)
      return target.match !== undefined || target.begin !== undefined ? [target] : expand(grammar, target.patterns ?? [])
    }
    return [rule]
  })
}

function find(rule: Rule, line: string, from: number): Candidate | undefined {
  const source = rule.match ?? rule.begin
  if (source === undefined) return undefined
  const regex = new RegExp(source, 'g')
  regex.lastIndex = from
  const found = regex.exec(line)
  return found === null ? undefined : { rule, index: found.index, length: found[0].length }
}
