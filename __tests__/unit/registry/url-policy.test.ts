/**
 * The URL policy every request and redirect hop passes: what a host is in
 * any spelling (classifyHost), which URLs may be reached from where
 * (UrlPolicy.check), the guarded DNS lookup for sockets, and that lookup at
 * work under a real Transport against a local server.
 */
import {
  afterAll,
  beforeAll,
  beforeEach,
  describe,
  expect,
  it,
  test
} from '@jest/globals'
import type dns from 'node:dns'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { RegistryError } from '../../../src/registry/errors.js'
import { Transport } from '../../../src/registry/transport.js'
import {
  UrlPolicy,
  classifyHost,
  type AddressClass,
  type UrlPolicyOptions
} from '../../../src/registry/url-policy.js'

describe('classifyHost', () => {
  interface Spelling {
    name: string
    /** The host as written in a URL. */
    written: string
    /** The hostname the WHATWG parser makes of it (what the code sees). */
    seen: string
    /** Its class. */
    expected: AddressClass
  }
  // prettier-ignore
  const spellings: Spelling[] = [
    // 169.254.169.254 (AWS, GCP, Azure... metadata) in every IPv4 spelling
    { name: 'metadata IPv4, dotted',                written: '169.254.169.254',                 seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'metadata IPv4, one decimal number',    written: '2852039166',                      seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'metadata IPv4, one hex number',        written: '0xa9fea9fe',                      seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'metadata IPv4, hex upper case',        written: '0XA9FEA9FE',                      seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'metadata IPv4, dotted hex',            written: '0xa9.0xfe.0xa9.0xfe',             seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'metadata IPv4, dotted octal',          written: '0251.0376.0251.0376',             seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'metadata IPv4, short form a.b.c',      written: '169.254.43518',                   seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'metadata IPv4, short form a.b',        written: '169.16689662',                    seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'metadata IPv4, trailing dot',          written: '169.254.169.254.',                seen: '169.254.169.254',          expected: 'metadata' },
    { name: 'other IPv4 link-local',                written: '169.254.1.2',                     seen: '169.254.1.2',              expected: 'link-local' },
    { name: 'other IPv4 link-local, decimal',       written: '2851995906',                      seen: '169.254.1.2',              expected: 'link-local' },
    // the same address inside IPv6
    { name: 'IPv4-mapped IPv6, dotted tail',        written: '[::ffff:169.254.169.254]',        seen: '[::ffff:a9fe:a9fe]',       expected: 'metadata' },
    { name: 'IPv4-mapped IPv6, hex tail',           written: '[::ffff:a9fe:a9fe]',              seen: '[::ffff:a9fe:a9fe]',       expected: 'metadata' },
    { name: 'IPv4-mapped IPv6, written out',        written: '[0:0:0:0:0:ffff:a9fe:a9fe]',      seen: '[::ffff:a9fe:a9fe]',       expected: 'metadata' },
    { name: 'IPv4-translated IPv6',                 written: '[::ffff:0:a9fe:a9fe]',            seen: '[::ffff:0:a9fe:a9fe]',     expected: 'metadata' },
    { name: 'IPv4-compatible IPv6',                 written: '[::a9fe:a9fe]',                   seen: '[::a9fe:a9fe]',            expected: 'metadata' },
    { name: 'IPv4-compatible IPv6, dotted tail',    written: '[::169.254.169.254]',             seen: '[::a9fe:a9fe]',            expected: 'metadata' },
    { name: 'NAT64 (64:ff9b::/96)',                 written: '[64:ff9b::a9fe:a9fe]',            seen: '[64:ff9b::a9fe:a9fe]',     expected: 'metadata' },
    { name: 'NAT64, dotted tail',                   written: '[64:ff9b::169.254.169.254]',      seen: '[64:ff9b::a9fe:a9fe]',     expected: 'metadata' },
    { name: '6to4 (2002:a9fe:a9fe::/48)',           written: '[2002:a9fe:a9fe::1]',             seen: '[2002:a9fe:a9fe::1]',      expected: 'metadata' },
    { name: '6to4 of another link-local address',   written: '[2002:a9fe:0102::1]',             seen: '[2002:a9fe:102::1]',       expected: 'link-local' },
    { name: 'IPv6 link-local',                      written: '[fe80::1]',                       seen: '[fe80::1]',                expected: 'link-local' },
    { name: 'IPv6 link-local, upper case',          written: '[FE80::1]',                       seen: '[fe80::1]',                expected: 'link-local' },
    { name: 'IPv6 link-local, top of fe80::/10',    written: '[febf::1]',                       seen: '[febf::1]',                expected: 'link-local' },
    { name: 'IPv6 link-local holding 169.254.169.254', written: '[fe80::a9fe:a9fe]',            seen: '[fe80::a9fe:a9fe]',        expected: 'link-local' },
    { name: 'AWS IPv6 metadata (fd00:ec2::254)',    written: '[fd00:ec2::254]',                 seen: '[fd00:ec2::254]',          expected: 'metadata' },
    { name: 'AWS IPv6 metadata, written out',       written: '[fd00:0ec2:0:0:0:0:0:0254]',      seen: '[fd00:ec2::254]',          expected: 'metadata' },
    { name: 'Alibaba metadata (100.100.100.200)',   written: '100.100.100.200',                 seen: '100.100.100.200',          expected: 'metadata' },
    { name: 'metadata.google.internal',             written: 'metadata.google.internal',        seen: 'metadata.google.internal', expected: 'metadata' },
    { name: 'METADATA.GOOGLE.INTERNAL. (case, dot)', written: 'METADATA.GOOGLE.INTERNAL.',      seen: 'metadata.google.internal.', expected: 'metadata' },
    { name: 'metadata (GCE short name)',            written: 'metadata',                        seen: 'metadata',                 expected: 'metadata' },
    { name: 'metadata.goog',                        written: 'metadata.goog',                   seen: 'metadata.goog',            expected: 'metadata' },
    { name: 'instance-data (EC2 short name)',       written: 'instance-data',                   seen: 'instance-data',            expected: 'metadata' },
    { name: 'instance-data.ec2.internal',           written: 'instance-data.ec2.internal',      seen: 'instance-data.ec2.internal', expected: 'metadata' },
    // unspecified
    { name: '0.0.0.0',                              written: '0.0.0.0',                         seen: '0.0.0.0',                  expected: 'unspecified' },
    { name: '0 (one number)',                       written: '0',                               seen: '0.0.0.0',                  expected: 'unspecified' },
    { name: '0.1.2.3 (this network)',               written: '0.1.2.3',                         seen: '0.1.2.3',                  expected: 'unspecified' },
    { name: '[::]',                                 written: '[::]',                            seen: '[::]',                     expected: 'unspecified' },
    { name: '[::ffff:0.0.0.0]',                     written: '[::ffff:0.0.0.0]',                seen: '[::ffff:0:0]',             expected: 'unspecified' },
    // loopback
    { name: '127.0.0.1',                            written: '127.0.0.1',                       seen: '127.0.0.1',                expected: 'loopback' },
    { name: '127.1.2.3',                            written: '127.1.2.3',                       seen: '127.1.2.3',                expected: 'loopback' },
    { name: '127.1 (short form)',                   written: '127.1',                           seen: '127.0.0.1',                expected: 'loopback' },
    { name: '2130706433 (127.0.0.1 as a number)',   written: '2130706433',                      seen: '127.0.0.1',                expected: 'loopback' },
    { name: '[::1]',                                written: '[::1]',                           seen: '[::1]',                    expected: 'loopback' },
    { name: '[::ffff:127.0.0.1]',                   written: '[::ffff:127.0.0.1]',              seen: '[::ffff:7f00:1]',          expected: 'loopback' },
    { name: 'localhost',                            written: 'localhost',                       seen: 'localhost',                expected: 'loopback' },
    { name: 'LOCALHOST.',                           written: 'LOCALHOST.',                      seen: 'localhost.',               expected: 'loopback' },
    { name: 'a.localhost',                          written: 'a.localhost',                     seen: 'a.localhost',              expected: 'loopback' },
    // private
    { name: '10.x',                                 written: '10.1.2.3',                        seen: '10.1.2.3',                 expected: 'private' },
    { name: '172.16.x (first of 172.16/12)',        written: '172.16.0.1',                      seen: '172.16.0.1',               expected: 'private' },
    { name: '172.31.x (last of 172.16/12)',         written: '172.31.255.254',                  seen: '172.31.255.254',           expected: 'private' },
    { name: '192.168.x',                            written: '192.168.1.1',                     seen: '192.168.1.1',              expected: 'private' },
    { name: '100.64.x (carrier-grade NAT)',         written: '100.64.0.1',                      seen: '100.64.0.1',               expected: 'private' },
    { name: '100.127.x (carrier-grade NAT)',        written: '100.127.255.1',                   seen: '100.127.255.1',            expected: 'private' },
    { name: '[fc00::1] (unique local)',             written: '[fc00::1]',                       seen: '[fc00::1]',                expected: 'private' },
    { name: '[fd12::1] (unique local)',             written: '[fd12::1]',                       seen: '[fd12::1]',                expected: 'private' },
    { name: '[::ffff:10.0.0.1]',                    written: '[::ffff:10.0.0.1]',               seen: '[::ffff:a00:1]',           expected: 'private' },
    // never a registry: more metadata services, multicast, reserved, broadcast
    { name: '168.63.129.16 (Azure WireServer)',     written: '168.63.129.16',                   seen: '168.63.129.16',            expected: 'metadata' },
    { name: '224.0.0.1 (multicast)',                written: '224.0.0.1',                       seen: '224.0.0.1',                expected: 'reserved' },
    { name: '240.0.0.1 (reserved)',                 written: '240.0.0.1',                       seen: '240.0.0.1',                expected: 'reserved' },
    { name: '255.255.255.255 (broadcast)',          written: '255.255.255.255',                 seen: '255.255.255.255',          expected: 'reserved' },
    { name: '[ff02::1] (IPv6 multicast)',           written: '[ff02::1]',                       seen: '[ff02::1]',                expected: 'reserved' },
    { name: '[64:ff9b:1::a9fe:a9fe] (local-use NAT64)', written: '[64:ff9b:1::a9fe:a9fe]',      seen: '[64:ff9b:1::a9fe:a9fe]',   expected: 'metadata' },
    { name: 'Teredo with client 169.254.169.254',   written: '[2001:0:4136:e378:8000:63bf:5601:5601]', seen: '[2001:0:4136:e378:8000:63bf:5601:5601]', expected: 'metadata' },
    { name: 'metadata.google.internal.. (two dots)', written: 'metadata.google.internal..',      seen: 'metadata.google.internal..', expected: 'metadata' },
    // public
    { name: '8.8.8.8',                              written: '8.8.8.8',                         seen: '8.8.8.8',                  expected: 'public' },
    { name: '172.32.0.1 (just past 172.16/12)',     written: '172.32.0.1',                      seen: '172.32.0.1',               expected: 'public' },
    { name: '172.15.255.255 (just before)',         written: '172.15.255.255',                  seen: '172.15.255.255',           expected: 'public' },
    { name: '100.128.0.1 (just past 100.64/10)',    written: '100.128.0.1',                     seen: '100.128.0.1',              expected: 'public' },
    { name: '169.253.255.255 (just before 169.254)', written: '169.253.255.255',                seen: '169.253.255.255',          expected: 'public' },
    { name: '[2001:db8::1]',                        written: '[2001:db8::1]',                   seen: '[2001:db8::1]',            expected: 'public' },
    { name: '[fec0::1] (site-local, not fe80::/10)', written: '[fec0::1]',                       seen: '[fec0::1]',                expected: 'private' },
    { name: '[2002:808:808::1] (6to4 of 8.8.8.8)',  written: '[2002:808:808::1]',               seen: '[2002:808:808::1]',        expected: 'public' },
    { name: 'ghcr.io',                              written: 'ghcr.io',                         seen: 'ghcr.io',                  expected: 'public' },
    { name: 'registry-1.docker.io',                 written: 'registry-1.docker.io',            seen: 'registry-1.docker.io',     expected: 'public' },
    { name: 'metadata.google.internal.evil.com',    written: 'metadata.google.internal.evil.com', seen: 'metadata.google.internal.evil.com', expected: 'public' },
    { name: 'localhost.evil.com',                   written: 'localhost.evil.com',              seen: 'localhost.evil.com',       expected: 'public' }
  ]

  test.each(spellings)('$name', ({ written, seen, expected }) => {
    const { hostname } = new URL(`http://${written}/`)
    expect(hostname).toBe(seen)
    expect(classifyHost(hostname)).toBe(expected)
  })

  it('never sees an IPv6 zone id: the URL parser refuses [fe80::1%25eth0]', () => {
    // So a zone cannot be used to dress up a link-local address.
    // (TypeError of another realm under jest's vm modules: match the message)
    expect(() => new URL('http://[FE80::1%25eth0]/')).toThrow('Invalid URL')
    expect(() => new URL('http://[fe80::1%eth0]/')).toThrow('Invalid URL')
  })

  // What dns.lookup hands the guarded lookup: no brackets, IPv4 tails dotted.
  // prettier-ignore
  const resolved: { address: string; expected: AddressClass }[] = [
    { address: '169.254.169.254',          expected: 'metadata' },
    { address: '169.254.0.1',              expected: 'link-local' },
    { address: '::ffff:169.254.169.254',   expected: 'metadata' },
    { address: '::ffff:a9fe:a9fe',         expected: 'metadata' },
    { address: '64:ff9b::169.254.169.254', expected: 'metadata' },
    { address: 'fe80::1',                  expected: 'link-local' },
    { address: 'FE80::A9FE:A9FE',          expected: 'link-local' },
    { address: 'fd00:ec2::254',            expected: 'metadata' },
    { address: '0.0.0.0',                  expected: 'unspecified' },
    { address: '::',                       expected: 'unspecified' },
    { address: '127.0.0.1',                expected: 'loopback' },
    { address: '::1',                      expected: 'loopback' },
    { address: '::ffff:127.0.0.1',         expected: 'loopback' },
    { address: '10.0.0.1',                 expected: 'private' },
    { address: 'fd12::1',                  expected: 'private' },
    { address: '8.8.8.8',                  expected: 'public' },
    { address: '2606:4700::1111',          expected: 'public' }
  ]

  test.each(resolved)('resolver output $address', ({ address, expected }) => {
    expect(classifyHost(address)).toBe(expected)
  })
})

describe('UrlPolicy.check', () => {
  const WHAT = 'a redirect of the manifest to'
  const SCHEME = 'only https (or http where allowed) is followed'
  const USERINFO = 'the address carries credentials of its own'
  const DOWNGRADE = 'that would step down from https to plain http'
  const HTTP =
    'plain http is only used for loopback hosts and those the user allows; it must use https'
  const LINK_LOCAL = 'link-local and metadata addresses are not allowed'
  const FROM_PUBLIC = (from: string, target: string): string =>
    `a public host (${from}) may not send the action to a ${target} address`

  interface Setup extends UrlPolicyOptions {
    /** addRegistry calls: [host, insecure]. */
    registries?: [string, boolean][]
    /** addReferred calls: [host, the registry of the image that named it]. */
    referred?: [string, string][]
  }

  interface Row {
    name: string
    /** The URL checked. */
    target: string
    /** The previous hop. */
    from: string | undefined
    /** The policy. */
    setup: Setup
    /** Undefined if allowed, or the reason it is refused. */
    reason: string | undefined
  }
  // prettier-ignore
  const rows: Row[] = [
    // https anywhere public
    { name: 'https to a public registry',                 target: 'https://ghcr.io/v2/',                    from: undefined,                   setup: {}, reason: undefined },
    { name: 'https from one public host to another',      target: 'https://registry-1.docker.io/v2/x',      from: 'https://ghcr.io/v2/',       setup: {}, reason: undefined },
    { name: 'https to a CDN with a query',                target: 'https://cdn.example.com/b?X-Amz-Signature=1', from: 'https://ghcr.io/v2/',  setup: {}, reason: undefined },
    // other schemes
    { name: 'ftp',                                        target: 'ftp://ghcr.io/blob',                     from: undefined,                   setup: {}, reason: SCHEME },
    { name: 'ftp from https',                             target: 'ftp://ghcr.io/blob',                     from: 'https://ghcr.io/v2/',       setup: {}, reason: SCHEME },
    { name: 'file',                                       target: 'file:///etc/passwd',                     from: 'https://ghcr.io/v2/',       setup: {}, reason: SCHEME },
    { name: 'javascript',                                 target: 'javascript:alert(1)',                    from: 'https://ghcr.io/v2/',       setup: {}, reason: SCHEME },
    { name: 'data',                                       target: 'data:text/plain,hello',                  from: 'https://ghcr.io/v2/',       setup: {}, reason: SCHEME },
    { name: 'ws',                                         target: 'ws://127.0.0.1:5000/',                   from: undefined,                   setup: {}, reason: SCHEME },
    // credentials in the URL
    { name: 'user and password in the URL',              target: 'https://alice:s3cret@ghcr.io/v2/',       from: undefined,                   setup: {}, reason: USERINFO },
    { name: 'a user only',                                target: 'https://alice@ghcr.io/v2/',              from: 'https://ghcr.io/v2/',       setup: {}, reason: USERINFO },
    { name: 'a password only',                            target: 'https://:s3cret@ghcr.io/v2/',            from: 'https://ghcr.io/v2/',       setup: {}, reason: USERINFO },
    { name: 'userinfo on loopback http',                  target: 'http://alice:x@127.0.0.1:5000/v2/',      from: undefined,                   setup: {}, reason: USERINFO },
    // https → http, never
    { name: 'https → http on the same host',              target: 'http://ghcr.io/v2/',                     from: 'https://ghcr.io/v2/',       setup: {}, reason: DOWNGRADE },
    { name: 'https → http to loopback',                   target: 'http://127.0.0.1:5000/v2/',              from: 'https://ghcr.io/v2/',       setup: {}, reason: DOWNGRADE },
    { name: 'https → http, localhost to localhost',       target: 'http://localhost:5000/v2/',              from: 'https://localhost:5000/v2/', setup: {}, reason: DOWNGRADE },
    { name: 'https → http to a host listed insecure',     target: 'http://reg.corp:5000/v2/',               from: 'https://reg.corp:5000/v2/', setup: { insecure: ['reg.corp:5000'] }, reason: DOWNGRADE },
    { name: 'https → http to a named insecure registry',  target: 'http://reg.corp:5000/v2/',               from: 'https://ghcr.io/v2/',       setup: { registries: [['reg.corp:5000', true]] }, reason: DOWNGRADE },
    // plain http only where allowed
    { name: 'http to a public name',                      target: 'http://ghcr.io/v2/',                     from: undefined,                   setup: {}, reason: HTTP },
    { name: 'http to a public address',                   target: 'http://8.8.8.8/v2/',                     from: undefined,                   setup: {}, reason: HTTP },
    { name: 'http to a private address',                  target: 'http://10.0.0.1:5000/v2/',               from: undefined,                   setup: {}, reason: HTTP },
    { name: 'http listed insecure by host:port',          target: 'http://reg.corp:5000/v2/',               from: undefined,                   setup: { insecure: ['reg.corp:5000'] }, reason: undefined },
    { name: 'http listed insecure by hostname',           target: 'http://reg.corp:5000/v2/',               from: undefined,                   setup: { insecure: ['reg.corp'] }, reason: undefined },
    { name: 'http listed insecure, case differs',         target: 'http://REG.corp:5000/v2/',               from: undefined,                   setup: { insecure: ['Reg.Corp:5000'] }, reason: undefined },
    { name: 'http to another port than the listed one',   target: 'http://reg.corp:5001/v2/',               from: undefined,                   setup: { insecure: ['reg.corp:5000'] }, reason: HTTP },
    { name: 'http to the listed host without its port',   target: 'http://reg.corp/v2/',                    from: undefined,                   setup: { insecure: ['reg.corp:5000'] }, reason: HTTP },
    { name: 'http between two listed hosts',              target: 'http://b.corp/v2/',                      from: 'http://a.corp/v2/',         setup: { insecure: ['a.corp', 'b.corp'] }, reason: undefined },
    { name: 'http to a registry added as insecure',       target: 'http://reg.corp:5000/v2/',               from: undefined,                   setup: { registries: [['reg.corp:5000', true]] }, reason: undefined },
    { name: 'http to a registry added, not insecure',     target: 'http://reg.corp:5000/v2/',               from: undefined,                   setup: { registries: [['reg.corp:5000', false]] }, reason: HTTP },
    { name: 'http to loopback 127.0.0.1',                 target: 'http://127.0.0.1:5000/v2/',              from: undefined,                   setup: {}, reason: undefined },
    { name: 'http to loopback 127.1.2.3',                 target: 'http://127.1.2.3/v2/',                   from: undefined,                   setup: {}, reason: undefined },
    { name: 'http to localhost',                          target: 'http://localhost:5000/v2/',              from: undefined,                   setup: {}, reason: undefined },
    { name: 'http to a.localhost',                        target: 'http://a.localhost/v2/',                 from: undefined,                   setup: {}, reason: undefined },
    { name: 'http to [::1]',                              target: 'http://[::1]:5000/v2/',                  from: undefined,                   setup: {}, reason: undefined },
    { name: 'http loopback → loopback, another port',     target: 'http://127.0.0.1:6000/b',                from: 'http://127.0.0.1:5000/v2/', setup: {}, reason: undefined },
    // link-local and metadata: refused in every spelling, from anywhere
    { name: '169.254.169.254',                            target: 'https://169.254.169.254/latest/',        from: undefined,                   setup: {}, reason: LINK_LOCAL },
    { name: '169.254.169.254 from a public host',         target: 'https://169.254.169.254/latest/',        from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '169.254.169.254 from loopback',              target: 'https://169.254.169.254/latest/',        from: 'http://127.0.0.1:5000/v2/', setup: {}, reason: LINK_LOCAL },
    { name: '169.254.169.254 as one decimal number',      target: 'https://2852039166/latest/',             from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '169.254.169.254 as one hex number',          target: 'https://0xa9fea9fe/latest/',             from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '169.254.169.254 as dotted hex',              target: 'https://0xa9.0xfe.0xa9.0xfe/latest/',    from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '169.254.169.254 as dotted octal',            target: 'https://0251.0376.0251.0376/latest/',    from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '169.254.169.254 short form a.b.c',           target: 'https://169.254.43518/latest/',          from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '169.254.169.254 short form a.b',             target: 'https://169.16689662/latest/',           from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'another IPv4 link-local address',            target: 'https://169.254.1.2/',                   from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'IPv4-mapped IPv6',                           target: 'https://[::ffff:169.254.169.254]/',      from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'IPv4-mapped IPv6, hex',                      target: 'https://[::ffff:a9fe:a9fe]/',            from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'IPv4-translated IPv6',                       target: 'https://[::ffff:0:a9fe:a9fe]/',          from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'IPv4-compatible IPv6',                       target: 'https://[::a9fe:a9fe]/',                 from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'NAT64',                                      target: 'https://[64:ff9b::a9fe:a9fe]/',          from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'NAT64, dotted tail',                         target: 'https://[64:ff9b::169.254.169.254]/',    from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '6to4',                                       target: 'https://[2002:a9fe:a9fe::1]/',           from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'IPv6 link-local',                            target: 'https://[fe80::1]/',                     from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'AWS IPv6 metadata',                          target: 'https://[fd00:ec2::254]/',               from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'Alibaba metadata',                           target: 'https://100.100.100.200/',               from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'metadata.google.internal',                   target: 'https://metadata.google.internal/computeMetadata/v1/', from: 'https://ghcr.io/v2/', setup: {}, reason: LINK_LOCAL },
    { name: 'METADATA.GOOGLE.INTERNAL.',                  target: 'https://METADATA.GOOGLE.INTERNAL./',     from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'metadata',                                   target: 'https://metadata/',                      from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: 'instance-data',                              target: 'https://instance-data/latest/',          from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '0.0.0.0 (unspecified)',                      target: 'https://0.0.0.0/',                       from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    { name: '[::] (unspecified)',                         target: 'https://[::]/',                          from: 'https://ghcr.io/v2/',       setup: {}, reason: LINK_LOCAL },
    // listing a metadata address as insecure does not open it
    { name: 'http to 169.254.169.254 listed insecure',    target: 'http://169.254.169.254/latest/',         from: undefined,                   setup: { insecure: ['169.254.169.254'] }, reason: LINK_LOCAL },
    // the address is named as the reason, not the plain-http rule (whose hint
    // to list the host in 'insecure-registries' would not help)
    { name: 'http to 169.254.169.254, not listed',        target: 'http://169.254.169.254/latest/',         from: 'http://127.0.0.1:5000/v2/', setup: {}, reason: LINK_LOCAL },
    { name: 'http to 2852039166, not listed',             target: 'http://2852039166/latest/',              from: undefined,                   setup: {}, reason: LINK_LOCAL },
    { name: 'http to [fe80::1], not listed',              target: 'http://[fe80::1]/',                      from: undefined,                   setup: {}, reason: LINK_LOCAL },
    // ...but a host the user named is theirs to reach
    { name: 'a named 169.254.169.254',                    target: 'https://169.254.169.254/v2/',            from: undefined,                   setup: { named: ['169.254.169.254'] }, reason: undefined },
    { name: 'a named 169.254.169.254:5000, via addRegistry (insecure)', target: 'http://169.254.169.254:5000/v2/', from: undefined,             setup: { registries: [['169.254.169.254:5000', true]] }, reason: undefined },
    { name: 'a named metadata.google.internal, any case', target: 'https://metadata.google.internal/v2/',   from: 'https://ghcr.io/v2/',       setup: { named: ['METADATA.google.internal'] }, reason: undefined },
    { name: 'a named [fe80::1]:5000',                     target: 'https://[fe80::1]:5000/v2/',             from: undefined,                   setup: { named: ['[fe80::1]:5000'] }, reason: undefined },
    { name: 'named 169.254.169.254:5000, another port',   target: 'https://169.254.169.254/latest/',        from: undefined,                   setup: { named: ['169.254.169.254:5000'] }, reason: LINK_LOCAL },
    // a name is read as a URL reads it: the same address in another spelling
    { name: 'named as 2852039166 (169.254.169.254)',      target: 'https://169.254.169.254/latest/',        from: undefined,                   setup: { named: ['2852039166'] }, reason: undefined },
    // private and loopback targets, seen from a public host
    { name: 'public → private 10.x',                      target: 'https://10.0.0.1/v2/',                   from: 'https://ghcr.io/v2/',       setup: {}, reason: FROM_PUBLIC('ghcr.io', 'private') },
    { name: 'public → private 192.168.x',                 target: 'https://192.168.1.1/v2/',                from: 'https://registry-1.docker.io/v2/', setup: {}, reason: FROM_PUBLIC('registry-1.docker.io', 'private') },
    { name: 'public → private 172.16.x, port named',      target: 'https://172.16.0.1/v2/',                 from: 'https://ghcr.io:8443/v2/',  setup: {}, reason: FROM_PUBLIC('ghcr.io:8443', 'private') },
    { name: 'public → private 100.64.x',                  target: 'https://100.64.0.1/v2/',                 from: 'https://ghcr.io/v2/',       setup: {}, reason: FROM_PUBLIC('ghcr.io', 'private') },
    { name: 'public → private [fd12::1]',                 target: 'https://[fd12::1]/v2/',                  from: 'https://ghcr.io/v2/',       setup: {}, reason: FROM_PUBLIC('ghcr.io', 'private') },
    { name: 'public → private as mapped IPv6',            target: 'https://[::ffff:10.0.0.1]/v2/',          from: 'https://ghcr.io/v2/',       setup: {}, reason: FROM_PUBLIC('ghcr.io', 'private') },
    { name: 'public → private as a decimal number',       target: 'https://167772161/v2/',                  from: 'https://ghcr.io/v2/',       setup: {}, reason: FROM_PUBLIC('ghcr.io', 'private') },
    { name: 'public → loopback 127.0.0.1',                target: 'https://127.0.0.1:5000/v2/',             from: 'https://ghcr.io/v2/',       setup: {}, reason: FROM_PUBLIC('ghcr.io', 'loopback') },
    { name: 'public → loopback localhost',                target: 'https://localhost/v2/',                  from: 'https://8.8.8.8/v2/',       setup: {}, reason: FROM_PUBLIC('8.8.8.8', 'loopback') },
    { name: 'public → loopback [::1]',                    target: 'https://[::1]:5000/v2/',                 from: 'https://[2001:db8::1]/v2/', setup: {}, reason: FROM_PUBLIC('[2001:db8::1]', 'loopback') },
    { name: 'public → a named private registry',          target: 'https://10.0.0.1:5000/v2/',              from: 'https://ghcr.io/v2/',       setup: { named: ['10.0.0.1:5000'] }, reason: undefined },
    // ...and from where the action already is
    { name: 'private, no previous hop',                   target: 'https://10.0.0.1/v2/',                   from: undefined,                   setup: {}, reason: undefined },
    { name: 'loopback → private',                         target: 'https://10.0.0.1/v2/',                   from: 'http://127.0.0.1:5000/v2/', setup: {}, reason: undefined },
    { name: 'private → private',                          target: 'https://192.168.1.2/v2/',                from: 'https://10.0.0.1/v2/',      setup: {}, reason: undefined },
    { name: 'private → loopback',                         target: 'https://127.0.0.1:5000/v2/',             from: 'https://[fd12::1]/v2/',     setup: {}, reason: undefined },
    { name: 'loopback → public',                          target: 'https://ghcr.io/v2/',                    from: 'http://localhost:5000/v2/', setup: {}, reason: undefined },
    // a registry an image named (its base), judged as if its registry sent us
    { name: 'named by a public image: a private base',    target: 'https://10.0.0.1:5000/v2/x/manifests/1', from: undefined, setup: { referred: [['10.0.0.1:5000', 'https://ghcr.io']] }, reason: FROM_PUBLIC('ghcr.io', 'private') },
    { name: 'named by a public image: a loopback base',   target: 'https://127.0.0.1:5000/v2/',             from: undefined, setup: { referred: [['127.0.0.1:5000', 'https://ghcr.io']] }, reason: FROM_PUBLIC('ghcr.io', 'loopback') },
    { name: 'named by a public image: the metadata service', target: 'https://169.254.169.254/v2/',         from: undefined, setup: { referred: [['169.254.169.254', 'https://ghcr.io']] }, reason: LINK_LOCAL },
    { name: 'named by a public image: a plain-http base', target: 'http://registry.example.com/v2/',        from: undefined, setup: { referred: [['registry.example.com', 'https://ghcr.io']] }, reason: DOWNGRADE },
    { name: 'named by a public image: a public base',     target: 'https://registry-1.docker.io/v2/',       from: undefined, setup: { referred: [['registry-1.docker.io', 'https://ghcr.io']] }, reason: undefined },
    { name: 'named by a loopback image: a loopback base', target: 'http://127.0.0.1:5001/v2/',              from: undefined, setup: { referred: [['127.0.0.1:5001', 'http://127.0.0.1:5000']] }, reason: undefined },
    { name: 'named by an image, then by the user',        target: 'https://10.0.0.1:5000/v2/',              from: undefined, setup: { referred: [['10.0.0.1:5000', 'https://ghcr.io']], registries: [['10.0.0.1:5000', false]] }, reason: undefined },
    { name: 'the referral does not follow to other hosts', target: 'https://10.0.0.2/v2/',                  from: undefined, setup: { referred: [['10.0.0.1', 'https://ghcr.io']] }, reason: undefined }
  ]

  test.each(rows)('$name', ({ target, from, setup, reason }) => {
    const { registries = [], referred = [], ...options } = setup
    const policy = new UrlPolicy(options)
    for (const [host, by] of referred) policy.addReferred(host, new URL(by))
    for (const [host, insecure] of registries)
      policy.addRegistry(host, { insecure })
    const url = new URL(target)
    const run = (): void =>
      policy.check(url, WHAT, from ? new URL(from) : undefined)
    if (reason === undefined) {
      expect(run).not.toThrow()
      return
    }
    let error: unknown
    try {
      run()
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(RegistryError)
    expect((error as RegistryError).kind).toBe('security')
    const shown = url.origin === 'null' ? url.protocol : url.origin
    expect((error as Error).message).toBe(
      `Refusing ${WHAT} ${shown}: ${reason}`
    )
    // never the userinfo, the path or the query
    expect((error as Error).message).not.toMatch(
      /s3cret|alice|latest|Signature/
    )
  })

  // The shown target, for the spellings whose origin needs the parser.
  // prettier-ignore
  test.each([
    { target: 'https://2852039166/x',        message: 'Refusing a redirect of the manifest to https://169.254.169.254: link-local and metadata addresses are not allowed' },
    { target: 'https://[::ffff:169.254.169.254]/x', message: 'Refusing a redirect of the manifest to https://[::ffff:a9fe:a9fe]: link-local and metadata addresses are not allowed' },
    { target: 'https://alice:s3cret@ghcr.io/x', message: 'Refusing a redirect of the manifest to https://ghcr.io: the address carries credentials of its own' },
    { target: 'file:///etc/passwd',          message: 'Refusing a redirect of the manifest to file:: only https (or http where allowed) is followed' },
    { target: 'javascript:alert(1)',         message: 'Refusing a redirect of the manifest to javascript:: only https (or http where allowed) is followed' }
  ])('names $target as the user can read it', ({ target, message }) => {
    expect(() => new UrlPolicy().check(new URL(target), WHAT, new URL('https://ghcr.io/'))).toThrow(message)
  })

  it('allowsHttp and isNamed answer for hosts the user listed', () => {
    const policy = new UrlPolicy({
      insecure: ['a.corp:5000'],
      named: ['b.corp']
    })
    policy.addRegistry('C.corp:5000', { insecure: true })
    expect(policy.allowsHttp(new URL('http://a.corp:5000/'))).toBe(true)
    expect(policy.allowsHttp(new URL('http://a.corp:5001/'))).toBe(false)
    expect(policy.allowsHttp(new URL('http://b.corp/'))).toBe(false)
    expect(policy.allowsHttp(new URL('http://c.corp:5000/'))).toBe(true)
    expect(policy.allowsHttp(new URL('http://127.0.0.1:9/'))).toBe(true)
    expect(policy.isNamed('B.CORP')).toBe(true)
    expect(policy.isNamed('c.corp:5000')).toBe(true)
    expect(policy.isNamed('a.corp:5000')).toBe(false) // insecure is not named
  })
})

/** A scripted resolver in dns.lookup's callback style. */
function fakeResolver(table: Record<string, dns.LookupAddress[]>): {
  resolve: typeof dns.lookup
  calls: { hostname: string; all: boolean }[]
} {
  const calls: { hostname: string; all: boolean }[] = []
  const resolve = (
    hostname: string,
    options: dns.LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | dns.LookupAddress[],
      family?: number
    ) => void
  ): void => {
    const all = options?.all === true
    calls.push({ hostname, all })
    const found = table[hostname]
    setImmediate(() => {
      if (!found) {
        const error: NodeJS.ErrnoException = new Error(
          `getaddrinfo ENOTFOUND ${hostname}`
        )
        error.code = 'ENOTFOUND'
        return callback(error, all ? [] : '', undefined)
      }
      if (all)
        return callback(
          null,
          found.map((a) => ({ ...a }))
        )
      callback(null, found[0].address, found[0].family)
    })
  }
  return { resolve: resolve as unknown as typeof dns.lookup, calls }
}

interface LookupResult {
  error: NodeJS.ErrnoException | null
  address: string | dns.LookupAddress[]
  family?: number
}

function lookup(
  policy: UrlPolicy,
  hostname: string,
  all: boolean
): Promise<LookupResult> {
  return new Promise((resolve) => {
    const guarded = policy.lookup as unknown as (
      hostname: string,
      options: dns.LookupOptions,
      callback: (
        error: NodeJS.ErrnoException | null,
        address: string | dns.LookupAddress[],
        family?: number
      ) => void
    ) => void
    guarded(hostname, { all }, (error, address, family) =>
      resolve({ error, address, family })
    )
  })
}

const v4 = (address: string): dns.LookupAddress => ({ address, family: 4 })
const v6 = (address: string): dns.LookupAddress => ({ address, family: 6 })

describe('the guarded lookup', () => {
  // prettier-ignore
  const table: Record<string, dns.LookupAddress[]> = {
    'meta.test':        [v4('169.254.169.254')],
    'll.test':          [v4('169.254.7.7')],
    'll6.test':         [v6('fe80::1')],
    'mapped.test':      [v6('::ffff:169.254.169.254')],
    'nat64.test':       [v6('64:ff9b::a9fe:a9fe')],
    'aws6.test':        [v6('fd00:ec2::254')],
    'alibaba.test':     [v4('100.100.100.200')],
    'zero.test':        [v4('0.0.0.0')],
    'mixed.test':       [v4('8.8.8.8'), v4('169.254.169.254')],
    'mixed6.test':      [v4('127.0.0.1'), v6('fe80::a9fe:a9fe')],
    'loop.test':        [v4('127.0.0.1')],
    'public.test':      [v4('8.8.8.8'), v6('2001:db8::1')],
    'private.test':     [v4('10.0.0.1')],
    'named.test':       [v4('169.254.169.254')],
    'named6.test':      [v4('127.0.0.1'), v6('fe80::1')]
  }

  interface Row {
    name: string
    host: string
    /** The addresses in the refusal (undefined: passed through). */
    bad: string | undefined
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'a name resolving to 169.254.169.254',             host: 'meta.test',    bad: '169.254.169.254' },
    { name: 'a name resolving to another link-local address',  host: 'll.test',      bad: '169.254.7.7' },
    { name: 'a name resolving to fe80::1',                     host: 'll6.test',     bad: 'fe80::1' },
    { name: 'a name resolving to ::ffff:169.254.169.254',      host: 'mapped.test',  bad: '::ffff:169.254.169.254' },
    { name: 'a name resolving to NAT64 of 169.254.169.254',    host: 'nat64.test',   bad: '64:ff9b::a9fe:a9fe' },
    { name: 'a name resolving to fd00:ec2::254',               host: 'aws6.test',    bad: 'fd00:ec2::254' },
    { name: 'a name resolving to 100.100.100.200',             host: 'alibaba.test', bad: '100.100.100.200' },
    { name: 'a name resolving to 0.0.0.0',                     host: 'zero.test',    bad: '0.0.0.0' },
    { name: 'one public and one link-local address',           host: 'mixed.test',   bad: '169.254.169.254' },
    { name: 'one loopback and one IPv6 link-local address',    host: 'mixed6.test',  bad: 'fe80::a9fe:a9fe' },
    { name: 'a name resolving to 127.0.0.1',                   host: 'loop.test',    bad: undefined },
    { name: 'a name resolving to public addresses',            host: 'public.test',  bad: undefined },
    // only link-local and metadata are refused here: a lookup has no "from"
    { name: 'a name resolving to a private address',           host: 'private.test', bad: undefined },
    { name: 'a named host resolving to link-local',            host: 'named.test',   bad: undefined },
    { name: 'a named host resolving to loopback and link-local', host: 'named6.test', bad: undefined }
  ]

  const policyFor = (): {
    policy: UrlPolicy
    calls: { hostname: string; all: boolean }[]
  } => {
    const { resolve, calls } = fakeResolver(table)
    const policy = new UrlPolicy({ resolve, named: ['named.test'] })
    policy.addRegistry('named6.test')
    return { policy, calls }
  }

  test.each(rows)('all addresses: $name', async ({ host, bad }) => {
    const { policy, calls } = policyFor()
    const result = await lookup(policy, host, true)
    expect(calls).toEqual([{ hostname: host, all: true }])
    if (bad === undefined) {
      expect(result.error).toBeNull()
      expect(result.address).toEqual(table[host])
      return
    }
    expect(result.error).toBeInstanceOf(RegistryError)
    expect((result.error as unknown as RegistryError).kind).toBe('security')
    expect(result.error?.message).toBe(
      `Refusing to connect to ${host}: it resolves to ${bad}, a link-local or metadata address`
    )
  })

  // the single-address form: what is refused is the one address returned
  // prettier-ignore
  const single: Row[] = [
    { name: 'a name resolving to 169.254.169.254',        host: 'meta.test',    bad: '169.254.169.254' },
    { name: 'a name resolving to fe80::1',                host: 'll6.test',     bad: 'fe80::1' },
    { name: 'a name resolving to ::ffff:169.254.169.254', host: 'mapped.test',  bad: '::ffff:169.254.169.254' },
    { name: 'a name resolving to 127.0.0.1',              host: 'loop.test',    bad: undefined },
    { name: 'a name resolving to 8.8.8.8',                host: 'public.test',  bad: undefined },
    { name: 'a named host resolving to link-local',       host: 'named.test',   bad: undefined }
  ]

  test.each(single)('one address: $name', async ({ host, bad }) => {
    const { policy, calls } = policyFor()
    const result = await lookup(policy, host, false)
    expect(calls).toEqual([{ hostname: host, all: false }])
    if (bad === undefined) {
      expect(result.error).toBeNull()
      expect(result.address).toBe(table[host][0].address)
      expect(result.family).toBe(table[host][0].family)
      return
    }
    expect(result.error).toBeInstanceOf(RegistryError)
    expect(result.error?.message).toBe(
      `Refusing to connect to ${host}: it resolves to ${bad}, a link-local or metadata address`
    )
  })

  it('passes a resolver error through unchanged', async () => {
    const { policy } = policyFor()
    const result = await lookup(policy, 'nowhere.test', true)
    expect(result.error).not.toBeInstanceOf(RegistryError)
    expect(result.error?.code).toBe('ENOTFOUND')
  })
})

describe('a name a redirect or realm leads to, judged when it resolves', () => {
  // prettier-ignore
  const table: Record<string, dns.LookupAddress[]> = {
    'ghcr.test':          [v4('8.8.8.8')],
    'registry.corp.test': [v4('10.1.1.1')],
    'db.internal.test':   [v4('10.0.0.5')],
    'loop.nip.test':      [v4('127.0.0.1')],
    'cdn.test':           [v4('1.1.1.1')]
  }

  interface Row {
    name: string
    /** The host that sent the action on, and whether it was looked up first. */
    from: string
    resolvedFirst: boolean
    target: string
    options?: UrlPolicyOptions
    /** The refusal, or undefined when the connection may go ahead. */
    refused?: string
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'public registry → a name resolving private',  from: 'ghcr.test',          resolvedFirst: true,  target: 'db.internal.test', refused: 'it resolves to 10.0.0.5, a private address, and the public host ghcr.test sent the action there' },
    { name: 'public registry → a name resolving loopback', from: 'ghcr.test',          resolvedFirst: true,  target: 'loop.nip.test',    refused: 'it resolves to 127.0.0.1, a loopback address, and the public host ghcr.test sent the action there' },
    { name: 'a public IP literal → a name resolving private', from: '8.8.4.4',         resolvedFirst: false, target: 'db.internal.test', refused: 'it resolves to 10.0.0.5, a private address, and the public host 8.8.4.4 sent the action there' },
    { name: 'a host never looked up counts as public',     from: 'elsewhere.test',     resolvedFirst: false, target: 'db.internal.test', refused: 'it resolves to 10.0.0.5, a private address, and the public host elsewhere.test sent the action there' },
    { name: 'an internal registry → internal storage',     from: 'registry.corp.test', resolvedFirst: true,  target: 'db.internal.test' },
    { name: 'public registry → a public CDN',              from: 'ghcr.test',          resolvedFirst: true,  target: 'cdn.test' },
    { name: 'a registry listed insecure → its network',    from: 'ghcr.test',          resolvedFirst: true,  target: 'db.internal.test', options: { insecure: ['ghcr.test'] } },
    { name: 'a named registry as the target',              from: 'ghcr.test',          resolvedFirst: true,  target: 'db.internal.test', options: { named: ['db.internal.test'] } }
  ]

  test.each(rows)(
    '$name',
    async ({ from, resolvedFirst, target, options, refused }) => {
      const { resolve } = fakeResolver(table)
      const policy = new UrlPolicy({ resolve, ...options })
      if (resolvedFirst)
        expect((await lookup(policy, from, true)).error).toBeNull()
      // the redirect passes the URL check: a name says nothing until it resolves
      policy.check(
        new URL(`https://${target}/blob`),
        'a redirect to',
        new URL(`https://${from}/v2/`)
      )
      const result = await lookup(policy, target, true)
      if (refused === undefined) {
        expect(result.error).toBeNull()
        return
      }
      expect(result.error).toBeInstanceOf(RegistryError)
      expect(result.error?.message).toBe(
        `Refusing to connect to ${target}: ${refused}`
      )
    }
  )

  it('a name the user reached directly may resolve privately', async () => {
    const { resolve } = fakeResolver(table)
    const policy = new UrlPolicy({ resolve })
    policy.check(
      new URL('https://db.internal.test/v2/'),
      'to send the manifest request to'
    )
    expect((await lookup(policy, 'db.internal.test', true)).error).toBeNull()
  })
})

describe('the guarded lookup under a real Transport', () => {
  let server: http.Server
  let port: number
  const seen: string[] = []

  // prettier-ignore
  const table: Record<string, dns.LookupAddress[]> = {
    'good.test':  [v4('127.0.0.1')],
    'meta.test':  [v4('169.254.169.254')],
    // a socket that took this list as it is would connect to our server
    'mixed.test': [v4('127.0.0.1'), v4('169.254.169.254')],
    'named.test': [v4('127.0.0.1'), v4('169.254.169.254')],
    'portnamed.test': [v4('127.0.0.1'), v4('169.254.169.254')]
  }

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.headers.host} ${req.url}`)
      res.writeHead(200, {
        'content-type': 'text/plain',
        'content-length': '2'
      })
      res.end('ok')
    })
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    port = (server.address() as AddressInfo).port
  })
  afterAll(async () => {
    server?.closeAllConnections()
    await new Promise<void>((r) => (server ? server.close(() => r()) : r()))
  })
  beforeEach(() => {
    seen.length = 0
  })

  interface Row {
    name: string
    host: string
    /** Undefined if it connects, or the address refused. */
    bad: string | undefined
  }
  // prettier-ignore
  const rows: Row[] = [
    { name: 'a name mapped to 127.0.0.1 connects',                          host: 'good.test',  bad: undefined },
    { name: 'a name mapped to 169.254.169.254 is refused',                  host: 'meta.test',  bad: '169.254.169.254' },
    { name: 'a name mapped to 127.0.0.1 and 169.254.169.254 is refused',    host: 'mixed.test', bad: '169.254.169.254' },
    { name: 'a named host mapped to 127.0.0.1 and 169.254.169.254 connects', host: 'named.test', bad: undefined }
  ]

  test.each(rows)('$name', async ({ host, bad }) => {
    const { resolve, calls } = fakeResolver(table)
    const policy = new UrlPolicy({ insecure: Object.keys(table), resolve })
    if (host === 'named.test') policy.addRegistry(host)
    const transport = new Transport({
      retry: { retries: 0 },
      timeoutMs: 5_000,
      policy
    })
    const url = new URL(`http://${host}:${port}/v2/`)
    try {
      const send = transport.send(url, {
        maxBytes: 1024,
        what: 'API version check'
      })
      if (bad === undefined) {
        const response = await send
        expect(response.status).toBe(200)
        expect(response.body.toString()).toBe('ok')
        expect(seen).toEqual([`GET ${host}:${port} /v2/`])
      } else {
        const error = await send.then(
          () => undefined,
          (e: unknown) => e
        )
        expect(error).toBeInstanceOf(RegistryError)
        expect((error as RegistryError).kind).toBe('security')
        expect((error as Error).message).toBe(
          `Refusing to connect to ${host}: it resolves to ${bad}, a link-local or metadata address`
        )
        expect(seen).toEqual([])
      }
      // the socket asked our resolver, not the system's
      expect(calls.map((c) => c.hostname)).toContain(host)
      expect(transport.requestCount).toBe(1)
    } finally {
      transport.dispose()
    }
  })

  // RegistryClient names its registry as host:port; the guarded lookup sees
  // only the name, and must still honour it.
  test('a named host:port mapped to 127.0.0.1 and 169.254.169.254 connects', async () => {
    const { resolve } = fakeResolver(table)
    const policy = new UrlPolicy({ resolve })
    policy.addRegistry(`portnamed.test:${port}`, { insecure: true })
    const transport = new Transport({
      retry: { retries: 0 },
      timeoutMs: 5_000,
      policy
    })
    const url = new URL(`http://portnamed.test:${port}/v2/`)
    try {
      expect(() => policy.check(url, 'the registry')).not.toThrow()
      const response = await transport.send(url, {
        maxBytes: 1024,
        what: 'API version check'
      })
      expect(response.status).toBe(200)
      expect(seen).toEqual([`GET portnamed.test:${port} /v2/`])
    } finally {
      transport.dispose()
    }
  })
})
