/**
 * "Connect to this registry": the one entry point to registries for the
 * jobs. One client per registry for the whole run, so tag listing,
 * inspections and comparisons share tokens; credentials are looked up once
 * per registry (the inputs' for the image's registry, else what the runner
 * has); every request goes through one transport, under one URL policy.
 */
import { errorMessage } from '../errors.js'
import { RegistryError } from './errors.js'
import type { ImageReference } from './reference.js'
import { hostWithoutPort, sameRegistry } from './reference.js'
import { findCredentials, type Credentials } from './auth/docker-config.js'
import { DigestCache } from './cache.js'
import { RegistryClient } from './client.js'
import { Transport, type ExchangeEvent, type RetryEvent } from './transport.js'
import { UrlPolicy } from './url-policy.js'

export interface Connection {
  client: RegistryClient
  credentials?: Credentials
  /** Where the credentials came from, to explain a rejection; never the secret. */
  source?: string
}

export interface ConnectSettings {
  /** Credentials given for one registry; `source` names them in messages. */
  given?: { credentials: Credentials; domain: string; source: string }
  insecureRegistries: string[]
  requestTimeoutMs: number
  timeoutMs: number
  retries: number
  maxRetryWaitMs: number
  cacheDir?: string
}

/** What connecting reports back: secrets to mask, warnings, credentials used, retries. */
export interface ConnectEvents {
  secret(value: string): void
  warning(message: string): void
  /** A registry connected with credentials from `source` (none: anonymous). */
  connected(source: string | undefined): void
  retry(event: RetryEvent): void
  /** Each request's method, URL (no query), status and time: for debugging. */
  exchange?(event: ExchangeEvent): void
  /** Other steps worth a debug line (the token asked for). */
  debug?(message: string): void
}

export class Registries {
  /** Epoch ms when the whole step must end. */
  readonly deadline: number
  readonly transport: Transport
  readonly cache?: DigestCache
  private readonly connections = new Map<string, Promise<Connection>>()
  /** Registries connected only because an image named them. */
  private readonly referred = new Set<string>()

  constructor(
    private readonly settings: ConnectSettings,
    private readonly events: ConnectEvents
  ) {
    this.deadline = Date.now() + settings.timeoutMs
    this.transport = new Transport({
      policy: new UrlPolicy({ insecure: settings.insecureRegistries }),
      timeoutMs: settings.requestTimeoutMs,
      deadline: this.deadline,
      retry: {
        retries: settings.retries,
        maxRetryAfterMs: settings.maxRetryWaitMs
      },
      onRetry: (e) => events.retry(e),
      onExchange: (e) => events.exchange?.(e)
    })
    this.cache = settings.cacheDir
      ? new DigestCache(settings.cacheDir, (message) => events.debug?.(message))
      : undefined
  }

  /**
   * The connection to a reference's registry, made once. `referredBy` is
   * the image that named this reference (its base), when the user did not:
   * then the registry is reached as if the image's registry sent us there.
   */
  connect(
    reference: ImageReference,
    referredBy?: ImageReference
  ): Promise<Connection> {
    // Host names are case-insensitive: one connection however it is written.
    const key = reference.domain.toLowerCase()
    // On the image's own registry: the user named that one.
    if (referredBy && sameRegistry(referredBy, reference))
      referredBy = undefined
    let connection = this.connections.get(key)
    if (!connection) {
      connection = this.open(reference.domain, referredBy)
      this.connections.set(key, connection)
      if (referredBy) this.referred.add(key)
    } else if (!referredBy && this.referred.delete(key)) {
      // Named by the user after all: theirs to reach.
      connection = connection.then((c) => {
        c.client.namedByUser()
        return c
      })
      this.connections.set(key, connection)
    }
    return connection
  }

  /** Requests sent so far, redirect hops and retries included. */
  get requestCount(): number {
    return this.transport.requestCount
  }

  /** Stops everything in flight: one part failed, the step is over. */
  cancel(): void {
    this.transport.close()
  }

  /** Closes kept-alive sockets so the process can exit. */
  close(): void {
    this.transport.dispose()
  }

  private async open(
    domain: string,
    referredBy?: ImageReference
  ): Promise<Connection> {
    const referrer = referredBy && (await this.connect(referredBy)).client
    const { credentials, source } = await this.credentialsFor(domain)
    this.events.connected(source)
    const client = new RegistryClient({
      domain,
      credentials,
      insecure: this.isInsecure(domain),
      transport: this.transport,
      cache: this.cache,
      onSecret: (secret) => this.events.secret(secret),
      onDebug: (message) => this.events.debug?.(message),
      referredBy: referrer?.base
    })
    return { client, credentials, source }
  }

  /** The given credentials, else whatever the runner has for the registry. */
  private async credentialsFor(
    domain: string
  ): Promise<{ credentials?: Credentials; source?: string }> {
    // Given credentials are for their registry only; any other (a
    // compared image) uses what the runner has for it.
    const given = this.settings.given
    if (given && domain.toLowerCase() === given.domain.toLowerCase()) {
      return given
    }
    let lookup
    try {
      lookup = await findCredentials(domain)
    } catch (error) {
      throw new RegistryError('config', errorMessage(error))
    }
    for (const warning of lookup.warnings) this.events.warning(warning)
    if (!lookup.found) return {}
    // Mask before anything else could print them.
    const { password, identityToken, registryToken } = lookup.found.credentials
    for (const secret of [password, identityToken, registryToken]) {
      if (secret) this.events.secret(secret)
    }
    return lookup.found
  }

  private isInsecure(domain: string): boolean {
    const host = domain.toLowerCase()
    const insecure = this.settings.insecureRegistries
    return insecure.includes(host) || insecure.includes(hostWithoutPort(host))
  }
}
