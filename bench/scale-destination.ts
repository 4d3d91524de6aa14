/** A generated `.map` of `actions` actions with `fields` fields each, for the scale measurement. */
export function scaleDestination(actions: number, fields: number): string {
  const lines = ['destination scale {', '  title "Scale"', '  accepts track, identify', '', '  setting apiKey: password required { label "API key" }', '', '  auth api_key {', '    header authorization = "Bearer " + settings.apiKey', '  }', '']
  for (let a = 0; a < actions; a++) {
    lines.push(`  action action${a} {`, `    title "Action ${a}"`, `    trigger type = "track" and event = "Event ${a}"`, '')
    for (let f = 0; f < fields; f++) {
      const type = f % 3 === 0 ? 'number' : 'string'
      lines.push(`    field field${f}: ${type}${f === 0 ? ' required' : ''} { label "Field ${f}"  default $.properties.p${f} }`)
    }
    const body = Array.from({ length: fields }, (_, f) => `field${f}: field${f}`).join(', ')
    lines.push('', '    perform {', `      send POST "https://api.scale.test/v1/action${a}" {`, `        json { event: "e${a}", data: { ${body} } }`, '      }', '    }', '  }', '')
  }
  lines.push('}', '')
  return lines.join('\n')
}

/** The API schema the scale destination's requests are checked against: one endpoint per action. */
export function scaleApiSchema(actions: number, fields: number): string {
  const definitions: Record<string, unknown> = {}
  for (let a = 0; a < actions; a++) {
    const url = `https://api.scale.test/v1/action${a}`
    const data = Object.fromEntries(Array.from({ length: fields }, (_, f) => [`field${f}`, { type: f % 3 === 0 ? 'number' : 'string' }]))
    definitions[`action${a}`] = {
      'x-mapc-endpoint': `POST ${url}`,
      type: 'object',
      required: ['method', 'url', 'body'],
      properties: {
        method: { const: 'POST' },
        url: { const: url },
        headers: { type: 'object' },
        body: { type: 'object', required: ['event'], properties: { event: { type: 'string' }, data: { type: 'object', properties: data, additionalProperties: false } }, additionalProperties: false }
      }
    }
  }
  const oneOf = Object.keys(definitions).map((name) => ({ $ref: `#/definitions/${name}` }))
  return JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', title: 'Scale API', type: 'object', oneOf, definitions }, null, 2)
}
