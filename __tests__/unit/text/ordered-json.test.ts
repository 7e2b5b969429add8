/** entriesAt: object entries in document order, where JSON.parse reorders. */
import { expect, test } from '@jest/globals'
import { entriesAt } from '../../../src/text/ordered-json.js'

// prettier-ignore
test.each([
  { name: 'integer-like keys stay in place', text: '{"config":{"Labels":{"zeta":"1","10":"x","alpha":"2","2":"y"}}}', path: ['config', 'Labels'], entries: [['zeta', '1'], ['10', 'x'], ['alpha', '2'], ['2', 'y']] },
  { name: 'nested values and escapes are skipped correctly', text: '{"a":[1,{"b":"}"}],"config":{"x":"q\\"}","Labels":{"k\\"1":"v,}","n":{"d":[1,2]}}},"z":1}', path: ['config', 'Labels'], entries: [['k"1', 'v,}'], ['n', { d: [1, 2] }]] },
  { name: 'whitespace anywhere', text: ' { "config" : { "Labels" : { "b" : "1" , "a" : "2" } } } ', path: ['config', 'Labels'], entries: [['b', '1'], ['a', '2']] },
  { name: 'a later duplicate wins, in its first place', text: '{"config":{"Labels":{"a":"1","b":"2","a":"3"}}}', path: ['config', 'Labels'], entries: [['a', '3'], ['b', '2']] },
  { name: 'a later duplicate path wins', text: '{"config":{"Labels":{"a":"1"}},"config":{"Labels":{"c":"2"}}}', path: ['config', 'Labels'], entries: [['c', '2']] },
  { name: '__proto__ is a plain key', text: '{"config":{"Labels":{"__proto__":"p","1":"n"}}}', path: ['config', 'Labels'], entries: [['__proto__', 'p'], ['1', 'n']] },
  { name: 'empty object', text: '{"config":{"Labels":{}}}', path: ['config', 'Labels'], entries: [] }
])('$name', ({ text, path, entries }) => {
  expect(entriesAt(text, path)).toEqual(entries)
  expect(({} as Record<string, unknown>).p).toBeUndefined()
})

// prettier-ignore
test.each([
  { name: 'missing path', text: '{"config":{}}' },
  { name: 'not an object', text: '{"config":{"Labels":null}}' },
  { name: 'an array', text: '{"config":{"Labels":["a"]}}' },
  { name: 'top-level array', text: '[{"config":{}}]' }
])('undefined for $name', ({ text }) => {
  expect(entriesAt(text, ['config', 'Labels'])).toBeUndefined()
})
