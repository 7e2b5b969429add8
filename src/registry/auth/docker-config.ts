/**
 * Credentials the way the docker CLI finds them (what `docker login`,
 * docker/login-action and the cloud login actions write):
 * `$DOCKER_CONFIG/config.json` or `~/.docker/config.json` with `credHelpers`
 * per host, then `credsStore`, then `auths` entries (`auth` base64 of
 * `user:password`, `username`/`password`, `identitytoken`, `registrytoken`);
 * also `DOCKER_AUTH_CONFIG` and podman's auth.json.
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { isDockerHub } from '../reference.js'
import {
  CredentialHelperError,
  runCredentialHelper,
  type HelperResult
} from './credential-helper.js'

export interface Credentials {
  username: string
  password: string
  /** An OAuth2 refresh token, exchanged at the token realm. */
  identityToken?: string
  /** A ready bearer token for the registry itself. */
  registryToken?: string
}

/** What a lookup found, plus what went wrong on the way (for warnings). */
export interface CredentialLookup {
  found?: FoundCredentials
  warnings: string[]
}

/** The username credential helpers use to hand out an identity token. */
const TOKEN_USERNAME = '<token>'

export interface FoundCredentials {
  credentials: Credentials
  /** Where they came from, for logs; never the secret itself. */
  source: string
}

/** Docker Hub's key in config.json, whatever name the image used. */
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/'

/** The path docker itself reads, honouring DOCKER_CONFIG. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
  const dir = env.DOCKER_CONFIG || join(env.HOME || homedir(), '.docker')
  return join(dir, 'config.json')
}

/** The `auths` entry for a domain in one docker config file, if any. */
export function credentialsFromDockerConfig(
  domain: string,
  path: string = dockerConfigPath()
): FoundCredentials | undefined {
  const config = readConfig(path)
  return config && fromAuths(config, domain, path)
}

/** `https://index.docker.io/v1/` and `ghcr.io` → comparable host keys. */
function registryKey(key: string): string {
  let host = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
  const slash = host.indexOf('/')
  if (slash !== -1) host = host.slice(0, slash)
  host = host.toLowerCase()
  return isDockerHub(host) ? 'docker.io' : host
}

function decodeEntry(
  entry: unknown,
  key: string,
  path: string
): Credentials | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined
  const { auth, username, password, identitytoken, registrytoken } =
    entry as Record<string, unknown>
  let user = typeof username === 'string' ? username : ''
  let pass = typeof password === 'string' ? password : ''
  if (typeof auth === 'string' && auth !== '') {
    const decoded = Buffer.from(auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon <= 0) {
      throw new Error(
        `Docker config ${path}: auths["${key}"].auth is not base64 of "username:password"`
      )
    }
    user = decoded.slice(0, colon)
    pass = decoded.slice(colon + 1).replace(/\0+$/, '')
  }
  if (typeof registrytoken === 'string' && registrytoken !== '') {
    return { username: user, password: pass, registryToken: registrytoken }
  }
  if (typeof identitytoken === 'string' && identitytoken !== '') {
    return { username: user, password: pass, identityToken: identitytoken }
  }
  if (user !== '') return { username: user, password: pass }
  return undefined
}

/**
 * Parses a config file; a missing file is undefined, an empty one holds
 * nothing, a broken one is an error.
 */
function readConfig(path: string): Record<string, unknown> | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`Cannot read docker config ${path}: ${String(error)}`)
  }
  return parseConfig(text, path)
}

function parseConfig(text: string, where: string): Record<string, unknown> {
  // The docker CLI reads an empty file as an empty config (its JSON
  // decoder meets EOF before a value), and tools do leave empty ones.
  if (/^[ \t\r\n]*$/.test(text)) return {}
  let config: unknown
  try {
    config = JSON.parse(text)
  } catch {
    throw new Error(`Docker config ${where} is not valid JSON`)
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    throw new Error(`Docker config ${where} is not a JSON object`)
  }
  return config as Record<string, unknown>
}

/** The auths entry for a domain, exact key first, then any alias. */
function fromAuths(
  config: Record<string, unknown>,
  domain: string,
  where: string
): FoundCredentials | undefined {
  const auths = config.auths
  if (typeof auths !== 'object' || auths === null) return undefined
  for (const [key, entry] of matchingEntries(
    auths as Record<string, unknown>,
    domain
  )) {
    const credentials = decodeEntry(entry, key, where)
    if (credentials) {
      return { credentials, source: `${where} (auths["${key}"])` }
    }
  }
  return undefined
}

function matchingEntries(
  map: Record<string, unknown>,
  domain: string
): [string, unknown][] {
  const entries = Object.entries(map)
  const wanted = registryKey(domain)
  const exact = isDockerHub(domain) ? DOCKER_HUB_KEY : domain
  return [
    ...entries.filter(([key]) => key === exact),
    ...entries.filter(([key]) => key !== exact && registryKey(key) === wanted)
  ]
}

/** Server URLs a helper may have stored the login under, most likely first. */
function helperServerUrls(domain: string): string[] {
  return isDockerHub(domain)
    ? [DOCKER_HUB_KEY, 'index.docker.io']
    : [domain, `https://${domain}`]
}

export type HelperRunner = (
  name: string,
  serverUrl: string
) => Promise<HelperResult>

async function fromHelper(
  name: string,
  domain: string,
  source: string,
  run: HelperRunner
): Promise<FoundCredentials | undefined> {
  for (const serverUrl of helperServerUrls(domain)) {
    const result = await run(name, serverUrl)
    if (!result.found) continue
    const { username, secret } = result.credentials
    const credentials: Credentials =
      username === TOKEN_USERNAME
        ? { username: '', password: '', identityToken: secret }
        : { username, password: secret }
    return {
      credentials,
      source: `${source} (docker-credential-${name}, ${serverUrl})`
    }
  }
  return undefined
}

/** Runs a helper; a broken one is noted and comes back as nothing found. */
type HelperAttempt = (
  name: string,
  source: string
) => Promise<FoundCredentials | undefined>

/** A docker config file in the CLI's order: credHelpers, credsStore, auths. */
async function fromConfigFile(
  config: Record<string, unknown>,
  path: string,
  domain: string,
  tryHelper: HelperAttempt
): Promise<FoundCredentials | undefined> {
  const helpers = config.credHelpers
  if (typeof helpers === 'object' && helpers !== null) {
    for (const [key, name] of matchingEntries(
      helpers as Record<string, unknown>,
      domain
    )) {
      if (typeof name !== 'string' || name === '') continue
      const found = await tryHelper(name, `${path} credHelpers["${key}"]`)
      if (found) return found
    }
  }
  if (typeof config.credsStore === 'string' && config.credsStore !== '') {
    const found = await tryHelper(config.credsStore, `${path} credsStore`)
    if (found) return found
  }
  return fromAuths(config, domain, path)
}

export interface FindOptions {
  env?: NodeJS.ProcessEnv
  runHelper?: HelperRunner
}

/**
 * Looks through every place a runner keeps registry credentials, in the
 * docker CLI's order. A broken helper is a warning, not a failure: public
 * images must still work on a runner with a stale config.
 */
export async function findCredentials(
  domain: string,
  options: FindOptions = {}
): Promise<CredentialLookup> {
  const env = options.env ?? process.env
  const run: HelperRunner =
    options.runHelper ??
    ((name, url) => runCredentialHelper(name, url, { env }))
  const warnings: string[] = []
  const tryHelper: HelperAttempt = async (name, source) => {
    try {
      return await fromHelper(name, domain, source, run)
    } catch (error) {
      if (!(error instanceof CredentialHelperError)) throw error
      warnings.push(`${source}: ${error.message}; continuing without it`)
      return undefined
    }
  }

  if (env.DOCKER_AUTH_CONFIG) {
    const config = parseConfig(env.DOCKER_AUTH_CONFIG, 'DOCKER_AUTH_CONFIG')
    const found = fromAuths(config, domain, 'DOCKER_AUTH_CONFIG')
    if (found) return { found, warnings }
  }

  const path = dockerConfigPath(env)
  const config = readConfig(path)
  if (config) {
    const found = await fromConfigFile(config, path, domain, tryHelper)
    if (found) return { found, warnings }
  }

  // podman / skopeo / buildah keep the same format elsewhere.
  const podman =
    env.REGISTRY_AUTH_FILE ||
    (env.XDG_RUNTIME_DIR
      ? join(env.XDG_RUNTIME_DIR, 'containers', 'auth.json')
      : undefined)
  if (podman) {
    const podmanConfig = readConfig(podman)
    const found = podmanConfig && fromAuths(podmanConfig, domain, podman)
    if (found) return { found, warnings }
  }
  return { warnings }
}
