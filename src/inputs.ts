/**
 * The only reader of action inputs: every input is read, validated and
 * normalized here into one typed object, or the step fails naming the input.
 */
import * as core from '@actions/core'
import { InputError } from './errors.js'
import { parseDuration } from './text/duration.js'
import type { Credentials } from './registry/auth/docker-config.js'
import {
  MAX_PATTERN_LENGTH,
  RuleError,
  parseRules,
  type Rule
} from './gate/rules.js'
import type { LoadedDockerfile } from './dockerfile/load.js'
import type { TagQuery, UpdateType } from './tags/select.js'
import { parsePlatform, type Platform } from './image/platform.js'
import {
  ReferenceError,
  isRegistryHost,
  isTag,
  parseDigest,
  parseReference,
  type ImageReference
} from './registry/reference.js'

/** What every inspection needs, one image or many. */
export interface Settings {
  platform: Platform
  /**
   * From the username/password inputs, for the image's registry only;
   * otherwise credentials are looked up on the runner.
   */
  given?: { credentials: Credentials; domain: string; source: string }
  /** Registries (host[:port]) that may be spoken to over plain http. */
  insecureRegistries: string[]
  /** Limit for one HTTP request, body included. */
  requestTimeoutMs: number
  /** Limit for the whole inspection. */
  timeoutMs: number
  /** Retries of a failed GET (network errors, 408, 429, 5xx). */
  retries: number
  /** A Retry-After longer than this fails at once. */
  maxRetryWaitMs: number
  /** How long to keep asking for a tag or repository that does not exist yet. */
  waitForMs: number
  /** Directory of manifests and configs by digest, kept between runs. */
  cacheDir?: string
  /** Check whether each image is built on its base's current release. */
  checkBase: boolean
  /** The base to check against (`base-image`); otherwise the image names it. */
  baseImage?: ImageReference
  /** Read BuildKit provenance (a base check reads it too). */
  readProvenance: boolean
}

export interface Inputs extends Settings {
  reference: ImageReference
  /** Gate rules, parsed; empty when none were given. */
  rules: Rule[]
  /** Report failed rules without failing the step. */
  reportOnly: boolean
  /** A second image to compare with (same platform). */
  compareTo?: ImageReference
  /** Post the comparison as a pull-request comment. */
  comment: boolean
  githubToken: string
  /** `tag: semver:<range>`: inspect the highest tag in that range. */
  tagRange?: string
  /** List the repository's tags (outputs tags, latest-tag). */
  listTags: boolean
  tagQuery: Omit<TagQuery, 'pattern' | 'range' | 'current'> & {
    patternSource?: string
  }
  /** The digest seen last time; `changed` says whether it moved. */
  previousDigest?: string
  /** `platform: all`: every platform of the index, each with its config. */
  allPlatforms: boolean
  /** `dockerfile`, read: the images it builds from. */
  dockerfile?: LoadedDockerfile
}

/** Longer than any job may run (GitHub-hosted: 6 h), and than a Node timer can wait. */
const MAX_DURATION_MS = 24 * 3_600_000

function durationInput(name: string, fallback: string, min = 0): number {
  const text = core.getInput(name) || fallback
  const ms = parseDuration(text)
  if (ms === undefined || ms < min) {
    throw new InputError(
      name,
      `"${text}" is not a duration${min ? ` of at least ${min} ms` : ''}: write e.g. 30s, 5m, 1m30s, 500ms or a number of seconds.`
    )
  }
  if (ms > MAX_DURATION_MS) {
    throw new InputError(
      name,
      `"${text}" is longer than 24h, the most allowed.`
    )
  }
  return ms
}

/** One line of the `images` input: parsed, or why it could not be. */
export interface BatchEntry {
  input: string
  reference?: ImageReference
  error?: string
}

/** Many images in one step: each inspected like `image`, reported together. */
export interface BatchInputs extends Settings {
  mode: 'batch'
  images: BatchEntry[]
}

/** Inputs that only make sense for one image. */
const SINGLE_ONLY = [
  'tag',
  'compare-to',
  'assert',
  'previous-digest',
  'tag-pattern',
  'tag-sort',
  'max-update',
  'dockerfile',
  'compare-to-dockerfile',
  'build-args'
]
/** Switches that only make sense for one image: set to true, they are refused. */
const SINGLE_ONLY_SWITCHES = [
  'list-tags',
  'comment',
  'report-only',
  'include-prereleases'
]

/**
 * Reads the inputs for one image, or for many with `images`; a Dockerfile
 * an input names is read too (asynchronously, its parser loaded on demand).
 */
export async function readInputs(): Promise<
  (Inputs & { mode: 'single' }) | BatchInputs
> {
  // Hidden from the log before anything, a failure included, could print them.
  for (const name of ['password', 'github-token']) {
    const secret = core.getInput(name)
    if (secret) core.setSecret(secret)
  }
  const images = core.getInput('images')
  if (!images) return { mode: 'single', ...(await getInputs()) }
  if (core.getInput('image')) {
    throw new InputError(
      'images',
      "give either 'image' (one reference) or 'images' (one per line), not both."
    )
  }
  const single = (name: string): InputError =>
    new InputError(
      name,
      `is for a single 'image'; it cannot be combined with 'images'.`
    )
  for (const name of SINGLE_ONLY) {
    if (core.getInput(name)) throw single(name)
  }
  for (const name of SINGLE_ONLY_SWITCHES) {
    if (booleanInput(name, false)) throw single(name)
  }
  const entries = batchEntries(images)
  const settings = readSettings()
  if (settings.allPlatforms) {
    throw new InputError(
      'platform',
      "'all' works with a single 'image', not with 'images'."
    )
  }
  // Credentials from inputs must never reach another registry.
  // Host names are case-insensitive: one registry however it is written.
  const domains = new Set(
    entries.flatMap((e) =>
      e.reference ? [e.reference.domain.toLowerCase()] : []
    )
  )
  const { credentials, ...rest } = settings
  if (credentials && domains.size > 1) {
    throw new InputError(
      'username',
      `the images are on ${domains.size} registries (${[...domains].join(', ')}); 'username'/'password' would go to all of them. Log in to each with docker/login-action instead.`
    )
  }
  return {
    mode: 'batch',
    images: entries,
    ...rest,
    given: givenFor(credentials, [...domains][0])
  }
}

/** The `images` lines: each parsed, or why it could not be. */
function batchEntries(images: string): BatchEntry[] {
  const entries: BatchEntry[] = images
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    // The same reference twice is one inspection and one result.
    .filter((line, i, all) => all.indexOf(line) === i)
    .map((input) => {
      try {
        return { input, reference: withTag(parseReference(input)) }
      } catch (error) {
        if (!(error instanceof ReferenceError)) throw error
        return {
          input,
          error: `"${input}" is not a valid image reference: ${error.rule}`
        }
      }
    })
  if (entries.length === 0) {
    throw new InputError(
      'images',
      'lists no image: give one reference per line.'
    )
  }
  if (entries.length > 256) {
    throw new InputError(
      'images',
      `lists ${entries.length} images; at most 256 per step.`
    )
  }
  return entries
}

/** The username/password inputs, for one registry's requests only. */
function givenFor(
  credentials: Credentials | undefined,
  domain: string | undefined
): Settings['given'] {
  if (!credentials || domain === undefined) return undefined
  return { credentials, domain, source: "the 'username'/'password' inputs" }
}

/**
 * The inputs every inspection uses, validated; credentials not yet tied to
 * a registry. `baseRule`: the gate asks whether the base is current.
 */
function readSettings(baseRule = false): Omit<Settings, 'given'> & {
  allPlatforms: boolean
  credentials?: Credentials
} {
  const platformText = core.getInput('platform') || 'linux/amd64'
  const allPlatforms = platformText.toLowerCase() === 'all'
  const platform = allPlatforms
    ? { os: 'linux', architecture: 'amd64' }
    : parsePlatform(platformText)
  if (!platform) {
    throw new InputError(
      'platform',
      `"${platformText}" is not a platform: write os/arch or os/arch/variant (e.g. linux/amd64, linux/arm64, linux/arm/v7), or all.`
    )
  }
  const username = core.getInput('username')
  const password = core.getInput('password')
  // getInput gives '' for unset and empty alike; only the variable's
  // presence says a value was passed, and that it came out empty.
  if (username && !password && process.env['INPUT_PASSWORD'] !== undefined) {
    throw new InputError(
      'password',
      "is empty, but 'username' is set: pass the password or token (an unset secret or variable gives an empty string), or remove 'username'."
    )
  }
  if (password && !username && process.env['INPUT_USERNAME'] !== undefined) {
    throw new InputError(
      'username',
      "is empty, but 'password' is set: pass the user name the password or token belongs to (an unset secret or variable gives an empty string), or remove 'password'."
    )
  }
  if (Boolean(username) !== Boolean(password)) {
    throw new InputError(
      username ? 'password' : 'username',
      `'username' and 'password' go together; only '${username ? 'username' : 'password'}' was given.`
    )
  }
  return {
    platform,
    allPlatforms,
    credentials: username ? { username, password } : undefined,
    insecureRegistries: parseInsecureRegistries(
      core.getInput('insecure-registries')
    ),
    requestTimeoutMs: durationInput('request-timeout', '30s', 100),
    timeoutMs: durationInput('timeout', '5m', 100),
    retries: retriesInput(),
    maxRetryWaitMs: durationInput('max-retry-wait', '60s'),
    waitForMs: durationInput('wait-for', '0'),
    cacheDir: core.getInput('cache-dir') || undefined,
    ...baseInputs(baseRule)
  }
}

/**
 * `check-base`, `base-image` and the rule `base is current` (which imply
 * it), and `provenance` (which it implies).
 */
function baseInputs(
  baseRule: boolean
): Pick<Settings, 'checkBase' | 'baseImage' | 'readProvenance'> {
  const text = core.getInput('base-image')
  const baseImage = text
    ? withTag(referenceInput('base-image', text))
    : undefined
  const checkBase = booleanInput('check-base', Boolean(baseImage) || baseRule)
  if (!checkBase && (baseImage || baseRule)) {
    const asker = baseImage
      ? "'base-image' asks for"
      : "the rule 'base is current' in 'assert' needs"
    throw new InputError(
      'check-base',
      `is false, but ${asker} a base check: remove one of them.`
    )
  }
  return {
    checkBase,
    baseImage,
    readProvenance: booleanInput('provenance', false) || checkBase
  }
}

export async function getInputs(): Promise<Inputs> {
  const image = core.getInput('image')
  const files = dockerfileInputs()
  if (!image && !files.dockerfile) {
    throw new InputError(
      'image',
      "is required: give the image to inspect, a 'dockerfile' whose base image to inspect, or several images, one per line, in 'images'."
    )
  }
  const rules = rulesInput()
  const { allPlatforms, credentials, ...settings } = readSettings(
    rules.some((r) => r.kind === 'base')
  )
  const { dockerfile, compareToBase } = await loadDockerfiles(
    files,
    settings.platform
  )
  const { reference, tagRange, platform } = image
    ? imageInputs(image)
    : dockerfileBase(dockerfile!)
  const comparison = comparisonInputs(allPlatforms, compareToBase)
  const tagQuery = tagQueryInputs()
  if (tagRange && tagQuery.sort === 'docker') {
    throw new InputError(
      'tag-sort',
      "docker compares tags with the one in 'image'; a semver: selector in 'tag' orders tags as semver. Remove one of them."
    )
  }
  return {
    ...settings,
    platform: (!allPlatforms && platform) || settings.platform,
    given: givenFor(credentials, reference.domain),
    reference,
    allPlatforms,
    tagRange,
    listTags: booleanInput('list-tags', false) || tagQuery.implied,
    tagQuery: {
      sort: tagQuery.sort,
      patternSource: tagQuery.patternSource,
      maxUpdate: tagQuery.maxUpdate,
      includePrereleases: booleanInput('include-prereleases', false)
    },
    previousDigest: previousDigestInput(),
    rules,
    reportOnly: booleanInput('report-only', false),
    ...comparison,
    ...(dockerfile && { dockerfile })
  }
}

/** `dockerfile`, `compare-to-dockerfile` and `build-args`, not yet read. */
interface DockerfileInputs {
  dockerfile?: string
  compareToDockerfile?: string
  buildArgs: Map<string, string>
}

function dockerfileInputs(): DockerfileInputs {
  const dockerfile = core.getInput('dockerfile') || undefined
  const compareToDockerfile =
    core.getInput('compare-to-dockerfile') || undefined
  if (compareToDockerfile && core.getInput('compare-to')) {
    throw new InputError(
      'compare-to-dockerfile',
      "names the image to compare with, as 'compare-to' does: give one of them."
    )
  }
  const buildArgs = buildArgsInput()
  if (buildArgs.size > 0 && !dockerfile && !compareToDockerfile) {
    throw new InputError(
      'build-args',
      "are for the ARGs of a Dockerfile: set 'dockerfile' as well."
    )
  }
  return { dockerfile, compareToDockerfile, buildArgs }
}

/** `NAME=VALUE` per line; `NAME` alone takes the step's environment variable, as docker build does. */
function buildArgsInput(): Map<string, string> {
  const args = new Map<string, string>()
  for (const raw of core
    .getInput('build-args', { trimWhitespace: false })
    .split('\n')) {
    const line = raw.replace(/\r$/, '').replace(/^\s+/, '')
    if (line === '' || line.startsWith('#')) continue
    const equals = line.indexOf('=')
    const name = (equals === -1 ? line : line.slice(0, equals)).trimEnd()
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      throw new InputError(
        'build-args',
        `"${line}" is not NAME=VALUE with a name of letters, digits and "_": write one build argument per line, e.g. PYTHON_VERSION=3.12.`
      )
    }
    const value = equals === -1 ? process.env[name] : line.slice(equals + 1)
    if (value !== undefined) args.set(name, value)
  }
  return args
}

/** The Dockerfiles the inputs name, read and resolved (their parser loads only then). */
async function loadDockerfiles(
  files: DockerfileInputs,
  platform: Platform
): Promise<{ dockerfile?: LoadedDockerfile; compareToBase?: ImageReference }> {
  if (!files.dockerfile && !files.compareToDockerfile) return {}
  const { loadDockerfile } = await import('./dockerfile/load.js')
  const options = { buildArgs: files.buildArgs, platform }
  const dockerfile = files.dockerfile
    ? await loadDockerfile('dockerfile', files.dockerfile, options)
    : undefined
  if (!files.compareToDockerfile) return { dockerfile }
  const other = await loadDockerfile(
    'compare-to-dockerfile',
    files.compareToDockerfile,
    options
  )
  if (!other.final) {
    throw new InputError(
      'compare-to-dockerfile',
      `${files.compareToDockerfile} builds its last stage FROM scratch: there is no base image to compare with.`
    )
  }
  return { dockerfile, compareToBase: other.final.reference }
}

/** Without 'image': the base of the Dockerfile's last stage, at its --platform. */
function dockerfileBase(dockerfile: LoadedDockerfile): {
  reference: ImageReference
  tagRange?: undefined
  platform?: Platform
} {
  if (!dockerfile.final) {
    throw new InputError(
      'dockerfile',
      `${dockerfile.path} builds its last stage FROM scratch: there is no base image to inspect. Set 'image' to inspect another one.`
    )
  }
  if (core.getInput('tag')) {
    throw new InputError(
      'tag',
      `the tag comes from the FROM on line ${dockerfile.final.line} of ${dockerfile.path}; 'tag' goes with 'image'.`
    )
  }
  return {
    reference: dockerfile.final.reference,
    platform: dockerfile.final.platform
  }
}

/** `image` and `tag`: the reference, or the semver range that picks its tag. */
function imageInputs(image: string): {
  reference: ImageReference
  tagRange?: string
  platform?: undefined
} {
  const tag = core.getInput('tag')
  const reference = referenceInput('image', image)
  if (tag.startsWith('semver:')) {
    // The range itself is checked by the plan (semver loads lazily),
    // still before any request.
    if (reference.tag !== undefined || reference.digest !== undefined) {
      throw new InputError(
        'tag',
        `a semver selector picks the tag, so 'image' must not name one ("${image}").`
      )
    }
    const range = tag.slice('semver:'.length).trim() || '*'
    return { reference: { ...reference, tag: undefined }, tagRange: range }
  }
  if (tag) {
    if (!isTag(tag)) {
      throw new InputError(
        'tag',
        `"${tag}" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".`
      )
    }
    if (reference.tag !== undefined && reference.tag !== tag) {
      throw new InputError(
        'tag',
        `"${tag}" conflicts with the tag "${reference.tag}" in the 'image' input. Give the tag in one place only.`
      )
    }
    return { reference: { ...reference, tag } }
  }
  return { reference: withTag(reference) }
}

/** A reference with neither tag nor digest means `latest`, as in docker pull. */
function withTag(reference: ImageReference): ImageReference {
  return reference.tag === undefined && reference.digest === undefined
    ? { ...reference, tag: 'latest' }
    : reference
}

function rulesInput(): Rule[] {
  try {
    return parseRules(core.getInput('assert'))
  } catch (error) {
    if (error instanceof RuleError)
      throw new InputError('assert', `${error.message}.`)
    throw error
  }
}

/**
 * `compare-to` (or the base of `compare-to-dockerfile`), `comment` and the
 * token the comment needs.
 */
function comparisonInputs(
  allPlatforms: boolean,
  compareToBase?: ImageReference
): Pick<Inputs, 'compareTo' | 'comment' | 'githubToken'> {
  const compareText = core.getInput('compare-to')
  const compareTo = compareText
    ? referenceInput('compare-to', compareText)
    : compareToBase
  const comment = booleanInput('comment', false)
  const githubToken = core.getInput('github-token')
  if (allPlatforms && compareTo) {
    throw new InputError(
      'compare-to',
      "compares one platform: set 'platform' to one (e.g. linux/amd64) rather than all."
    )
  }
  if (comment && !compareTo) {
    throw new InputError(
      'comment',
      "a comment shows a comparison: set 'compare-to' as well."
    )
  }
  if (comment && !githubToken) {
    throw new InputError(
      'github-token',
      "posting a comment needs a token (the default is the workflow's GITHUB_TOKEN)."
    )
  }
  return { compareTo, comment, githubToken }
}

/** `tag-sort`, `tag-pattern`, `max-update`; `implied`: they ask for the tag list. */
function tagQueryInputs(): {
  sort: TagQuery['sort']
  patternSource?: string
  maxUpdate?: UpdateType
  implied: boolean
} {
  const written = core.getInput('tag-sort')
  const sort = (written || 'semver').toLowerCase()
  if (sort !== 'semver' && sort !== 'docker' && sort !== 'lexical') {
    throw new InputError(
      'tag-sort',
      `"${written}" is not a sort order: write semver, docker (Docker-style tags such as 3.12-slim) or lexical.`
    )
  }
  const maxText = core.getInput('max-update')
  const maxUpdate = maxText.toLowerCase() || undefined
  if (
    maxUpdate !== undefined &&
    maxUpdate !== 'major' &&
    maxUpdate !== 'minor' &&
    maxUpdate !== 'patch'
  ) {
    throw new InputError(
      'max-update',
      `"${maxText}" is not an update type: write major (any newer tag), minor or patch.`
    )
  }
  if (maxUpdate && sort === 'lexical') {
    throw new InputError(
      'max-update',
      'needs versions, and tag-sort lexical has none: use tag-sort docker or semver.'
    )
  }
  const patternSource = core.getInput('tag-pattern') || undefined
  if (patternSource && patternSource.length > MAX_PATTERN_LENGTH) {
    throw new InputError(
      'tag-pattern',
      `the pattern is longer than ${MAX_PATTERN_LENGTH} characters.`
    )
  }
  return {
    sort,
    patternSource,
    maxUpdate,
    implied: Boolean(patternSource || written || maxUpdate)
  }
}

function previousDigestInput(): string | undefined {
  const text = core.getInput('previous-digest')
  if (!text) return undefined
  try {
    return parseDigest(text)
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error
    throw new InputError('previous-digest', `${error.rule}.`)
  }
}

function booleanInput(name: string, fallback: boolean): boolean {
  const text = core.getInput(name)
  const value = text.toLowerCase()
  if (value === '') return fallback
  if (['true', 'yes', 'on', '1'].includes(value)) return true
  if (['false', 'no', 'off', '0'].includes(value)) return false
  throw new InputError(name, `"${text}" is not a boolean: write true or false.`)
}

function referenceInput(name: string, text: string): ImageReference {
  try {
    return parseReference(text)
  } catch (error) {
    if (error instanceof ReferenceError) {
      throw new InputError(
        name,
        `"${text}" is not a valid image reference: ${error.rule}. Examples: nginx, nginx:1.27, ghcr.io/org/app:v1, registry.example.com:5000/team/app@sha256:<64 hex>.`
      )
    }
    throw error
  }
}

function retriesInput(): number {
  const text = core.getInput('retries') || '4'
  if (!/^\d{1,2}$/.test(text.trim())) {
    throw new InputError(
      'retries',
      `"${text}" is not a number of retries: write a whole number from 0 to 99.`
    )
  }
  return Number(text)
}

/** Hosts separated by newlines, commas or spaces; `#` starts a comment. */
function parseInsecureRegistries(text: string): string[] {
  const hosts: string[] = []
  for (const line of text.split('\n')) {
    for (const item of line.replace(/#.*/, '').split(/[\s,]+/)) {
      if (!item) continue
      const host = item.replace(/^http:\/\//i, '').replace(/\/+$/, '')
      if (!isRegistryHost(host)) {
        throw new InputError(
          'insecure-registries',
          `"${item}" is not a registry host: list hosts like registry.local:5000, one per line.`
        )
      }
      hosts.push(host.toLowerCase())
    }
  }
  return hosts
}
