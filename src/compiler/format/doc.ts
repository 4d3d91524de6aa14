/**
 * A small document algebra for pretty printing (Wadler's "prettier printer", as in prettier):
 * the formatter describes the layout once, with groups that print flat when they fit in the line
 * width and broken (one part per line) when they do not; the printer makes the choices.
 *
 * - `line`: a space when its group is flat, a line break when broken; `softline`: nothing or a
 *   break; `hardline`: always a break, and it breaks every enclosing group.
 * - `ifBreak(broken, flat)`: trailing commas exist only in broken groups.
 * - `lineSuffix`: text held back until the next line break (at its own indentation), so a
 *   trailing `// comment` lands after the comma that follows its entry.
 */

export type Doc = string | Doc[] | Group | Indent | Line | IfBreak | LineSuffix | BreakParent

interface Group {
  kind: 'group'
  contents: Doc
  broken: boolean
  /** Flat if the text up to the first place a nested group could break fits (see `group`). */
  firstLineFits: boolean
}
interface Indent {
  kind: 'indent'
  contents: Doc
}
interface Line {
  kind: 'line'
  /** `fresh`: a hard break, unless the output is already at the start of a line. */
  mode: 'line' | 'soft' | 'hard' | 'fresh'
}
interface IfBreak {
  kind: 'ifBreak'
  broken: Doc
  flat: Doc
}
interface LineSuffix {
  kind: 'lineSuffix'
  contents: Doc
}
interface BreakParent {
  kind: 'breakParent'
}

export const line: Doc = { kind: 'line', mode: 'line' }
export const softline: Doc = { kind: 'line', mode: 'soft' }
export const hardline: Doc = { kind: 'line', mode: 'hard' }
/** Starts a new line unless the output already stands at the start of one (an own-line comment). */
export const freshline: Doc = { kind: 'line', mode: 'fresh' }
export const breakParent: Doc = { kind: 'breakParent' }

/**
 * A group prints flat when all of it fits on the line. With `firstLineFits`, it prints flat when
 * its text up to the first line break a nested group could make fits: `[for x in xs: f({` stays on
 * one line and lets the object inside break.
 */
export function group(contents: Doc, options: { broken?: boolean; firstLineFits?: boolean } = {}): Doc {
  return { kind: 'group', contents, broken: options.broken ?? false, firstLineFits: options.firstLineFits ?? false }
}

export function indent(contents: Doc): Doc {
  return { kind: 'indent', contents }
}

export function ifBreak(broken: Doc, flat: Doc = ''): Doc {
  return { kind: 'ifBreak', broken, flat }
}

export function lineSuffix(contents: Doc): Doc {
  return { kind: 'lineSuffix', contents }
}

export function join(separator: Doc, docs: readonly Doc[]): Doc[] {
  const out: Doc[] = []
  docs.forEach((doc, i) => {
    if (i > 0) out.push(separator)
    out.push(doc)
  })
  return out
}

type Mode = 'flat' | 'break'

interface Command {
  indentation: number
  mode: Mode
  doc: Doc
}

/** Lays out a document in `width` columns, indenting by `indentWidth` spaces per level. */
export function printDoc(doc: Doc, width = 100, indentWidth = 2): string {
  propagateBreaks(doc)
  const out: string[] = []
  let column = 0
  let pendingSuffix: Command[] = []
  const stack: Command[] = [{ indentation: 0, mode: 'break', doc }]
  while (stack.length > 0) {
    const { indentation, mode, doc: current } = stack.pop() as Command
    if (typeof current === 'string') {
      out.push(current)
      column += current.length
      continue
    }
    if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ indentation, mode, doc: current[i] as Doc })
      continue
    }
    switch (current.kind) {
      case 'group': {
        const flat = !current.broken && fits({ indentation, mode: 'flat', doc: current.contents }, stack, width - column, current.firstLineFits)
        stack.push({ indentation, mode: flat ? 'flat' : 'break', doc: current.contents })
        break
      }
      case 'indent':
        stack.push({ indentation: indentation + indentWidth, mode, doc: current.contents })
        break
      case 'ifBreak':
        stack.push({ indentation, mode, doc: mode === 'break' ? current.broken : current.flat })
        break
      case 'lineSuffix':
        pendingSuffix.push({ indentation, mode, doc: current.contents })
        break
      case 'breakParent':
        break
      case 'line':
        if (current.mode === 'fresh' && atLineStart(out)) break
        if (mode === 'flat' && current.mode !== 'hard' && current.mode !== 'fresh') {
          if (current.mode === 'line') {
            out.push(' ')
            column += 1
          }
          break
        }
        if (pendingSuffix.length > 0) {
          // Print the held-back comments before this break, then come back to the break.
          stack.push({ indentation, mode, doc: current })
          for (let i = pendingSuffix.length - 1; i >= 0; i--) stack.push(pendingSuffix[i] as Command)
          pendingSuffix = []
          break
        }
        trimTrailingSpaces(out)
        out.push('\n' + ' '.repeat(indentation))
        column = indentation
        break
    }
  }
  if (pendingSuffix.length > 0) out.push(printDoc(pendingSuffix.map((c) => c.doc), width, indentWidth))
  return out.join('')
}

/** Whether `next`, printed flat, and what follows up to the next possible break fit in `width`. */
function fits(next: Command, rest: readonly Command[], width: number, firstLineOnly: boolean): boolean {
  let remaining = width
  const stack: Command[] = [next]
  let restIndex = rest.length - 1
  while (remaining >= 0) {
    if (stack.length === 0) {
      if (restIndex < 0) return true
      stack.push(rest[restIndex--] as Command)
      continue
    }
    const { indentation, mode, doc } = stack.pop() as Command
    if (typeof doc === 'string') {
      remaining -= doc.length
      continue
    }
    if (Array.isArray(doc)) {
      for (let i = doc.length - 1; i >= 0; i--) stack.push({ indentation, mode, doc: doc[i] as Doc })
      continue
    }
    switch (doc.kind) {
      case 'group':
        if (doc.broken && mode === 'break') return true
        stack.push({ indentation, mode: doc.broken || firstLineOnly ? 'break' : mode, doc: doc.contents })
        break
      case 'indent':
        stack.push({ indentation, mode, doc: doc.contents })
        break
      case 'ifBreak':
        stack.push({ indentation, mode, doc: mode === 'break' ? doc.broken : doc.flat })
        break
      case 'line':
        if (mode === 'break' || doc.mode === 'hard' || doc.mode === 'fresh') return true
        if (doc.mode === 'line') remaining -= 1
        break
      case 'lineSuffix':
      case 'breakParent':
        break
    }
  }
  return false
}

/** A group that contains a hard line break or a `breakParent` cannot print flat. */
function propagateBreaks(doc: Doc): boolean {
  if (typeof doc === 'string') return false
  if (Array.isArray(doc)) {
    let any = false
    for (const part of doc) if (propagateBreaks(part)) any = true
    return any
  }
  switch (doc.kind) {
    case 'group': {
      const inner = propagateBreaks(doc.contents)
      if (inner) doc.broken = true
      return doc.broken
    }
    case 'indent':
      return propagateBreaks(doc.contents)
    case 'ifBreak':
      return propagateBreaks(doc.broken) || propagateBreaks(doc.flat)
    case 'lineSuffix':
      // Printed after the line ends, so it never forces the group it sits in to break.
      propagateBreaks(doc.contents)
      return false
    case 'breakParent':
      return true
    case 'line':
      return doc.mode === 'hard' || doc.mode === 'fresh'
  }
}

/** Nothing but indentation has been written since the last line break (or nothing at all). */
function atLineStart(out: readonly string[]): boolean {
  for (let i = out.length - 1; i >= 0; i--) {
    const piece = out[i] as string
    const newline = piece.lastIndexOf('\n')
    const tail = newline < 0 ? piece : piece.slice(newline + 1)
    if (tail.trim().length > 0) return false
    if (newline >= 0) return true
  }
  return true
}

function trimTrailingSpaces(out: string[]): void {
  while (out.length > 0) {
    const trimmed = (out[out.length - 1] as string).replace(/[ \t]+$/, '')
    if (trimmed.length > 0) {
      out[out.length - 1] = trimmed
      return
    }
    out.pop()
  }
}
