/**
 * Text from a `.map` (titles, labels, descriptions, reasons, triggers, expressions) and from its API
 * schema, made safe to put in Markdown that is rendered to HTML. The author's text must read as
 * the characters they wrote: it can open no heading, list, table, link or emphasis, and no HTML
 * tag (`<script>` shows as text); a code span is one that markdownCode built, so it closes. A line break in it becomes a space, since in Markdown it
 * could start a new block.
 */

/**
 * Prose: HTML's three significant characters as entities, Markdown's punctuation backslash-escaped.
 * A pair of backticks around text on one line (`` `email_addresses` ``, as Segment's descriptions
 * write names) stays a code span, rebuilt by `markdownCode` so that nothing in it escapes; a lone
 * backtick is escaped. `inTable`: the text goes in a table cell (see `markdownCode`).
 */
export function markdownText(text: string, inTable = false): string {
  // Leading spaces could make an indented code block, and the edges are not shown anyway.
  const parts = oneLine(text).trim().split(/`([^`]+)`/)
  const escaped = parts.map((part, i) => (i % 2 === 1 ? markdownCode(part, inTable) : escapeProse(part))).join('')
  // What opens a block only at the start of a line: a heading, a list item, a thematic break.
  return escaped.replace(/^(\s*)([#+\-=]|\d+(?=[.)]))/, (_, space: string, opener: string) => (/\d/.test(opener) ? `${space}${opener}\\` : `${space}\\${opener}`))
}

function escapeProse(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (ch) => `\\${ch}`)
}

/**
 * A code span holding `code` verbatim. Backslash escapes do not work inside code spans, so the span
 * is fenced by more backticks than the longest run of backticks in it (CommonMark's rule), padded
 * with a space when it starts or ends with one. `inTable`: a pipe would end the table cell even
 * inside a code span, and GitHub's tables take `\|` there as a pipe.
 */
export function markdownCode(code: string, inTable = false): string {
  const text = oneLine(code)
  const longestRun = (text.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length), 0)
  const fence = '`'.repeat(longestRun + 1)
  const padded = text.startsWith('`') || text.endsWith('`') || (text.startsWith(' ') && text.endsWith(' ') && text.trim() !== '') ? ` ${text} ` : text
  return `${fence}${inTable ? padded.replace(/\|/g, '\\|') : padded}${fence}`
}

/** Text inside an HTML comment (`<!-- … -->`): nothing in it may end the comment early. */
export function htmlCommentText(text: string): string {
  return oneLine(text).replace(/-/g, '&#45;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** A pipe table whose cells are already Markdown (made by `markdownText` or `markdownCode(…, true)`). */
export function markdownTable(head: string[], rows: string[][]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]): string => `| ${head.map((_, i) => (cells[i] ?? '').padEnd(widths[i] as number)).join(' | ')} |`
  return [line(head), `| ${widths.map((w) => '-'.repeat(Math.max(3, w))).join(' | ')} |`, ...rows.map(line)]
}

function oneLine(text: string): string {
  return text.replace(/\r\n?|[\n\u2028\u2029]/g, ' ')
}
