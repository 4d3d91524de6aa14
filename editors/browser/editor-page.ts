/**
 * A browser editor on the real language server: CodeMirror with @codemirror/lsp-client, whose
 * transport is a pair of functions the page host (screenshot.mjs) bridges to a `mapc lsp`
 * process. Highlighting comes from the server's semantic tokens, so what the page shows is what
 * the server says.
 */
import { LSPClient, languageServerExtensions, type Transport } from '@codemirror/lsp-client'
import { startCompletion } from '@codemirror/autocomplete'
import { openLintPanel } from '@codemirror/lint'
import { StateEffect, StateField, type Range } from '@codemirror/state'
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view'
import { basicSetup } from 'codemirror'

declare global {
  interface Window {
    /** Provided by the host: a JSON-RPC message for the server. */
    mapcSend(message: string): void
    /** Called by the host with each message from the server. */
    mapcReceive(message: string): void
    mapcOpen(uri: string, text: string, cursor: number): Promise<void>
  }
}

const handlers: ((message: string) => void)[] = []
const transport: Transport = {
  send: (message) => window.mapcSend(message),
  subscribe: (handler) => void handlers.push(handler),
  unsubscribe: (handler) => void handlers.splice(handlers.indexOf(handler), 1)
}
window.mapcReceive = (message) => handlers.forEach((h) => h(message))

const client = new LSPClient({ extensions: languageServerExtensions() }).connect(transport)

const setTokens = StateEffect.define<DecorationSet>()
const tokens = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update: (value, tr) => tr.effects.reduce((v, e) => (e.is(setTokens) ? e.value : v), value.map(tr.changes)),
  provide: (f) => EditorView.decorations.from(f)
})

interface Legend {
  tokenTypes: string[]
  tokenModifiers: string[]
}

async function highlight(view: EditorView, uri: string, legend: Legend): Promise<void> {
  const result = await client.request<unknown, { data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } })
  const marks: Range<Decoration>[] = []
  let line = 0
  let character = 0
  for (let i = 0; i < result.data.length; i += 5) {
    const [dl, dc, length, type, modifiers] = result.data.slice(i, i + 5) as [number, number, number, number, number]
    line += dl
    character = dl === 0 ? character + dc : dc
    const from = view.state.doc.line(line + 1).from + character
    const names = legend.tokenModifiers.filter((_, bit) => (modifiers & (1 << bit)) !== 0)
    const classes = [`tok-${legend.tokenTypes[type]}`, ...names.map((m) => `tok-mod-${m}`)].join(' ')
    marks.push(Decoration.mark({ class: classes }).range(from, from + length))
  }
  view.dispatch({ effects: setTokens.of(Decoration.set(marks, true)) })
}

window.mapcOpen = async (uri, text, cursor) => {
  await client.initializing
  const legend = (client.serverCapabilities?.semanticTokensProvider as { legend: Legend } | undefined)?.legend
  const view = new EditorView({
    doc: text,
    extensions: [basicSetup, tokens, client.plugin(uri, 'mapc'), EditorView.theme({ '&': { height: '100%' } })],
    parent: document.getElementById('editor') as HTMLElement
  })
  view.dispatch({ selection: { anchor: cursor }, effects: EditorView.scrollIntoView(cursor, { y: 'start', yMargin: 300 }) })
  // The panel under the editor lists the diagnostics with their messages.
  openLintPanel(view)
  view.focus()
  client.sync()
  if (legend) await highlight(view, uri, legend)
  startCompletion(view)
}
