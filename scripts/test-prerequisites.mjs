#!/usr/bin/env node
// `npm test` runs this first. Some tests need programs that npm cannot install: a real
// nats-server (scale-out) and a real Chromium (browser tests). A test never skips silently, so
// when one is missing this either installs it from Debian's packages (as root, where apt-get
// exists) or stops with a message that names what to install.
import { spawnSync } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'

const prerequisites = [
  { program: 'nats-server', env: 'MAPC_NATS_SERVER', debianPackage: 'nats-server', neededBy: 'the scale-out tests (a real JetStream server)' },
  { program: 'chromium', env: 'MAPC_CHROMIUM', debianPackage: 'chromium', neededBy: 'the browser tests (playwright-core drives it)' },
]

function onPath(program) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue
    const candidate = join(dir, program)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {
      // not in this directory
    }
  }
  return undefined
}

function executable(path) {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

const found = (p) => (process.env[p.env] ? executable(process.env[p.env]) : onPath(p.program) !== undefined)

let missing = prerequisites.filter((p) => !found(p))
const canInstall = process.getuid?.() === 0 && onPath('apt-get') !== undefined
if (missing.length > 0 && canInstall) {
  const packages = missing.map((p) => p.debianPackage)
  console.error(`mapc tests: installing ${packages.join(', ')} from Debian's packages (apt-get install -y)`)
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  let install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env })
  if (install.status !== 0) {
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env })
    install = spawnSync('apt-get', ['install', '-y', '-qq', ...packages], { stdio: 'inherit', env })
  }
  missing = prerequisites.filter((p) => !found(p))
}

if (missing.length > 0) {
  console.error('mapc tests cannot run: these programs are missing.')
  for (const p of missing) {
    console.error(`  ${p.program}: needed by ${p.neededBy}. Install the Debian package: apt-get install -y ${p.debianPackage}` +
      ` (or set ${p.env} to its path)`)
  }
  process.exit(1)
}
