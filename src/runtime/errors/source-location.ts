/**
 * Where in a `.map` file something was declared. Runtime errors carry one so that a failed
 * delivery points at the line the integration author wrote, not at generated code.
 */
export interface SourceLocation {
  file: string
  /** 1-based. */
  line: number
  /** 1-based, in UTF-16 code units (as the compiler's spans). */
  column: number
}

/** `attio.map:42:5`: the form editors and terminals turn into a link. */
export function formatLocation(location: SourceLocation): string {
  return `${location.file}:${location.line}:${location.column}`
}

/** Puts the location in front of a message, or leaves the message alone when there is none. */
export function prefixLocation(location: SourceLocation | undefined, message: string): string {
  return location === undefined ? message : `${formatLocation(location)} ${message}`
}
