/** The `.map` files the code generator's structural tests build. */

/** The destinations in mappings/, which must always compile. */
export const REAL_DESTINATIONS = ['attio', 'matilda', 'schematic'] as const

export const TINY_FIXTURE = 'test/emit/fixtures/tiny.map'

/** Every `.map` file the structural tests build: the real destinations and the golden fixture. */
export const ALL_MAP_FILES = [...REAL_DESTINATIONS.map((name) => `mappings/${name}.map`), TINY_FIXTURE] as const
