/**
 * `mapc dead-letter list|show|replay --config mapc.yaml --nats URL`: the dead-letter stream of
 * scale-out delivery. `list` prints one line per letter (sequence, code, destination, messageId,
 * message), `show SEQ` the whole letter as JSON, `replay SEQ…|--all` publishes each letter's event
 * back into the event stream for the one target it failed at, and removes the letter.
 */
import { NatsUnavailableError } from '../../scale-out/connection.js'
import { listDeadLetters, readDeadLetter, replayDeadLetter, type ReplayResult } from '../../scale-out/dead-letter-stream.js'
import { openDeployment, readDeploymentSettings } from '../../scale-out/deployment.js'
import { MapcError } from '../../runtime/index.js'
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError, type Command } from '../command.js'
import { integerOption } from './worker.js'

export const deadLetterCommand: Command = {
  name: 'dead-letter',
  summary: 'list, show or replay the dead letters of scale-out delivery (JetStream)',
  usage: 'mapc dead-letter <list|show SEQ|replay SEQ…|replay --all> --config mapc.yaml --nats URL [--json]',
  optionHelp: [
    '--config FILE   the YAML configuration (its jetstream: section names the streams)',
    '--nats URL      the NATS server',
    '--all           replay: every dead letter',
    '--limit N       list: at most N letters (default 1000)',
    '--json          list: one JSON letter per line'
  ],
  options: {
    config: { type: 'string' },
    nats: { type: 'string' },
    all: { type: 'boolean', default: false },
    limit: { type: 'string', default: '1000' },
    json: { type: 'boolean', default: false }
  },
  async run({ positionals, values }, io) {
    const [action, ...rest] = positionals
    if (action !== 'list' && action !== 'show' && action !== 'replay') throw new UsageError(action === undefined ? 'name what to do: list, show SEQ or replay SEQ…' : `unknown action '${action}': list, show or replay`)
    const config = values['config']
    const url = values['nats']
    if (typeof config !== 'string') throw new UsageError('--config is required')
    if (typeof url !== 'string' || url === '') throw new UsageError('--nats is required: the URL of the NATS server')
    const seqs = rest.map((s) => integerOption(s, 'a sequence number', 1))
    if (action === 'show' && seqs.length !== 1) throw new UsageError('show takes one sequence number')
    if (action === 'replay' && seqs.length === 0 && values['all'] !== true) throw new UsageError('replay takes sequence numbers, or --all')
    const log = (line: string): void => io.stderr(`mapc dead-letter: ${line}\n`)
    let settings
    try {
      settings = readDeploymentSettings(config, io.env).settings
    } catch (error) {
      if (error instanceof MapcError) {
        log(error.message)
        return EXIT_USAGE
      }
      throw error
    }
    let deployment
    try {
      deployment = await openDeployment({ url, name: `mapc dead-letter ${process.pid}`, settings, resources: 'all', log, connectTimeoutMs: 5000 })
    } catch (error) {
      if (error instanceof NatsUnavailableError) {
        log(error.message)
        return EXIT_FAILURE
      }
      throw error
    }
    try {
      const { js, jsm } = deployment
      if (action === 'show') {
        const letter = await readDeadLetter(jsm, settings, seqs[0] as number)
        if (letter === undefined) {
          log(`no dead letter ${seqs[0]} in ${settings.deadLetterStream}`)
          return EXIT_FAILURE
        }
        io.stdout(`${JSON.stringify(letter, null, 2)}\n`)
        return EXIT_OK
      }
      if (action === 'list') {
        const { letters, total } = await listDeadLetters(jsm, settings, integerOption(values['limit'], '--limit', 1))
        for (const { seq, letter } of letters) {
          if (values['json'] === true) io.stdout(`${JSON.stringify({ seq, ...letter })}\n`)
          else io.stdout(`${seq}\t${letter.code}\t${letter.destination ?? '-'}/${letter.subscription ?? '-'}\t${letter.messageId ?? '-'}\t${letter.message}\n`)
        }
        if (values['json'] !== true) io.stderr(`${total} dead letter${total === 1 ? '' : 's'} in ${settings.deadLetterStream}${letters.length < total ? ` (${letters.length} listed)` : ''}\n`)
        return EXIT_OK
      }
      const targets = values['all'] === true ? (await listDeadLetters(jsm, settings, Number.MAX_SAFE_INTEGER)).letters.map((l) => l.seq) : seqs
      const results: ReplayResult[] = []
      for (const seq of targets) results.push(await replayDeadLetter(js, jsm, settings, seq))
      for (const r of results) io.stdout(r.replayed ? `${r.seq}\treplayed to ${r.to}\n` : `${r.seq}\tnot replayed: ${r.why}\n`)
      return results.every((r) => r.replayed) ? EXIT_OK : EXIT_FAILURE
    } finally {
      await deployment.close()
    }
  }
}
