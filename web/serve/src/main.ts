/**
 * The `mapc serve` page: a .map editor, an event, and what the chosen action makes of the event
 * (trigger, payload, validation, requests), refreshed as the author types; Send and Batch
 * deliver to the emulators; the compiled TypeScript links each line to its .map line; the whole
 * state travels in a link. Every answer is shown only if it is for the latest text.
 */
import './style.css'
import { api, ApiError, type CheckAnswer, type OpenedFile, type Run, type RunAnswer, type Session } from './api.js'
import { clearCheck, createCodeView, createEventEditor, createMapEditor, jsonErrorOffset, jumpToLine, setText, showCheck, showCode, showEventError } from './editors.js'
import { renderRun } from './render-run.js'
import { decodeState, encodeState } from './share.js'

const $ = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id)
  if (!element) throw new Error(`the page has no #${id}`)
  return element as T
}

const fileSelect = $<HTMLSelectElement>('file')
const actionSelect = $<HTMLSelectElement>('action')
const sampleSelect = $<HTMLSelectElement>('sample')
const status = $('status')

let session: Session
/** Each file's text as edited in this page (unsaved edits survive switching files). */
const texts = new Map<string, string>()
let file = ''
let lastCheck: CheckAnswer | undefined
let generation = 0
let timer: ReturnType<typeof setTimeout> | undefined
let codeVisible = false

const mapEditor = createMapEditor($('map-editor'), () => changed())
const eventEditor = createEventEditor($('event-editor'), () => changed())
const codeView = createCodeView($('code-editor'), (line) => jumpToLine(mapEditor, line))

function say(message: string, kind: 'info' | 'error' = 'info'): void {
  status.textContent = message
  status.className = kind
}

function showProblem(id: string, message: string | undefined): void {
  const element = $(id)
  element.hidden = message === undefined
  element.textContent = message ?? ''
}

function utf8Bytes(text: string): number {
  return new TextEncoder().encode(text).length
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`
}

function changed(): void {
  texts.set(file, mapEditor.state.doc.toString())
  updateFileState()
  clearTimeout(timer)
  timer = setTimeout(() => void refresh(), 250)
}

function updateFileState(): void {
  const opened = session.files.find((f) => f.file === file)
  const writable = opened !== undefined && opened.text !== undefined
  $<HTMLButtonElement>('format-save').disabled = !writable
  $('file-state').textContent = !writable ? 'not an opened file: Save is off' : texts.get(file) !== opened.text ? 'modified' : 'as on disk'
}

/** The event pane's JSON, or why it is not an event. */
function readEvent(): { event: unknown } | { problem: string; offset: number } {
  const text = eventEditor.state.doc.toString()
  const bytes = utf8Bytes(text)
  if (bytes > session.limits.eventBytes) return { problem: `the event is ${mib(bytes)}; mapc serve takes events up to ${mib(session.limits.eventBytes)}`, offset: 0 }
  if (text.trim() === '') return { problem: 'paste an event (JSON) or pick a sample', offset: 0 }
  try {
    return { event: JSON.parse(text) as unknown }
  } catch (error) {
    const offset = jsonErrorOffset(text)
    const before = text.slice(0, offset).split('\n')
    return { problem: `the event is not valid JSON at line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1}: ${(error as Error).message}`, offset }
  }
}

function renderDiagnostics(answer: CheckAnswer): void {
  const list = $('diagnostics')
  list.replaceChildren(
    ...answer.diagnostics.map((d) => {
      const item = document.createElement('li')
      item.className = `diagnostic ${d.severity}`
      item.dataset['line'] = String(d.line)
      item.dataset['code'] = d.code
      const where = document.createElement('a')
      where.href = '#'
      where.className = 'where'
      where.textContent = `${d.line}:${d.column}`
      where.addEventListener('click', (e) => {
        e.preventDefault()
        jumpToLine(mapEditor, d.line)
      })
      const code = document.createElement('span')
      code.className = 'code'
      code.textContent = d.code
      const message = document.createElement('span')
      message.className = 'message'
      message.textContent = d.message
      item.append(where, ' ', code, ' ', message)
      if (d.hint !== undefined) {
        const hint = document.createElement('div')
        hint.className = 'hint'
        hint.textContent = `hint: ${d.hint}`
        item.append(hint)
      }
      return item
    })
  )
  const errors = answer.diagnostics.filter((d) => d.severity === 'error').length
  $('diagnostic-count').textContent = answer.diagnostics.length === 0 ? 'no problems' : `${errors} error${errors === 1 ? '' : 's'}, ${answer.diagnostics.length - errors} other`
}

function updateActions(answer: CheckAnswer, wanted?: string): void {
  const actions = answer.destination?.actions ?? []
  if (actions.length === 0) return
  const current = wanted ?? actionSelect.value
  const names = actions.map((a) => a.name)
  if (names.join('\n') !== [...actionSelect.options].map((o) => o.value).join('\n')) {
    actionSelect.replaceChildren(...actions.map((a) => new Option(`${a.name} — ${a.fql ?? 'any event'}`, a.name)))
  }
  actionSelect.value = names.includes(current) ? current : (names[0] as string)
}

async function refresh(options: { wantedAction?: string } = {}): Promise<void> {
  const mine = ++generation
  const text = mapEditor.state.doc.toString()
  const bytes = utf8Bytes(text)
  if (bytes > session.limits.mapBytes) {
    clearCheck(mapEditor)
    $('diagnostics').replaceChildren()
    $('diagnostic-count').textContent = 'not checked'
    showProblem('map-problem', `This .map text is ${mib(bytes)}: mapc serve checks .map files up to ${mib(session.limits.mapBytes)}, so nothing was checked. Shorten it (mapc check has no such limit).`)
    say('the .map is too large to check', 'error')
    return
  }
  let check: CheckAnswer
  try {
    check = await api.check(file, text)
  } catch (error) {
    if (mine !== generation) return
    clearCheck(mapEditor)
    $('diagnostics').replaceChildren()
    $('diagnostic-count').textContent = 'not checked'
    showProblem('map-problem', (error as Error).message)
    say((error as Error).message, 'error')
    return
  }
  if (mine !== generation) return
  const opened = session.files.find((f) => f.file === file)
  showProblem('map-problem', opened?.problem !== undefined && text === '' ? opened.problem : undefined)
  lastCheck = check
  showCheck(mapEditor, check)
  renderDiagnostics(check)
  updateActions(check, options.wantedAction)
  const endpoint = check.destination ? session.endpoints[check.destination.name] : undefined
  $('endpoint').textContent = endpoint ? `${check.destination?.name}: ${endpoint.emulated ? 'emulator' : 'endpoint'} ${endpoint.url}` : check.destination ? `no emulator of ${check.destination.name}: Send needs --endpoint` : ''

  const event = readEvent()
  if ('problem' in event) {
    showEventError(eventEditor, event.problem, event.offset)
    showProblem('event-problem', event.problem)
  } else {
    showEventError(eventEditor, undefined)
    showProblem('event-problem', undefined)
  }
  const action = actionSelect.value
  if (codeVisible && action) void refreshCode(mine, text, action)
  if ('problem' in event || !action) {
    say(check.diagnostics.length === 0 ? 'checked' : `checked: ${check.diagnostics.length} diagnostic${check.diagnostics.length === 1 ? '' : 's'}`)
    return
  }
  try {
    const run = await api.dryRun(file, text, action, event.event)
    if (mine !== generation) return
    showRun(run, 'dry run')
    say(`checked; dry run of ${action}`)
  } catch (error) {
    if (mine !== generation) return
    showProblem('run-problem', (error as Error).message)
    say((error as Error).message, 'error')
  }
}

function showRun(run: RunAnswer & { records?: unknown }, kind: 'dry run' | 'send' | 'batch'): void {
  if ('problem' in run) {
    showProblem('run-problem', run.problem)
    return
  }
  showProblem('run-problem', undefined)
  renderRun(run as Run, kind, (line) => jumpToLine(mapEditor, line))
}

async function refreshCode(mine: number, text: string, action: string): Promise<void> {
  try {
    const answer = await api.compile(file, text, action)
    if (mine !== generation) return
    if ('problem' in answer) {
      showProblem('code-problem', answer.problem)
      return
    }
    showProblem('code-problem', undefined)
    $('code-file').textContent = `${answer.file} (read-only; the gutter links each line to the .map line it came from)`
    showCode(codeView, answer.code, answer.lines)
  } catch (error) {
    if (mine === generation) showProblem('code-problem', (error as Error).message)
  }
}

async function deliver(kind: 'send' | 'batch'): Promise<void> {
  const event = readEvent()
  if ('problem' in event) {
    say(event.problem, 'error')
    return
  }
  const action = actionSelect.value
  const text = mapEditor.state.doc.toString()
  const count = Number($<HTMLInputElement>('batch-count').value)
  if (kind === 'batch' && !(Number.isInteger(count) && count >= 1 && count <= session.limits.batchEvents)) {
    say(`a batch has 1 to ${session.limits.batchEvents} events`, 'error')
    return
  }
  say(kind === 'send' ? 'sending…' : `sending a batch of ${count}…`)
  const buttons = [$<HTMLButtonElement>('send'), $<HTMLButtonElement>('batch')]
  buttons.forEach((b) => (b.disabled = true))
  try {
    const run = kind === 'send' ? await api.send(file, text, action, event.event) : await api.batch(file, text, action, event.event, count)
    generation++
    showRun(run, kind)
    say('problem' in run ? run.problem : kind === 'send' ? `sent: ${run.outcome?.status ?? run.note ?? ''}` : `batch sent: ${run.items?.length ?? 0} items`, 'problem' in run ? 'error' : 'info')
  } catch (error) {
    say((error as Error).message, 'error')
  } finally {
    buttons.forEach((b) => (b.disabled = false))
  }
}

async function save(): Promise<void> {
  const text = mapEditor.state.doc.toString()
  try {
    const saved = await api.save(file, text)
    const opened = session.files.find((f) => f.file === file) as OpenedFile
    opened.text = saved.text
    if (saved.text !== text) setText(mapEditor, saved.text)
    texts.set(file, saved.text)
    updateFileState()
    say(`saved ${saved.file} (formatted with mapc fmt)`)
  } catch (error) {
    say(error instanceof ApiError ? error.message : String(error), 'error')
  }
}

async function share(): Promise<void> {
  const hash = await encodeState({ file, text: mapEditor.state.doc.toString(), event: eventEditor.state.doc.toString(), action: actionSelect.value, sample: sampleSelect.value })
  history.replaceState(null, '', hash)
  const link = location.href
  try {
    await navigator.clipboard.writeText(link)
    say(`link copied (${mib(link.length)}); it holds the .map, the event and the action`)
  } catch {
    say(`link in the address bar (${mib(link.length)}); it holds the .map, the event and the action`)
  }
}

function openFile(name: string): void {
  file = name
  const opened = session.files.find((f) => f.file === name)
  if (opened?.problem !== undefined && !texts.has(name)) {
    showProblem('map-problem', opened.problem)
    setText(mapEditor, '')
  } else {
    setText(mapEditor, texts.get(name) ?? opened?.text ?? '')
  }
  updateFileState()
}

function pickSample(id: string): void {
  const sample = session.samples.find((s) => s.id === id)
  if (sample) setText(eventEditor, JSON.stringify(sample.event, null, 2))
}

/** The first sample whose type the action takes. */
function sampleFor(action: string | undefined): string | undefined {
  const summary = lastCheck?.destination?.actions.find((a) => a.name === action)
  return session.samples.find((s) => summary === undefined || summary.eventTypes.includes(String(s.event['type'])))?.id
}

function showTab(code: boolean): void {
  codeVisible = code
  $('result-view').hidden = code
  $('code-view').hidden = !code
  $('tab-result').setAttribute('aria-selected', String(!code))
  $('tab-code').setAttribute('aria-selected', String(code))
  if (code && actionSelect.value) void refreshCode(generation, mapEditor.state.doc.toString(), actionSelect.value)
}

async function start(): Promise<void> {
  session = await api.session()
  for (const f of session.files) if (f.text !== undefined) texts.set(f.file, f.text)
  fileSelect.replaceChildren(...session.files.map((f) => new Option(f.problem ? `${f.file} (cannot open)` : f.file, f.file)))
  sampleSelect.replaceChildren(new Option('(pasted)', ''), ...session.samples.map((s) => new Option(s.label, s.id)))

  const shared = await decodeState(location.hash)
  let wantedAction: string | undefined
  if (shared && !('problem' in shared)) {
    if (!session.files.some((f) => f.file === shared.file)) fileSelect.append(new Option(`${shared.file} (from the link)`, shared.file))
    texts.set(shared.file, shared.text)
    fileSelect.value = shared.file
    openFile(shared.file)
    setText(eventEditor, shared.event)
    sampleSelect.value = shared.sample ?? ''
    wantedAction = shared.action
  } else {
    if (shared) say(shared.problem, 'error')
    const first = session.files.find((f) => f.text !== undefined) ?? session.files[0]
    if (first) {
      fileSelect.value = first.file
      openFile(first.file)
    }
  }
  await refresh(wantedAction === undefined ? {} : { wantedAction })
  if (!shared || 'problem' in shared) {
    const id = sampleFor(actionSelect.value)
    if (id !== undefined) {
      sampleSelect.value = id
      pickSample(id)
    }
  }

  fileSelect.addEventListener('change', () => {
    openFile(fileSelect.value)
    void refresh()
  })
  actionSelect.addEventListener('change', () => {
    const id = sampleFor(actionSelect.value)
    const current = session.samples.find((s) => s.id === sampleSelect.value)
    const summary = lastCheck?.destination?.actions.find((a) => a.name === actionSelect.value)
    // A sample the new action cannot take is swapped for one it can; a pasted event is kept.
    if (id !== undefined && current && summary && !summary.eventTypes.includes(String(current.event['type']))) {
      sampleSelect.value = id
      pickSample(id)
    } else {
      void refresh()
    }
  })
  sampleSelect.addEventListener('change', () => pickSample(sampleSelect.value))
  $('send').addEventListener('click', () => void deliver('send'))
  $('batch').addEventListener('click', () => void deliver('batch'))
  $('format-save').addEventListener('click', () => void save())
  $('share').addEventListener('click', () => void share())
  $('tab-result').addEventListener('click', () => showTab(false))
  $('tab-code').addEventListener('click', () => showTab(true))
  document.body.dataset['ready'] = 'true'
}

start().catch((error: unknown) => say(`the page could not start: ${(error as Error).message}`, 'error'))
