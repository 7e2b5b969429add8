/**
 * Where a Bearer challenge may send the credentials: the realm checked by
 * the URL policy as seen from the registry, before anything is sent.
 */
import { describe, expect, test } from '@jest/globals'
import { Authenticator } from '../../../../src/registry/auth/authenticator.js'
import { parseChallenges } from '../../../../src/registry/auth/challenge.js'
import { RegistryError } from '../../../../src/registry/errors.js'
import {
  Transport,
  type HttpResponse,
  type SendOptions
} from '../../../../src/registry/transport.js'
import { UrlPolicy } from '../../../../src/registry/url-policy.js'

const USER = { username: 'alice', password: 'pw-3f9a1c' }

/** Answers every request with 200 {"token":"t"} and records the URLs. */
class RecordingTransport extends Transport {
  readonly sent: string[] = []
  override async send(url: URL, _options: SendOptions): Promise<HttpResponse> {
    this.sent.push(url.href)
    return { status: 200, headers: {}, body: Buffer.from('{"token":"t"}'), url }
  }
}

describe('where a token realm may be', () => {
  const HTTPS_ONLY =
    'plain http is only used for loopback hosts and those the user allows; it must use https'
  const DOWNGRADE = 'that would step down from https to plain http'
  const NOT_HTTP = 'only https (or http where allowed) is followed'
  const TO_LOOPBACK =
    'a public host (registry.example.com) may not send the action to a loopback address'
  interface RealmRow {
    /** The registry's origin (http ones are listed in insecure-registries). */
    registry: string
    /** The realm its challenge names. */
    realm: string
    /** true, or the reason the realm is refused. */
    verdict: true | string
  }
  // prettier-ignore
  test.each<RealmRow>([
    { registry: 'https://registry.example.com',     realm: 'https://auth.example.com/token',         verdict: true },
    { registry: 'https://registry.example.com',     realm: '/token',                                 verdict: true },
    { registry: 'https://registry.example.com',     realm: 'http://auth.example.com/token',          verdict: DOWNGRADE },
    { registry: 'https://registry.example.com',     realm: 'http://registry.example.com/token',      verdict: DOWNGRADE },
    { registry: 'https://registry.example.com',     realm: 'http://127.0.0.1:8080/token',            verdict: DOWNGRADE },
    { registry: 'http://registry.example.com:5000', realm: 'http://registry.example.com:5000/token', verdict: true },
    { registry: 'http://registry.example.com:5000', realm: 'https://auth.example.com/token',         verdict: true },
    // listed as insecure: on the user's own network, it may point there
    { registry: 'http://registry.example.com:5000', realm: 'http://127.0.0.1:8080/token',            verdict: true },
    { registry: 'https://registry.example.com',     realm: 'https://127.0.0.1:8080/token',           verdict: TO_LOOPBACK },
    { registry: 'http://registry.example.com:5000', realm: 'http://auth.example.com/token',          verdict: HTTPS_ONLY },
    { registry: 'http://registry.example.com:5000', realm: 'ftp://registry.example.com:5000/token',  verdict: NOT_HTTP },
    { registry: 'http://127.0.0.1:5000',            realm: 'http://127.0.0.1:8080/token',            verdict: true },
    { registry: 'http://127.0.0.1:5000',            realm: 'http://localhost:8080/token',            verdict: true }
  ])('registry $registry, realm $realm: $verdict', async ({ registry, realm, verdict }) => {
    const transport = new RecordingTransport({ policy: new UrlPolicy({ insecure: ['registry.example.com:5000'] }) })
    const auth = new Authenticator({ transport, registry: new URL(registry), credentials: USER })
    const answer = auth.onUnauthorized(parseChallenges(`Bearer realm="${realm}",service="s"`), 'repository:a/b:pull', undefined, 0)
    if (verdict === true) {
      await expect(answer).resolves.toBe('Bearer t')
      expect(transport.sent.map((u) => new URL(u).origin)).toEqual([new URL(realm, registry).origin])
    } else {
      const error = await answer.then(() => undefined, (e: unknown) => e)
      expect(error).toBeInstanceOf(RegistryError)
      expect((error as RegistryError).kind).toBe('security')
      const url = new URL(realm)
      const shown = url.origin === 'null' ? url.protocol : url.origin
      expect((error as RegistryError).message).toBe(`Refusing the registry's token realm ${shown}: ${verdict}`)
      expect(transport.sent).toEqual([])
    }
  })
})
