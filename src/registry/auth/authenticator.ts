/**
 * Answers registry challenges: Bearer tokens from the realm (anonymous, or
 * with credentials as Basic to the realm) and plain Basic to the registry.
 * Tokens are cached per realm, service and scope for the run, and concurrent
 * requests for the same token share one fetch.
 */
import {
  RegistryError,
  parseErrorBody,
  describeErrors,
  quote
} from '../errors.js'
import {
  redact,
  type HttpResponse,
  type SendOptions,
  type Transport
} from '../transport.js'
import { parseChallenges, pickChallenge, type Challenge } from './challenge.js'
import type { Credentials } from './docker-config.js'

const MAX_TOKEN_BODY = 1024 * 1024
/** 401 → token → retry, plus one re-scope for insufficient_scope. */
const MAX_AUTH_ATTEMPTS = 3
const MAX_PING_BODY = 64 * 1024
/** Real tokens (JWTs, GCR's, ACR's) are a few KB at most. */
const MAX_TOKEN_CHARS = 16 * 1024
const MIN_MASKED_CHARS = 8
const CLIENT_ID = 'remote-image-inspect'
/** How registries say "no OAuth2 POST here": GCR 404, JFrog 401, ACR 400. */
const POST_REFUSED = new Set([400, 401, 404, 405])
/** token spec: tokens live at least 60 s; refresh a little early. */
const MIN_TOKEN_LIFETIME_S = 60
const EARLY_REFRESH_MS = 5_000

interface CachedToken {
  value: string
  expiresAt: number
  /** Which fetch of this run produced it. */
  serial: number
}

export interface AuthenticatorOptions {
  transport: Transport
  credentials?: Credentials
  /** Registry origin, e.g. `https://ghcr.io`. */
  registry: URL
  /** Called with each new secret so the caller can mask it in logs. */
  onSecret?: (secret: string) => void
  /** What a maintainer needs to follow the auth (never a secret). */
  onDebug?: (message: string) => void
  now?: () => number
}

export class Authenticator {
  private readonly tokens = new Map<string, Promise<CachedToken>>()
  /** Counts token fetches; a request notes it to tell new tokens from old. */
  serial = 0
  /** The challenge this registry sent last; reused for other scopes. */
  private challenge?: Challenge
  /** Nothing was sent to the registry yet (its connection is not open). */
  private untouched = true

  constructor(private readonly options: AuthenticatorOptions) {}

  /**
   * Sends a request to the registry with the authorization its challenges
   * ask for: the header known for `scope` first, then on a 401 the answer to
   * the new challenge, at most MAX_AUTH_ATTEMPTS times. Returns the last
   * answer, whatever its status, and whether credentials went with it.
   */
  async send(
    url: URL,
    scope: string,
    options: SendOptions
  ): Promise<{ response: HttpResponse; authenticated: boolean }> {
    const since = this.serial
    // A background check leaves the warm-up to the main work.
    let authorization =
      this.untouched && !options.background
        ? await this.firstHeader(scope)
        : await this.headerFor(scope)
    for (let attempt = 1; ; attempt++) {
      const headers = { ...options.headers }
      if (authorization) headers.Authorization = authorization
      const response = await this.options.transport.send(url, {
        ...options,
        headers
      })
      const authenticated = authorization !== undefined
      // Only the registry's own 401 is a challenge: a CDN it redirected
      // to must not choose where the credentials go.
      if (
        response.status !== 401 ||
        attempt >= MAX_AUTH_ATTEMPTS ||
        response.url.origin !== this.options.registry.origin
      ) {
        return { response, authenticated }
      }
      let challenges = parseChallenges(
        headerText(response.headers['www-authenticate'])
      )
      // GCR answers some 401s without a challenge: ask /v2/ for it (an
      // empty list then answers the challenge already known).
      if (challenges.length === 0 && !this.hasChallenge()) {
        const fromPing = await this.ping()
        const usable = pickChallenge(fromPing)
        if (usable) this.setKnownChallenge(usable)
        else challenges = fromPing
      }
      const next = await this.onUnauthorized(
        challenges,
        scope,
        authorization,
        since
      )
      if (next === undefined) return { response, authenticated }
      authorization = next
    }
  }

  /**
   * The header for the first request. With a realm known before any answer
   * (Docker Hub, GHCR), the token is fetched while the connection warms up.
   */
  private async firstHeader(scope: string): Promise<string | undefined> {
    if (!this.canWarmUp()) {
      this.untouched = false
      return this.headerFor(scope)
    }
    return this.whileWarmingUp(() => this.headerFor(scope))
  }

  /** Nothing sent yet, and a token to fetch from a realm known up front. */
  private canWarmUp(): boolean {
    return (
      this.untouched &&
      this.challenge !== undefined &&
      !this.options.credentials?.registryToken
    )
  }

  /**
   * Runs `tokenWork` while a bodiless `GET /v2/` opens the registry's
   * connection (TCP, TLS), so the request that follows the token does not
   * pay for them. The warm-up is waited for no longer than the token took:
   * a new connection is never worse.
   */
  private async whileWarmingUp<T>(tokenWork: () => Promise<T>): Promise<T> {
    this.untouched = false
    const warm = this.options.transport
      .send(new URL('/v2/', this.options.registry), {
        maxBytes: MAX_PING_BODY,
        what: 'connection warm-up',
        noRetry: true
      })
      .then(
        () => undefined,
        () => undefined
      )
    const started = Date.now()
    const result = await tokenWork()
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      warm,
      new Promise((resolve) => {
        timer = setTimeout(resolve, Date.now() - started)
      })
    ])
    clearTimeout(timer)
    // The socket goes back to the pool just after the answer ends.
    await new Promise((resolve) => setImmediate(resolve))
    return result
  }

  /**
   * Before many requests for several scopes: learn the challenge once and
   * ask for one token covering them all. Best effort: any failure leaves
   * each request to authenticate (and report) by itself.
   */
  async prepare(scopes: string[]): Promise<void> {
    if (scopes.length < 2) return
    try {
      if (!this.hasChallenge()) {
        const challenge = pickChallenge(await this.ping())
        if (!challenge) return
        this.setKnownChallenge(challenge)
      }
      if (this.canWarmUp()) {
        await this.whileWarmingUp(() => this.prefetch(scopes))
      } else {
        await this.prefetch(scopes)
      }
    } catch {
      // each request will authenticate by itself
    }
  }

  /** The challenges `GET /v2/` carries (only realm and service are kept). */
  private async ping(): Promise<Challenge[]> {
    this.untouched = false
    const response = await this.options.transport.send(
      new URL('/v2/', this.options.registry),
      { maxBytes: MAX_PING_BODY, what: 'API version check' }
    )
    if (response.status !== 401) return []
    return parseChallenges(headerText(response.headers['www-authenticate']))
  }

  /** Lets a caller that knows the realm (Docker Hub) skip the 401 round trip. */
  setKnownChallenge(challenge: Challenge): void {
    this.challenge ??= withoutRequestParams(challenge)
  }

  /**
   * One token for several repositories, where the token server grants it,
   * cached for each scope. A scope it did not grant costs a 401 later and a
   * token of its own then (requests started after this fetch may refetch).
   */
  async prefetch(scopes: string[]): Promise<void> {
    const challenge = this.challenge
    const realm = challenge?.params.realm
    if (challenge?.scheme !== 'bearer' || !realm || scopes.length === 0) return
    if (this.options.credentials?.registryToken) return
    const realmUrl = this.validateRealm(realm)
    const service = challenge.params.service
    const entry = this.fetchToken(realmUrl, service, scopes)
    const keys = scopes.map((s) => [realmUrl.href, service ?? '', s].join('\n'))
    for (const key of keys) this.tokens.set(key, entry)
    await entry.catch(() => {
      for (const key of keys) this.tokens.delete(key)
    })
  }

  hasChallenge(): boolean {
    return this.challenge !== undefined
  }

  /** The Authorization header to send for `scope` before any 401, if known. */
  async headerFor(scope: string): Promise<string | undefined> {
    const challenge = this.challenge
    if (!challenge) return undefined
    return this.answer(challenge, scope)
  }

  /**
   * Handles a 401's challenges and returns the header to retry with, or
   * undefined if there is nothing new to try. `since` is `serial` when the
   * request began: a token fetched after that and still refused means no
   * access, so it is not fetched again.
   */
  async onUnauthorized(
    challenges: Challenge[],
    scope: string,
    previous: string | undefined,
    since: number
  ): Promise<string | undefined> {
    const challenge =
      pickChallenge(challenges) ??
      // Some registries (GCR) omit the challenge on the real request.
      (challenges.length === 0 ? this.challenge : undefined)
    if (!challenge) {
      if (challenges.length > 0) {
        const schemes = challenges.map((c) => c.scheme).join(', ')
        throw new RegistryError(
          'auth',
          `The registry asks for an authentication scheme this action does not support (${quote(schemes)})`,
          401
        )
      }
      return undefined
    }
    // Remember where tokens come from, not what this request lacked: a
    // stored scope or error would leak into other repositories' requests.
    this.challenge = withoutRequestParams(challenge)
    const header = await this.answer(challenge, scope, previous, since)
    return header === previous ? undefined : header
  }

  private async answer(
    challenge: Challenge,
    scope: string,
    previous?: string,
    since = -Infinity
  ): Promise<string | undefined> {
    const { credentials } = this.options
    if (challenge.scheme === 'basic') {
      return credentials && !credentials.identityToken
        ? basic(credentials)
        : undefined
    }
    // A registry token from the docker config is the bearer token itself.
    if (credentials?.registryToken) return `Bearer ${credentials.registryToken}`
    const realm = challenge.params.realm
    if (!realm) {
      throw new RegistryError(
        'protocol',
        'The registry sent a Bearer challenge without a realm, so there is no token server to ask'
      )
    }
    const realmUrl = this.validateRealm(realm)
    const service = challenge.params.service
    // The scope we need comes first; a scope the registry names (for
    // insufficient_scope) is added, never trusted instead of ours.
    const scopes = [scope]
    if (
      challenge.params.error === 'insufficient_scope' &&
      challenge.params.scope
    ) {
      for (const s of challenge.params.scope.split(' ')) {
        if (s && !scopes.includes(s)) scopes.push(s)
      }
    }
    const key = [realmUrl.href, service ?? '', ...scopes].join('\n')
    const pending = this.tokens.get(key)
    if (pending) {
      const cached = await pending.catch(() => undefined)
      const now = this.now()
      if (cached) {
        const header = `Bearer ${cached.value}`
        const live = cached.expiresAt - EARLY_REFRESH_MS > now
        if (header !== previous && live) return header
        if (header === previous && cached.serial > since) return header
      }
    }
    const entry = this.fetchToken(realmUrl, service, scopes)
    this.tokens.set(key, entry)
    entry.catch(() => this.tokens.delete(key))
    return `Bearer ${(await entry).value}`
  }

  /**
   * Asks the runner to hide a secret from the log. A token server chooses
   * these strings: a very short one would hide every occurrence of common
   * text and make the log unreadable, and it is no secret worth hiding.
   */
  private mask(secret: string): void {
    if (secret.length >= MIN_MASKED_CHARS) this.options.onSecret?.(secret)
  }

  private now(): number {
    return (this.options.now ?? Date.now)()
  }

  /** Credentials may only go where the URL policy allows, seen from the registry. */
  private validateRealm(realm: string): URL {
    let url: URL
    try {
      url = new URL(realm, this.options.registry)
    } catch {
      throw new RegistryError(
        'protocol',
        "The registry's token realm is not a valid URL"
      )
    }
    this.options.transport.policy.check(
      url,
      "the registry's token realm",
      this.options.registry
    )
    return url
  }

  private async fetchToken(
    realm: URL,
    service: string | undefined,
    scopes: string[]
  ): Promise<CachedToken> {
    const serial = ++this.serial
    const { credentials } = this.options
    this.options.onDebug?.(
      `Token from ${redact(realm)} (service ${service ?? 'none'}) for ${scopes.join(' ')}, ${credentials ? 'with credentials' : 'anonymous'}`
    )
    let response: HttpResponse | undefined
    if (credentials?.identityToken) {
      response = await this.refreshTokenGrant(
        realm,
        service,
        scopes,
        credentials.identityToken
      )
    }
    // GET is the token protocol every registry speaks; it is also the
    // fallback for registries that refuse the OAuth2 POST (GCR, ACR, JFrog).
    if (!response || POST_REFUSED.has(response.status)) {
      response = await this.getToken(realm, service, scopes, credentials)
    }
    if (response.status !== 200) {
      const errors = parseErrorBody(response.body)
      const detail = errors.length ? ` (${describeErrors(errors)})` : ''
      const hint =
        (response.status === 401 || response.status === 403) && credentials
          ? ': the credentials were rejected'
          : ''
      throw new RegistryError(
        'auth',
        `The token server ${realm.origin} answered ${response.status}${hint}${detail}`,
        response.status,
        errors
      )
    }
    return this.readToken(realm, response.body, serial)
  }

  /** The token in a token server's 200 answer, checked, masked and dated. */
  private readToken(realm: URL, data: Buffer, serial: number): CachedToken {
    let parsed: unknown
    try {
      parsed = JSON.parse(data.toString('utf8'))
    } catch {
      throw new RegistryError(
        'protocol',
        `The token server ${realm.origin} did not answer with JSON`
      )
    }
    if (typeof parsed !== 'object' || parsed === null) {
      throw new RegistryError(
        'protocol',
        `The token server ${realm.origin} did not answer with a JSON object`
      )
    }
    const body = parsed as Record<string, unknown>
    const value =
      (typeof body.token === 'string' && body.token) ||
      (typeof body.access_token === 'string' && body.access_token) ||
      ''
    if (!value) {
      throw new RegistryError(
        'protocol',
        `The token server ${realm.origin} answered without a token`
      )
    }
    // It goes into an Authorization header: printable, no spaces, bounded.
    if (value.length > MAX_TOKEN_CHARS || !/^[\x21-\x7e]+$/.test(value)) {
      throw new RegistryError(
        'protocol',
        `The token server ${realm.origin} answered a token that cannot be a bearer token (${value.length} characters; at most ${MAX_TOKEN_CHARS} printable ones without spaces)`
      )
    }
    // A token won with credentials is theirs to keep secret. One handed
    // to anyone is no secret, and masking it would let the token server
    // choose what the log hides (a digest, words of our own). A refresh
    // token in the answer is never used, so never shown or masked.
    if (this.options.credentials) this.mask(value)
    const now = this.now()
    const expiresIn = Math.max(
      typeof body.expires_in === 'number' ? body.expires_in : 0,
      MIN_TOKEN_LIFETIME_S
    )
    let issuedAt =
      typeof body.issued_at === 'string' ? Date.parse(body.issued_at) : NaN
    // A clock skewed into the future would make the token look fresh
    // forever; one far in the past, expired at once and fetched again for
    // every request. Either way, count from now.
    if (
      !Number.isFinite(issuedAt) ||
      issuedAt > now ||
      issuedAt + expiresIn * 1000 <= now
    ) {
      issuedAt = now
    }
    return { value, expiresAt: issuedAt + expiresIn * 1000, serial }
  }

  /** The token protocol's GET: scopes as repeated parameters, credentials as Basic. */
  private getToken(
    realm: URL,
    service: string | undefined,
    scopes: string[],
    credentials: Credentials | undefined
  ): Promise<HttpResponse> {
    const url = new URL(realm.href) // keep any query the realm already has
    if (service) url.searchParams.set('service', service)
    for (const s of scopes) url.searchParams.append('scope', s)
    const headers: Record<string, string> = { Accept: 'application/json' }
    if (credentials?.identityToken) {
      headers.Authorization = basic({
        username: credentials.username || '<token>',
        password: credentials.identityToken
      })
    } else if (credentials) {
      url.searchParams.set('account', credentials.username)
      headers.Authorization = basic(credentials)
    }
    return this.options.transport.send(url, {
      headers,
      maxBytes: MAX_TOKEN_BODY,
      what: 'token response'
    })
  }

  /** OAuth2 refresh-token grant: one space-separated `scope` field (token spec). */
  private refreshTokenGrant(
    realm: URL,
    service: string | undefined,
    scopes: string[],
    refreshToken: string
  ): Promise<HttpResponse> {
    const form = new URLSearchParams({
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
      client_id: CLIENT_ID,
      scope: scopes.join(' ')
    })
    if (service) form.set('service', service)
    return this.options.transport.send(realm, {
      method: 'POST',
      body: form.toString(),
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json'
      },
      maxBytes: MAX_TOKEN_BODY,
      what: 'token response'
    })
  }
}

function withoutRequestParams(challenge: Challenge): Challenge {
  const params = Object.assign(
    Object.create(null) as Record<string, string>,
    challenge.params
  )
  delete params.scope
  delete params.error
  delete params.error_description
  return { ...challenge, params }
}

/** Node joins repeated headers with ", " except a few; an array is joined too. */
function headerText(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value.join(', ') : value) ?? ''
}

function basic({ username, password }: Credentials): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`
}
