/**
 * The files of grammar/, by name, as the parser and token definitions produce them now.
 */
import { ebnfText } from './ebnf.js'
import { railroadHtml } from './railroad.js'
import { textMateGrammarText } from './textmate.js'

export function grammarArtefacts(): Record<string, string> {
  return {
    'mapc.ebnf': ebnfText(),
    'railroad.html': railroadHtml(),
    'mapc.tmLanguage.json': textMateGrammarText()
  }
}
