/**
 * The decoded views redaction looks into: each decoded unit maps back to the span of the text it
 * came from, so that what matches in a view masks the right part of the original.
 */
import { describe, expect, it } from 'vitest'
import { decodedViews, decodeOnce } from '../../../src/runtime/redaction/decoded-view.js'

/** Each unit of the view with the original text it came from. */
const mapped = (text: string) => {
  const view = decodeOnce(text)
  if (view === undefined) return undefined
  return [...view.text].map((unit, i) => [unit, text.slice(view.starts[i], view.ends[i])])
}

describe('decodeOnce', () => {
  it('copies a percent run that is no UTF-8 once, as written: nothing decoded, no view', () => {
    expect(decodeOnce('a%f1b')).toBeUndefined()
    expect(decodeOnce('%e2%82 and %f1%f1')).toBeUndefined()
  })

  it('keeps a view aligned with its text when such a run sits beside escapes that decode', () => {
    // `%f1` once copied itself twice, shifting every unit after it: a secret behind it went unseen.
    const view = decodeOnce('\\"x%f1\\\\y')
    expect(view?.text).toBe('"x%f1\\y')
    expect(view?.starts).toHaveLength(view?.text.length ?? -1)
    expect(mapped('\\"x%f1\\\\y')).toEqual([
      ['"', '\\"'],
      ['x', 'x'],
      ['%', '%'],
      ['f', 'f'],
      ['1', '1'],
      ['\\', '\\\\'],
      ['y', 'y']
    ])
  })

  it('decodes the well-formed part of a run and copies the rest', () => {
    expect(mapped('%f1%41')).toEqual([
      ['%', '%f1'],
      ['f', '%f1'],
      ['1', '%f1'],
      ['A', '%41']
    ])
  })
})

describe('decodedViews', () => {
  it('undoes JSON inside JSON inside JSON around an undecodable percent run', () => {
    const secret = 'sk_%f1\\T"z'
    const thrice = JSON.stringify(JSON.stringify(JSON.stringify(secret)))
    const views = decodedViews(thrice)
    expect(views).toHaveLength(3)
    expect(views[2]?.text).toBe(`"""${secret}"""`)
  })
})
