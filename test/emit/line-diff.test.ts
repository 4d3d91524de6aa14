/** The diff the golden test prints when an emitted file differs from its golden file. */
import { describe, expect, it } from 'vitest'
import { lineDiff } from './support/line-diff.js'

describe('lineDiff', () => {
  it('shows a changed line as removed then added, with three lines of context and line numbers', () => {
    const expected = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n')
    const actual = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h'].join('\n')
    expect(lineDiff(expected, actual)).toBe(['@@ expected line 2, actual line 2 @@', '  b', '  c', '  d', '- e', '+ E', '  f', '  g', '  h'].join('\n'))
  })

  it('keeps distant changes in separate hunks and makes trailing spaces visible', () => {
    const expected = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11'].join('\n')
    const actual = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10 ', '11'].join('\n')
    expect(lineDiff(expected, actual)).toBe(
      ['@@ expected line 1, actual line 1 @@', '+ 0', '  1', '  2', '  3', '@@ expected line 7, actual line 8 @@', '  7', '  8', '  9', '- 10', '+ 10·', '  11'].join('\n')
    )
  })

  it('is empty for equal texts', () => {
    expect(lineDiff('same\ntext', 'same\ntext')).toBe('')
  })
})
