#!/usr/bin/env node
// The notices for everything bundled into dist/: every npm package whose
// modules webpack put in any chunk (ncc --stats-out), with its licence text.
// ncc's own --license misses packages whose modules were concatenated.
// Usage: node .ci/notices.mjs OUT STATS.json [STATS.json...]
import fs from 'node:fs'
import path from 'node:path'

const [out, ...statsFiles] = process.argv.slice(2)
if (!out || statsFiles.length === 0) {
  console.error('usage: node .ci/notices.mjs OUT STATS.json [STATS.json...]')
  process.exit(2)
}

/** Package folders (relative to the repository) that modules came from. */
function packageDirs(stats) {
  const dirs = new Set()
  const walk = (value) => {
    if (Array.isArray(value)) return value.forEach(walk)
    if (!value || typeof value !== 'object') return
    for (const key of ['name', 'identifier', 'nameForCondition']) {
      const text = value[key]
      if (typeof text !== 'string') continue
      const file = text.split('!').pop() ?? ''
      const at = file.lastIndexOf('node_modules/')
      if (at === -1) continue
      const rest = file.slice(at + 'node_modules/'.length).split('/')
      const name = rest[0].startsWith('@') ? rest.slice(0, 2) : rest.slice(0, 1)
      dirs.add(
        path.normalize(file.slice(0, at) + 'node_modules/' + name.join('/'))
      )
    }
    for (const child of Object.values(value)) {
      if (child && typeof child === 'object') walk(child)
    }
  }
  walk(stats)
  return dirs
}

const LICENSE_FILE = /^(licen[cs]e|copying)(\.(md|txt|markdown))?$/i

/** One package's notice: name@version, licence, the text it ships. */
function notice(dir) {
  const meta = JSON.parse(
    fs.readFileSync(path.join(dir, 'package.json'), 'utf8')
  )
  const license =
    typeof meta.license === 'string'
      ? meta.license
      : (meta.license?.type ?? 'UNKNOWN')
  const file = fs.readdirSync(dir).find((f) => LICENSE_FILE.test(f))
  if (!file) {
    throw new Error(
      `${meta.name}@${meta.version} (${dir}) ships no licence file`
    )
  }
  const text = fs.readFileSync(path.join(dir, file), 'utf8').trim()
  return {
    id: `${meta.name}@${meta.version}`,
    body: `${meta.name}@${meta.version}\n${license}\n${text}\n`
  }
}

const dirs = new Set()
for (const file of statsFiles) {
  for (const dir of packageDirs(JSON.parse(fs.readFileSync(file, 'utf8')))) {
    dirs.add(dir)
  }
}
const notices = new Map()
for (const dir of dirs) {
  const { id, body } = notice(dir)
  notices.set(id, body)
}
const ids = [...notices.keys()].sort()
fs.writeFileSync(
  out,
  `Third-party software bundled in dist/ (${ids.length} packages):\n${ids.map((id) => `- ${id}`).join('\n')}\n\n${ids.map((id) => notices.get(id)).join('\n')}`
)
