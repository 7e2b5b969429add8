/**
 * Credentials from the docker CLI's config file (what `docker login` and
 * docker/login-action write): `$DOCKER_CONFIG/config.json` or
 * `~/.docker/config.json`, `auths` entries with `auth` (base64 of
 * `user:password`) or `username`/`password`.
 */
import { readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { isDockerHub } from '../reference.js'

export interface Credentials {
  username: string
  password: string
}

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

/**
 * Looks up credentials for a registry domain. A missing file means none;
 * an unreadable or malformed one is an error, since a login step clearly
 * meant to provide credentials.
 */
export function credentialsFromDockerConfig(
  domain: string,
  path: string = dockerConfigPath()
): FoundCredentials | undefined {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw new Error(`Cannot read docker config ${path}: ${String(error)}`)
  }
  let config: unknown
  try {
    config = JSON.parse(text)
  } catch {
    throw new Error(`Docker config ${path} is not valid JSON`)
  }
  const auths = (config as { auths?: unknown } | null)?.auths
  if (typeof auths !== 'object' || auths === null) return undefined

  const entries = Object.entries(auths as Record<string, unknown>)
  const wanted = registryKey(domain)
  // An exact key first (docker's own order), then any key naming the host.
  const exact = isDockerHub(domain) ? DOCKER_HUB_KEY : domain
  const ordered = [
    ...entries.filter(([key]) => key === exact),
    ...entries.filter(([key]) => key !== exact && registryKey(key) === wanted)
  ]
  for (const [key, entry] of ordered) {
    const credentials = decodeEntry(entry, key, path)
    if (credentials) {
      return { credentials, source: `${path} (auths["${key}"])` }
    }
  }
  return undefined
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
  const { auth, username, password } = entry as Record<string, unknown>
  if (typeof auth === 'string' && auth !== '') {
    const decoded = Buffer.from(auth, 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon <= 0) {
      throw new Error(
        `Docker config ${path}: auths["${key}"].auth is not base64 of "username:password"`
      )
    }
    return {
      username: decoded.slice(0, colon),
      password: decoded.slice(colon + 1).replace(/\0+$/, '')
    }
  }
  if (typeof username === 'string' && username !== '') {
    return {
      username,
      password: typeof password === 'string' ? password : ''
    }
  }
  return undefined
}
