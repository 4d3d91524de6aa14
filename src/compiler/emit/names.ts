/** Names of generated declarations, derived from `.map` names (which are identifiers). */

/** `identifyUser` + `Payload` → `IdentifyUserPayload` */
export function typeName(name: string, suffix: string): string {
  const pascal = name
    .split('_')
    .filter(Boolean)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('')
  return `${pascal || 'Unnamed'}${suffix}`
}
