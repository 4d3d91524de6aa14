/**
 * Reads pipe tables out of Markdown (Segment's docs and mapc's own), for comparing them cell by
 * cell. Cells are normalised the way Markdown renders them: escapes removed (`organization\_id`),
 * HTML entities decoded (`&#xA;` is a line break), whitespace collapsed.
 */

export type Table = Record<string, string>[]

/** The first table after the heading line `heading` (e.g. `### Track Event`). */
export function tableAfter(markdown: string, heading: string): Table | undefined {
  const lines = markdown.split('\n')
  const start = lines.findIndex((l) => l.trim() === heading)
  if (start < 0) return undefined
  for (let i = start + 1; i < lines.length; i++) {
    const line = (lines[i] as string).trim()
    if (/^#{1,6} /.test(line)) return undefined
    if (line.startsWith('|')) return readTable(lines.slice(i))
  }
  return undefined
}

function readTable(lines: string[]): Table {
  const rows: string[][] = []
  for (const raw of lines) {
    const line = raw.trim()
    if (!line.startsWith('|')) break
    rows.push(splitRow(line))
  }
  const [head, , ...body] = rows
  if (!head) return []
  return body.map((cells) => Object.fromEntries(head.map((h, i) => [h, cells[i] ?? ''])))
}

function splitRow(line: string): string[] {
  const cells: string[] = []
  let current = ''
  for (let i = 1; i < line.length; i++) {
    const ch = line[i] as string
    if (ch === '\\' && line[i + 1] === '|') {
      current += '|'
      i++
    } else if (ch === '|') {
      cells.push(normalize(current))
      current = ''
    } else current += ch
  }
  return cells
}

export function normalize(cell: string): string {
  return cell
    .replace(/&#xA;/gi, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/\\([_*`\[\]()#+\-.!\\])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim()
}
