/**
 * markdown.ts, checked with a real Markdown renderer (marked, GitHub-flavoured): any text put
 * through markdownText renders as one paragraph, or one table cell, that shows exactly the
 * characters written (line breaks as spaces): no HTML element, heading, list, link, emphasis or
 * stray code span, whatever the text holds.
 */
import fc from 'fast-check'
import { marked } from 'marked'
import { describe, expect, it } from 'vitest'
import { htmlCommentText, markdownCode, markdownTable, markdownText } from '../../src/compiler/emit/markdown.js'

/** Characters that mean something to Markdown or HTML, plus a few that do not. */
const hostile = fc.string({
  unit: fc.constantFrom('<', '>', '&', '*', '_', '`', '|', '[', ']', '(', ')', '#', '-', '+', '=', '!', '\\', '~', '\n', '\r', ' ', '\t', 'a', 'b', '1', '.', ':', '"', "'", ';', '/', 'script'),
  maxLength: 40
})

function decode(html: string): string {
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
}

/** What a reader sees: the text with line breaks as spaces, its edges trimmed, backtick pairs as code. */
function shown(text: string): string {
  return text.replace(/\r\n?|\n/g, ' ').trim().replace(/`([^`]+)`/g, '$1')
}

/** The HTML of one paragraph, with only <p> and <code> elements allowed; its text content. */
function paragraphText(html: string): string {
  const match = /^<p>([\s\S]*)<\/p>\n$/.exec(html)
  expect(match, `one paragraph: ${JSON.stringify(html)}`).not.toBeNull()
  const inner = (match as RegExpExecArray)[1] as string
  expect(inner.replace(/<\/?code>/g, ''), 'no element other than <code>').not.toMatch(/</)
  return decode(inner.replace(/<\/?code>/g, ''))
}

describe('markdownText', () => {
  it('renders any text as one paragraph showing exactly that text', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        fc.pre(shown(text) !== '')
        expect(paragraphText(marked.parse(markdownText(text), { async: false }))).toBe(shown(text))
      }),
      { numRuns: 2000 }
    )
  })

  it('turns a script tag into text', () => {
    expect(markdownText('<script>alert(1)</script>')).toBe('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(marked.parse(markdownText('<img src=x onerror=alert(1)>'), { async: false })).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>\n')
  })

  it('a line break cannot start a heading, list or HTML block', () => {
    const html = marked.parse(`# ${markdownText('Title\n# Injected\n<script>x</script>\n- item')} Destination\n`, { async: false })
    expect(html).toBe('<h1>Title # Injected &lt;script&gt;x&lt;/script&gt; - item Destination</h1>\n')
  })

  it('keeps a backtick pair as a code span and escapes a lone backtick', () => {
    expect(markdownText('use `email_addresses` here')).toBe('use `email_addresses` here')
    expect(markdownText('a ` b')).toBe('a \\` b')
    expect(marked.parse(markdownText('use `<b>|</b>` here'), { async: false })).toBe('<p>use <code>&lt;b&gt;|&lt;/b&gt;</code> here</p>\n')
  })
})

describe('markdownCode', () => {
  it('holds any text verbatim, backticks included', () => {
    fc.assert(
      fc.property(hostile, (text) => {
        const single = text.replace(/\r\n?|\n/g, ' ')
        fc.pre(single.trim() !== '')
        const html = marked.parse(`x ${markdownCode(text)} y`, { async: false })
        const match = /^<p>x <code>([\s\S]*)<\/code> y<\/p>\n$/.exec(html)
        expect(match, JSON.stringify(html)).not.toBeNull()
        expect(decode((match as RegExpExecArray)[1] as string)).toBe(single)
      }),
      { numRuns: 1000 }
    )
  })
})

describe('markdownTable', () => {
  it('keeps every cell in its column, pipes and code spans included', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(hostile, hostile), { minLength: 1, maxLength: 4 }), (rows) => {
        const markdown = markdownTable(
          ['Text', 'Code'],
          rows.map(([text, code]) => [markdownText(text, true), markdownCode(code.replace(/\s+/g, ' ').trim() || 'x', true)])
        ).join('\n')
        const [table, ...rest] = marked.lexer(markdown)
        expect(rest).toEqual([])
        expect(table?.type).toBe('table')
        const parsed = table as unknown as { rows: { text: string }[][] }
        expect(parsed.rows.map((cells) => cells.length)).toEqual(rows.map(() => 2))
        const html = marked.parse(markdown, { async: false })
        expect(html, 'no element but the table and code spans').not.toMatch(/<(?!\/?(table|thead|tbody|tr|th|td|code)[ >])/)
        expect(html.match(/<td[ >]/g)).toHaveLength(rows.length * 2)
      }),
      { numRuns: 500 }
    )
  })
})

describe('htmlCommentText', () => {
  it('cannot end the comment it is in', () => {
    const html = marked.parse(`<!-- from ${htmlCommentText('x --> <script>alert(1)</script> --!> \n')} -->\n\nafter\n`, { async: false })
    expect(html).toBe('<!-- from x &#45;&#45;&gt; &lt;script&gt;alert(1)&lt;/script&gt; &#45;&#45;!&gt;   -->\n\n<p>after</p>\n')
  })
})
