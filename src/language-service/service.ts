/**
 * The language service: documents in, editor answers out. It knows nothing of the protocol or
 * of processes; the language server (src/lsp) wraps it, and a browser-based tester can call it
 * directly. Each document is analysed once per version of its text, when something asks.
 */
import type { CompletionItem, Diagnostic, DocumentSymbol, FoldingRange, Hover, Location, Position, Range, SemanticTokens, TextEdit } from 'vscode-languageserver-types'
import { analyze, type Analysis } from './analysis.js'
import { complete } from './completion.js'
import { toEditorDiagnostic } from './diagnostics.js'
import { foldingRanges } from './folding.js'
import { formatDocument, type FormatResult } from './formatting.js'
import { hover } from './hover.js'
import { documentSymbols } from './outline.js'
import { offsetAt, rangeAt, toRange } from './positions.js'
import { SchemaCache, type ProjectFiles } from './project.js'
import { canRename, describe, rename } from './rename.js'
import { encodeSemanticTokens, semanticTokens } from './semantic-tokens.js'
import { symbolAt } from './symbols.js'

export interface LanguageServiceOptions {
  files: ProjectFiles
  /** Where docs/diagnostics.md is, for the link on every diagnostic's code. */
  docsUrl: string
  /** The URI of a file name (a document's or a related span's). */
  uriOf(file: string): string
}

export type RenameAnswer = { edits: TextEdit[] } | { refused: string }

export class LanguageService {
  readonly schemas: SchemaCache
  private readonly documents = new Map<string, { text: string; analysis?: Analysis; previous?: Analysis }>()

  constructor(private readonly options: LanguageServiceOptions) {
    this.schemas = new SchemaCache(options.files)
  }

  /** Open or update a document; `file` is its path (the API schema is found next to it). */
  setDocument(file: string, text: string): void {
    const doc = this.documents.get(file)
    if (doc?.text === text) return
    // The last analysis stays as the base of the next one: an edit re-parses what it touched.
    const previous = doc?.analysis ?? doc?.previous
    this.documents.set(file, previous ? { text, previous } : { text })
  }

  closeDocument(file: string): void {
    this.documents.delete(file)
  }

  analysis(file: string): Analysis {
    const doc = this.documents.get(file)
    if (!doc) throw new Error(`no open document ${file}`)
    doc.analysis ??= analyze(doc.text, file, (used) => this.schemas.checkOptions(file, used), doc.previous)
    delete doc.previous
    return doc.analysis
  }

  /** A schema file changed: forget it, and return the open documents that read it. */
  schemaChanged(path: string): string[] {
    this.schemas.invalidate(path)
    const affected: string[] = []
    for (const [file, doc] of this.documents) {
      if (doc.analysis?.schemaFiles.has(path)) {
        doc.previous = doc.analysis
        delete doc.analysis
        affected.push(file)
      }
    }
    return affected
  }

  /** Every schema file some open document reads. */
  schemaFiles(): Set<string> {
    const out = new Set<string>()
    for (const doc of this.documents.values()) doc.analysis?.schemaFiles.forEach((f) => out.add(f))
    return out
  }

  diagnostics(file: string): Diagnostic[] {
    return this.analysis(file).diagnostics.map((d) => toEditorDiagnostic(d, this.options))
  }

  completion(file: string, position: Position): CompletionItem[] {
    const a = this.analysis(file)
    return complete(a, offsetAt(a.lines, position), (used) => this.schemas.checkOptions(file, used))
  }

  hover(file: string, position: Position): Hover | undefined {
    const a = this.analysis(file)
    return hover(a, offsetAt(a.lines, position))
  }

  definition(file: string, position: Position): Location | undefined {
    const a = this.analysis(file)
    const symbol = symbolAt(a.symbols, offsetAt(a.lines, position))
    return symbol ? { uri: this.options.uriOf(file), range: toRange(symbol.nameSpan) } : undefined
  }

  references(file: string, position: Position, includeDeclaration: boolean): Location[] {
    const a = this.analysis(file)
    const symbol = symbolAt(a.symbols, offsetAt(a.lines, position))
    if (!symbol) return []
    const uri = this.options.uriOf(file)
    const spans = [...(includeDeclaration ? [symbol.nameSpan] : []), ...symbol.references.map((r) => r.span)]
    return spans.sort((x, y) => x.start.offset - y.start.offset).map((span) => ({ uri, range: toRange(span) }))
  }

  /** The range of the name a rename would change, or why there is nothing to rename. */
  prepareRename(file: string, position: Position): { range: Range; placeholder: string } | { refused: string } {
    const a = this.analysis(file)
    const offset = offsetAt(a.lines, position)
    const symbol = symbolAt(a.symbols, offset)
    if (!symbol) return { refused: 'nothing to rename here: put the cursor on a field, setting, shape, upsert, action, `let` or parameter' }
    if (!canRename(symbol)) return { refused: `${describe(symbol)} cannot be renamed` }
    const at = [symbol.nameSpan, ...symbol.references.map((r) => r.span)].find((s) => s.start.offset <= offset && offset <= s.end.offset) ?? symbol.nameSpan
    return { range: toRange(at), placeholder: symbol.name }
  }

  rename(file: string, position: Position, newName: string): RenameAnswer {
    const a = this.analysis(file)
    const symbol = symbolAt(a.symbols, offsetAt(a.lines, position))
    if (!symbol) return { refused: 'nothing to rename here' }
    const result = rename(a.symbols, symbol, newName)
    if ('refused' in result) return result
    return { edits: result.edits.map((e) => ({ range: rangeAt(a.lines, e.start, e.end), newText: e.text })) }
  }

  format(file: string): FormatResult {
    const doc = this.documents.get(file)
    if (!doc) throw new Error(`no open document ${file}`)
    return formatDocument(doc.text, file)
  }

  documentSymbols(file: string): DocumentSymbol[] {
    return documentSymbols(this.analysis(file).ast)
  }

  foldingRanges(file: string): FoldingRange[] {
    return foldingRanges(this.analysis(file).ast)
  }

  semanticTokens(file: string): SemanticTokens {
    return { data: encodeSemanticTokens(semanticTokens(this.analysis(file))) }
  }
}
