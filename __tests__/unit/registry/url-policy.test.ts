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
  // name, host as written in a URL, the hostname the WHATWG parser makes of
  // it (what the code sees), its class
  // prettier-ignore
  const spellings: [string, string, string, AddressClass][] = [
    // 169.254.169.254 (AWS, GCP, Azure... metadata) in every IPv4 spelling
    ['metadata IPv4, dotted',                '169.254.169.254',                 '169.254.169.254',          'metadata'],
    ['metadata IPv4, one decimal number',    '2852039166',                      '169.254.169.254',          'metadata'],
    ['metadata IPv4, one hex number',        '0xa9fea9fe',                      '169.254.169.254',          'metadata'],
    ['metadata IPv4, hex upper case',        '0XA9FEA9FE',                      '169.254.169.254',          'metadata'],
    ['metadata IPv4, dotted hex',            '0xa9.0xfe.0xa9.0xfe',             '169.254.169.254',          'metadata'],
    ['metadata IPv4, dotted octal',          '0251.0376.0251.0376',             '169.254.169.254',          'metadata'],
    ['metadata IPv4, short form a.b.c',      '169.254.43518',                   '169.254.169.254',          'metadata'],
    ['metadata IPv4, short form a.b',        '169.16689662',                    '169.254.169.254',          'metadata'],
    ['metadata IPv4, trailing dot',          '169.254.169.254.',                '169.254.169.254',          'metadata'],
    ['other IPv4 link-local',                '169.254.1.2',                     '169.254.1.2',              'link-local'],
    ['other IPv4 link-local, decimal',       '2851995906',                      '169.254.1.2',              'link-local'],
    // the same address inside IPv6
    ['IPv4-mapped IPv6, dotted tail',        '[::ffff:169.254.169.254]',        '[::ffff:a9fe:a9fe]',       'metadata'],
    ['IPv4-mapped IPv6, hex tail',           '[::ffff:a9fe:a9fe]',              '[::ffff:a9fe:a9fe]',       'metadata'],
    ['IPv4-mapped IPv6, written out',        '[0:0:0:0:0:ffff:a9fe:a9fe]',      '[::ffff:a9fe:a9fe]',       'metadata'],
    ['IPv4-translated IPv6',                 '[::ffff:0:a9fe:a9fe]',            '[::ffff:0:a9fe:a9fe]',     'metadata'],
    ['IPv4-compatible IPv6',                 '[::a9fe:a9fe]',                   '[::a9fe:a9fe]',            'metadata'],
    ['IPv4-compatible IPv6, dotted tail',    '[::169.254.169.254]',             '[::a9fe:a9fe]',            'metadata'],
    ['NAT64 (64:ff9b::/96)',                 '[64:ff9b::a9fe:a9fe]',            '[64:ff9b::a9fe:a9fe]',     'metadata'],
    ['NAT64, dotted tail',                   '[64:ff9b::169.254.169.254]',      '[64:ff9b::a9fe:a9fe]',     'metadata'],
    ['6to4 (2002:a9fe:a9fe::/48)',           '[2002:a9fe:a9fe::1]',             '[2002:a9fe:a9fe::1]',      'metadata'],
    ['6to4 of another link-local address',   '[2002:a9fe:0102::1]',             '[2002:a9fe:102::1]',       'link-local'],
    ['IPv6 link-local',                      '[fe80::1]',                       '[fe80::1]',                'link-local'],
    ['IPv6 link-local, upper case',          '[FE80::1]',                       '[fe80::1]',                'link-local'],
    ['IPv6 link-local, top of fe80::/10',    '[febf::1]',                       '[febf::1]',                'link-local'],
    ['IPv6 link-local holding 169.254.169.254', '[fe80::a9fe:a9fe]',            '[fe80::a9fe:a9fe]',        'link-local'],
    ['AWS IPv6 metadata (fd00:ec2::254)',    '[fd00:ec2::254]',                 '[fd00:ec2::254]',          'metadata'],
    ['AWS IPv6 metadata, written out',       '[fd00:0ec2:0:0:0:0:0:0254]',      '[fd00:ec2::254]',          'metadata'],
    ['Alibaba metadata (100.100.100.200)',   '100.100.100.200',                 '100.100.100.200',          'metadata'],
    ['metadata.google.internal',             'metadata.google.internal',        'metadata.google.internal', 'metadata'],
    ['METADATA.GOOGLE.INTERNAL. (case, dot)', 'METADATA.GOOGLE.INTERNAL.',      'metadata.google.internal.', 'metadata'],
    ['metadata (GCE short name)',            'metadata',                        'metadata',                 'metadata'],
    ['metadata.goog',                        'metadata.goog',                   'metadata.goog',            'metadata'],
    ['instance-data (EC2 short name)',       'instance-data',                   'instance-data',            'metadata'],
    ['instance-data.ec2.internal',           'instance-data.ec2.internal',      'instance-data.ec2.internal', 'metadata'],
    // unspecified
    ['0.0.0.0',                              '0.0.0.0',                         '0.0.0.0',                  'unspecified'],
    ['0 (one number)',                       '0',                               '0.0.0.0',                  'unspecified'],
    ['0.1.2.3 (this network)',               '0.1.2.3',                         '0.1.2.3',                  'unspecified'],
    ['[::]',                                 '[::]',                            '[::]',                     'unspecified'],
    ['[::ffff:0.0.0.0]',                     '[::ffff:0.0.0.0]',                '[::ffff:0:0]',             'unspecified'],
    // loopback
    ['127.0.0.1',                            '127.0.0.1',                       '127.0.0.1',                'loopback'],
    ['127.1.2.3',                            '127.1.2.3',                       '127.1.2.3',                'loopback'],
    ['127.1 (short form)',                   '127.1',                           '127.0.0.1',                'loopback'],
    ['2130706433 (127.0.0.1 as a number)',   '2130706433',                      '127.0.0.1',                'loopback'],
    ['[::1]',                                '[::1]',                           '[::1]',                    'loopback'],
    ['[::ffff:127.0.0.1]',                   '[::ffff:127.0.0.1]',              '[::ffff:7f00:1]',          'loopback'],
    ['localhost',                            'localhost',                       'localhost',                'loopback'],
    ['LOCALHOST.',                           'LOCALHOST.',                      'localhost.',               'loopback'],
    ['a.localhost',                          'a.localhost',                     'a.localhost',              'loopback'],
    // private
    ['10.x',                                 '10.1.2.3',                        '10.1.2.3',                 'private'],
    ['172.16.x (first of 172.16/12)',        '172.16.0.1',                      '172.16.0.1',               'private'],
    ['172.31.x (last of 172.16/12)',         '172.31.255.254',                  '172.31.255.254',           'private'],
    ['192.168.x',                            '192.168.1.1',                     '192.168.1.1',              'private'],
    ['100.64.x (carrier-grade NAT)',         '100.64.0.1',                      '100.64.0.1',               'private'],
    ['100.127.x (carrier-grade NAT)',        '100.127.255.1',                   '100.127.255.1',            'private'],
    ['[fc00::1] (unique local)',             '[fc00::1]',                       '[fc00::1]',                'private'],
    ['[fd12::1] (unique local)',             '[fd12::1]',                       '[fd12::1]',                'private'],
    ['[::ffff:10.0.0.1]',                    '[::ffff:10.0.0.1]',               '[::ffff:a00:1]',           'private'],
    // public
    ['8.8.8.8',                              '8.8.8.8',                         '8.8.8.8',                  'public'],
    ['172.32.0.1 (just past 172.16/12)',     '172.32.0.1',                      '172.32.0.1',               'public'],
    ['172.15.255.255 (just before)',         '172.15.255.255',                  '172.15.255.255',           'public'],
    ['100.128.0.1 (just past 100.64/10)',    '100.128.0.1',                     '100.128.0.1',              'public'],
    ['169.253.255.255 (just before 169.254)', '169.253.255.255',                '169.253.255.255',          'public'],
    ['[2001:db8::1]',                        '[2001:db8::1]',                   '[2001:db8::1]',            'public'],
    ['[fec0::1] (not fe80::/10)',            '[fec0::1]',                       '[fec0::1]',                'public'],
    ['[2002:808:808::1] (6to4 of 8.8.8.8)',  '[2002:808:808::1]',               '[2002:808:808::1]',        'public'],
    ['ghcr.io',                              'ghcr.io',                         'ghcr.io',                  'public'],
    ['registry-1.docker.io',                 'registry-1.docker.io',            'registry-1.docker.io',     'public'],
    ['metadata.google.internal.evil.com',    'metadata.google.internal.evil.com', 'metadata.google.internal.evil.com', 'public'],
    ['localhost.evil.com',                   'localhost.evil.com',              'localhost.evil.com',       'public']
  ]

  test.each(spellings)('%s', (_name, written, seen, expected) => {
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
  const resolved: [string, AddressClass][] = [
    ['169.254.169.254',          'metadata'],
    ['169.254.0.1',              'link-local'],
    ['::ffff:169.254.169.254',   'metadata'],
    ['::ffff:a9fe:a9fe',         'metadata'],
    ['64:ff9b::169.254.169.254', 'metadata'],
    ['fe80::1',                  'link-local'],
    ['FE80::A9FE:A9FE',          'link-local'],
    ['fd00:ec2::254',            'metadata'],
    ['0.0.0.0',                  'unspecified'],
    ['::',                       'unspecified'],
    ['127.0.0.1',                'loopback'],
    ['::1',                      'loopback'],
    ['::ffff:127.0.0.1',         'loopback'],
    ['10.0.0.1',                 'private'],
    ['fd12::1',                  'private'],
    ['8.8.8.8',                  'public'],
    ['2606:4700::1111',          'public']
  ]

  test.each(resolved)('resolver output %s', (address, expected) => {
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
  }

  // name, url, from (the previous hop), policy, undefined if allowed or the reason
  // prettier-ignore
  const rows: [string, string, string | undefined, Setup, string | undefined][] = [
    // https anywhere public
    ['https to a public registry',                 'https://ghcr.io/v2/',                    undefined,                   {}, undefined],
    ['https from one public host to another',      'https://registry-1.docker.io/v2/x',      'https://ghcr.io/v2/',       {}, undefined],
    ['https to a CDN with a query',                'https://cdn.example.com/b?X-Amz-Signature=1', 'https://ghcr.io/v2/',  {}, undefined],
    // other schemes
    ['ftp',                                        'ftp://ghcr.io/blob',                     undefined,                   {}, SCHEME],
    ['ftp from https',                             'ftp://ghcr.io/blob',                     'https://ghcr.io/v2/',       {}, SCHEME],
    ['file',                                       'file:///etc/passwd',                     'https://ghcr.io/v2/',       {}, SCHEME],
    ['javascript',                                 'javascript:alert(1)',                    'https://ghcr.io/v2/',       {}, SCHEME],
    ['data',                                       'data:text/plain,hello',                  'https://ghcr.io/v2/',       {}, SCHEME],
    ['ws',                                         'ws://127.0.0.1:5000/',                   undefined,                   {}, SCHEME],
    // credentials in the URL
    ['user and password in the URL',              'https://alice:s3cret@ghcr.io/v2/',       undefined,                   {}, USERINFO],
    ['a user only',                                'https://alice@ghcr.io/v2/',              'https://ghcr.io/v2/',       {}, USERINFO],
    ['a password only',                            'https://:s3cret@ghcr.io/v2/',            'https://ghcr.io/v2/',       {}, USERINFO],
    ['userinfo on loopback http',                  'http://alice:x@127.0.0.1:5000/v2/',      undefined,                   {}, USERINFO],
    // https → http, never
    ['https → http on the same host',              'http://ghcr.io/v2/',                     'https://ghcr.io/v2/',       {}, DOWNGRADE],
    ['https → http to loopback',                   'http://127.0.0.1:5000/v2/',              'https://ghcr.io/v2/',       {}, DOWNGRADE],
    ['https → http, localhost to localhost',       'http://localhost:5000/v2/',              'https://localhost:5000/v2/', {}, DOWNGRADE],
    ['https → http to a host listed insecure',     'http://reg.corp:5000/v2/',               'https://reg.corp:5000/v2/', { insecure: ['reg.corp:5000'] }, DOWNGRADE],
    ['https → http to a named insecure registry',  'http://reg.corp:5000/v2/',               'https://ghcr.io/v2/',       { registries: [['reg.corp:5000', true]] }, DOWNGRADE],
    // plain http only where allowed
    ['http to a public name',                      'http://ghcr.io/v2/',                     undefined,                   {}, HTTP],
    ['http to a public address',                   'http://8.8.8.8/v2/',                     undefined,                   {}, HTTP],
    ['http to a private address',                  'http://10.0.0.1:5000/v2/',               undefined,                   {}, HTTP],
    ['http listed insecure by host:port',          'http://reg.corp:5000/v2/',               undefined,                   { insecure: ['reg.corp:5000'] }, undefined],
    ['http listed insecure by hostname',           'http://reg.corp:5000/v2/',               undefined,                   { insecure: ['reg.corp'] }, undefined],
    ['http listed insecure, case differs',         'http://REG.corp:5000/v2/',               undefined,                   { insecure: ['Reg.Corp:5000'] }, undefined],
    ['http to another port than the listed one',   'http://reg.corp:5001/v2/',               undefined,                   { insecure: ['reg.corp:5000'] }, HTTP],
    ['http to the listed host without its port',   'http://reg.corp/v2/',                    undefined,                   { insecure: ['reg.corp:5000'] }, HTTP],
    ['http between two listed hosts',              'http://b.corp/v2/',                      'http://a.corp/v2/',         { insecure: ['a.corp', 'b.corp'] }, undefined],
    ['http to a registry added as insecure',       'http://reg.corp:5000/v2/',               undefined,                   { registries: [['reg.corp:5000', true]] }, undefined],
    ['http to a registry added, not insecure',     'http://reg.corp:5000/v2/',               undefined,                   { registries: [['reg.corp:5000', false]] }, HTTP],
    ['http to loopback 127.0.0.1',                 'http://127.0.0.1:5000/v2/',              undefined,                   {}, undefined],
    ['http to loopback 127.1.2.3',                 'http://127.1.2.3/v2/',                   undefined,                   {}, undefined],
    ['http to localhost',                          'http://localhost:5000/v2/',              undefined,                   {}, undefined],
    ['http to a.localhost',                        'http://a.localhost/v2/',                 undefined,                   {}, undefined],
    ['http to [::1]',                              'http://[::1]:5000/v2/',                  undefined,                   {}, undefined],
    ['http loopback → loopback, another port',     'http://127.0.0.1:6000/b',                'http://127.0.0.1:5000/v2/', {}, undefined],
    // link-local and metadata: refused in every spelling, from anywhere
    ['169.254.169.254',                            'https://169.254.169.254/latest/',        undefined,                   {}, LINK_LOCAL],
    ['169.254.169.254 from a public host',         'https://169.254.169.254/latest/',        'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['169.254.169.254 from loopback',              'https://169.254.169.254/latest/',        'http://127.0.0.1:5000/v2/', {}, LINK_LOCAL],
    ['169.254.169.254 as one decimal number',      'https://2852039166/latest/',             'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['169.254.169.254 as one hex number',          'https://0xa9fea9fe/latest/',             'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['169.254.169.254 as dotted hex',              'https://0xa9.0xfe.0xa9.0xfe/latest/',    'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['169.254.169.254 as dotted octal',            'https://0251.0376.0251.0376/latest/',    'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['169.254.169.254 short form a.b.c',           'https://169.254.43518/latest/',          'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['169.254.169.254 short form a.b',             'https://169.16689662/latest/',           'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['another IPv4 link-local address',            'https://169.254.1.2/',                   'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['IPv4-mapped IPv6',                           'https://[::ffff:169.254.169.254]/',      'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['IPv4-mapped IPv6, hex',                      'https://[::ffff:a9fe:a9fe]/',            'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['IPv4-translated IPv6',                       'https://[::ffff:0:a9fe:a9fe]/',          'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['IPv4-compatible IPv6',                       'https://[::a9fe:a9fe]/',                 'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['NAT64',                                      'https://[64:ff9b::a9fe:a9fe]/',          'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['NAT64, dotted tail',                         'https://[64:ff9b::169.254.169.254]/',    'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['6to4',                                       'https://[2002:a9fe:a9fe::1]/',           'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['IPv6 link-local',                            'https://[fe80::1]/',                     'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['AWS IPv6 metadata',                          'https://[fd00:ec2::254]/',               'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['Alibaba metadata',                           'https://100.100.100.200/',               'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['metadata.google.internal',                   'https://metadata.google.internal/computeMetadata/v1/', 'https://ghcr.io/v2/', {}, LINK_LOCAL],
    ['METADATA.GOOGLE.INTERNAL.',                  'https://METADATA.GOOGLE.INTERNAL./',     'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['metadata',                                   'https://metadata/',                      'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['instance-data',                              'https://instance-data/latest/',          'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['0.0.0.0 (unspecified)',                      'https://0.0.0.0/',                       'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    ['[::] (unspecified)',                         'https://[::]/',                          'https://ghcr.io/v2/',       {}, LINK_LOCAL],
    // listing a metadata address as insecure does not open it
    ['http to 169.254.169.254 listed insecure',    'http://169.254.169.254/latest/',         undefined,                   { insecure: ['169.254.169.254'] }, LINK_LOCAL],
    // the address is named as the reason, not the plain-http rule (whose hint
    // to list the host in 'insecure-registries' would not help)
    ['http to 169.254.169.254, not listed',        'http://169.254.169.254/latest/',         'http://127.0.0.1:5000/v2/', {}, LINK_LOCAL],
    ['http to 2852039166, not listed',             'http://2852039166/latest/',              undefined,                   {}, LINK_LOCAL],
    ['http to [fe80::1], not listed',              'http://[fe80::1]/',                      undefined,                   {}, LINK_LOCAL],
    // ...but a host the user named is theirs to reach
    ['a named 169.254.169.254',                    'https://169.254.169.254/v2/',            undefined,                   { named: ['169.254.169.254'] }, undefined],
    ['a named 169.254.169.254:5000, via addRegistry (insecure)', 'http://169.254.169.254:5000/v2/', undefined,             { registries: [['169.254.169.254:5000', true]] }, undefined],
    ['a named metadata.google.internal, any case', 'https://metadata.google.internal/v2/',   'https://ghcr.io/v2/',       { named: ['METADATA.google.internal'] }, undefined],
    ['a named [fe80::1]:5000',                     'https://[fe80::1]:5000/v2/',             undefined,                   { named: ['[fe80::1]:5000'] }, undefined],
    ['named 169.254.169.254:5000, another port',   'https://169.254.169.254/latest/',        undefined,                   { named: ['169.254.169.254:5000'] }, LINK_LOCAL],
    // a name is read as a URL reads it: the same address in another spelling
    ['named as 2852039166 (169.254.169.254)',      'https://169.254.169.254/latest/',        undefined,                   { named: ['2852039166'] }, undefined],
    // private and loopback targets, seen from a public host
    ['public → private 10.x',                      'https://10.0.0.1/v2/',                   'https://ghcr.io/v2/',       {}, FROM_PUBLIC('ghcr.io', 'private')],
    ['public → private 192.168.x',                 'https://192.168.1.1/v2/',                'https://registry-1.docker.io/v2/', {}, FROM_PUBLIC('registry-1.docker.io', 'private')],
    ['public → private 172.16.x, port named',      'https://172.16.0.1/v2/',                 'https://ghcr.io:8443/v2/',  {}, FROM_PUBLIC('ghcr.io:8443', 'private')],
    ['public → private 100.64.x',                  'https://100.64.0.1/v2/',                 'https://ghcr.io/v2/',       {}, FROM_PUBLIC('ghcr.io', 'private')],
    ['public → private [fd12::1]',                 'https://[fd12::1]/v2/',                  'https://ghcr.io/v2/',       {}, FROM_PUBLIC('ghcr.io', 'private')],
    ['public → private as mapped IPv6',            'https://[::ffff:10.0.0.1]/v2/',          'https://ghcr.io/v2/',       {}, FROM_PUBLIC('ghcr.io', 'private')],
    ['public → private as a decimal number',       'https://167772161/v2/',                  'https://ghcr.io/v2/',       {}, FROM_PUBLIC('ghcr.io', 'private')],
    ['public → loopback 127.0.0.1',                'https://127.0.0.1:5000/v2/',             'https://ghcr.io/v2/',       {}, FROM_PUBLIC('ghcr.io', 'loopback')],
    ['public → loopback localhost',                'https://localhost/v2/',                  'https://8.8.8.8/v2/',       {}, FROM_PUBLIC('8.8.8.8', 'loopback')],
    ['public → loopback [::1]',                    'https://[::1]:5000/v2/',                 'https://[2001:db8::1]/v2/', {}, FROM_PUBLIC('[2001:db8::1]', 'loopback')],
    ['public → a named private registry',          'https://10.0.0.1:5000/v2/',              'https://ghcr.io/v2/',       { named: ['10.0.0.1:5000'] }, undefined],
    // ...and from where the action already is
    ['private, no previous hop',                   'https://10.0.0.1/v2/',                   undefined,                   {}, undefined],
    ['loopback → private',                         'https://10.0.0.1/v2/',                   'http://127.0.0.1:5000/v2/', {}, undefined],
    ['private → private',                          'https://192.168.1.2/v2/',                'https://10.0.0.1/v2/',      {}, undefined],
    ['private → loopback',                         'https://127.0.0.1:5000/v2/',             'https://[fd12::1]/v2/',     {}, undefined],
    ['loopback → public',                          'https://ghcr.io/v2/',                    'http://localhost:5000/v2/', {}, undefined]
  ]

  test.each(rows)('%s', (_name, target, from, setup, reason) => {
    const { registries = [], ...options } = setup
    const policy = new UrlPolicy(options)
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
    ['https://2852039166/x',        'Refusing a redirect of the manifest to https://169.254.169.254: link-local and metadata addresses are not allowed'],
    ['https://[::ffff:169.254.169.254]/x', 'Refusing a redirect of the manifest to https://[::ffff:a9fe:a9fe]: link-local and metadata addresses are not allowed'],
    ['https://alice:s3cret@ghcr.io/x', 'Refusing a redirect of the manifest to https://ghcr.io: the address carries credentials of its own'],
    ['file:///etc/passwd',          'Refusing a redirect of the manifest to file:: only https (or http where allowed) is followed'],
    ['javascript:alert(1)',         'Refusing a redirect of the manifest to javascript:: only https (or http where allowed) is followed']
  ])('names %s as the user can read it', (target, message) => {
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

  // name, host, addresses in the refusal (undefined: passed through)
  // prettier-ignore
  const rows: [string, string, string | undefined][] = [
    ['a name resolving to 169.254.169.254',             'meta.test',    '169.254.169.254'],
    ['a name resolving to another link-local address',  'll.test',      '169.254.7.7'],
    ['a name resolving to fe80::1',                     'll6.test',     'fe80::1'],
    ['a name resolving to ::ffff:169.254.169.254',      'mapped.test',  '::ffff:169.254.169.254'],
    ['a name resolving to NAT64 of 169.254.169.254',    'nat64.test',   '64:ff9b::a9fe:a9fe'],
    ['a name resolving to fd00:ec2::254',               'aws6.test',    'fd00:ec2::254'],
    ['a name resolving to 100.100.100.200',             'alibaba.test', '100.100.100.200'],
    ['a name resolving to 0.0.0.0',                     'zero.test',    '0.0.0.0'],
    ['one public and one link-local address',           'mixed.test',   '169.254.169.254'],
    ['one loopback and one IPv6 link-local address',    'mixed6.test',  'fe80::a9fe:a9fe'],
    ['a name resolving to 127.0.0.1',                   'loop.test',    undefined],
    ['a name resolving to public addresses',            'public.test',  undefined],
    // only link-local and metadata are refused here: a lookup has no "from"
    ['a name resolving to a private address',           'private.test', undefined],
    ['a named host resolving to link-local',            'named.test',   undefined],
    ['a named host resolving to loopback and link-local', 'named6.test', undefined]
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

  test.each(rows)('all addresses: %s', async (_name, host, bad) => {
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
  const single: [string, string, string | undefined][] = [
    ['a name resolving to 169.254.169.254',        'meta.test',    '169.254.169.254'],
    ['a name resolving to fe80::1',                'll6.test',     'fe80::1'],
    ['a name resolving to ::ffff:169.254.169.254', 'mapped.test',  '::ffff:169.254.169.254'],
    ['a name resolving to 127.0.0.1',              'loop.test',    undefined],
    ['a name resolving to 8.8.8.8',                'public.test',  undefined],
    ['a named host resolving to link-local',       'named.test',   undefined]
  ]

  test.each(single)('one address: %s', async (_name, host, bad) => {
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

  // name, host, undefined if it connects, or the address refused
  // prettier-ignore
  const rows: [string, string, string | undefined][] = [
    ['a name mapped to 127.0.0.1 connects',                          'good.test',  undefined],
    ['a name mapped to 169.254.169.254 is refused',                  'meta.test',  '169.254.169.254'],
    ['a name mapped to 127.0.0.1 and 169.254.169.254 is refused',    'mixed.test', '169.254.169.254'],
    ['a named host mapped to 127.0.0.1 and 169.254.169.254 connects', 'named.test', undefined]
  ]

  test.each(rows)('%s', async (_name, host, bad) => {
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
