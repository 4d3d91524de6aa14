/**
 * A unified-style diff of two texts, for golden-file failures: the changed lines with three
 * lines of context, `-` for expected and `+` for actual, and `@@` headers with line numbers.
 * Line-level longest common subsequence; golden files are small enough for the quadratic table.
 */

type Edit = { kind: 'same' | 'removed' | 'added'; text: string; oldLine: number; newLine: number }

const CONTEXT = 3

export function lineDiff(expected: string, actual: string): string {
  const edits = editScript(expected.split('\n'), actual.split('\n'))
  const out: string[] = []
  for (const [start, end] of hunkRanges(edits)) {
    const first = edits[start] as Edit
    out.push(`@@ expected line ${first.oldLine}, actual line ${first.newLine} @@`)
    for (const edit of edits.slice(start, end)) {
      out.push(`${edit.kind === 'same' ? ' ' : edit.kind === 'removed' ? '-' : '+'} ${visible(edit.text)}`)
    }
  }
  return out.join('\n')
}

/** [start, end) of each hunk: changes closer than 2×CONTEXT unchanged lines share one. */
function hunkRanges(edits: readonly Edit[]): [number, number][] {
  const ranges: [number, number][] = []
  edits.forEach((edit, index) => {
    if (edit.kind === 'same') return
    const start = Math.max(0, index - CONTEXT)
    const end = Math.min(edits.length, index + CONTEXT + 1)
    const last = ranges[ranges.length - 1]
    if (last && start <= last[1]) last[1] = end
    else ranges.push([start, end])
  })
  return ranges
}

/** Invisible differences (trailing spaces, carriage returns) would make a diff unreadable. */
function visible(line: string): string {
  return line.replace(/\r/g, '\\r').replace(/[ \t]+$/, (spaces) => spaces.replace(/ /g, '·').replace(/\t/g, '→'))
}

function editScript(a: readonly string[], b: readonly string[]): Edit[] {
  const rows = a.length + 1
  const cols = b.length + 1
  const lcs = new Uint32Array(rows * cols)
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      lcs[i * cols + j] = a[i] === b[j] ? (lcs[(i + 1) * cols + j + 1] as number) + 1 : Math.max(lcs[(i + 1) * cols + j] as number, lcs[i * cols + j + 1] as number)
    }
  }
  const edits: Edit[] = []
  let i = 0
  let j = 0
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      edits.push({ kind: 'same', text: a[i] as string, oldLine: i + 1, newLine: j + 1 })
      i++
      j++
    } else if (i < a.length && (j === b.length || (lcs[(i + 1) * cols + j] as number) >= (lcs[i * cols + j + 1] as number))) {
      edits.push({ kind: 'removed', text: a[i] as string, oldLine: i + 1, newLine: j + 1 })
      i++
    } else {
      edits.push({ kind: 'added', text: b[j] as string, oldLine: i + 1, newLine: j + 1 })
      j++
    }
  }
  return edits
}
