/**
 * The page's three CodeMirror editors: the .map (diagnostics from the server at their spans,
 * highlighting from the server's semantic tokens, so the page colours what the language service
 * sees), the event (JSON syntax errors at their position), and the compiled TypeScript, read-only,
 * whose gutter names the .map line each line came from and jumps there on a click.
 */
import { setDiagnostics, type Diagnostic } from '@codemirror/lint'
import { EditorState, RangeSet, StateEffect, StateField, type Range } from '@codemirror/state'
import { Decoration, EditorView, gutter, GutterMarker, type DecorationSet } from '@codemirror/view'
import { basicSetup } from 'codemirror'
import { parseTree, type ParseError } from 'jsonc-parser'
import type { CheckAnswer } from './api.js'

const setTokens = StateEffect.define<DecorationSet>()
const tokens = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setTokens) ? e.value : v), value.map(tr.changes)),
  provide: (f) => EditorView.decorations.from(f)
})

export function createMapEditor(parent: HTMLElement, onChange: () => void): EditorView {
  return new EditorView({
    parent,
    extensions: [basicSetup, tokens, EditorView.updateListener.of((u) => u.docChanged && onChange()), EditorView.lineWrapping]
  })
}

export function createEventEditor(parent: HTMLElement, onChange: () => void): EditorView {
  return new EditorView({ parent, extensions: [basicSetup, EditorView.updateListener.of((u) => u.docChanged && onChange())] })
}

export function setText(view: EditorView, text: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } })
}

/** Diagnostics and tokens of the text they were computed for; a newer text ignores them. */
export function showCheck(view: EditorView, answer: CheckAnswer): void {
  const length = view.state.doc.length
  const clamp = (n: number): number => Math.max(0, Math.min(n, length))
  const diagnostics: Diagnostic[] = answer.diagnostics.map((d) => ({
    from: clamp(d.from),
    to: clamp(d.to),
    severity: d.severity === 'info' ? 'info' : d.severity,
    source: d.code,
    message: d.hint === undefined ? d.message : `${d.message}\nhint: ${d.hint}`
  }))
  const marks: Range<Decoration>[] = []
  for (const t of answer.tokens) {
    if (t.line + 1 > view.state.doc.lines) continue
    const line = view.state.doc.line(t.line + 1)
    const from = line.from + t.character
    const to = Math.min(from + t.length, line.to)
    if (to <= from) continue
    marks.push(Decoration.mark({ class: [`tok-${t.type}`, ...t.modifiers.map((m) => `tok-mod-${m}`)].join(' ') }).range(from, to))
  }
  view.dispatch(setDiagnostics(view.state, diagnostics))
  view.dispatch({ effects: setTokens.of(Decoration.set(marks, true)) })
}

export function clearCheck(view: EditorView): void {
  view.dispatch(setDiagnostics(view.state, []))
  view.dispatch({ effects: setTokens.of(Decoration.none) })
}

export function jumpToLine(view: EditorView, lineNumber: number): void {
  const line = view.state.doc.line(Math.max(1, Math.min(lineNumber, view.state.doc.lines)))
  view.dispatch({ selection: { anchor: line.from, head: line.to }, effects: EditorView.scrollIntoView(line.from, { y: 'center' }) })
  view.focus()
}

/**
 * Where JSON text goes wrong, as an offset: V8's JSON.parse messages often give no position
 * ("Unexpected token '}', …"), so jsonc-parser, run strict (no comments, no trailing commas),
 * finds the first error.
 */
export function jsonErrorOffset(text: string): number {
  const errors: ParseError[] = []
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false })
  return errors[0]?.offset ?? text.length
}

export function showEventError(view: EditorView, message: string | undefined, offset = 0): void {
  if (message === undefined) {
    view.dispatch(setDiagnostics(view.state, []))
    return
  }
  // A one-character range, so the mark is visible even at the end of the text.
  const length = view.state.doc.length
  const from = Math.max(0, Math.min(offset, length - 1))
  view.dispatch(setDiagnostics(view.state, [{ from, to: Math.min(from + 1, length), severity: 'error', message }]))
}

class MapLineMarker extends GutterMarker {
  constructor(readonly line: number) {
    super()
  }
  override eq(other: GutterMarker): boolean {
    return other instanceof MapLineMarker && other.line === this.line
  }
  override toDOM(): Node {
    const a = document.createElement('a')
    a.className = 'map-line'
    a.href = '#'
    a.textContent = `.map ${this.line}`
    a.dataset['mapLine'] = String(this.line)
    a.title = `from line ${this.line} of the .map: click to go there`
    return a
  }
}

const setLineMap = StateEffect.define<number[]>()
const lineMap = StateField.define<number[]>({
  create: () => [],
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setLineMap) ? e.value : v), value)
})

export function createCodeView(parent: HTMLElement, onLine: (line: number) => void): EditorView {
  return new EditorView({
    parent,
    extensions: [
      basicSetup,
      EditorState.readOnly.of(true),
      EditorView.editable.of(false),
      lineMap,
      gutter({
        class: 'cm-map-lines',
        markers: (view) => {
          const lines = view.state.field(lineMap)
          const ranges: Range<GutterMarker>[] = []
          for (let i = 0; i < lines.length && i < view.state.doc.lines; i++) {
            const line = lines[i]
            if (line !== undefined) ranges.push(new MapLineMarker(line).range(view.state.doc.line(i + 1).from))
          }
          return RangeSet.of(ranges, true)
        },
        domEventHandlers: {
          mousedown(view, block) {
            const index = view.state.doc.lineAt(block.from).number - 1
            const line = view.state.field(lineMap)[index]
            if (line !== undefined) onLine(line)
            return true
          }
        }
      })
    ]
  })
}

export function showCode(view: EditorView, code: string, lines: number[]): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: code }, effects: setLineMap.of(lines) })
}
