/**
 * Image references as the docker CLI reads them (distribution/reference):
 * `[domain/]path[:tag][@digest]`, normalized so that `nginx` means
 * `docker.io/library/nginx:latest`.
 */
import { isIPv6 } from 'node:net'

export const DOCKER_HUB = 'docker.io'
/** Where Docker Hub's registry API actually lives. */
export const DOCKER_HUB_API = 'registry-1.docker.io'
const LEGACY_HUB = 'index.docker.io'

const MAX_NAME_LENGTH = 255
const MAX_INPUT_LENGTH = 1024

// The grammar of distribution/reference; each part is anchored and checked
// on its own so the error can say which rule failed.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/
const DOMAIN =
  /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]{1,5})?$/
const TAG = /^[\w][\w.-]{0,127}$/
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/
const HEX64 = /^[a-f0-9]{64}$/

/** Digest algorithms we can verify, with the length of their hex form. */
const DIGEST_HEX_LENGTH: Record<string, number> = {
  sha256: 64,
  sha512: 128
}

export interface ImageReference {
  /** Registry as written after normalization: `docker.io`, `ghcr.io`, `localhost:5000`. */
  domain: string
  /** Repository path, with `library/` for official Docker Hub images. */
  path: string
  tag?: string
  digest?: string
}

/** Thrown for a reference that breaks the grammar; `rule` says which part. */
export class ReferenceError extends Error {
  constructor(readonly rule: string) {
    super(rule)
    this.name = 'ReferenceError'
  }
}

/** Parses and normalizes a reference; throws ReferenceError naming the rule broken. */
export function parseReference(input: string): ImageReference {
  checkInput(input)
  let rest = input
  let digest: string | undefined
  const at = rest.indexOf('@')
  if (at !== -1) {
    digest = parseDigest(rest.slice(at + 1))
    rest = rest.slice(0, at)
  }
  const [domain, name] = splitDomain(rest)
  const [path, tag] = splitTag(name)
  return { domain, path: repositoryPath(path, domain), tag, digest }
}

/** Rules about the reference as a whole, before it is taken apart. */
function checkInput(input: string): void {
  if (input.length === 0) throw new ReferenceError('the reference is empty')
  if (input.length > MAX_INPUT_LENGTH) {
    throw new ReferenceError(
      `the reference is ${input.length} characters long; at most ${MAX_INPUT_LENGTH} are allowed`
    )
  }
  if (/\s/.test(input)) {
    throw new ReferenceError('a reference cannot contain whitespace')
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
    throw new ReferenceError(
      'a reference has no URL scheme: write "ghcr.io/org/app", not "https://ghcr.io/org/app"'
    )
  }

  if (HEX64.test(input)) {
    throw new ReferenceError(
      'a reference cannot be a bare 64-character hex string (that looks like an image ID)'
    )
  }
}

/**
 * `domain/rest` → [domain, rest]. The domain is the first component if it
 * looks like a host (has a dot or a port, is localhost, or has uppercase
 * letters, which paths cannot have); otherwise it is Docker Hub.
 */
function splitDomain(name: string): [domain: string, rest: string] {
  const slash = name.indexOf('/')
  if (slash === -1) return [DOCKER_HUB, name]
  const first = name.slice(0, slash)
  const isHost =
    first === 'localhost' ||
    first.includes('.') ||
    first.includes(':') ||
    first !== first.toLowerCase()
  if (!isHost) return [DOCKER_HUB, name]
  if (!isValidHost(first)) {
    throw new ReferenceError(
      `"${first}" is not a valid registry host (letters, digits, dots and dashes, optionally :port)`
    )
  }
  if (!validPort(first)) {
    throw new ReferenceError(
      `"${first}" has port ${portOf(first)}; a port is a number from 1 to 65535`
    )
  }
  return [first === LEGACY_HUB ? DOCKER_HUB : first, name.slice(slash + 1)]
}

/** `path[:tag]` (the domain already split off) → [path, tag]. */
function splitTag(name: string): [path: string, tag: string | undefined] {
  const colon = name.lastIndexOf(':')
  if (colon === -1) return [name, undefined]
  const tag = name.slice(colon + 1)
  if (!isTag(tag)) {
    throw new ReferenceError(
      `tag "${tag}" is not valid: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`
    )
  }
  return [name.slice(0, colon), tag]
}

/** Checks the repository path and adds Docker Hub's implicit `library/`. */
function repositoryPath(path: string, domain: string): string {
  if (path.length === 0)
    throw new ReferenceError('the repository name is empty')
  for (const component of path.split('/')) {
    if (PATH_COMPONENT.test(component)) continue
    if (PATH_COMPONENT.test(component.toLowerCase())) {
      throw new ReferenceError(`repository name "${path}" must be lowercase`)
    }
    throw new ReferenceError(
      `"${component}" is not a valid repository path component: use lowercase letters and digits, separated by ".", "_", "__" or "-"`
    )
  }
  const full =
    domain === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path
  // distribution/reference limits the path (with library/), not the host.
  if (full.length > MAX_NAME_LENGTH) {
    throw new ReferenceError(
      `the repository name is ${full.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`
    )
  }
  return full
}

/** Validates `algorithm:hex` and returns it; only verifiable algorithms pass. */
export function parseDigest(text: string): string {
  const match = DIGEST.exec(text)
  if (!match) {
    throw new ReferenceError(
      `digest "${text}" is not valid: expected "sha256:" followed by 64 hex digits`
    )
  }
  const [, algorithm, hex] = match
  const length = DIGEST_HEX_LENGTH[algorithm]
  if (length === undefined) {
    throw new ReferenceError(
      `digest algorithm "${algorithm}" is not supported: use sha256 (or sha512)`
    )
  }
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
    throw new ReferenceError(
      `digest "${text}" is not valid: ${algorithm} needs exactly ${length} lowercase hex digits`
    )
  }
  return text
}

/** `host`, `host:port` or `[ipv6]:port`, as the reference grammar allows. */
export function isRegistryHost(text: string): boolean {
  return isValidHost(text) && validPort(text)
}

/** The grammar's host, with a bracketed IPv6 address that really is one. */
function isValidHost(text: string): boolean {
  if (!DOMAIN.test(text)) return false
  const v6 = /^\[([^\]]*)\]/.exec(text)
  return !v6 || isIPv6(v6[1])
}

/** A tag as the reference grammar allows: what a registry's tag list must hold too. */
export function isTag(text: string): boolean {
  return TAG.test(text)
}

/** The port of a host DOMAIN accepted (an IPv6 literal ends in "]"). */
function portOf(host: string): string | undefined {
  return /:(\d+)$/.exec(host)?.[1]
}

function validPort(host: string): boolean {
  const port = portOf(host)
  return port === undefined || (Number(port) >= 1 && Number(port) <= 65535)
}

/** True for Docker Hub under any of its names. */
export function isDockerHub(domain: string): boolean {
  return (
    domain === DOCKER_HUB || domain === LEGACY_HUB || domain === DOCKER_HUB_API
  )
}

/** The host (and port) that serves the registry API for a domain. */
export function apiHost(domain: string): string {
  return domain === DOCKER_HUB ? DOCKER_HUB_API : domain
}

/** `domain/path`, e.g. `docker.io/library/nginx`. */
export function repositoryName(ref: ImageReference): string {
  return `${ref.domain}/${ref.path}`
}

/** One registry, however its host name is cased. */
export function sameRegistry(a: ImageReference, b: ImageReference): boolean {
  return a.domain.toLowerCase() === b.domain.toLowerCase()
}

/** `domain/path[:tag][@digest]`, the canonical form of a reference. */
export function formatReference(ref: ImageReference): string {
  let out = repositoryName(ref)
  if (ref.tag !== undefined) out += `:${ref.tag}`
  if (ref.digest !== undefined) out += `@${ref.digest}`
  return out
}

/** What to ask the registry for: the digest if there is one, else the tag. */
export function manifestReference(ref: ImageReference): string {
  return ref.digest ?? ref.tag ?? 'latest'
}

/** True for hosts on this machine, where plain http is the norm. */
export function isLoopbackHost(domain: string): boolean {
  const host = hostWithoutPort(domain).toLowerCase()
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(host) ||
    host === '[::1]'
  )
}

/** `host:port` → `host`; keeps IPv6 brackets. */
export function hostWithoutPort(domain: string): string {
  if (domain.startsWith('[')) {
    const end = domain.indexOf(']')
    return end === -1 ? domain : domain.slice(0, end + 1)
  }
  const colon = domain.lastIndexOf(':')
  return colon === -1 ? domain : domain.slice(0, colon)
}
