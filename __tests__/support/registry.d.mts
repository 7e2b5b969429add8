export type AuthMode = 'none' | 'token' | 'htpasswd'

export interface RegistryUser {
  username: string
  password: string
}

export interface RegistryOptions {
  /** Default 'none'. */
  auth?: AuthMode
  /** Blob GETs (and HEADs) answer 307 to a local "CDN" server. */
  redirect?: boolean
  /** Default [{ username: 'alice', password: 's3cret' }]. */
  users?: RegistryUser[]
  /** Token service name (JWT aud). Default 'registry.test'. */
  service?: string
  /** Path of the token realm on the token server. Default '/token'. */
  tokenPath?: string
  /**
   * Repositories anonymous users may pull (globs, '*' matches anything).
   * Default ['*']. Other repositories need credentials.
   */
  anonymousPull?: string[]
}

export interface RequestLogEntry {
  method: string
  /** Path and query, as received. */
  url: string
  /** Lower-cased header names, as Node's IncomingMessage.headers. */
  headers: Record<string, string | string[] | undefined>
  /** Registry response status, filled in once it answered (proxy log). */
  status?: number
}

export interface TokenAccess {
  type: string
  name: string
  actions: string[]
}

export interface MintTokenOptions {
  /** Seconds from now; negative for an expired token. Default 300. */
  expiresIn?: number
  /** JWT sub. Default ''. */
  subject?: string
  /** JWT aud. Default: the service name. */
  audience?: string
  /** JWT iss. Default 'test-issuer' (the one the registry trusts). */
  issuer?: string
}

export interface RunningRegistry {
  /** '127.0.0.1:PORT' of the registry (the logging proxy in front of it). */
  host: string
  /** 'http://127.0.0.1:PORT' */
  url: string
  /** Token server (auth 'token'). */
  token?: {
    /** 'http://127.0.0.1:PORT' */
    url: string
    /** Full realm URL as advertised in WWW-Authenticate. */
    realm: string
    service: string
    requests: RequestLogEntry[]
  }
  /** Redirect target for blobs (redirect: true). */
  cdn?: { url: string; requests: RequestLogEntry[] }
  /**
   * Every request that reached the registry, in arrival order. Requests made
   * by the harness itself (pushBlob/pushManifest) are not logged.
   */
  requests: RequestLogEntry[]
  /** Clears requests, token.requests and cdn.requests. */
  resetLogs(): void
  /** Filesystem storage root of this registry. */
  storageRoot: string
  /** Path of a blob's data file under storageRoot (to corrupt or delete). */
  blobPath(digest: string): string
  /** Recent docker-registry output, for debugging. */
  logs(): string
  /** Monolithic upload (POST + PUT ?digest=); returns 'sha256:…'. */
  pushBlob(repo: string, bytes: Buffer | string): Promise<string>
  /**
   * PUT the exact bytes under ref (tag or digest) with this Content-Type.
   * Returns the digest, checked against the registry's Docker-Content-Digest.
   */
  pushManifest(
    repo: string,
    ref: string,
    bytes: Buffer | string,
    mediaType: string
  ): Promise<string>
  /** Sign a token the registry trusts, with arbitrary access (auth 'token'). */
  mintToken?(access: TokenAccess[], opts?: MintTokenOptions): string
  /** Kill the registry, close the servers, remove the temp dir. Idempotent. */
  stop(): Promise<void>
}

/**
 * Start `docker-registry serve` (or $TEST_REGISTRY_BIN) in a fresh temp dir
 * behind a logging proxy on 127.0.0.1; ready when GET /v2/ answers.
 * Nothing it starts keeps the Node event loop alive: call stop(); a
 * registry left running is killed (and reported on stderr) at process exit.
 */
export function startRegistry(opts?: RegistryOptions): Promise<RunningRegistry>

/** 'sha256:<hex>' of the bytes (a string is hashed as UTF-8). */
export function sha256(bytes: Buffer | string): string

/** Headers that belong to one connection, not to the message (RFC 9110). */
export declare const HOP_BY_HOP: Set<string>
