import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 756:
/***/ ((__unused_webpack_module, exports) => {

var __webpack_unused_export__;
/*!
 * content-type
 * Copyright(c) 2015 Douglas Christopher Wilson
 * MIT Licensed
 */



/**
 * RegExp to match *( ";" parameter ) in RFC 7231 sec 3.1.1.1
 *
 * parameter     = token "=" ( token / quoted-string )
 * token         = 1*tchar
 * tchar         = "!" / "#" / "$" / "%" / "&" / "'" / "*"
 *               / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~"
 *               / DIGIT / ALPHA
 *               ; any VCHAR, except delimiters
 * quoted-string = DQUOTE *( qdtext / quoted-pair ) DQUOTE
 * qdtext        = HTAB / SP / %x21 / %x23-5B / %x5D-7E / obs-text
 * obs-text      = %x80-FF
 * quoted-pair   = "\" ( HTAB / SP / VCHAR / obs-text )
 */
var PARAM_REGEXP = /; *([!#$%&'*+.^_`|~0-9A-Za-z-]+) *= *("(?:[\u000b\u0020\u0021\u0023-\u005b\u005d-\u007e\u0080-\u00ff]|\\[\u000b\u0020-\u00ff])*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+) */g // eslint-disable-line no-control-regex
var TEXT_REGEXP = /^[\u000b\u0020-\u007e\u0080-\u00ff]+$/ // eslint-disable-line no-control-regex
var TOKEN_REGEXP = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * RegExp to match quoted-pair in RFC 7230 sec 3.2.6
 *
 * quoted-pair = "\" ( HTAB / SP / VCHAR / obs-text )
 * obs-text    = %x80-FF
 */
var QESC_REGEXP = /\\([\u000b\u0020-\u00ff])/g // eslint-disable-line no-control-regex

/**
 * RegExp to match chars that must be quoted-pair in RFC 7230 sec 3.2.6
 */
var QUOTE_REGEXP = /([\\"])/g

/**
 * RegExp to match type in RFC 7231 sec 3.1.1.1
 *
 * media-type = type "/" subtype
 * type       = token
 * subtype    = token
 */
var TYPE_REGEXP = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+$/

/**
 * Module exports.
 * @public
 */

__webpack_unused_export__ = format
exports.q = parse

/**
 * Format object to media type.
 *
 * @param {object} obj
 * @return {string}
 * @public
 */

function format (obj) {
  if (!obj || typeof obj !== 'object') {
    throw new TypeError('argument obj is required')
  }

  var parameters = obj.parameters
  var type = obj.type

  if (!type || !TYPE_REGEXP.test(type)) {
    throw new TypeError('invalid type')
  }

  var string = type

  // append parameters
  if (parameters && typeof parameters === 'object') {
    var param
    var params = Object.keys(parameters).sort()

    for (var i = 0; i < params.length; i++) {
      param = params[i]

      if (!TOKEN_REGEXP.test(param)) {
        throw new TypeError('invalid parameter name')
      }

      string += '; ' + param + '=' + qstring(parameters[param])
    }
  }

  return string
}

/**
 * Parse media type to object.
 *
 * @param {string|object} string
 * @return {Object}
 * @public
 */

function parse (string) {
  if (!string) {
    throw new TypeError('argument string is required')
  }

  // support req/res-like objects as argument
  var header = typeof string === 'object'
    ? getcontenttype(string)
    : string

  if (typeof header !== 'string') {
    throw new TypeError('argument string is required to be a string')
  }

  var index = header.indexOf(';')
  var type = index !== -1
    ? header.slice(0, index).trim()
    : header.trim()

  if (!TYPE_REGEXP.test(type)) {
    throw new TypeError('invalid media type')
  }

  var obj = new ContentType(type.toLowerCase())

  // parse parameters
  if (index !== -1) {
    var key
    var match
    var value

    PARAM_REGEXP.lastIndex = index

    while ((match = PARAM_REGEXP.exec(header))) {
      if (match.index !== index) {
        throw new TypeError('invalid parameter format')
      }

      index += match[0].length
      key = match[1].toLowerCase()
      value = match[2]

      if (value.charCodeAt(0) === 0x22 /* " */) {
        // remove quotes
        value = value.slice(1, -1)

        // remove escapes
        if (value.indexOf('\\') !== -1) {
          value = value.replace(QESC_REGEXP, '$1')
        }
      }

      obj.parameters[key] = value
    }

    if (index !== header.length) {
      throw new TypeError('invalid parameter format')
    }
  }

  return obj
}

/**
 * Get content-type from req/res objects.
 *
 * @param {object}
 * @return {Object}
 * @private
 */

function getcontenttype (obj) {
  var header

  if (typeof obj.getHeader === 'function') {
    // res-like
    header = obj.getHeader('content-type')
  } else if (typeof obj.headers === 'object') {
    // req-like
    header = obj.headers && obj.headers['content-type']
  }

  if (typeof header !== 'string') {
    throw new TypeError('content-type header is missing from object')
  }

  return header
}

/**
 * Quote a string if necessary.
 *
 * @param {string} val
 * @return {string}
 * @private
 */

function qstring (val) {
  var str = String(val)

  // no need to quote tokens
  if (TOKEN_REGEXP.test(str)) {
    return str
  }

  if (str.length > 0 && !TEXT_REGEXP.test(str)) {
    throw new TypeError('invalid parameter value')
  }

  return '"' + str.replace(QUOTE_REGEXP, '\\$1') + '"'
}

/**
 * Class to represent a content type.
 * @private
 */
function ContentType (type) {
  this.parameters = Object.create(null)
  this.type = type
}


/***/ }),

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var net = __nccwpck_require__(9278);
var tls = __nccwpck_require__(4756);
var http = __nccwpck_require__(8611);
var https = __nccwpck_require__(5692);
var events = __nccwpck_require__(4434);
var assert = __nccwpck_require__(2613);
var util = __nccwpck_require__(9023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
exports.debug = debug; // for test


/***/ }),

/***/ 3916:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   dz: () => (/* binding */ InputError),
/* harmony export */   gJ: () => (/* binding */ errorMessage),
/* harmony export */   yo: () => (/* binding */ UserError)
/* harmony export */ });
/**
 * An error the user can act on: its message says what went wrong and what to
 * do. Anything else that escapes is a bug and is reported as such.
 */
class UserError extends Error {
    constructor(message) {
        super(message);
        this.name = 'UserError';
    }
}
/** A bad action input: the message names the input and the fix. */
class InputError extends UserError {
    input;
    constructor(input, problem) {
        super(`Input '${input}': ${problem}`);
        this.input = input;
        this.name = 'InputError';
    }
}
/** Turns anything thrown (including non-Error values) into one message. */
function errorMessage(error) {
    if (error instanceof Error)
        return error.message;
    if (typeof error === 'string')
        return error;
    try {
        return JSON.stringify(error) ?? String(error);
    }
    catch {
        return String(error);
    }
}


/***/ }),

/***/ 2212:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ts: () => (/* binding */ needsUpdate),
/* harmony export */   UG: () => (/* binding */ annotatedBase),
/* harmony export */   WJ: () => (/* binding */ verdict),
/* harmony export */   gX: () => (/* binding */ overallStatus),
/* harmony export */   w1: () => (/* binding */ startsWith)
/* harmony export */ });
/* unused harmony exports BASE_NAME, BASE_DIGEST */
/* harmony import */ var _registry_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5035);
/**
 * Is an image built on its base's current release? The answer per platform,
 * and what the image itself says about its base: the OCI base annotations
 * (`org.opencontainers.image.base.name` / `.base.digest`, written by
 * buildah, podman, ko and others) on its manifest, its index entry or its
 * index. Pure.
 */

const BASE_NAME = 'org.opencontainers.image.base.name';
const BASE_DIGEST = 'org.opencontainers.image.base.digest';
/**
 * The first of the manifest's, the index entry's and the index's
 * annotations that gives a base digest; the name comes from the same place.
 */
function annotatedBase(info) {
    const sources = [
        ['the image manifest', info.annotations],
        ['the index entry', info.entryAnnotations],
        ['the index', info.indexAnnotations]
    ];
    for (const [where, annotations] of sources) {
        // A key written twice: the last one counts, as when decoded.
        const value = (key) => annotations.filter(([k]) => k === key).at(-1)?.[1];
        const digest = value(BASE_DIGEST)?.trim();
        if (!digest || !(0,_registry_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(digest))
            continue;
        const name = value(BASE_NAME)?.trim();
        return { name: name || undefined, digest, where };
    }
    return undefined;
}
/** True when the base's layers are the first layers of the image. */
function startsWith(image, base) {
    return base.length <= image.length && base.every((d, i) => image[i] === d);
}
/**
 * Several platforms' answers as one: outdated when any is, current when all
 * are, otherwise unknown.
 */
function overallStatus(checks) {
    if (checks.some((c) => c.status === 'outdated'))
        return 'outdated';
    if (checks.length > 0 && checks.every((c) => c.status === 'current')) {
        return 'current';
    }
    return 'unknown';
}
/** `needs-update`: true, false, or empty when not known. */
function needsUpdate(status) {
    return status === 'unknown' ? '' : String(status === 'outdated');
}
/** One line a user reads: what the answer means for this platform. */
function verdict(check) {
    const base = check.ref ?? 'its base';
    switch (check.status) {
        case 'current':
            return `${check.platform} is built on the current ${base}`;
        case 'outdated':
            return `${check.platform} is built on an older ${base}: rebuild`;
        case 'unknown':
            return `${check.platform}: base unknown (${check.reason})`;
    }
}


/***/ }),

/***/ 6876:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   C: () => (/* binding */ DESCRIPTOR_FIELDS),
/* harmony export */   Nu: () => (/* binding */ CONTAINER_CONFIG_FIELDS),
/* harmony export */   Tb: () => (/* binding */ structOf),
/* harmony export */   Ux: () => (/* binding */ MANIFEST_FIELDS),
/* harmony export */   XD: () => (/* binding */ objectOrUndefined),
/* harmony export */   a3: () => (/* binding */ PLATFORM_FIELDS),
/* harmony export */   iq: () => (/* binding */ stringEntries),
/* harmony export */   nR: () => (/* binding */ CONFIG_FIELDS)
/* harmony export */ });
/* unused harmony export foldName */
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6764);
/* harmony import */ var _text_ordered_json_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(8573);
/**
 * JSON objects read the way the runtimes read them. Docker, containerd and
 * Podman decode manifests and configs into Go structs, and Go's decoder
 * matches a key to a field in any case ("user" fills User) with the last
 * match winning. Reading only the exact spelling would let an image show
 * this action one User and run as another; so a key in another case counts
 * as the field, and two keys naming one field are refused as ambiguous.
 */


/** The fields of the structs the image spec and Docker define. */
const MANIFEST_FIELDS = [
    'schemaVersion',
    'mediaType',
    'artifactType',
    'config',
    'layers',
    'manifests',
    'subject',
    'annotations'
];
const DESCRIPTOR_FIELDS = [
    'mediaType',
    'artifactType',
    'digest',
    'size',
    'urls',
    'annotations',
    'platform',
    'data'
];
const PLATFORM_FIELDS = [
    'architecture',
    'os',
    'os.version',
    'os.features',
    'variant',
    'features'
];
const CONFIG_FIELDS = [
    'created',
    'author',
    'architecture',
    'os',
    'os.version',
    'os.features',
    'variant',
    'config',
    'rootfs',
    'history'
];
const CONTAINER_CONFIG_FIELDS = [
    'User',
    'ExposedPorts',
    'Env',
    'Entrypoint',
    'Cmd',
    'Volumes',
    'WorkingDir',
    'Labels',
    'StopSignal',
    'ArgsEscaped',
    'Healthcheck',
    'OnBuild',
    'Shell'
];
/**
 * Go's folding of field names (bytes.EqualFold): ASCII case, and the two
 * letters outside ASCII that fold into it, the Kelvin sign (K, U+212A) and
 * the long s (ſ, U+017F).
 */
function foldName(name) {
    return name
        .replace(/\u212a/g, 'k')
        .replace(/\u017f/g, 's')
        .toLowerCase();
}
/**
 * The struct view of a JSON object: each field under its own name, found
 * under a key of any case; other keys are left out. `what` names the
 * document in the error for two keys of one field.
 */
function structOf(object, fields, what) {
    const byFold = new Map(fields.map((f) => [foldName(f), f]));
    const seen = new Map();
    const out = Object.create(null);
    for (const key of Object.keys(object)) {
        const field = byFold.get(foldName(key));
        if (field === undefined)
            continue;
        const other = seen.get(field);
        if (other !== undefined) {
            throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl('protocol', `The ${what} has both ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(other)} and ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(key)}, which container runtimes read as one field; refusing an ambiguous ${what}`);
        }
        seen.set(field, key);
        out[field] = object[key];
    }
    return out;
}
/** `value` as an object to read fields from, or undefined. */
function objectOrUndefined(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? value
        : undefined;
}
/**
 * A string map (labels, annotations) as entries: own entries only
 * (`__proto__` stays an ordinary key), anything but a string shown as
 * JSON. `at` locates the map in its document, to keep the order written
 * (JSON.parse moves integer-like keys first).
 */
function stringEntries(value, what, at) {
    const object = objectOrUndefined(value);
    if (!object)
        return [];
    const entries = Object.entries(object).map(([k, v]) => [
        k,
        shown(k, v, what)
    ]);
    // Rare, so the extra pass is too.
    if (!at || !entries.some(([k]) => /^(?:0|[1-9]\d*)$/.test(k))) {
        return entries;
    }
    const ordered = (0,_text_ordered_json_js__WEBPACK_IMPORTED_MODULE_1__/* .entriesAt */ .ws)(at.text, at.path);
    if (!ordered || ordered.length !== entries.length)
        return entries;
    return ordered.map(([k, v]) => [k, shown(k, v, what)]);
}
/** A value as text: a string as it is, anything else as JSON. */
function shown(key, value, what) {
    if (typeof value === 'string')
        return value;
    try {
        return JSON.stringify(value);
    }
    catch {
        // Nested deeper than the stack: not a value anyone can read.
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .RegistryError */ .gl('protocol', `The ${what} ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(key)} is not a string and is nested too deeply to show`);
    }
}


/***/ }),

/***/ 596:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Ng: () => (/* binding */ parseManifest),
/* harmony export */   _P: () => (/* binding */ platformList),
/* harmony export */   nb: () => (/* binding */ descriptorOf),
/* harmony export */   yM: () => (/* binding */ MAX_INDEX_DEPTH)
/* harmony export */ });
/* unused harmony export MAX_INDEX_ENTRIES */
/* harmony import */ var _registry_digest_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(5035);
/* harmony import */ var _fields_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6876);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6764);
/* harmony import */ var _registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(9867);
/* harmony import */ var _platform_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(2554);





/**
 * A registry sizes an index; real ones list a few dozen entries. More than
 * this is refused rather than worked through.
 */
const MAX_INDEX_ENTRIES = 10_000;
/** Nested indexes are allowed; this bounds how deep they are followed. */
const MAX_INDEX_DEPTH = 4;
/**
 * Decides what a manifest is from its Content-Type, cross-checked with the
 * body's own mediaType (CVE-2021-41190); sniffs the body when the registry
 * sent no usable Content-Type.
 */
function parseManifest(manifest) {
    const text = manifest.bytes.toString('utf8');
    // Fields as the runtimes find them, in any case (fields.ts).
    const body = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .structOf */ .Tb)(jsonObject(manifest, text), _fields_js__WEBPACK_IMPORTED_MODULE_1__/* .MANIFEST_FIELDS */ .Ux, 'manifest');
    const mediaType = mediaTypeOf(body, manifest.contentType);
    const kind = (0,_registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestKind */ .QS)(mediaType);
    if (kind !== 'index' && kind !== 'image') {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('unsupported', `The manifest has media type ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(mediaType)}, which is not an image or image index`);
    }
    if (kind === 'index' && !Array.isArray(body.manifests)) {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('protocol', `The index ${manifest.digest} has no "manifests" list`);
    }
    if (kind === 'image' && (Array.isArray(body.manifests) || !body.config)) {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('protocol', `The manifest ${manifest.digest} is marked as an image but has no "config"`);
    }
    const annotations = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .stringEntries */ .iq)(body.annotations, 'annotation', {
        text,
        path: ['annotations']
    });
    const parsed = { kind, mediaType, json: body, annotations };
    if (kind === 'image') {
        const layers = Array.isArray(body.layers) ? body.layers : [];
        return {
            ...parsed,
            layers: layers.map((layer) => descriptorOf(layer, 'layer')),
            entries: [],
            platforms: [],
            attestations: new Map()
        };
    }
    const list = body.manifests;
    if (list.length > MAX_INDEX_ENTRIES) {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('too-large', `The index ${manifest.digest} lists ${list.length} entries; this action reads at most ${MAX_INDEX_ENTRIES} (a fixed limit)`);
    }
    const { entries, attestations } = imageEntries(list);
    return {
        ...parsed,
        layers: [],
        entries,
        platforms: platformsOf(entries),
        attestations
    };
}
/** The manifest's bytes as a JSON object. */
function jsonObject(manifest, text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('protocol', `The manifest ${manifest.digest} is not valid JSON`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('protocol', `The manifest ${manifest.digest} is not a JSON object`);
    }
    return json;
}
/** The media type the header and the body agree on, or the body's shape tells. */
function mediaTypeOf(body, contentType) {
    const declared = typeof body.mediaType === 'string' ? body.mediaType : undefined;
    if (body.schemaVersion === 1 ||
        _registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .SCHEMA1_TYPES */ .pj.includes(contentType) ||
        (declared && _registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .SCHEMA1_TYPES */ .pj.includes(declared))) {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('unsupported', 'The registry serves this image only as a Docker schema 1 manifest, a format deprecated since 2017 and not supported; rebuild or re-push the image with a current Docker or buildx');
    }
    const byHeader = (0,_registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestKind */ .QS)(contentType);
    if (byHeader === 'index' || byHeader === 'image') {
        if (declared !== undefined && declared !== contentType) {
            throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('protocol', `The manifest's Content-Type is ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(contentType)} but its body says ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(declared)}; refusing an ambiguous manifest`);
        }
        return contentType;
    }
    if (declared !== undefined)
        return declared;
    if (Array.isArray(body.manifests))
        return _registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .OCI_INDEX */ .$p;
    if (typeof body.config === 'object' && body.config !== null) {
        return _registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .OCI_MANIFEST */ .EG;
    }
    throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('unsupported', `The registry returned something that is not an image manifest (Content-Type ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(contentType || 'none')})`);
}
/**
 * Index entries that are images (or nested indexes), and apart from them
 * the attestation manifests, by the image each attests.
 */
function imageEntries(list) {
    const out = [];
    const attestations = new Map();
    for (const item of list) {
        const descriptor = descriptorOf(item, 'index entry');
        const raw = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .structOf */ .Tb)(item, _fields_js__WEBPACK_IMPORTED_MODULE_1__/* .DESCRIPTOR_FIELDS */ .C, 'index entry');
        const annotations = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .objectOrUndefined */ .XD)(raw.annotations);
        const type = descriptor.mediaType ?? '';
        // Unknown child types must not be an error (image-spec): skip them.
        if (type && (0,_registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestKind */ .QS)(type) !== 'image' && !_registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .INDEX_TYPES */ .V.includes(type)) {
            continue;
        }
        const p = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .objectOrUndefined */ .XD)(raw.platform);
        const platform = p && platformOf(p);
        const subject = attestedDigest(annotations);
        // Runtimes pass over only what cannot run: BuildKit's attestations
        // say unknown/unknown. A platform named with "/" would read as another.
        if (subject && !platform) {
            // The first one for an image counts, as with the platforms.
            if (!attestations.has(subject))
                attestations.set(subject, descriptor);
            continue;
        }
        if (platform === null)
            continue;
        if (!platform && isAttestation(annotations))
            continue;
        out.push({ ...descriptor, platform, annotations });
    }
    return { entries: out, attestations };
}
/** The image an attestation manifest attests, when the entry is one. */
function attestedDigest(annotations) {
    if (!isAttestation(annotations))
        return undefined;
    const digest = annotations['vnd.docker.reference.digest'];
    return Object.hasOwn(annotations, 'vnd.docker.reference.digest') &&
        typeof digest === 'string' &&
        (0,_registry_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(digest)
        ? digest
        : undefined;
}
/** An entry's platform; null when no runtime would run it. */
function platformOf(p) {
    const fields = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .structOf */ .Tb)(p, _fields_js__WEBPACK_IMPORTED_MODULE_1__/* .PLATFORM_FIELDS */ .a3, 'index entry platform');
    const text = (v) => (typeof v === 'string' ? v : '');
    const os = text(fields.os);
    const architecture = text(fields.architecture);
    const variant = typeof fields.variant === 'string' ? fields.variant : undefined;
    if (os === 'unknown' || architecture === 'unknown')
        return null;
    if ([os, architecture, variant ?? ''].some((part) => part.includes('/'))) {
        return null;
    }
    return { os, architecture, variant };
}
function isAttestation(annotations) {
    return (annotations !== undefined &&
        Object.hasOwn(annotations, 'vnd.docker.reference.type') &&
        annotations['vnd.docker.reference.type'] === 'attestation-manifest');
}
/** The platforms on offer, each once, for a message: a bounded list. */
function platformList(platforms) {
    const names = [...new Set(platforms.map(_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .formatPlatform */ .Bq))];
    const shown = names
        .slice(0, 30)
        .map((n) => (n.length > 60 ? (0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(n, 60) : n));
    const more = names.length - shown.length;
    return shown.join(', ') + (more > 0 ? ` and ${more} more` : '');
}
/** Each entry's platform, normalized; none given counts as linux/amd64. */
function platformsOf(entries) {
    return entries.map((e) => (0,_platform_js__WEBPACK_IMPORTED_MODULE_4__/* .normalizePlatform */ .FL)(e.platform ?? defaultPlatform()));
}
/** An index entry without a platform is linux/amd64, as go-containerregistry reads it. */
function defaultPlatform() {
    return { os: 'linux', architecture: 'amd64' };
}
function descriptorOf(value, what) {
    const object = (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .objectOrUndefined */ .XD)(value);
    const d = object && (0,_fields_js__WEBPACK_IMPORTED_MODULE_1__/* .structOf */ .Tb)(object, _fields_js__WEBPACK_IMPORTED_MODULE_1__/* .DESCRIPTOR_FIELDS */ .C, what);
    if (!d ||
        typeof d.digest !== 'string' ||
        typeof d.size !== 'number' ||
        !Number.isSafeInteger(d.size) ||
        d.size < 0) {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('protocol', `A ${what} descriptor in the manifest is malformed (needs a digest and a size)`);
    }
    if (!(0,_registry_digest_js__WEBPACK_IMPORTED_MODULE_0__/* .isDigest */ .Bc)(d.digest)) {
        throw new _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl('unsupported', `A ${what} descriptor has digest ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .quote */ .hD)(d.digest)}, which is not a sha256 or sha512 digest`);
    }
    return {
        digest: d.digest,
        size: d.size,
        mediaType: typeof d.mediaType === 'string' ? d.mediaType : undefined
    };
}


/***/ }),

/***/ 2554:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ formatPlatform),
/* harmony export */   FL: () => (/* binding */ normalizePlatform),
/* harmony export */   Y8: () => (/* binding */ parsePlatform),
/* harmony export */   h0: () => (/* binding */ matchPlatform)
/* harmony export */ });
/**
 * Platforms as `os/arch[/variant]`, normalized the way containerd does so
 * that `aarch64`, `arm64/v8` and `arm64` all mean the same thing.
 */
const PLATFORM_TEXT = /^[A-Za-z0-9._-]+\/[A-Za-z0-9._-]+(?:\/[A-Za-z0-9._-]+)?$/;
/** Parses `os/arch[/variant]`; returns undefined if it does not look like one. */
function parsePlatform(text) {
    if (!PLATFORM_TEXT.test(text))
        return undefined;
    const [os, architecture, variant] = text.split('/');
    return normalizePlatform({ os, architecture, variant });
}
/** Canonical spelling: lowercase, containerd's architecture aliases. */
function normalizePlatform(p) {
    let os = p.os.toLowerCase();
    if (os === 'macos')
        os = 'darwin';
    let arch = p.architecture.toLowerCase();
    let variant = p.variant?.toLowerCase() || undefined;
    switch (arch) {
        case 'i386':
            arch = '386';
            variant = undefined;
            break;
        case 'x86_64':
        case 'x86-64':
        case 'amd64':
            arch = 'amd64';
            if (variant === 'v1')
                variant = undefined;
            break;
        case 'aarch64':
        case 'arm64':
            arch = 'arm64';
            if (variant === '8' || variant === 'v8' || variant === 'v8.0') {
                variant = undefined;
            }
            else if (variant === '9' || variant === '9.0' || variant === 'v9.0') {
                variant = 'v9';
            }
            break;
        case 'armhf':
            arch = 'arm';
            variant = 'v7';
            break;
        case 'armel':
            arch = 'arm';
            variant = 'v6';
            break;
        case 'arm':
            if (variant === undefined || variant === '7')
                variant = 'v7';
            else if (/^[5-8]$/.test(variant))
                variant = `v${variant}`;
            break;
    }
    return variant
        ? { os, architecture: arch, variant }
        : { os, architecture: arch };
}
function formatPlatform(p) {
    return p.variant
        ? `${p.os}/${p.architecture}/${p.variant}`
        : `${p.os}/${p.architecture}`;
}
/**
 * Variants that can run where `wanted` runs, best first (containerd's
 * compatibility vector): arm/v7 also runs v6 and v5, amd64/v3 also v2 and
 * v1, arm64/v8.2 also v8.1 and v8, arm64/v9.1 also v9 and v8.6 down to v8.
 */
function acceptableVariants(wanted) {
    const v = wanted.variant;
    if (wanted.architecture === 'arm' && v && /^v[5-8]$/.test(v)) {
        const out = [];
        for (let n = Number(v.slice(1)); n >= 5; n--)
            out.push(`v${n}`);
        return out;
    }
    if (wanted.architecture === 'amd64' && v && /^v[2-4]$/.test(v)) {
        const out = [];
        for (let n = Number(v.slice(1)); n >= 2; n--)
            out.push(`v${n}`);
        out.push(undefined);
        return out;
    }
    const arm64 = /^v(\d+)(?:\.(\d+))?$/.exec(v ?? '');
    if (wanted.architecture === 'arm64' && arm64 && Number(arm64[1]) >= 8) {
        return arm64Levels(Number(arm64[1]), Number(arm64[2] ?? 0));
    }
    return [v];
}
/**
 * arm64 levels from `major.minor` down, as containerd orders them: the
 * minors of the same major, then, from v9, the v8 line, since v9.0 forked
 * from v8.5 (v9.x runs v8.(x+5)). Plain arm64 is v8, the variant-less name.
 */
function arm64Levels(major, minor) {
    const name = (ma, mi) => mi > 0 ? `v${ma}.${mi}` : ma === 8 ? undefined : `v${ma}`;
    const out = [];
    for (let m = minor; m >= 0; m--)
        out.push(name(major, m));
    if (major === 9)
        for (let m = minor + 5; m >= 0; m--)
            out.push(name(8, m));
    return out;
}
/**
 * Index of the entry that best matches `wanted`, or -1. The first matching
 * entry wins (image-spec); without a variant asked for, any variant of the
 * same os/arch is accepted when no variant-less entry exists.
 */
function matchPlatform(wanted, candidates) {
    const want = normalizePlatform(wanted);
    const normalized = candidates.map(normalizePlatform);
    const sameArch = (p) => p.os === want.os && p.architecture === want.architecture;
    for (const variant of acceptableVariants(want)) {
        const i = normalized.findIndex((p) => sameArch(p) && p.variant === variant);
        if (i !== -1)
            return i;
    }
    if (want.variant === undefined)
        return normalized.findIndex(sameArch);
    return -1;
}


/***/ }),

/***/ 116:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   M: () => (/* binding */ PER_REGISTRY_CONCURRENCY),
/* harmony export */   s: () => (/* binding */ mapLimit)
/* harmony export */ });
/** Work on many items, a few at a time. */
/** Per registry, how many requests-heavy jobs (inspections) run at once. */
const PER_REGISTRY_CONCURRENCY = 4;
/**
 * `work` on every item, at most `limit` at once, results in item order.
 * After a failure no new item starts; the first failure is thrown once the
 * running ones have settled.
 */
async function mapLimit(items, limit, work) {
    const results = new Array(items.length);
    let next = 0;
    let failure;
    const worker = async () => {
        while (!failure && next < items.length) {
            const i = next++;
            try {
                results[i] = await work(items[i], i);
            }
            catch (error) {
                failure ??= { error };
            }
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    if (failure)
        throw failure.error;
    return results;
}


/***/ }),

/***/ 5852:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  GW: () => (/* binding */ MAX_CONFIG_BYTES),
  bP: () => (/* binding */ RegistryClient),
  c0: () => (/* binding */ mediaTypeOf)
});

// UNUSED EXPORTS: MAX_MANIFEST_BYTES, MAX_TAGS, MAX_TAG_LIST_BYTES, MAX_TAG_PAGES, TAG_PAGE_SIZE

// EXTERNAL MODULE: ./node_modules/content-type/index.js
var content_type = __nccwpck_require__(756);
// EXTERNAL MODULE: ./src/registry/errors.ts
var registry_errors = __nccwpck_require__(6764);
// EXTERNAL MODULE: ./src/registry/transport.ts + 1 modules
var transport = __nccwpck_require__(2125);
;// CONCATENATED MODULE: ./src/registry/auth/challenge.ts
/**
 * `WWW-Authenticate` parsing per RFC 7235/9110: several challenges in one
 * value (Node joins repeated headers with ", "), quoted strings with commas
 * and escapes, case-insensitive names. A linear scanner, no regex backtracking.
 */
const TCHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const TOKEN68_CHAR = /[A-Za-z0-9\-._~+/]/;
function parseChallenges(header) {
    const scanner = new ChallengeScanner(header);
    const out = [];
    while (!scanner.done()) {
        scanner.skip(' \t,');
        if (scanner.done())
            break;
        const scheme = scanner.token();
        if (!scheme) {
            scanner.skipChar(); // not a challenge start: skip the stray character
            continue;
        }
        const challenge = {
            scheme: scheme.toLowerCase(),
            params: Object.create(null)
        };
        out.push(challenge);
        scanner.skip(' \t');
        const token68 = scanner.token68();
        if (token68 !== undefined)
            challenge.token68 = token68;
        else
            scanner.params(challenge.params);
    }
    return out;
}
/** A cursor over one header value; each read moves past what it read. */
class ChallengeScanner {
    s;
    i = 0;
    constructor(s) {
        this.s = s;
    }
    done() {
        return this.i >= this.s.length;
    }
    skipChar() {
        this.i++;
    }
    skip(chars) {
        while (this.i < this.s.length && chars.includes(this.s[this.i]))
            this.i++;
    }
    token() {
        const start = this.i;
        while (this.i < this.s.length && TCHAR.test(this.s[this.i]))
            this.i++;
        return this.s.slice(start, this.i);
    }
    quoted() {
        const s = this.s;
        if (s[this.i] !== '"')
            return undefined;
        this.i++;
        let value = '';
        while (this.i < s.length) {
            const c = s[this.i++];
            if (c === '"')
                return value;
            if (c === '\\' && this.i < s.length)
                value += s[this.i++];
            else
                value += c;
        }
        return undefined; // unterminated
    }
    /** token68, e.g. `Negotiate abc==`; if there is none, nothing is read. */
    token68() {
        const s = this.s;
        const start = this.i;
        while (this.i < s.length && TOKEN68_CHAR.test(s[this.i]))
            this.i++;
        while (this.i < s.length && s[this.i] === '=')
            this.i++;
        const end = this.i;
        this.skip(' \t');
        // `name=value` is a parameter; `abc==` alone before "," or the end is token68
        if (end > start && (this.done() || s[this.i] === ',')) {
            return s.slice(start, end);
        }
        this.i = start;
        return undefined;
    }
    /** auth-params into `params` until the next scheme or the end. */
    params(params) {
        const s = this.s;
        for (;;) {
            this.skip(' \t,');
            const start = this.i;
            const name = this.token();
            if (!name)
                break;
            this.skip(' \t');
            if (s[this.i] !== '=') {
                this.i = start; // a new challenge's scheme
                break;
            }
            this.i++;
            this.skip(' \t');
            const value = s[this.i] === '"' ? this.quoted() : this.token();
            if (value === undefined)
                break;
            params[name.toLowerCase()] = value;
        }
    }
}
/** The challenge to answer: Bearer over Basic; others are not supported. */
function pickChallenge(challenges) {
    return (challenges.find((c) => c.scheme === 'bearer') ??
        challenges.find((c) => c.scheme === 'basic'));
}

;// CONCATENATED MODULE: ./src/registry/auth/authenticator.ts
/**
 * Answers registry challenges: Bearer tokens from the realm (anonymous, or
 * with credentials as Basic to the realm) and plain Basic to the registry.
 * Tokens are cached per realm, service and scope for the run, and concurrent
 * requests for the same token share one fetch.
 */



const MAX_TOKEN_BODY = 1024 * 1024;
/** 401 → token → retry, plus one re-scope for insufficient_scope. */
const MAX_AUTH_ATTEMPTS = 3;
const MAX_PING_BODY = 64 * 1024;
/** Real tokens (JWTs, GCR's, ACR's) are a few KB at most. */
const MAX_TOKEN_CHARS = 16 * 1024;
const MIN_MASKED_CHARS = 8;
const CLIENT_ID = 'remote-image-inspect';
/** How registries say "no OAuth2 POST here": GCR 404, JFrog 401, ACR 400. */
const POST_REFUSED = new Set([400, 401, 404, 405]);
/** token spec: tokens live at least 60 s; refresh a little early. */
const MIN_TOKEN_LIFETIME_S = 60;
const EARLY_REFRESH_MS = 5_000;
class Authenticator {
    options;
    tokens = new Map();
    /** Counts token fetches; a request notes it to tell new tokens from old. */
    serial = 0;
    /** The challenge this registry sent last; reused for other scopes. */
    challenge;
    /** Nothing was sent to the registry yet (its connection is not open). */
    untouched = true;
    constructor(options) {
        this.options = options;
    }
    /**
     * Sends a request to the registry with the authorization its challenges
     * ask for: the header known for `scope` first, then on a 401 the answer to
     * the new challenge, at most MAX_AUTH_ATTEMPTS times. Returns the last
     * answer, whatever its status, and whether credentials went with it.
     */
    async send(url, scope, options) {
        const since = this.serial;
        // A background check leaves the warm-up to the main work.
        let authorization = this.untouched && !options.background
            ? await this.firstHeader(scope)
            : await this.headerFor(scope);
        for (let attempt = 1;; attempt++) {
            const headers = { ...options.headers };
            if (authorization)
                headers.Authorization = authorization;
            const response = await this.options.transport.send(url, {
                ...options,
                headers
            });
            const authenticated = authorization !== undefined;
            // Only the registry's own 401 is a challenge: a CDN it redirected
            // to must not choose where the credentials go.
            if (response.status !== 401 ||
                attempt >= MAX_AUTH_ATTEMPTS ||
                response.url.origin !== this.options.registry.origin) {
                return { response, authenticated };
            }
            let challenges = parseChallenges(headerText(response.headers['www-authenticate']));
            // GCR answers some 401s without a challenge: ask /v2/ for it (an
            // empty list then answers the challenge already known).
            if (challenges.length === 0 && !this.hasChallenge()) {
                const fromPing = await this.ping();
                const usable = pickChallenge(fromPing);
                if (usable)
                    this.setKnownChallenge(usable);
                else
                    challenges = fromPing;
            }
            const next = await this.onUnauthorized(challenges, scope, authorization, since);
            if (next === undefined)
                return { response, authenticated };
            authorization = next;
        }
    }
    /**
     * The header for the first request. With a realm known before any answer
     * (Docker Hub, GHCR), the token is fetched while the connection warms up.
     */
    async firstHeader(scope) {
        if (!this.canWarmUp()) {
            this.untouched = false;
            return this.headerFor(scope);
        }
        return this.whileWarmingUp(() => this.headerFor(scope));
    }
    /** Nothing sent yet, and a token to fetch from a realm known up front. */
    canWarmUp() {
        return (this.untouched &&
            this.challenge !== undefined &&
            !this.options.credentials?.registryToken);
    }
    /**
     * Runs `tokenWork` while a bodiless `GET /v2/` opens the registry's
     * connection (TCP, TLS), so the request that follows the token does not
     * pay for them. The warm-up is waited for no longer than the token took:
     * a new connection is never worse.
     */
    async whileWarmingUp(tokenWork) {
        this.untouched = false;
        const warm = this.options.transport
            .send(new URL('/v2/', this.options.registry), {
            maxBytes: MAX_PING_BODY,
            what: 'connection warm-up',
            noRetry: true
        })
            .then(() => undefined, () => undefined);
        const started = Date.now();
        const result = await tokenWork();
        let timer;
        await Promise.race([
            warm,
            new Promise((resolve) => {
                timer = setTimeout(resolve, Date.now() - started);
            })
        ]);
        clearTimeout(timer);
        // The socket goes back to the pool just after the answer ends.
        await new Promise((resolve) => setImmediate(resolve));
        return result;
    }
    /**
     * Before many requests for several scopes: learn the challenge once and
     * ask for one token covering them all. Best effort: any failure leaves
     * each request to authenticate (and report) by itself.
     */
    async prepare(scopes) {
        if (scopes.length < 2)
            return;
        try {
            if (!this.hasChallenge()) {
                const challenge = pickChallenge(await this.ping());
                if (!challenge)
                    return;
                this.setKnownChallenge(challenge);
            }
            if (this.canWarmUp()) {
                await this.whileWarmingUp(() => this.prefetch(scopes));
            }
            else {
                await this.prefetch(scopes);
            }
        }
        catch {
            // each request will authenticate by itself
        }
    }
    /** The challenges `GET /v2/` carries (only realm and service are kept). */
    async ping() {
        this.untouched = false;
        const response = await this.options.transport.send(new URL('/v2/', this.options.registry), { maxBytes: MAX_PING_BODY, what: 'API version check' });
        if (response.status !== 401)
            return [];
        return parseChallenges(headerText(response.headers['www-authenticate']));
    }
    /** Lets a caller that knows the realm (Docker Hub) skip the 401 round trip. */
    setKnownChallenge(challenge) {
        this.challenge ??= withoutRequestParams(challenge);
    }
    /**
     * One token for several repositories, where the token server grants it,
     * cached for each scope. A scope it did not grant costs a 401 later and a
     * token of its own then (requests started after this fetch may refetch).
     */
    async prefetch(scopes) {
        const challenge = this.challenge;
        const realm = challenge?.params.realm;
        if (challenge?.scheme !== 'bearer' || !realm || scopes.length === 0)
            return;
        if (this.options.credentials?.registryToken)
            return;
        const realmUrl = this.validateRealm(realm);
        const service = challenge.params.service;
        const entry = this.fetchToken(realmUrl, service, scopes);
        const keys = scopes.map((s) => [realmUrl.href, service ?? '', s].join('\n'));
        for (const key of keys)
            this.tokens.set(key, entry);
        await entry.catch(() => {
            for (const key of keys)
                this.tokens.delete(key);
        });
    }
    hasChallenge() {
        return this.challenge !== undefined;
    }
    /** The Authorization header to send for `scope` before any 401, if known. */
    async headerFor(scope) {
        const challenge = this.challenge;
        if (!challenge)
            return undefined;
        return this.answer(challenge, scope);
    }
    /**
     * Handles a 401's challenges and returns the header to retry with, or
     * undefined if there is nothing new to try. `since` is `serial` when the
     * request began: a token fetched after that and still refused means no
     * access, so it is not fetched again.
     */
    async onUnauthorized(challenges, scope, previous, since) {
        const challenge = pickChallenge(challenges) ??
            // Some registries (GCR) omit the challenge on the real request.
            (challenges.length === 0 ? this.challenge : undefined);
        if (!challenge) {
            if (challenges.length > 0) {
                const schemes = challenges.map((c) => c.scheme).join(', ');
                throw new registry_errors/* RegistryError */.gl('auth', `The registry asks for an authentication scheme this action does not support (${(0,registry_errors/* quote */.hD)(schemes)})`, 401);
            }
            return undefined;
        }
        // Remember where tokens come from, not what this request lacked: a
        // stored scope or error would leak into other repositories' requests.
        this.challenge = withoutRequestParams(challenge);
        const header = await this.answer(challenge, scope, previous, since);
        return header === previous ? undefined : header;
    }
    async answer(challenge, scope, previous, since = -Infinity) {
        const { credentials } = this.options;
        if (challenge.scheme === 'basic') {
            return credentials && !credentials.identityToken
                ? basic(credentials)
                : undefined;
        }
        // A registry token from the docker config is the bearer token itself.
        if (credentials?.registryToken)
            return `Bearer ${credentials.registryToken}`;
        const realm = challenge.params.realm;
        if (!realm) {
            throw new registry_errors/* RegistryError */.gl('protocol', 'The registry sent a Bearer challenge without a realm, so there is no token server to ask');
        }
        const realmUrl = this.validateRealm(realm);
        const service = challenge.params.service;
        // The scope we need comes first; a scope the registry names (for
        // insufficient_scope) is added, never trusted instead of ours.
        const scopes = [scope];
        if (challenge.params.error === 'insufficient_scope' &&
            challenge.params.scope) {
            for (const s of challenge.params.scope.split(' ')) {
                if (s && !scopes.includes(s))
                    scopes.push(s);
            }
        }
        const key = [realmUrl.href, service ?? '', ...scopes].join('\n');
        const pending = this.tokens.get(key);
        if (pending) {
            const cached = await pending.catch(() => undefined);
            const now = this.now();
            if (cached) {
                const header = `Bearer ${cached.value}`;
                const live = cached.expiresAt - EARLY_REFRESH_MS > now;
                if (header !== previous && live)
                    return header;
                if (header === previous && cached.serial > since)
                    return header;
            }
        }
        const entry = this.fetchToken(realmUrl, service, scopes);
        this.tokens.set(key, entry);
        entry.catch(() => this.tokens.delete(key));
        return `Bearer ${(await entry).value}`;
    }
    /**
     * Asks the runner to hide a secret from the log. A token server chooses
     * these strings: a very short one would hide every occurrence of common
     * text and make the log unreadable, and it is no secret worth hiding.
     */
    mask(secret) {
        if (secret.length >= MIN_MASKED_CHARS)
            this.options.onSecret?.(secret);
    }
    now() {
        return (this.options.now ?? Date.now)();
    }
    /** Credentials may only go where the URL policy allows, seen from the registry. */
    validateRealm(realm) {
        let url;
        try {
            url = new URL(realm, this.options.registry);
        }
        catch {
            throw new registry_errors/* RegistryError */.gl('protocol', "The registry's token realm is not a valid URL");
        }
        this.options.transport.policy.check(url, "the registry's token realm", this.options.registry);
        return url;
    }
    async fetchToken(realm, service, scopes) {
        const serial = ++this.serial;
        const { credentials } = this.options;
        this.options.onDebug?.(`Token from ${(0,transport/* redact */.E$)(realm)} (service ${service ?? 'none'}) for ${scopes.join(' ')}, ${credentials ? 'with credentials' : 'anonymous'}`);
        let response;
        if (credentials?.identityToken) {
            response = await this.refreshTokenGrant(realm, service, scopes, credentials.identityToken);
        }
        // GET is the token protocol every registry speaks; it is also the
        // fallback for registries that refuse the OAuth2 POST (GCR, ACR, JFrog).
        if (!response || POST_REFUSED.has(response.status)) {
            response = await this.getToken(realm, service, scopes, credentials);
        }
        if (response.status !== 200) {
            const errors = (0,registry_errors/* parseErrorBody */.kW)(response.body);
            const detail = errors.length ? ` (${(0,registry_errors/* describeErrors */.rg)(errors)})` : '';
            const hint = (response.status === 401 || response.status === 403) && credentials
                ? ': the credentials were rejected'
                : '';
            throw new registry_errors/* RegistryError */.gl('auth', `The token server ${realm.origin} answered ${response.status}${hint}${detail}`, response.status, errors);
        }
        return this.readToken(realm, response.body, serial);
    }
    /** The token in a token server's 200 answer, checked, masked and dated. */
    readToken(realm, data, serial) {
        let parsed;
        try {
            parsed = JSON.parse(data.toString('utf8'));
        }
        catch {
            throw new registry_errors/* RegistryError */.gl('protocol', `The token server ${realm.origin} did not answer with JSON`);
        }
        if (typeof parsed !== 'object' || parsed === null) {
            throw new registry_errors/* RegistryError */.gl('protocol', `The token server ${realm.origin} did not answer with a JSON object`);
        }
        const body = parsed;
        const value = (typeof body.token === 'string' && body.token) ||
            (typeof body.access_token === 'string' && body.access_token) ||
            '';
        if (!value) {
            throw new registry_errors/* RegistryError */.gl('protocol', `The token server ${realm.origin} answered without a token`);
        }
        // It goes into an Authorization header: printable, no spaces, bounded.
        if (value.length > MAX_TOKEN_CHARS || !/^[\x21-\x7e]+$/.test(value)) {
            throw new registry_errors/* RegistryError */.gl('protocol', `The token server ${realm.origin} answered a token that cannot be a bearer token (${value.length} characters; at most ${MAX_TOKEN_CHARS} printable ones without spaces)`);
        }
        // A token won with credentials is theirs to keep secret. One handed
        // to anyone is no secret, and masking it would let the token server
        // choose what the log hides (a digest, words of our own). A refresh
        // token in the answer is never used, so never shown or masked.
        if (this.options.credentials)
            this.mask(value);
        const now = this.now();
        const expiresIn = Math.max(typeof body.expires_in === 'number' ? body.expires_in : 0, MIN_TOKEN_LIFETIME_S);
        let issuedAt = typeof body.issued_at === 'string' ? Date.parse(body.issued_at) : NaN;
        // A clock skewed into the future would make the token look fresh
        // forever; one far in the past, expired at once and fetched again for
        // every request. Either way, count from now.
        if (!Number.isFinite(issuedAt) ||
            issuedAt > now ||
            issuedAt + expiresIn * 1000 <= now) {
            issuedAt = now;
        }
        return { value, expiresAt: issuedAt + expiresIn * 1000, serial };
    }
    /** The token protocol's GET: scopes as repeated parameters, credentials as Basic. */
    getToken(realm, service, scopes, credentials) {
        const url = new URL(realm.href); // keep any query the realm already has
        if (service)
            url.searchParams.set('service', service);
        for (const s of scopes)
            url.searchParams.append('scope', s);
        const headers = { Accept: 'application/json' };
        if (credentials?.identityToken) {
            headers.Authorization = basic({
                username: credentials.username || '<token>',
                password: credentials.identityToken
            });
        }
        else if (credentials) {
            url.searchParams.set('account', credentials.username);
            headers.Authorization = basic(credentials);
        }
        return this.options.transport.send(url, {
            headers,
            maxBytes: MAX_TOKEN_BODY,
            what: 'token response'
        });
    }
    /** OAuth2 refresh-token grant: one space-separated `scope` field (token spec). */
    refreshTokenGrant(realm, service, scopes, refreshToken) {
        const form = new URLSearchParams({
            grant_type: 'refresh_token',
            refresh_token: refreshToken,
            client_id: CLIENT_ID,
            scope: scopes.join(' ')
        });
        if (service)
            form.set('service', service);
        return this.options.transport.send(realm, {
            method: 'POST',
            body: form.toString(),
            headers: {
                'Content-Type': 'application/x-www-form-urlencoded',
                Accept: 'application/json'
            },
            maxBytes: MAX_TOKEN_BODY,
            what: 'token response'
        });
    }
}
function withoutRequestParams(challenge) {
    const params = Object.assign(Object.create(null), challenge.params);
    delete params.scope;
    delete params.error;
    delete params.error_description;
    return { ...challenge, params };
}
/** Node joins repeated headers with ", " except a few; an array is joined too. */
function headerText(value) {
    return (Array.isArray(value) ? value.join(', ') : value) ?? '';
}
function basic({ username, password }) {
    return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

// EXTERNAL MODULE: ./src/registry/media-types.ts
var media_types = __nccwpck_require__(9867);
// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __nccwpck_require__(9310);
// EXTERNAL MODULE: ./src/registry/digest.ts
var registry_digest = __nccwpck_require__(5035);
;// CONCATENATED MODULE: ./src/registry/client.ts
/**
 * A registry client for one registry: manifests and blobs over the
 * distribution API, authenticated on demand, every digest verified.
 */







const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_CONFIG_BYTES = 4 * 1024 * 1024;
const MAX_TAG_PAGE_BYTES = 8 * 1024 * 1024;
/** Registries answer up to this many tags per page; ECR refuses more than 1000. */
const TAG_PAGE_SIZE = 1000;
/** Budgets for a tag list, which the registry sizes. */
const MAX_TAG_PAGES = 1000;
const MAX_TAGS = 100_000;
const MAX_TAG_LIST_BYTES = 16 * 1024 * 1024;
/** A `next` link is a few hundred bytes; a longer Link header is not parsed. */
const MAX_LINK_HEADER_CHARS = 8 * 1024;
const MAX_ERROR_BYTES = 64 * 1024;
/** A Bearer challenge, as a registry would send it. */
const bearer = (realm, service) => ({
    scheme: 'bearer',
    params: Object.assign(Object.create(null), {
        realm,
        service
    })
});
/**
 * Token services known up front (what their registries' 401s name), so the
 * token is fetched first, while the registry's connection opens.
 */
const KNOWN_CHALLENGES = {
    [reference/* DOCKER_HUB_API */.sg]: bearer('https://auth.docker.io/token', 'registry.docker.io'),
    'ghcr.io': bearer('https://ghcr.io/token', 'ghcr.io')
};
class RegistryClient {
    base;
    transport;
    auth;
    ownsTransport;
    cache;
    /** Plain http: a loopback registry, or one the user listed. */
    plain;
    constructor(options) {
        const host = (0,reference/* apiHost */.nz)(options.domain);
        const plain = options.insecure || (0,reference/* isLoopbackHost */.cW)(host);
        this.plain = plain;
        this.base = new URL(`${plain ? 'http' : 'https'}://${host}`);
        this.ownsTransport = !options.transport;
        this.cache = options.cache;
        this.transport = options.transport ?? new transport/* Transport */.oK();
        if (options.referredBy) {
            this.transport.policy.addReferred(host, options.referredBy);
        }
        else {
            this.namedByUser();
        }
        this.auth = new Authenticator({
            transport: this.transport,
            credentials: options.credentials,
            registry: this.base,
            onSecret: options.onSecret,
            onDebug: options.onDebug,
            now: options.now
        });
        const known = options.knownChallenge ?? KNOWN_CHALLENGES[host];
        if (known)
            this.auth.setKnownChallenge(known);
    }
    /**
     * Fetches a manifest by tag or digest and verifies its digest. The cache
     * answers only when the caller says the registry confirmed the digest in
     * this repository (a HEAD for it, or a verified manifest that lists it):
     * a shared cache must not vouch for a repository that lacks the digest or
     * that the runner's credentials cannot read. `size`, when a descriptor
     * gives one, must be the manifest's length.
     */
    async getManifest(repository, reference, { confirmed = false, size, background = false } = {}) {
        const manifest = await this.readManifest(repository, reference, confirmed, background);
        if (size !== undefined && manifest.bytes.length !== size) {
            throw new registry_errors/* RegistryError */.gl('integrity', `The manifest ${reference} is ${manifest.bytes.length} bytes, but the index says ${size}`);
        }
        return manifest;
    }
    async readManifest(repository, reference, confirmed, background) {
        if (this.cache && confirmed && (0,registry_digest/* isDigest */.Bc)(reference)) {
            const cached = this.cache.get(reference, MAX_MANIFEST_BYTES, this.scope(repository));
            if (cached) {
                // Content type is sniffed from the body (see parseManifest).
                return {
                    bytes: cached,
                    contentType: '',
                    digest: reference,
                    headers: {}
                };
            }
        }
        const manifest = await this.fetchManifest(repository, reference, background);
        this.cache?.put(manifest.digest, manifest.bytes, this.scope(repository));
        return manifest;
    }
    async fetchManifest(repository, reference, background) {
        const path = `/v2/${repository}/manifests/${reference}`;
        const response = await this.get(repository, path, {
            accept: media_types/* MANIFEST_ACCEPT */.dY,
            maxBytes: MAX_MANIFEST_BYTES,
            what: 'manifest',
            background
        });
        const expected = reference.includes(':') ? reference : undefined;
        const algorithm = expected ? expected.split(':')[0] : 'sha256';
        const digest = (0,registry_digest/* digestOf */.ol)(response.body, algorithm);
        if (expected && digest !== expected) {
            throw new registry_errors/* RegistryError */.gl('integrity', `The manifest served for ${expected} has digest ${digest}: the registry sent different content than asked for`);
        }
        const header = headerValue(response.headers['docker-content-digest']);
        if (header) {
            const headerAlgorithm = header.split(':')[0];
            const check = headerAlgorithm === algorithm
                ? digest
                : (0,registry_digest/* isSupportedAlgorithm */.e5)(headerAlgorithm)
                    ? (0,registry_digest/* digestOf */.ol)(response.body, headerAlgorithm)
                    : undefined;
            if (check !== undefined && check !== header) {
                throw new registry_errors/* RegistryError */.gl('integrity', `The manifest's Docker-Content-Digest header says ${(0,registry_errors/* quote */.hD)(header, 140)} but its bytes hash to ${check}`);
            }
        }
        return {
            bytes: response.body,
            contentType: mediaTypeOf(response.headers['content-type']),
            digest,
            headers: response.headers
        };
    }
    /** Fetches a blob (following redirects) and checks its size and digest. */
    async getBlob(repository, descriptor, maxBytes, what) {
        // Only what this repository served before (the cache keeps entries
        // per repository).
        const cached = this.cache?.get(descriptor.digest, Math.min(descriptor.size, maxBytes), this.scope(repository));
        if (cached && cached.length === descriptor.size)
            return cached;
        if (descriptor.size > maxBytes) {
            throw new registry_errors/* RegistryError */.gl('too-large', `The ${what} is ${descriptor.size} bytes, more than the ${maxBytes}-byte limit`);
        }
        const path = `/v2/${repository}/blobs/${descriptor.digest}`;
        let response;
        try {
            // Never read more than the descriptor promises.
            response = await this.get(repository, path, {
                maxBytes: descriptor.size,
                what
            });
        }
        catch (error) {
            if (error instanceof registry_errors/* RegistryError */.gl && error.kind === 'too-large') {
                throw new registry_errors/* RegistryError */.gl('integrity', `The ${what} ${descriptor.digest} is longer than the ${descriptor.size} bytes the manifest declares`);
            }
            throw error;
        }
        const algorithm = descriptor.digest.split(':')[0];
        const digest = (0,registry_digest/* digestOf */.ol)(response.body, algorithm);
        if (digest !== descriptor.digest) {
            throw new registry_errors/* RegistryError */.gl('integrity', `The ${what} ${descriptor.digest} arrived with different content (sha ${digest}, ${response.body.length} bytes)`);
        }
        if (response.body.length !== descriptor.size) {
            throw new registry_errors/* RegistryError */.gl('integrity', `The ${what} is ${response.body.length} bytes, but the manifest says ${descriptor.size}`);
        }
        this.cache?.put(descriptor.digest, response.body, this.scope(repository));
        return response.body;
    }
    /**
     * The digest a reference points to, from a HEAD (which Docker Hub does not
     * count as a pull); GET only when the registry gives no digest on HEAD.
     * `background`: a check beside the main work, on connections of its own.
     */
    async resolveDigest(repository, reference, { background = false } = {}) {
        const path = `/v2/${repository}/manifests/${reference}`;
        let response;
        try {
            response = await this.get(repository, path, {
                accept: media_types/* MANIFEST_ACCEPT */.dY,
                maxBytes: 0,
                what: 'manifest',
                method: 'HEAD',
                background
            });
        }
        catch (error) {
            // 405 and friends: the registry does not do HEAD properly; GET below.
            if (!(error instanceof registry_errors/* RegistryError */.gl) || error.status === 404)
                throw error;
            if (error.kind === 'auth' || error.kind === 'rate-limit')
                throw error;
        }
        const header = response
            ? headerValue(response.headers['docker-content-digest'])
            : undefined;
        if (header && (0,registry_digest/* isDigest */.Bc)(header)) {
            return { digest: header, method: 'HEAD', headers: response.headers };
        }
        const manifest = await this.getManifest(repository, reference, {
            background
        });
        return { digest: manifest.digest, method: 'GET', headers: manifest.headers };
    }
    /**
     * Every tag of a repository, following `Link: <…>; rel="next"` (same
     * origin only, relative or absolute), asking for large pages. A registry
     * sizes this answer, so it is budgeted: pages, entries read and bytes,
     * each with a clear error, and a page that repeats stops it. Entries that
     * break the tag grammar are left out (and counted): a tag is later
     * printed, compared and put into a reference.
     */
    async listTags(repository, options = {}) {
        const pageSize = options.pageSize ?? TAG_PAGE_SIZE;
        const maxPages = options.maxPages ?? MAX_TAG_PAGES;
        const maxTags = options.maxTags ?? MAX_TAGS;
        const seen = new Set();
        let ignored = 0;
        let entries = 0;
        let bytes = 0;
        const visited = new Set();
        // Loaded here: only tag listing needs an RFC 8288 parser.
        const { default: LinkHeader } = await __nccwpck_require__.e(/* import() */ 495).then(__nccwpck_require__.t.bind(__nccwpck_require__, 495, 23));
        let next = new URL(`/v2/${repository}/tags/list?n=${pageSize}`, this.base);
        // The limits are fixed: no input raises them.
        const tooMany = (what) => new registry_errors/* RegistryError */.gl('too-large', `${repository} has more tags than ${what}, the most this action reads; stopped listing (${seen.size} tags read)`);
        for (let page = 0; next; page++) {
            if (page >= maxPages)
                throw tooMany(`${maxPages} pages of ${pageSize}`);
            visited.add(next.href);
            // The URL itself, already checked to be on the registry: its path
            // is never read again as a reference (a "//host" path would be).
            const response = await this.get(repository, next, {
                maxBytes: MAX_TAG_PAGE_BYTES,
                what: 'tag list'
            });
            bytes += response.body.length;
            if (bytes > MAX_TAG_LIST_BYTES) {
                throw tooMany(`${MAX_TAG_LIST_BYTES / 1024 / 1024} MiB of tag list`);
            }
            let body;
            try {
                body = JSON.parse(response.body.toString('utf8'));
            }
            catch {
                throw new registry_errors/* RegistryError */.gl('protocol', 'The tag list is not valid JSON');
            }
            const list = Array.isArray(body?.tags) ? body.tags : [];
            entries += list.length;
            if (entries > maxTags)
                throw tooMany(`${maxTags} entries`);
            for (const tag of list) {
                if (typeof tag === 'string' && (0,reference/* isTag */.dz)(tag))
                    seen.add(tag);
                else
                    ignored++;
            }
            next = nextPage(response, this.base, LinkHeader);
            if (next && visited.has(next.href)) {
                throw new registry_errors/* RegistryError */.gl('protocol', `The registry's tag pagination loops back to a page already read (${(0,transport/* redact */.E$)(next)})`);
            }
        }
        return { tags: [...seen], ignored };
    }
    /**
     * Before many inspections on this registry: one token for every
     * repository, where the token server allows it (best effort).
     */
    async prepare(repositories) {
        await this.auth.prepare([...new Set(repositories)].map((r) => `repository:${r}:pull`));
    }
    /**
     * The user named this registry: its own address is never refused, and
     * plain http is allowed where they said so.
     */
    namedByUser() {
        this.transport.policy.addRegistry(this.base.host, { insecure: this.plain });
    }
    dispose() {
        if (this.ownsTransport)
            this.transport.dispose();
    }
    /** A repository of this registry, as the cache keeps entries apart. */
    scope(repository) {
        return `${this.base.host}/${repository}`;
    }
    /** GET with auth; non-2xx answers become RegistryErrors. */
    async get(repository, path, options) {
        const url = typeof path === 'string' ? new URL(path, this.base) : path;
        if (url.origin !== this.base.origin) {
            throw new registry_errors/* RegistryError */.gl('security', `Refusing to send a request for ${repository} to ${url.origin}, which is not the registry`);
        }
        const { response, authenticated } = await this.auth.send(url, `repository:${repository}:pull`, {
            method: options.method,
            headers: options.accept ? { Accept: options.accept } : {},
            maxBytes: options.maxBytes,
            what: options.what,
            background: options.background
        });
        if (response.status >= 200 && response.status < 300)
            return response;
        throw this.failure(response, options.what, authenticated);
    }
    failure(response, what, authenticated) {
        const errors = (0,registry_errors/* parseErrorBody */.kW)(response.body.subarray(0, MAX_ERROR_BYTES));
        const status = response.status;
        const detail = errors.length ? `: ${(0,registry_errors/* describeErrors */.rg)(errors)}` : '';
        const where = `${(0,transport/* redact */.E$)(response.url)}`;
        const kind = status === 401 || status === 403
            ? 'auth'
            : status === 404
                ? 'not-found'
                : 'http';
        const note = status === 401 && !authenticated ? ' (no credentials were sent)' : '';
        return new registry_errors/* RegistryError */.gl(kind, `The registry answered ${status} for the ${what} (${where})${note}${detail}`, status, errors, what);
    }
}
/** The `rel="next"` target of a Link header, if it stays on the registry. */
function nextPage(response, base, LinkHeader) {
    const header = headerValue(response.headers.link);
    if (!header)
        return undefined;
    if (header.length > MAX_LINK_HEADER_CHARS) {
        throw new registry_errors/* RegistryError */.gl('too-large', `The tag list's Link header is ${header.length} characters, more than the ${MAX_LINK_HEADER_CHARS} this action reads`);
    }
    let target;
    try {
        target = LinkHeader.parse(header).rel('next')[0]?.uri;
    }
    catch {
        throw new registry_errors/* RegistryError */.gl('protocol', 'The tag list has an unreadable Link header');
    }
    if (!target)
        return undefined;
    let url;
    try {
        url = new URL(target, response.url);
    }
    catch {
        throw new registry_errors/* RegistryError */.gl('protocol', "The tag list's Link header points at something that is not a URL");
    }
    if (url.origin !== base.origin) {
        throw new registry_errors/* RegistryError */.gl('security', `The tag list points its next page at another host (${(0,transport/* redact */.E$)(url)}); refusing to follow`);
    }
    return url;
}
function headerValue(value) {
    return Array.isArray(value) ? value.join(', ') : value;
}
/** The media type of a Content-Type header, parameters dropped, lowercased. */
function mediaTypeOf(value) {
    const text = headerValue(value);
    if (!text)
        return '';
    try {
        return (0,content_type/* parse */.q)(text).type;
    }
    catch {
        return text.split(';')[0].trim().toLowerCase();
    }
}


/***/ }),

/***/ 5035:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   Bc: () => (/* binding */ isDigest),
/* harmony export */   e5: () => (/* binding */ isSupportedAlgorithm),
/* harmony export */   ol: () => (/* binding */ digestOf)
/* harmony export */ });
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6764);
/** Content digests: the algorithms we verify, and hashing bytes with them. */


const DIGEST = /^(?:sha256:[a-f0-9]{64}|sha512:[a-f0-9]{128})$/;
/** True for a digest we can verify: sha256 or sha512, lowercase hex. */
function isDigest(text) {
    return DIGEST.test(text);
}
function isSupportedAlgorithm(algorithm) {
    return algorithm === 'sha256' || algorithm === 'sha512';
}
function digestOf(bytes, algorithm = 'sha256') {
    if (!isSupportedAlgorithm(algorithm)) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .gl('unsupported', `Digest algorithm ${algorithm} is not supported`);
    }
    return `${algorithm}:${(0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)(algorithm).update(bytes).digest('hex')}`;
}


/***/ }),

/***/ 6764:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   gl: () => (/* binding */ RegistryError),
/* harmony export */   hD: () => (/* binding */ quote),
/* harmony export */   kW: () => (/* binding */ parseErrorBody),
/* harmony export */   rg: () => (/* binding */ describeErrors)
/* harmony export */ });
/** An error from talking to a registry; `message` says what happened. */
class RegistryError extends Error {
    kind;
    status;
    errors;
    resource;
    remedy;
    constructor(kind, message, status, errors = [], 
    /** What was being fetched ("manifest", "config blob"...), for messages. */
    resource, remedy) {
        super(message);
        this.kind = kind;
        this.status = status;
        this.errors = errors;
        this.resource = resource;
        this.remedy = remedy;
        this.name = 'RegistryError';
    }
    /** True if the registry sent this error code (e.g. `MANIFEST_UNKNOWN`). */
    has(code) {
        return this.errors.some((e) => e.code === code);
    }
}
/**
 * Parses a registry error body. Registries also send HTML or plain text on
 * errors, so anything else yields an empty list.
 */
function parseErrorBody(body) {
    let parsed;
    try {
        parsed = JSON.parse(body.toString('utf8'));
    }
    catch {
        return [];
    }
    if (typeof parsed !== 'object' || parsed === null)
        return [];
    const list = parsed.errors;
    if (!Array.isArray(list))
        return [];
    const out = [];
    for (const item of list) {
        if (typeof item !== 'object' || item === null)
            continue;
        const { code, message, detail } = item;
        // The spec's codes are short upper-case words; anything longer is cut.
        out.push({
            code: typeof code === 'string' ? code.slice(0, 64) : 'UNKNOWN',
            message: typeof message === 'string' ? message.slice(0, 500) : '',
            detail
        });
    }
    return out;
}
/** `CODE: message` for each error, trimmed to a readable length. */
function describeErrors(errors) {
    return errors
        .map((e) => (e.message ? `${e.code}: ${e.message}` : e.code))
        .join('; ')
        .slice(0, 500);
}
/**
 * A value the registry chose, for a message: in quotes and cut to `max`
 * characters, so an error stays readable whatever was sent. (What it
 * contains is escaped where the message is shown.)
 */
function quote(text, max = 100) {
    return text.length > max
        ? `"${text.slice(0, max)}…" (${text.length} characters)`
        : `"${text}"`;
}


/***/ }),

/***/ 9867:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $p: () => (/* binding */ OCI_INDEX),
/* harmony export */   EG: () => (/* binding */ OCI_MANIFEST),
/* harmony export */   Pw: () => (/* binding */ IMAGE_CONFIG_TYPES),
/* harmony export */   QS: () => (/* binding */ manifestKind),
/* harmony export */   V: () => (/* binding */ INDEX_TYPES),
/* harmony export */   dY: () => (/* binding */ MANIFEST_ACCEPT),
/* harmony export */   pj: () => (/* binding */ SCHEMA1_TYPES)
/* harmony export */ });
/* unused harmony exports DOCKER_MANIFEST, DOCKER_MANIFEST_LIST, DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED, OCI_CONFIG, DOCKER_CONFIG, IMAGE_MANIFEST_TYPES */
const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const DOCKER_MANIFEST_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';
const DOCKER_SCHEMA1 = 'application/vnd.docker.distribution.manifest.v1+json';
const DOCKER_SCHEMA1_SIGNED = 'application/vnd.docker.distribution.manifest.v1+prettyjws';
const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
const DOCKER_CONFIG = 'application/vnd.docker.container.image.v1+json';
const IMAGE_MANIFEST_TYPES = [OCI_MANIFEST, DOCKER_MANIFEST];
const INDEX_TYPES = [OCI_INDEX, DOCKER_MANIFEST_LIST];
const SCHEMA1_TYPES = [DOCKER_SCHEMA1, DOCKER_SCHEMA1_SIGNED];
const IMAGE_CONFIG_TYPES = [OCI_CONFIG, DOCKER_CONFIG];
/**
 * Every manifest type we read. Both index types must be listed, or
 * Distribution answers 404 for multi-platform images; no wildcard, or old
 * registries fall back to schema1.
 */
const MANIFEST_ACCEPT = [
    OCI_INDEX,
    DOCKER_MANIFEST_LIST,
    OCI_MANIFEST,
    DOCKER_MANIFEST
].join(', ');
function manifestKind(mediaType) {
    if (INDEX_TYPES.includes(mediaType))
        return 'index';
    if (IMAGE_MANIFEST_TYPES.includes(mediaType))
        return 'image';
    if (SCHEMA1_TYPES.includes(mediaType))
        return 'schema1';
    return 'unknown';
}


/***/ }),

/***/ 9310:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AF: () => (/* binding */ ReferenceError),
/* harmony export */   EV: () => (/* binding */ isRegistryHost),
/* harmony export */   F2: () => (/* binding */ parseReference),
/* harmony export */   FH: () => (/* binding */ formatReference),
/* harmony export */   Tn: () => (/* binding */ manifestReference),
/* harmony export */   aR: () => (/* binding */ repositoryName),
/* harmony export */   cJ: () => (/* binding */ sameRegistry),
/* harmony export */   cW: () => (/* binding */ isLoopbackHost),
/* harmony export */   dz: () => (/* binding */ isTag),
/* harmony export */   gr: () => (/* binding */ isDockerHub),
/* harmony export */   ko: () => (/* binding */ hostWithoutPort),
/* harmony export */   m: () => (/* binding */ parseDigest),
/* harmony export */   nz: () => (/* binding */ apiHost),
/* harmony export */   sg: () => (/* binding */ DOCKER_HUB_API)
/* harmony export */ });
/* unused harmony export DOCKER_HUB */
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(7030);
/* harmony import */ var node_net__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_net__WEBPACK_IMPORTED_MODULE_0__);
/**
 * Image references as the docker CLI reads them (distribution/reference):
 * `[domain/]path[:tag][@digest]`, normalized so that `nginx` means
 * `docker.io/library/nginx:latest`.
 */

const DOCKER_HUB = 'docker.io';
/** Where Docker Hub's registry API actually lives. */
const DOCKER_HUB_API = 'registry-1.docker.io';
const LEGACY_HUB = 'index.docker.io';
const MAX_NAME_LENGTH = 255;
const MAX_INPUT_LENGTH = 1024;
// The grammar of distribution/reference; each part is anchored and checked
// on its own so the error can say which rule failed.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*|\[[a-fA-F0-9:]+\])(?::[0-9]{1,5})?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^([a-z0-9]+(?:[.+_-][a-z0-9]+)*):([a-zA-Z0-9=_-]+)$/;
const HEX64 = /^[a-f0-9]{64}$/;
/** Digest algorithms we can verify, with the length of their hex form. */
const DIGEST_HEX_LENGTH = {
    sha256: 64,
    sha512: 128
};
/** Thrown for a reference that breaks the grammar; `rule` says which part. */
class ReferenceError extends Error {
    rule;
    constructor(rule) {
        super(rule);
        this.rule = rule;
        this.name = 'ReferenceError';
    }
}
/** Parses and normalizes a reference; throws ReferenceError naming the rule broken. */
function parseReference(input) {
    checkInput(input);
    let rest = input;
    let digest;
    const at = rest.indexOf('@');
    if (at !== -1) {
        digest = parseDigest(rest.slice(at + 1));
        rest = rest.slice(0, at);
    }
    const [domain, name] = splitDomain(rest);
    const [path, tag] = splitTag(name);
    return { domain, path: repositoryPath(path, domain), tag, digest };
}
/** Rules about the reference as a whole, before it is taken apart. */
function checkInput(input) {
    if (input.length === 0)
        throw new ReferenceError('the reference is empty');
    if (input.length > MAX_INPUT_LENGTH) {
        throw new ReferenceError(`the reference is ${input.length} characters long; at most ${MAX_INPUT_LENGTH} are allowed`);
    }
    if (/\s/.test(input)) {
        throw new ReferenceError('a reference cannot contain whitespace');
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(input)) {
        throw new ReferenceError('a reference has no URL scheme: write "ghcr.io/org/app", not "https://ghcr.io/org/app"');
    }
    if (HEX64.test(input)) {
        throw new ReferenceError('a reference cannot be a bare 64-character hex string (that looks like an image ID)');
    }
}
/**
 * `domain/rest` → [domain, rest]. The domain is the first component if it
 * looks like a host (has a dot or a port, is localhost, or has uppercase
 * letters, which paths cannot have); otherwise it is Docker Hub.
 */
function splitDomain(name) {
    const slash = name.indexOf('/');
    if (slash === -1)
        return [DOCKER_HUB, name];
    const first = name.slice(0, slash);
    const isHost = first === 'localhost' ||
        first.includes('.') ||
        first.includes(':') ||
        first !== first.toLowerCase();
    if (!isHost)
        return [DOCKER_HUB, name];
    if (!isValidHost(first)) {
        throw new ReferenceError(`"${first}" is not a valid registry host (letters, digits, dots and dashes, optionally :port)`);
    }
    if (!validPort(first)) {
        throw new ReferenceError(`"${first}" has port ${portOf(first)}; a port is a number from 1 to 65535`);
    }
    return [first === LEGACY_HUB ? DOCKER_HUB : first, name.slice(slash + 1)];
}
/** `path[:tag]` (the domain already split off) → [path, tag]. */
function splitTag(name) {
    const colon = name.lastIndexOf(':');
    if (colon === -1)
        return [name, undefined];
    const tag = name.slice(colon + 1);
    if (!isTag(tag)) {
        throw new ReferenceError(`tag "${tag}" is not valid: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-"`);
    }
    return [name.slice(0, colon), tag];
}
/** Checks the repository path and adds Docker Hub's implicit `library/`. */
function repositoryPath(path, domain) {
    if (path.length === 0)
        throw new ReferenceError('the repository name is empty');
    for (const component of path.split('/')) {
        if (PATH_COMPONENT.test(component))
            continue;
        if (PATH_COMPONENT.test(component.toLowerCase())) {
            throw new ReferenceError(`repository name "${path}" must be lowercase`);
        }
        throw new ReferenceError(`"${component}" is not a valid repository path component: use lowercase letters and digits, separated by ".", "_", "__" or "-"`);
    }
    const full = domain === DOCKER_HUB && !path.includes('/') ? `library/${path}` : path;
    // distribution/reference limits the path (with library/), not the host.
    if (full.length > MAX_NAME_LENGTH) {
        throw new ReferenceError(`the repository name is ${full.length} characters long; at most ${MAX_NAME_LENGTH} are allowed`);
    }
    return full;
}
/** Validates `algorithm:hex` and returns it; only verifiable algorithms pass. */
function parseDigest(text) {
    const match = DIGEST.exec(text);
    if (!match) {
        throw new ReferenceError(`digest "${text}" is not valid: expected "sha256:" followed by 64 hex digits`);
    }
    const [, algorithm, hex] = match;
    const length = DIGEST_HEX_LENGTH[algorithm];
    if (length === undefined) {
        throw new ReferenceError(`digest algorithm "${algorithm}" is not supported: use sha256 (or sha512)`);
    }
    if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) {
        throw new ReferenceError(`digest "${text}" is not valid: ${algorithm} needs exactly ${length} lowercase hex digits`);
    }
    return text;
}
/** `host`, `host:port` or `[ipv6]:port`, as the reference grammar allows. */
function isRegistryHost(text) {
    return isValidHost(text) && validPort(text);
}
/** The grammar's host, with a bracketed IPv6 address that really is one. */
function isValidHost(text) {
    if (!DOMAIN.test(text))
        return false;
    const v6 = /^\[([^\]]*)\]/.exec(text);
    return !v6 || (0,node_net__WEBPACK_IMPORTED_MODULE_0__.isIPv6)(v6[1]);
}
/** A tag as the reference grammar allows: what a registry's tag list must hold too. */
function isTag(text) {
    return TAG.test(text);
}
/** The port of a host DOMAIN accepted (an IPv6 literal ends in "]"). */
function portOf(host) {
    return /:(\d+)$/.exec(host)?.[1];
}
function validPort(host) {
    const port = portOf(host);
    return port === undefined || (Number(port) >= 1 && Number(port) <= 65535);
}
/** True for Docker Hub under any of its names. */
function isDockerHub(domain) {
    return (domain === DOCKER_HUB || domain === LEGACY_HUB || domain === DOCKER_HUB_API);
}
/** The host (and port) that serves the registry API for a domain. */
function apiHost(domain) {
    return domain === DOCKER_HUB ? DOCKER_HUB_API : domain;
}
/** `domain/path`, e.g. `docker.io/library/nginx`. */
function repositoryName(ref) {
    return `${ref.domain}/${ref.path}`;
}
/** One registry, however its host name is cased. */
function sameRegistry(a, b) {
    return a.domain.toLowerCase() === b.domain.toLowerCase();
}
/** `domain/path[:tag][@digest]`, the canonical form of a reference. */
function formatReference(ref) {
    let out = repositoryName(ref);
    if (ref.tag !== undefined)
        out += `:${ref.tag}`;
    if (ref.digest !== undefined)
        out += `@${ref.digest}`;
    return out;
}
/** What to ask the registry for: the digest if there is one, else the tag. */
function manifestReference(ref) {
    return ref.digest ?? ref.tag ?? 'latest';
}
/** True for hosts on this machine, where plain http is the norm. */
function isLoopbackHost(domain) {
    const host = hostWithoutPort(domain).toLowerCase();
    return (host === 'localhost' ||
        host.endsWith('.localhost') ||
        /^127(?:\.\d{1,3}){3}$/.test(host) ||
        host === '[::1]');
}
/** `host:port` → `host`; keeps IPv6 brackets. */
function hostWithoutPort(domain) {
    if (domain.startsWith('[')) {
        const end = domain.indexOf(']');
        return end === -1 ? domain : domain.slice(0, end + 1);
    }
    const colon = domain.lastIndexOf(':');
    return colon === -1 ? domain : domain.slice(0, colon);
}


/***/ }),

/***/ 2125:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  oK: () => (/* binding */ Transport),
  E$: () => (/* binding */ redact)
});

// UNUSED EXPORTS: DEFAULT_RETRY, readCapped, retryAfterMs

;// CONCATENATED MODULE: external "node:stream/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __nccwpck_require__(4942);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __nccwpck_require__(6764);
// EXTERNAL MODULE: ./src/text/duration.ts
var duration = __nccwpck_require__(9495);
// EXTERNAL MODULE: ./src/registry/url-policy.ts + 1 modules
var url_policy = __nccwpck_require__(8250);
;// CONCATENATED MODULE: ./src/registry/transport.ts





const DEFAULT_RETRY = {
    retries: 4,
    baseDelayMs: 500,
    maxDelayMs: 10_000,
    maxRetryAfterMs: 60_000
};
/** Statuses that say "try again": timeouts, rate limits, server trouble. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Failures worth another attempt; integrity and security ones are not. */
const RETRY_KINDS = new Set(['network', 'timeout']);
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Error bodies are only read for their message; more is cut off. */
const MAX_ERROR_BODY = 64 * 1024;
/**
 * Per-request socket options: http-client connects to `url.hostname`, which
 * keeps the brackets of an IPv6 literal (`[::1]`) and so fails to resolve;
 * and names are resolved through the policy's guarded lookup.
 */
function connectOptions(policy) {
    return {
        prepareRequest(options) {
            const host = options.host;
            if (typeof host === 'string' &&
                host.startsWith('[') &&
                host.endsWith(']')) {
                options.host = host.slice(1, -1);
            }
            ;
            options.lookup = policy.lookup;
        },
        canHandleAuthentication: () => false,
        handleAuthentication: () => {
            throw new Error('not used');
        }
    };
}
class Transport {
    options;
    /**
     * One client per protocol and lane (main or background): http-client
     * caches a single agent, its pool of kept-alive sockets, per client.
     */
    clients = new Map();
    timeoutMs;
    maxRedirects;
    retry;
    /** Requests sent, including redirect hops and retries. */
    requestCount = 0;
    policy;
    constructor(options = {}) {
        this.options = options;
        this.policy = options.policy ?? new url_policy/* UrlPolicy */.U();
        this.timeoutMs = options.timeoutMs ?? 30_000;
        this.maxRedirects = options.maxRedirects ?? 5;
        this.retry = { ...DEFAULT_RETRY, ...options.retry };
    }
    /**
     * Sends a request, following redirects, and retries GET/HEAD on network
     * failures, timeouts, 408, 429 and 5xx. Other answers are returned as they
     * are for the caller to judge.
     */
    async send(url, options) {
        this.assertOpen();
        const method = options.method ?? 'GET';
        const idempotent = method === 'GET' || method === 'HEAD';
        for (let attempt = 0;; attempt++) {
            let response;
            let failure;
            try {
                response = await this.sendOnce(url, options);
                if (!RETRY_STATUSES.has(response.status))
                    return response;
            }
            catch (error) {
                if (!(error instanceof errors/* RegistryError */.gl))
                    throw error;
                if (!RETRY_KINDS.has(error.kind))
                    throw error;
                failure = error;
            }
            const last = !idempotent || options.noRetry || attempt >= this.retry.retries;
            const waitMs = response ? retryAfterMs(response.headers) : undefined;
            if (waitMs !== undefined && waitMs > this.retry.maxRetryAfterMs) {
                throw new errors/* RegistryError */.gl('rate-limit', `${url.host} answered ${response.status} and asks to wait ${waitMs >= MAX_RETRY_AFTER_MS ? 'a year or more' : `${(0,duration/* formatWait */.Du)(waitMs)} (until ${new Date(Date.now() + waitMs).toISOString()})`}, longer than the ${(0,duration/* formatWait */.Du)(this.retry.maxRetryAfterMs)} this step waits`, response.status, [], options.what, 'wait-longer');
            }
            if (last) {
                if (response)
                    return response;
                throw attempt > 0
                    ? new errors/* RegistryError */.gl(failure.kind, `${failure.message} (gave up after ${attempt + 1} attempts)`)
                    : failure;
            }
            const backoff = Math.min(this.retry.maxDelayMs, this.retry.baseDelayMs * 2 ** attempt);
            const delayMs = waitMs ?? Math.round(backoff * (this.options.random ?? Math.random)());
            const deadline = this.options.deadline;
            if (deadline !== undefined && Date.now() + delayMs >= deadline) {
                if (response)
                    return response;
                throw failure;
            }
            this.options.onRetry?.({
                attempt: attempt + 1,
                retries: this.retry.retries,
                delayMs,
                reason: response ? `HTTP ${response.status}` : failure.message,
                url: redact(url)
            });
            await (this.options.sleep ?? sleep)(delayMs);
            this.assertOpen();
        }
    }
    closed = false;
    /** Stops everything: in-flight requests fail, new ones are refused. */
    close() {
        this.closed = true;
        this.dispose();
    }
    assertOpen() {
        if (this.closed) {
            throw new errors/* RegistryError */.gl('cancelled', 'The request was cancelled');
        }
    }
    /**
     * One attempt: the request and its redirects, bodies read under a
     * deadline. Every hop passes the URL policy; a hop to another origin
     * carries no credentials, and a request body (a refresh token) never
     * goes to another origin at all.
     */
    async sendOnce(url, options) {
        let current = url;
        let headers = { ...options.headers };
        let method = options.method ?? 'GET';
        let body = options.body;
        this.policy.check(url, `to send the ${options.what} request to`);
        for (let hop = 0;; hop++) {
            const response = await this.traced(method, current, () => this.exchange(method, current, headers, body, options));
            if (response.location === undefined)
                return response.result;
            if (hop >= this.maxRedirects) {
                throw new errors/* RegistryError */.gl('protocol', `Too many redirects: more than ${this.maxRedirects} hops (the limit) fetching the ${options.what} from ${redact(url)}`);
            }
            let next;
            try {
                next = new URL(response.location, current);
            }
            catch {
                throw new errors/* RegistryError */.gl('protocol', `${current.host} redirected the ${options.what} to something that is not a URL`);
            }
            this.policy.check(next, `a redirect of the ${options.what} to`, current);
            // 303 (and, as browsers do, 301/302 of a POST) turns into a GET.
            const status = response.result.status;
            if (method === 'POST' && status !== 307 && status !== 308) {
                method = 'GET';
                body = undefined;
                headers = withoutHeaders(headers, ['content-type']);
            }
            if (next.origin !== current.origin) {
                if (body !== undefined) {
                    throw new errors/* RegistryError */.gl('security', `Refusing a redirect of the ${options.what} from ${current.origin} to another origin (${next.origin}): the request body (for a token request, the refresh token) must not leave ${current.origin}`);
                }
                // Credentials belong to the origin that asked for them; a CDN or
                // S3 rejects them and must never see them.
                headers = withoutHeaders(headers, CREDENTIAL_HEADERS);
            }
            current = next;
        }
    }
    /** One exchange, reported (method, URL without its query, status, time). */
    async traced(method, url, exchange) {
        const report = this.options.onExchange;
        if (!report)
            return exchange();
        const started = Date.now();
        try {
            const response = await exchange();
            report({
                method,
                url: redact(url),
                status: response.result.status,
                ms: Date.now() - started
            });
            return response;
        }
        catch (error) {
            report({
                method,
                url: redact(url),
                ms: Date.now() - started,
                failed: true
            });
            throw error;
        }
    }
    /**
     * One HTTP exchange with a hard deadline over headers and body: a server
     * that trickles bytes is as stalled as one that sends nothing.
     */
    async exchange(method, url, headers, body, options) {
        const deadline = this.options.deadline;
        const left = deadline === undefined ? Infinity : deadline - Date.now();
        const budget = Math.min(this.timeoutMs, left);
        if (budget <= 0) {
            throw new errors/* RegistryError */.gl('timeout', `The overall time limit ran out before fetching the ${options.what} from ${url.host}`);
        }
        let message;
        let timedOut = false;
        let onTimeout;
        const timer = setTimeout(() => {
            timedOut = true;
            message?.destroy();
            onTimeout?.();
        }, budget);
        const timeoutError = () => new errors/* RegistryError */.gl('timeout', left < this.timeoutMs
            ? `The overall time limit ran out while fetching the ${options.what} from ${url.host} (${method} ${redact(url)})`
            : `${url.host} did not answer the ${options.what} request within ${(0,duration/* formatWait */.Du)(budget)} (${method} ${redact(url)})`);
        try {
            const pending = this.raw(method, url, headers, body, options.background);
            message = await new Promise((resolve, reject) => {
                onTimeout = () => reject(timeoutError());
                pending.then((m) => {
                    // Too late: drop it rather than leave a socket busy.
                    if (timedOut)
                        m.destroy();
                    else
                        resolve(m);
                }, reject);
            });
            const answer = await readAnswer(method, url, message, options);
            if (timedOut)
                throw timeoutError();
            return answer;
        }
        catch (error) {
            if (timedOut &&
                !(error instanceof errors/* RegistryError */.gl && error.kind === 'timeout')) {
                throw timeoutError();
            }
            throw error;
        }
        finally {
            clearTimeout(timer);
            // A request that lost the race must not keep a socket busy.
            if (timedOut)
                message?.destroy();
        }
    }
    async raw(method, url, headers, body, background = false) {
        this.requestCount++;
        try {
            const response = await this.client(url.protocol, background).request(method, url.href, body ?? null, headers);
            return response.message;
        }
        catch (error) {
            // The guarded lookup's refusal (a name resolving to link-local).
            if (error instanceof errors/* RegistryError */.gl)
                throw error;
            const code = error.code;
            const detail = code ? `${code}` : error.message;
            // No such name: asking again gets the same answer (EAI_AGAIN, a
            // resolver that did not answer, stays a network failure and is retried).
            if (code === 'ENOTFOUND') {
                const name = error.hostname;
                throw new errors/* RegistryError */.gl('unresolved', this.unresolved(method, url, typeof name === 'string' ? name : ''));
            }
            const tls = tlsProblem(code, url);
            if (tls) {
                throw new errors/* RegistryError */.gl('tls', `${tls.problem} (${code})`, undefined, [], undefined, tls.remedy);
            }
            throw new errors/* RegistryError */.gl('network', `Cannot reach ${url.host}: ${detail} (${method} ${redact(url)})`);
        }
    }
    /**
     * Why nothing was sent to a name DNS says does not exist (`name`, from
     * the error: a proxy's when one is in the way), and whose it is to fix.
     */
    unresolved(method, url, name) {
        const host = name || url.hostname;
        const problem = `${host} does not resolve (ENOTFOUND)`;
        return host === url.hostname && this.policy.isNamed(url.host)
            ? `${problem}: check the registry name`
            : `${problem} (${method} ${redact(url)}): not a registry the inputs name; check this runner's DNS and proxy settings, or ask the registry's owner`;
    }
    client(protocol, background) {
        this.assertOpen();
        const lane = background ? `${protocol} background` : protocol;
        let client = this.clients.get(lane);
        if (!client) {
            client = new lib/* HttpClient */.Qq(this.options.userAgent ?? 'remote-image-inspect', [connectOptions(this.policy)], {
                allowRedirects: false,
                allowRetries: false,
                keepAlive: true,
                socketTimeout: this.timeoutMs
            });
            this.clients.set(lane, client);
        }
        return client;
    }
    /** Closes kept-alive sockets so the process can exit. */
    dispose() {
        for (const client of this.clients.values())
            client.dispose();
        this.clients.clear();
    }
}
/**
 * The rest of an exchange once the headers are in: a redirect's location
 * (its body drained unread), or the body as far as the caller wants it.
 */
async function readAnswer(method, url, message, options) {
    const status = message.statusCode ?? 0;
    const location = message.headers.location;
    if (REDIRECT_STATUSES.has(status) && location !== undefined) {
        message.resume();
        return {
            result: { status, headers: message.headers, body: Buffer.alloc(0), url },
            location
        };
    }
    if (method === 'HEAD') {
        // No body: once the answer has ended, its connection is free for the
        // next request (which would otherwise open another).
        await (0,promises_namespaceObject.finished)(message.resume()).catch(() => undefined);
        return {
            result: { status, headers: message.headers, body: Buffer.alloc(0), url }
        };
    }
    const ok = status >= 200 && status < 300;
    const data = ok
        ? await readCapped(message, options.maxBytes, options.what)
        : await readPrefix(message, MAX_ERROR_BODY);
    return { result: { status, headers: message.headers, body: data, url } };
}
/**
 * Reads a body up to `maxBytes`, stopping (and dropping the connection) as
 * soon as it is exceeded, and failing on a body shorter than Content-Length.
 */
async function readCapped(message, maxBytes, what) {
    const declared = Number(message.headers['content-length']);
    const hasLength = message.headers['content-length'] !== undefined && Number.isFinite(declared);
    if (hasLength && declared > maxBytes) {
        message.destroy();
        throw new errors/* RegistryError */.gl('too-large', `The ${what} is ${declared} bytes, more than the ${maxBytes}-byte limit`);
    }
    const encoded = message.headers['content-encoding'];
    // A known length is read into one buffer: no second copy to join chunks,
    // which halves the memory a large body costs while it is read.
    const into = hasLength && !encoded ? Buffer.allocUnsafe(declared) : undefined;
    const chunks = [];
    let total = 0;
    try {
        for await (const chunk of message) {
            const buffer = chunk;
            if (total + buffer.length > maxBytes) {
                message.destroy();
                throw new errors/* RegistryError */.gl('too-large', `The ${what} is larger than the ${maxBytes}-byte limit`);
            }
            if (!into)
                chunks.push(buffer);
            else if (total + buffer.length > into.length) {
                // Node's parser frames by Content-Length; this cannot happen.
                throw new errors/* RegistryError */.gl('protocol', `The ${what} is longer than its Content-Length`);
            }
            else
                buffer.copy(into, total);
            total += buffer.length;
        }
    }
    catch (error) {
        if (error instanceof errors/* RegistryError */.gl)
            throw error;
        throw new errors/* RegistryError */.gl('network', hasLength
            ? `The ${what} was truncated: ${total} of ${declared} bytes arrived before the connection broke`
            : `The connection broke while reading the ${what} (${error.message}, ${total} bytes received)`);
    }
    if (hasLength && !encoded && total !== declared) {
        throw new errors/* RegistryError */.gl('network', `The ${what} was truncated: ${total} of ${declared} bytes arrived`);
    }
    return into ? into : Buffer.concat(chunks, total);
}
/** The first `maxBytes` of a body (an error message); the rest is dropped unread. */
async function readPrefix(message, maxBytes) {
    const chunks = [];
    let total = 0;
    try {
        for await (const chunk of message) {
            chunks.push(chunk);
            total += chunk.length;
            if (total >= maxBytes) {
                message.destroy();
                break;
            }
        }
    }
    catch {
        // A broken error body still leaves the status to report.
    }
    return Buffer.concat(chunks).subarray(0, maxBytes);
}
/** A wait longer than this is as good as forever; larger values are capped. */
const MAX_RETRY_AFTER_MS = 365 * 24 * 3600 * 1000;
/**
 * RFC 9110 HTTP-date: IMF-fixdate, or the obsolete RFC 850 and asctime
 * forms. Checked before Date.parse, which would read "1.5" as a year.
 */
const HTTP_DATE = /^(?:[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{5,8}, \d{2}-[A-Z][a-z]{2}-\d{2} \d{2}:\d{2}:\d{2} GMT|[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2} \d{4})$/;
/**
 * Retry-After as milliseconds: delta-seconds or an HTTP date (RFC 9110),
 * at most a year; anything else is ignored (the usual backoff applies).
 */
function retryAfterMs(headers, now = Date.now()) {
    const value = headers['retry-after'];
    if (typeof value !== 'string')
        return undefined;
    const text = value.trim();
    if (/^\d+$/.test(text)) {
        return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS);
    }
    if (!HTTP_DATE.test(text))
        return undefined;
    const date = Date.parse(text);
    if (Number.isNaN(date))
        return undefined;
    return Math.min(Math.max(0, date - now), MAX_RETRY_AFTER_MS);
}
/**
 * TLS failures are not transient: say what they mean instead of retrying.
 * A plain-http server answering a TLS handshake shows up as EPROTO.
 */
function tlsProblem(code, url) {
    if (!code || url.protocol !== 'https:')
        return undefined;
    if (code === 'EPROTO' || code === 'ERR_SSL_WRONG_VERSION_NUMBER') {
        return {
            problem: `${url.host} does not speak https here`,
            remedy: 'allow-http'
        };
    }
    if (code.startsWith('CERT_') ||
        code.startsWith('ERR_TLS_CERT') ||
        code === 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' ||
        code === 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY' ||
        code === 'DEPTH_ZERO_SELF_SIGNED_CERT' ||
        code === 'SELF_SIGNED_CERT_IN_CHAIN') {
        return {
            problem: `${url.host} presented a TLS certificate this runner does not trust. Add its CA to the runner (NODE_EXTRA_CA_CERTS) rather than turning verification off`
        };
    }
    return undefined;
}
function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
/** Headers that carry credentials and must not cross origins. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
function withoutHeaders(headers, names) {
    const out = {};
    for (const [name, value] of Object.entries(headers)) {
        if (!names.includes(name.toLowerCase()))
            out[name] = value;
    }
    return out;
}
/** A URL safe to show: no query (presigned URLs carry signatures there), no userinfo. */
function redact(url) {
    return `${url.protocol}//${url.host}${url.pathname}${url.search ? '?…' : ''}`;
}


/***/ }),

/***/ 8250:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  U: () => (/* binding */ UrlPolicy)
});

// UNUSED EXPORTS: classifyHost

;// CONCATENATED MODULE: external "node:dns"
const external_node_dns_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");
var external_node_dns_default = /*#__PURE__*/__nccwpck_require__.n(external_node_dns_namespaceObject);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
// EXTERNAL MODULE: ./src/registry/errors.ts
var errors = __nccwpck_require__(6764);
;// CONCATENATED MODULE: ./src/registry/url-policy.ts
/**
 * One policy for every URL the action sends a request to: the registry's
 * endpoints, token realms, every redirect target and tag pages. A registry
 * chooses realms, redirects and page links, so each must be checked before a
 * single byte goes there: https unless the user allowed http, never a step
 * down from https, no credentials in URLs, and no link-local or cloud
 * metadata address (the runner's own credentials live there) in any
 * spelling, nor a private address reached from a public one.
 */



/** Names that reach a cloud's instance metadata service. */
const METADATA_NAMES = new Set([
    'metadata',
    'metadata.google.internal',
    'metadata.goog',
    'instance-data',
    'instance-data.ec2.internal'
]);
/** Addresses never to be reached unless the user named them as a registry. */
const FORBIDDEN = new Set([
    'metadata',
    'link-local',
    'unspecified',
    'reserved'
]);
/** What an IPv4 address (four numbers) is. */
function classifyV4(a, b, c, d) {
    if (a === 169 && b === 254) {
        return c === 169 && d === 254 ? 'metadata' : 'link-local';
    }
    // Alibaba Cloud's metadata service; Azure's WireServer.
    if (a === 100 && b === 100 && c === 100 && d === 200)
        return 'metadata';
    if (a === 168 && b === 63 && c === 129 && d === 16)
        return 'metadata';
    if (a === 0)
        return 'unspecified';
    // Multicast, the reserved block and broadcast: never a registry.
    if (a >= 224)
        return 'reserved';
    if (a === 127)
        return 'loopback';
    if (a === 10 ||
        (a === 172 && b >= 16 && b <= 31) ||
        (a === 192 && b === 168) ||
        (a === 100 && b >= 64 && b <= 127) // carrier-grade NAT
    ) {
        return 'private';
    }
    return 'public';
}
function parseV4(text) {
    const parts = text.split('.');
    if (parts.length !== 4)
        return undefined;
    const out = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
    return out.every((n) => n <= 255) ? out : undefined;
}
/** Eight 16-bit groups, or undefined if this is not an IPv6 address. */
function parseV6(text) {
    if ((0,external_node_net_.isIP)(text) !== 6)
        return undefined;
    // A dotted IPv4 tail (`::ffff:169.254.169.254`) is two more groups.
    const hex = text.replace(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/, (...m) => {
        const [a, b, c, d] = m.slice(1, 5).map(Number);
        return `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
    });
    const groups = (s) => s === '' ? [] : s.split(':').map((g) => parseInt(g, 16));
    const [left, right] = hex.includes('::') ? hex.split('::') : [hex, ''];
    const l = groups(left);
    const r = groups(right);
    return [...l, ...new Array(8 - l.length - r.length).fill(0), ...r];
}
function classifyV6(g) {
    const v4 = (hi, lo) => classifyV4(hi >> 8, hi & 255, lo >> 8, lo & 255);
    const zeros = (from, to) => g.slice(from, to).every((x) => x === 0);
    if (zeros(0, 8))
        return 'unspecified';
    if (zeros(0, 7) && g[7] === 1)
        return 'loopback';
    // IPv4 inside IPv6: mapped (::ffff:a.b.c.d), translated
    // (::ffff:0:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d).
    if ((zeros(0, 5) && g[5] === 0xffff) ||
        (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) ||
        zeros(0, 6) ||
        (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6))) {
        return v4(g[6], g[7]);
    }
    // Local-use NAT64 (64:ff9b:1::/48) ends in the IPv4 address too.
    if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) {
        const inner = v4(g[6], g[7]);
        if (inner !== 'public')
            return inner;
    }
    // 6to4 (2002:a.b.c.d::/48) carries an IPv4 address; Teredo
    // (2001:0::/32) the client's, inverted, in its last 32 bits.
    if (g[0] === 0x2002) {
        const inner = v4(g[1], g[2]);
        if (inner !== 'public')
            return inner;
    }
    if (g[0] === 0x2001 && g[1] === 0) {
        const inner = v4(g[6] ^ 0xffff, g[7] ^ 0xffff);
        if (inner !== 'public')
            return inner;
    }
    if ((g[0] & 0xffc0) === 0xfe80)
        return 'link-local';
    // Site-local (deprecated, still routed inside some networks).
    if ((g[0] & 0xffc0) === 0xfec0)
        return 'private';
    if ((g[0] & 0xff00) === 0xff00)
        return 'reserved';
    // AWS's IPv6 metadata endpoint sits in unique-local space.
    if (g[0] === 0xfd00 && g[1] === 0x0ec2 && zeros(2, 7) && g[7] === 0x254) {
        return 'metadata';
    }
    if ((g[0] & 0xfe00) === 0xfc00)
        return 'private';
    return 'public';
}
/**
 * What a host is, from a URL's hostname (IPv6 in brackets or not) or a
 * resolved address. The WHATWG URL parser has already turned every IPv4
 * spelling (decimal, hex, octal, short forms) into dotted decimal and
 * compressed IPv6; IPv4 inside IPv6 is judged by the IPv4 address.
 */
function classifyHost(hostname) {
    const host = hostname
        .toLowerCase()
        .replace(/^\[|\]$/g, '')
        .replace(/\.+$/, '');
    const v4 = parseV4(host);
    if (v4)
        return classifyV4(v4[0], v4[1], v4[2], v4[3]);
    const v6 = parseV6(host);
    if (v6)
        return classifyV6(v6);
    if (METADATA_NAMES.has(host))
        return 'metadata';
    if (host === 'localhost' || host.endsWith('.localhost'))
        return 'loopback';
    return 'public';
}
class UrlPolicy {
    insecure;
    named;
    /** The named hosts without their ports: what a DNS lookup sees. */
    namedNames = new Set();
    /** Names reached by a redirect or realm, and the host that sent us. */
    reachedFrom = new Map();
    /** What each name resolved to: private or loopback if any address was. */
    resolvedAs = new Map();
    /**
     * Registries an image named (a base in its annotations or provenance),
     * not the user: each is judged as if that image's registry sent us.
     */
    referred = new Map();
    resolve;
    constructor(options = {}) {
        this.insecure = new Set(options.insecure?.map((h) => h.toLowerCase()));
        this.named = new Set();
        for (const host of options.named ?? [])
            this.addRegistry(host);
        this.resolve = options.resolve ?? (external_node_dns_default()).lookup;
    }
    /**
     * A registry the user named (its API host): reachable whatever its
     * address; `insecure` when the user allowed plain http for it.
     */
    addRegistry(host, { insecure = false } = {}) {
        const { hostname, spellings } = hostForms(host);
        for (const form of spellings)
            this.named.add(form);
        this.namedNames.add(hostname);
        if (insecure)
            this.insecure.add(spellings[0]);
    }
    /**
     * A registry (API host) that an image, not the user, named: requests to
     * it are checked as if `from` (the image's registry) had sent the action
     * there, so a public image cannot point it at a private network.
     */
    addReferred(host, from) {
        for (const form of hostForms(host).spellings)
            this.referred.set(form, from);
    }
    /** True where plain http is allowed: loopback hosts and those the user listed. */
    allowsHttp(url) {
        return classifyHost(url.hostname) === 'loopback' || this.isInsecure(url);
    }
    /** Listed in 'insecure-registries' (host:port, or the host for any port). */
    isInsecure(url) {
        return this.insecure.has(url.host) || this.insecure.has(url.hostname);
    }
    /** True for a registry host the user named (host[:port] or host). */
    isNamed(host) {
        return this.named.has(host.toLowerCase());
    }
    /**
     * Throws a 'security' RegistryError unless a request may go to `url`.
     * `from` is where the action was sent from (the registry for a realm, the
     * previous hop for a redirect); `what` names the target in the message,
     * e.g. "the registry's token realm" or "a redirect of the manifest to".
     */
    check(url, what, sender) {
        const from = sender ?? this.referred.get(url.host);
        const refuse = (reason, remedy) => {
            throw new errors/* RegistryError */.gl('security', `Refusing ${what} ${url.origin === 'null' ? url.protocol : url.origin}: ${reason}`, undefined, [], undefined, remedy);
        };
        if (url.protocol !== 'https:' && url.protocol !== 'http:') {
            refuse('only https (or http where allowed) is followed');
        }
        if (url.username || url.password) {
            refuse('the address carries credentials of its own');
        }
        if (from?.protocol === 'https:' && url.protocol === 'http:') {
            refuse('that would step down from https to plain http');
        }
        const named = this.isNamed(url.host);
        const target = classifyHost(url.hostname);
        if (!named && FORBIDDEN.has(target)) {
            refuse('link-local and metadata addresses are not allowed');
        }
        // A registry the user listed as insecure lives on their own network,
        // so it may point there; any other public host may not.
        if (!named &&
            from &&
            (target === 'private' || target === 'loopback') &&
            classifyHost(from.hostname) === 'public' &&
            !this.isInsecure(from)) {
            refuse(`a public host (${from.host}) may not send the action to a ${target} address`);
        }
        if (url.protocol === 'http:' && !this.allowsHttp(url)) {
            refuse('plain http is only used for loopback hosts and those the user allows; it must use https', 'allow-http');
        }
        // A name says nothing until it resolves: the lookup judges it then.
        if (from && !named && (0,external_node_net_.isIP)(url.hostname.replace(/^\[|\]$/g, '')) === 0) {
            this.reachedFrom.set(url.hostname.toLowerCase(), from.hostname);
        }
    }
    /**
     * A dns.lookup for sockets: a name that resolves to a link-local or
     * metadata address is refused before connecting, and so is a name a
     * public host sent us to that resolves to a private or loopback one. So
     * a DNS name cannot smuggle in what an address literal cannot.
     */
    lookup = ((hostname, options, callback) => {
        this.resolve(hostname, { ...options }, (error, address, family) => {
            if (error)
                return callback(error, address, family);
            const all = Array.isArray(address) ? address : [{ address, family }];
            const refusal = this.judge(hostname.toLowerCase(), all);
            if (refusal) {
                return callback(new errors/* RegistryError */.gl('security', `Refusing to connect to ${hostname}: ${refusal}`), address, family);
            }
            callback(null, address, family);
        });
    });
    /** Why a name may not be reached at these addresses, or undefined. */
    judge(hostname, addresses) {
        const classes = addresses.map((a) => classifyHost(a.address));
        const inside = classes.find((c) => c === 'private' || c === 'loopback');
        this.resolvedAs.set(hostname, inside ?? 'public');
        if (this.namedNames.has(hostname))
            return undefined;
        const bad = classes.findIndex((c) => FORBIDDEN.has(c));
        if (bad !== -1) {
            return `it resolves to ${addresses[bad].address}, a link-local or metadata address`;
        }
        const origin = this.reachedFrom.get(hostname);
        if (!inside || origin === undefined)
            return undefined;
        const originClass = (0,external_node_net_.isIP)(origin.replace(/^\[|\]$/g, '')) !== 0
            ? classifyHost(origin)
            : (this.resolvedAs.get(origin.toLowerCase()) ?? 'public');
        if (originClass !== 'public' || this.insecure.has(origin))
            return undefined;
        const address = addresses[classes.indexOf(inside)].address;
        return `it resolves to ${address}, a ${inside} address, and the public host ${origin} sent the action there`;
    }
}
/**
 * A host[:port] as URLs show it, over http and over https (an http URL
 * drops :80 and an https one :443), and its name as a lookup sees it.
 */
function hostForms(host) {
    const url = new URL(`http://${host.toLowerCase()}`);
    return {
        hostname: url.hostname.replace(/^\[|\]$/g, ''),
        spellings: [url.host, new URL(`https://${url.host}`).host]
    };
}


/***/ }),

/***/ 7389:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   I: () => (/* binding */ describeFailure),
/* harmony export */   t: () => (/* binding */ explained)
/* harmony export */ });
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3916);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6764);
/* harmony import */ var _registry_reference_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(9310);
/**
 * Registry failures as messages a user can act on: what happened, for which
 * reference, and what to change (naming the action's inputs). The registry
 * layer says what happened; only this module knows about inputs.
 */



const REMEDIES = {
    'allow-http': "If it is a plain-http registry you trust, list it in the 'insecure-registries' input",
    'wait-longer': "Retry after that time, or raise the 'max-retry-wait' input",
    'choose-platform': "Set the 'platform' input to one of them.",
    'one-platform': "Set the 'platform' input to the one you need"
};
/** Runs registry work, turning a RegistryError into a message for users. */
async function explained(context, work) {
    try {
        return await work();
    }
    catch (error) {
        throw new _errors_js__WEBPACK_IMPORTED_MODULE_0__/* .UserError */ .yo(describeFailure(error, context));
    }
}
/**
 * Any failure as one message: a registry failure explained for its
 * reference (when known), anything else as it says.
 */
function describeFailure(error, context) {
    if (!(error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .RegistryError */ .gl))
        return (0,_errors_js__WEBPACK_IMPORTED_MODULE_0__/* .errorMessage */ .gJ)(error);
    if (error.kind === 'config') {
        return `${error.message}. Fix or remove that file, or pass the 'username' and 'password' inputs.`;
    }
    if (!context)
        return withRemedy(error);
    return explain(error, context, (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .formatReference */ .FH)(context.reference));
}
/** The error's own words, and what the user can change about it. */
function withRemedy(error) {
    return error.remedy
        ? `${error.message}. ${REMEDIES[error.remedy]}`
        : error.message;
}
/** Turns a registry failure into a message that says what to do about it. */
function explain(error, request, ref) {
    const { reference, credentials, credentialSource } = request;
    const message = withRemedy(error);
    const repo = (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryName */ .aR)(reference);
    const prefix = `Cannot inspect ${ref}`;
    const said = error.errors.length
        ? ` (registry: ${(0,_registry_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .describeErrors */ .rg)(error.errors)})`
        : '';
    if ((error.kind === 'not-found' || error.status === 404) &&
        error.resource === 'tag list') {
        return `${prefix}: repository ${repo} does not exist on ${reference.domain} (it has no tag list). Check the image name.${said}`;
    }
    if ((error.kind === 'not-found' || error.status === 404) &&
        error.resource !== undefined &&
        error.resource !== 'manifest') {
        return `${prefix}: the registry lists the image but has no ${error.resource} for it (404). The repository is damaged or was garbage-collected; re-push the image.${said}`;
    }
    if (error.kind === 'not-found' || error.status === 404) {
        if (error.has('NAME_UNKNOWN')) {
            return `${prefix}: repository ${repo} does not exist on ${reference.domain}. Check the image name.${said}`;
        }
        const what = reference.digest
            ? `digest ${reference.digest}`
            : `tag "${reference.tag ?? 'latest'}"`;
        return `${prefix}: ${what} not found in ${repo} (or the repository does not exist). Check the name and that the tag or digest exists.${said}`;
    }
    if (error.kind === 'auth' || error.status === 401 || error.status === 403) {
        const oneSegment = !reference.path.includes('/');
        if ((0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_2__/* .isDockerHub */ .gr)(reference.domain) && oneSegment) {
            return `${prefix}: access denied (${error.status ?? 401}). Official Docker Hub images live under "library/": did you mean ${reference.domain}/library/${reference.path}?`;
        }
        if (credentials) {
            return `${prefix}: access denied (${error.status ?? 401}) with the credentials from ${credentialSource ?? 'the inputs'}. Check they are valid and allowed to pull ${repo}, and that the repository exists. ${message}`;
        }
        if (error.has('DENIED') || error.status === 403) {
            return `${prefix}: pull access denied for ${repo}. The repository may not exist, or it needs credentials with read access (the 'username'/'password' inputs or a docker/login-action step). ${message}`;
        }
        return `${prefix}: the registry requires authentication for ${repo}, or the repository does not exist. Provide credentials (the 'username'/'password' inputs or a docker/login-action step) or check the name. ${message}`;
    }
    if (error.status === 429 || error.has('TOOMANYREQUESTS')) {
        return `${prefix}: the registry is rate-limiting requests (429). Wait and retry, or authenticate to get a higher limit. ${message}`;
    }
    return `${prefix}: ${message}`;
}


/***/ }),

/***/ 9495:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A4: () => (/* binding */ formatWindow),
/* harmony export */   Du: () => (/* binding */ formatWait),
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   F1: () => (/* binding */ parseAge),
/* harmony export */   nV: () => (/* binding */ formatAge)
/* harmony export */ });
/**
 * Durations as people write them in inputs and rules, and as the action
 * writes them back: one module, so every "30s" and "2.5 h" reads alike.
 */
const UNITS = {
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
    d: 86_400_000,
    w: 604_800_000
};
/** `90`, `90s`, `1m30s`, `500ms`, `2h` → milliseconds; a bare number is seconds. */
function parseDuration(text) {
    const t = text.trim().toLowerCase();
    if (/^\d+(?:\.\d+)?$/.test(t))
        return Math.round(Number(t) * 1000);
    if (!/^(?:\d+(?:\.\d+)?(?:ms|s|m|h))+$/.test(t))
        return undefined;
    let total = 0;
    for (const [, n, unit] of t.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
        total += Number(n) * UNITS[unit];
    }
    return Math.round(total);
}
/** An age in a rule: one number and a unit of s, m, h, d or w (`30d`). */
function parseAge(text) {
    const m = /^(\d+(?:\.\d+)?)([smhdw])$/i.exec(text.trim());
    return m ? Number(m[1]) * UNITS[m[2].toLowerCase()] : undefined;
}
/** How long something waits or waited: `500 ms`, `30 s`, `5 min`, `2.5 h`, `3 days`. */
function formatWait(ms) {
    if (ms < 1000)
        return `${Math.round(ms)} ms`;
    const s = Math.round(ms / 1000);
    if (s < 120)
        return `${s} s`;
    const m = Math.round(s / 60);
    if (m < 120)
        return `${m} min`;
    const h = m / 60;
    if (h < 48)
        return `${h.toFixed(1)} h`;
    return `${Math.round(h / 24)} days`;
}
/** How old an image is: `12 min`, `1.0 h`, `3.5 d`. */
function formatAge(ms) {
    const s = Math.round(ms / 1000);
    if (s < 3600)
        return `${Math.round(s / 60)} min`;
    if (s < 172_800)
        return `${(s / 3600).toFixed(1)} h`;
    return `${(s / 86_400).toFixed(1)} d`;
}
/** A rate-limit window in whole units: `6 h`, `5 min`, `90 s`. */
function formatWindow(seconds) {
    if (seconds % 3600 === 0)
        return `${seconds / 3600} h`;
    if (seconds % 60 === 0)
        return `${seconds / 60} min`;
    return `${seconds} s`;
}


/***/ }),

/***/ 8573:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   QX: () => (/* binding */ orderedJson),
/* harmony export */   o$: () => (/* binding */ jsonObject),
/* harmony export */   ws: () => (/* binding */ entriesAt)
/* harmony export */ });
/**
 * JSON objects in the order they were written. JSON.parse and JS objects put
 * integer-like keys ("10") before all others, so a label map would lose its
 * order: this reads one object's entries in document order, from text that
 * JSON.parse has already accepted, and writes objects from ordered entries.
 */
/** Entries of the object at `path` (e.g. ["config", "Labels"]), in order. */
function entriesAt(text, path) {
    const scanner = new JsonScanner(text);
    scanner.ws();
    for (const step of path) {
        if (!scanner.atObject())
            return undefined;
        // Later duplicates win, as with JSON.parse.
        const match = scanner
            .members()
            .filter(([key]) => key === step)
            .at(-1);
        if (!match)
            return undefined;
        scanner.moveTo(match[1]);
    }
    if (!scanner.atObject())
        return undefined;
    const out = new Map();
    for (const [key, start, end] of scanner.members()) {
        out.set(key, JSON.parse(text.slice(start, end)));
    }
    return [...out];
}
/** A cursor over JSON text that JSON.parse has accepted, so it need not check. */
class JsonScanner {
    text;
    i = 0;
    constructor(text) {
        this.text = text;
    }
    moveTo(position) {
        this.i = position;
    }
    atObject() {
        return this.text[this.i] === '{';
    }
    ws() {
        const text = this.text;
        while (this.i < text.length && ' \t\n\r'.includes(text[this.i]))
            this.i++;
    }
    skipString() {
        const text = this.text;
        this.i++; // opening quote
        while (this.i < text.length && text[this.i] !== '"') {
            this.i += text[this.i] === '\\' ? 2 : 1;
        }
        this.i++; // closing quote
    }
    skipValue() {
        const text = this.text;
        const c = text[this.i];
        if (c === '"')
            return this.skipString();
        if (c !== '{' && c !== '[') {
            while (this.i < text.length && !',}] \t\n\r'.includes(text[this.i])) {
                this.i++;
            }
            return;
        }
        let depth = 0;
        while (this.i < text.length) {
            const d = text[this.i];
            if (d === '"') {
                this.skipString();
                continue;
            }
            this.i++;
            if (d === '{' || d === '[')
                depth++;
            else if ((d === '}' || d === ']') && --depth === 0)
                return;
        }
    }
    /** Each member of the object here: its key and value's text range. */
    members() {
        const text = this.text;
        const out = [];
        this.i++; // {
        for (;;) {
            this.ws();
            if (this.i >= text.length || text[this.i] === '}')
                return out;
            const keyStart = this.i;
            this.skipString();
            const key = JSON.parse(text.slice(keyStart, this.i));
            this.ws();
            this.i++; // :
            this.ws();
            const start = this.i;
            this.skipValue();
            out.push([key, start, this.i]);
            this.ws();
            if (text[this.i] === ',')
                this.i++;
        }
    }
}
/** `{"k":"v",...}` in the given order (JS objects would move numeric keys first). */
function orderedJson(entries) {
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;
}
/** `{"key": <json>, ...}` from already-serialized values, in order. */
function jsonObject(entries) {
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`;
}


/***/ }),

/***/ 8103:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("./undici/index.cjs");

/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 1455:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs/promises");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 4265:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {


// Stands in for `undici` (see package.json): the real module is required on
// the first property access, so runs that never use a proxy dispatcher never
// pay for evaluating it, nor (built apart, see `npm run package`) for
// compiling it with the main chunk.
let real
function load() {
  // Not bundled (ncc --external): dist/undici/index.cjs, beside dist/index.js.
  real ??= __nccwpck_require__(8103)
  return real
}
module.exports = new Proxy(
  {},
  {
    get(_target, key) {
      // Bundler interop probes this at import time; answering must not load.
      if (key === '__esModule') return false
      return load()[key]
    },
    has(_target, key) {
      return key in load()
    },
    ownKeys() {
      return Reflect.ownKeys(load())
    },
    getOwnPropertyDescriptor(_target, key) {
      const d = Reflect.getOwnPropertyDescriptor(load(), key)
      return d && { ...d, configurable: true }
    }
  }
)


/***/ }),

/***/ 4942:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient)
});

// UNUSED EXPORTS: Headers, HttpClientError, HttpClientResponse, HttpCodes, MediaTypes, getProxyUrl, isHttps

// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(8611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(5692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
// EXTERNAL MODULE: ./src/shims/undici-lazy/index.cjs
var undici_lazy = __nccwpck_require__(4265);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new undici_lazy.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map

/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
;// CONCATENATED MODULE: external "crypto"
const external_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_namespaceObject.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __nccwpck_require__(4942);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class auth_BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return issueFileCommand('STATE', prepareKeyValueMessage(name, value));
    }
    issueCommand('save-state', { name }, toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map
// EXTERNAL MODULE: ./src/errors.ts
var errors = __nccwpck_require__(3916);
// EXTERNAL MODULE: ./src/text/duration.ts
var duration = __nccwpck_require__(9495);
// EXTERNAL MODULE: ./src/image/base.ts
var image_base = __nccwpck_require__(2212);
;// CONCATENATED MODULE: ./src/text/pattern.ts
/**
 * Users' regular expressions (gate rules, tag-pattern) run on RE2: linear
 * time, so a pattern cannot hang the step on hostile text. The engine is
 * loaded on first use (its own bundle chunk).
 */
/** Unanchored unless the pattern anchors itself, like grep. */
async function compilePattern(source) {
    const { RE2JS } = await __nccwpck_require__.e(/* import() */ 856).then(__nccwpck_require__.bind(__nccwpck_require__, 2856));
    try {
        const re = RE2JS.compile(source);
        return { test: (v) => re.matcher(v).find() };
    }
    catch (error) {
        throw new Error(`the regular expression does not compile (${error.message}); RE2 syntax, no backreferences or lookaround`);
    }
}

// EXTERNAL MODULE: ./src/image/platform.ts
var image_platform = __nccwpck_require__(2554);
;// CONCATENATED MODULE: ./src/gate/rules.ts
/**
 * Gate rules: one per line, checked against an inspected image.
 *
 *   label org.opencontainers.image.vendor == ACME
 *   label org.opencontainers.image.source exists
 *   label "key with spaces" =~ ^v[0-9]+
 *   env PATH !~ /root
 *   user is not root
 *   platforms include linux/amd64, linux/arm64
 *   age < 30d
 *   base is current
 *
 * Parsing is pure and happens before any network call; regular expressions
 * run on RE2 (linear time), so a user's pattern cannot hang the step.
 */




/** A rule that cannot be parsed; `line` is 1-based. */
class RuleError extends Error {
    line;
    text;
    constructor(line, text, problem) {
        super(`line ${line} "${text}": ${problem}`);
        this.line = line;
        this.text = text;
        this.name = 'RuleError';
    }
}
const MAX_PATTERN_LENGTH = 1000;
const MAX_RULES = 500;
const USAGE = 'expected one of: label KEY exists|missing, label KEY ==|!=|=~|!~ VALUE, env NAME … (same forms), user is [not] root, platforms include|exclude os/arch[, …], age <|> DURATION (e.g. 30d), base is current';
/** Parses the rule list; blank lines and `#` comments are ignored. */
function parseRules(text) {
    const rules = [];
    const lines = text.split(/\r?\n/);
    lines.forEach((raw, index) => {
        const line = raw.trim();
        if (line === '' || line.startsWith('#'))
            return;
        rules.push(parseRule(line, index + 1));
    });
    if (rules.length > MAX_RULES) {
        throw new RuleError(MAX_RULES + 1, '…', `at most ${MAX_RULES} rules are allowed`);
    }
    return rules;
}
function parseRule(text, line) {
    const cursor = { rest: text, text, line };
    const subject = word(cursor).toLowerCase();
    switch (subject) {
        case 'label':
        case 'env':
            return parseEntryRule(subject, cursor);
        case 'user': {
            const rest = cursor.rest.toLowerCase().replace(/\s+/g, ' ');
            if (rest === 'is root')
                return { kind: 'user', text, line, root: true };
            if (rest === 'is not root')
                return { kind: 'user', text, line, root: false };
            return fail(cursor, 'write "user is root" or "user is not root"');
        }
        case 'platforms':
            return parsePlatformsRule(cursor);
        case 'base': {
            const rest = cursor.rest.toLowerCase().replace(/\s+/g, ' ');
            if (rest === 'is current')
                return { kind: 'base', text, line };
            return fail(cursor, 'write "base is current"');
        }
        case 'age': {
            const op = word(cursor);
            if (op !== '<' && op !== '>') {
                fail(cursor, 'write "age < 30d" or "age > 1h"');
            }
            const ms = (0,duration/* parseAge */.F1)(cursor.rest);
            if (ms === undefined) {
                fail(cursor, `"${cursor.rest}" is not a duration: write e.g. 90m, 12h, 30d, 2w`);
            }
            return { kind: 'age', text, line, younger: op === '<', ms: ms };
        }
        default:
            return fail(cursor, USAGE);
    }
}
function fail(cursor, problem) {
    throw new RuleError(cursor.line, cursor.text, problem);
}
/** The next word, consumed with the spaces after it ('' at the end). */
function word(cursor) {
    const m = /^(\S+)\s*/.exec(cursor.rest);
    if (!m)
        return '';
    cursor.rest = cursor.rest.slice(m[0].length);
    return m[1];
}
/** `label KEY OP [VALUE]` and `env NAME OP [VALUE]`. */
function parseEntryRule(kind, cursor) {
    const { text, line } = cursor;
    const key = readKey(cursor);
    const written = word(cursor);
    const op = (/^[a-z]+$/i.test(written) ? written.toLowerCase() : written);
    if (op === 'exists' || op === 'missing') {
        if (cursor.rest !== '')
            fail(cursor, `nothing may follow "${op}"`);
        return { kind, text, line, key, op };
    }
    if (!['==', '!=', '=~', '!~'].includes(op)) {
        fail(cursor, `"${op || '(nothing)'}" is not an operator: use exists, missing, ==, !=, =~ or !~`);
    }
    const value = readValue(cursor);
    if (op === '=~' || op === '!~') {
        if (value === '')
            fail(cursor, 'the regular expression is empty');
        if (value.length > MAX_PATTERN_LENGTH) {
            fail(cursor, `the regular expression is longer than ${MAX_PATTERN_LENGTH} characters`);
        }
    }
    return { kind, text, line, key, op, value };
}
/** `platforms include|exclude os/arch[, …]`. */
function parsePlatformsRule(cursor) {
    const verb = word(cursor).toLowerCase();
    if (verb !== 'include' && verb !== 'exclude') {
        fail(cursor, 'write "platforms include os/arch[, …]" or "platforms exclude …"');
    }
    const items = cursor.rest.split(/[\s,]+/).filter(Boolean);
    if (items.length === 0) {
        fail(cursor, 'name at least one platform, e.g. linux/arm64');
    }
    const platforms = items.map((item) => (0,image_platform/* parsePlatform */.Y8)(item) ??
        fail(cursor, `"${item}" is not a platform (os/arch[/variant])`));
    return {
        kind: 'platforms',
        text: cursor.text,
        line: cursor.line,
        include: verb === 'include',
        platforms
    };
}
/** A label/env key: a bare word, or "quoted" for keys with spaces. */
function readKey(cursor) {
    if (cursor.rest.startsWith('"')) {
        const { value, end } = quoted(cursor);
        cursor.rest = cursor.rest.slice(end).trimStart();
        if (value === '')
            fail(cursor, 'the key is empty');
        return value;
    }
    const m = /^(\S+)\s*/.exec(cursor.rest);
    if (!m)
        return fail(cursor, 'the key is missing');
    cursor.rest = cursor.rest.slice(m[0].length);
    return m[1];
}
/** The rest of the line, or a "quoted" string when it must keep spaces. */
function readValue(cursor) {
    const rest = cursor.rest;
    if (!rest.startsWith('"'))
        return rest;
    const { value, end } = quoted(cursor);
    if (rest.slice(end).trim() !== '') {
        fail(cursor, 'nothing may follow the quoted value');
    }
    return value;
}
/** The quoted string `cursor.rest` starts with, and where it ends. */
function quoted(cursor) {
    const text = cursor.rest;
    // Only \" and \\ are escapes: other backslashes stay, as regexes need them.
    let value = '';
    for (let i = 1; i < text.length; i++) {
        const c = text[i];
        if (c === '\\' && (text[i + 1] === '"' || text[i + 1] === '\\')) {
            value += text[++i];
        }
        else if (c === '"')
            return { value, end: i + 1 };
        else
            value += c;
    }
    return fail(cursor, 'a quoted string is not closed');
}
/**
 * Compiles every regular expression up front with RE2 (loaded only when a
 * rule needs it), so a bad pattern is an input error before any request.
 */
async function compilePatterns(rules) {
    const patterns = new Map();
    const sources = rules.flatMap((r) => (r.kind === 'label' || r.kind === 'env') && (r.op === '=~' || r.op === '!~')
        ? [{ rule: r, source: r.value }]
        : []);
    for (const { rule, source } of sources) {
        try {
            patterns.set(source, await compilePattern(source));
        }
        catch (error) {
            throw new RuleError(rule.line, rule.text, error.message);
        }
    }
    return patterns;
}
/**
 * Checks each rule against the image; `now` is for the age rules, `base`
 * (each platform's base check) for the base rule.
 */
function evaluateRules(rules, info, patterns, now = Date.now(), base = []) {
    return rules.map((rule) => {
        const [passed, actual] = rule.kind === 'base'
            ? checkBaseRule(base)
            : check(rule, info, patterns, now);
        return { rule: rule.text, passed, actual };
    });
}
function check(rule, info, patterns, now) {
    switch (rule.kind) {
        case 'label':
        case 'env':
            return checkEntry(rule, info, patterns);
        case 'user': {
            const user = info.config.user;
            const root = isRoot(user);
            return [root === rule.root, user === '' ? '(empty: root)' : user];
        }
        case 'platforms': {
            const offered = info.platforms.map((p) => (0,image_platform/* formatPlatform */.Bq)((0,image_platform/* normalizePlatform */.FL)(p)));
            const wanted = rule.platforms.map((p) => (0,image_platform/* formatPlatform */.Bq)(p));
            const ok = rule.include
                ? wanted.every((p) => offered.includes(p))
                : wanted.every((p) => !offered.includes(p));
            return [ok, offered.join(', ') || '(none)'];
        }
        case 'age':
            return checkAge(rule, info, now);
    }
}
function checkEntry(rule, info, patterns) {
    const entries = rule.kind === 'label' ? info.config.labels : info.config.env;
    const value = entries.find(([k]) => k === rule.key)?.[1];
    const shown = value === undefined ? '(missing)' : value;
    switch (rule.op) {
        case 'exists':
            return [value !== undefined, shown];
        case 'missing':
            return [value === undefined, shown];
        case '==':
            return [value === rule.value, shown];
        case '!=':
            return [value !== rule.value, shown];
        case '=~':
        case '!~': {
            if (value === undefined)
                return [rule.op === '!~', shown];
            const matches = patterns.get(rule.value).test(value);
            return [rule.op === '=~' ? matches : !matches, shown];
        }
    }
}
function checkAge(rule, info, now) {
    const created = Date.parse(info.config.created);
    if (Number.isNaN(created)) {
        return [
            false,
            info.config.created
                ? `unreadable created time "${info.config.created}"`
                : '(no created time)'
        ];
    }
    const age = now - created;
    const ok = rule.younger ? age < rule.ms : age > rule.ms;
    const when = age < 0 ? 'in the future' : `${(0,duration/* formatAge */.nV)(age)} old`;
    return [ok, `${info.config.created} (${when})`];
}
/** Current on every platform; otherwise what is not, and why. */
function checkBaseRule(checks) {
    if (checks.length === 0)
        return [false, '(no base check)'];
    const status = (0,image_base/* overallStatus */.gX)(checks);
    if (status === 'current') {
        return [true, `current (${checks.map(image_base/* verdict */.WJ).join('; ')})`];
    }
    const others = checks.filter((c) => c.status !== 'current');
    return [false, `${status}: ${others.map(image_base/* verdict */.WJ).join('; ')}`];
}
/** Empty, `root`, `0`, `0:…` and `root:…` all run as root. */
function isRoot(user) {
    const name = user.split(':')[0].trim();
    return name === '' || name === 'root' || name === '0';
}

// EXTERNAL MODULE: ./src/registry/reference.ts
var registry_reference = __nccwpck_require__(9310);
;// CONCATENATED MODULE: ./src/inputs.ts
/**
 * The only reader of action inputs: every input is read, validated and
 * normalized here into one typed object, or the step fails naming the input.
 */






/** Longer than any job may run (GitHub-hosted: 6 h), and than a Node timer can wait. */
const MAX_DURATION_MS = 24 * 3_600_000;
function durationInput(name, fallback, min = 0) {
    const text = getInput(name) || fallback;
    const ms = (0,duration/* parseDuration */.E9)(text);
    if (ms === undefined || ms < min) {
        throw new errors/* InputError */.dz(name, `"${text}" is not a duration${min ? ` of at least ${min} ms` : ''}: write e.g. 30s, 5m, 1m30s, 500ms or a number of seconds.`);
    }
    if (ms > MAX_DURATION_MS) {
        throw new errors/* InputError */.dz(name, `"${text}" is longer than 24h, the most allowed.`);
    }
    return ms;
}
/** Inputs that only make sense for one image. */
const SINGLE_ONLY = [
    'tag',
    'compare-to',
    'assert',
    'previous-digest',
    'tag-pattern',
    'tag-sort',
    'max-update',
    'dockerfile',
    'compare-to-dockerfile',
    'build-args'
];
/** Switches that only make sense for one image: set to true, they are refused. */
const SINGLE_ONLY_SWITCHES = [
    'list-tags',
    'comment',
    'report-only',
    'include-prereleases'
];
/**
 * Reads the inputs for one image, or for many with `images`; a Dockerfile
 * an input names is read too (asynchronously, its parser loaded on demand).
 */
async function readInputs() {
    // Hidden from the log before anything, a failure included, could print them.
    for (const name of ['password', 'github-token']) {
        const secret = getInput(name);
        if (secret)
            core_setSecret(secret);
    }
    const images = getInput('images');
    if (!images)
        return { mode: 'single', ...(await getInputs()) };
    if (getInput('image')) {
        throw new errors/* InputError */.dz('images', "give either 'image' (one reference) or 'images' (one per line), not both.");
    }
    const single = (name) => new errors/* InputError */.dz(name, `is for a single 'image'; it cannot be combined with 'images'.`);
    for (const name of SINGLE_ONLY) {
        if (getInput(name))
            throw single(name);
    }
    for (const name of SINGLE_ONLY_SWITCHES) {
        if (booleanInput(name, false))
            throw single(name);
    }
    const entries = batchEntries(images);
    const settings = readSettings();
    if (settings.allPlatforms) {
        throw new errors/* InputError */.dz('platform', "'all' works with a single 'image', not with 'images'.");
    }
    // Credentials from inputs must never reach another registry.
    // Host names are case-insensitive: one registry however it is written.
    const domains = new Set(entries.flatMap((e) => e.reference ? [e.reference.domain.toLowerCase()] : []));
    const { credentials, ...rest } = settings;
    if (credentials && domains.size > 1) {
        throw new errors/* InputError */.dz('username', `the images are on ${domains.size} registries (${[...domains].join(', ')}); 'username'/'password' would go to all of them. Log in to each with docker/login-action instead.`);
    }
    return {
        mode: 'batch',
        images: entries,
        ...rest,
        given: givenFor(credentials, [...domains][0])
    };
}
/** The `images` lines: each parsed, or why it could not be. */
function batchEntries(images) {
    const entries = images
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter((line) => line !== '' && !line.startsWith('#'))
        // The same reference twice is one inspection and one result.
        .filter((line, i, all) => all.indexOf(line) === i)
        .map((input) => {
        try {
            return { input, reference: withTag((0,registry_reference/* parseReference */.F2)(input)) };
        }
        catch (error) {
            if (!(error instanceof registry_reference/* ReferenceError */.AF))
                throw error;
            return {
                input,
                error: `"${input}" is not a valid image reference: ${error.rule}`
            };
        }
    });
    if (entries.length === 0) {
        throw new errors/* InputError */.dz('images', 'lists no image: give one reference per line.');
    }
    if (entries.length > 256) {
        throw new errors/* InputError */.dz('images', `lists ${entries.length} images; at most 256 per step.`);
    }
    return entries;
}
/** The username/password inputs, for one registry's requests only. */
function givenFor(credentials, domain) {
    if (!credentials || domain === undefined)
        return undefined;
    return { credentials, domain, source: "the 'username'/'password' inputs" };
}
/**
 * The inputs every inspection uses, validated; credentials not yet tied to
 * a registry. `baseRule`: the gate asks whether the base is current.
 */
function readSettings(baseRule = false) {
    const platformText = getInput('platform') || 'linux/amd64';
    const allPlatforms = platformText.toLowerCase() === 'all';
    const platform = allPlatforms
        ? { os: 'linux', architecture: 'amd64' }
        : (0,image_platform/* parsePlatform */.Y8)(platformText);
    if (!platform) {
        throw new errors/* InputError */.dz('platform', `"${platformText}" is not a platform: write os/arch or os/arch/variant (e.g. linux/amd64, linux/arm64, linux/arm/v7), or all.`);
    }
    const username = getInput('username');
    const password = getInput('password');
    // getInput gives '' for unset and empty alike; only the variable's
    // presence says a value was passed, and that it came out empty.
    if (username && !password && process.env['INPUT_PASSWORD'] !== undefined) {
        throw new errors/* InputError */.dz('password', "is empty, but 'username' is set: pass the password or token (an unset secret or variable gives an empty string), or remove 'username'.");
    }
    if (password && !username && process.env['INPUT_USERNAME'] !== undefined) {
        throw new errors/* InputError */.dz('username', "is empty, but 'password' is set: pass the user name the password or token belongs to (an unset secret or variable gives an empty string), or remove 'password'.");
    }
    if (Boolean(username) !== Boolean(password)) {
        throw new errors/* InputError */.dz(username ? 'password' : 'username', `'username' and 'password' go together; only '${username ? 'username' : 'password'}' was given.`);
    }
    return {
        platform,
        allPlatforms,
        credentials: username ? { username, password } : undefined,
        insecureRegistries: parseInsecureRegistries(getInput('insecure-registries')),
        requestTimeoutMs: durationInput('request-timeout', '30s', 100),
        timeoutMs: durationInput('timeout', '5m', 100),
        retries: retriesInput(),
        maxRetryWaitMs: durationInput('max-retry-wait', '60s'),
        waitForMs: durationInput('wait-for', '0'),
        cacheDir: getInput('cache-dir') || undefined,
        ...baseInputs(baseRule)
    };
}
/**
 * `check-base`, `base-image` and the rule `base is current` (which imply
 * it), and `provenance` (which it implies).
 */
function baseInputs(baseRule) {
    const text = getInput('base-image');
    const baseImage = text
        ? withTag(referenceInput('base-image', text))
        : undefined;
    const checkBase = booleanInput('check-base', Boolean(baseImage) || baseRule);
    if (!checkBase && (baseImage || baseRule)) {
        const asker = baseImage
            ? "'base-image' asks for"
            : "the rule 'base is current' in 'assert' needs";
        throw new errors/* InputError */.dz('check-base', `is false, but ${asker} a base check: remove one of them.`);
    }
    return {
        checkBase,
        baseImage,
        readProvenance: booleanInput('provenance', false) || checkBase
    };
}
async function getInputs() {
    const image = getInput('image');
    const files = dockerfileInputs();
    if (!image && !files.dockerfile) {
        throw new errors/* InputError */.dz('image', "is required: give the image to inspect, a 'dockerfile' whose base image to inspect, or several images, one per line, in 'images'.");
    }
    const rules = rulesInput();
    const { allPlatforms, credentials, ...settings } = readSettings(rules.some((r) => r.kind === 'base'));
    const { dockerfile, compareToBase } = await loadDockerfiles(files, settings.platform);
    const { reference, tagRange, platform } = image
        ? imageInputs(image)
        : dockerfileBase(dockerfile);
    const comparison = comparisonInputs(allPlatforms, compareToBase);
    const tagQuery = tagQueryInputs();
    if (tagRange && tagQuery.sort === 'docker') {
        throw new errors/* InputError */.dz('tag-sort', "docker compares tags with the one in 'image'; a semver: selector in 'tag' orders tags as semver. Remove one of them.");
    }
    return {
        ...settings,
        platform: (!allPlatforms && platform) || settings.platform,
        given: givenFor(credentials, reference.domain),
        reference,
        allPlatforms,
        tagRange,
        listTags: booleanInput('list-tags', false) || tagQuery.implied,
        tagQuery: {
            sort: tagQuery.sort,
            patternSource: tagQuery.patternSource,
            maxUpdate: tagQuery.maxUpdate,
            includePrereleases: booleanInput('include-prereleases', false)
        },
        previousDigest: previousDigestInput(),
        rules,
        reportOnly: booleanInput('report-only', false),
        ...comparison,
        ...(dockerfile && { dockerfile })
    };
}
function dockerfileInputs() {
    const dockerfile = getInput('dockerfile') || undefined;
    const compareToDockerfile = getInput('compare-to-dockerfile') || undefined;
    if (compareToDockerfile && getInput('compare-to')) {
        throw new errors/* InputError */.dz('compare-to-dockerfile', "names the image to compare with, as 'compare-to' does: give one of them.");
    }
    const buildArgs = buildArgsInput();
    if (buildArgs.size > 0 && !dockerfile && !compareToDockerfile) {
        throw new errors/* InputError */.dz('build-args', "are for the ARGs of a Dockerfile: set 'dockerfile' as well.");
    }
    return { dockerfile, compareToDockerfile, buildArgs };
}
/** `NAME=VALUE` per line; `NAME` alone takes the step's environment variable, as docker build does. */
function buildArgsInput() {
    const args = new Map();
    for (const raw of getInput('build-args', { trimWhitespace: false })
        .split('\n')) {
        const line = raw.replace(/\r$/, '').replace(/^\s+/, '');
        if (line === '' || line.startsWith('#'))
            continue;
        const equals = line.indexOf('=');
        const name = (equals === -1 ? line : line.slice(0, equals)).trimEnd();
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
            throw new errors/* InputError */.dz('build-args', `"${line}" is not NAME=VALUE with a name of letters, digits and "_": write one build argument per line, e.g. PYTHON_VERSION=3.12.`);
        }
        const value = equals === -1 ? process.env[name] : line.slice(equals + 1);
        if (value !== undefined)
            args.set(name, value);
    }
    return args;
}
/** The Dockerfiles the inputs name, read and resolved (their parser loads only then). */
async function loadDockerfiles(files, platform) {
    if (!files.dockerfile && !files.compareToDockerfile)
        return {};
    const { loadDockerfile } = await Promise.all(/* import() */[__nccwpck_require__.e(839), __nccwpck_require__.e(78)]).then(__nccwpck_require__.bind(__nccwpck_require__, 6078));
    const options = { buildArgs: files.buildArgs, platform };
    const dockerfile = files.dockerfile
        ? await loadDockerfile('dockerfile', files.dockerfile, options)
        : undefined;
    if (!files.compareToDockerfile)
        return { dockerfile };
    const other = await loadDockerfile('compare-to-dockerfile', files.compareToDockerfile, options);
    if (!other.final) {
        throw new errors/* InputError */.dz('compare-to-dockerfile', `${files.compareToDockerfile} builds its last stage FROM scratch: there is no base image to compare with.`);
    }
    return { dockerfile, compareToBase: other.final.reference };
}
/** Without 'image': the base of the Dockerfile's last stage, at its --platform. */
function dockerfileBase(dockerfile) {
    if (!dockerfile.final) {
        throw new errors/* InputError */.dz('dockerfile', `${dockerfile.path} builds its last stage FROM scratch: there is no base image to inspect. Set 'image' to inspect another one.`);
    }
    if (getInput('tag')) {
        throw new errors/* InputError */.dz('tag', `the tag comes from the FROM on line ${dockerfile.final.line} of ${dockerfile.path}; 'tag' goes with 'image'.`);
    }
    return {
        reference: dockerfile.final.reference,
        platform: dockerfile.final.platform
    };
}
/** `image` and `tag`: the reference, or the semver range that picks its tag. */
function imageInputs(image) {
    const tag = getInput('tag');
    const reference = referenceInput('image', image);
    if (tag.startsWith('semver:')) {
        // The range itself is checked by the plan (semver loads lazily),
        // still before any request.
        if (reference.tag !== undefined || reference.digest !== undefined) {
            throw new errors/* InputError */.dz('tag', `a semver selector picks the tag, so 'image' must not name one ("${image}").`);
        }
        const range = tag.slice('semver:'.length).trim() || '*';
        return { reference: { ...reference, tag: undefined }, tagRange: range };
    }
    if (tag) {
        if (!(0,registry_reference/* isTag */.dz)(tag)) {
            throw new errors/* InputError */.dz('tag', `"${tag}" is not a valid tag: up to 128 letters, digits, "_", "." and "-", not starting with "." or "-".`);
        }
        if (reference.tag !== undefined && reference.tag !== tag) {
            throw new errors/* InputError */.dz('tag', `"${tag}" conflicts with the tag "${reference.tag}" in the 'image' input. Give the tag in one place only.`);
        }
        return { reference: { ...reference, tag } };
    }
    return { reference: withTag(reference) };
}
/** A reference with neither tag nor digest means `latest`, as in docker pull. */
function withTag(reference) {
    return reference.tag === undefined && reference.digest === undefined
        ? { ...reference, tag: 'latest' }
        : reference;
}
function rulesInput() {
    try {
        return parseRules(getInput('assert'));
    }
    catch (error) {
        if (error instanceof RuleError)
            throw new errors/* InputError */.dz('assert', `${error.message}.`);
        throw error;
    }
}
/**
 * `compare-to` (or the base of `compare-to-dockerfile`), `comment` and the
 * token the comment needs.
 */
function comparisonInputs(allPlatforms, compareToBase) {
    const compareText = getInput('compare-to');
    const compareTo = compareText
        ? referenceInput('compare-to', compareText)
        : compareToBase;
    const comment = booleanInput('comment', false);
    const githubToken = getInput('github-token');
    if (allPlatforms && compareTo) {
        throw new errors/* InputError */.dz('compare-to', "compares one platform: set 'platform' to one (e.g. linux/amd64) rather than all.");
    }
    if (comment && !compareTo) {
        throw new errors/* InputError */.dz('comment', "a comment shows a comparison: set 'compare-to' as well.");
    }
    if (comment && !githubToken) {
        throw new errors/* InputError */.dz('github-token', "posting a comment needs a token (the default is the workflow's GITHUB_TOKEN).");
    }
    return { compareTo, comment, githubToken };
}
/** `tag-sort`, `tag-pattern`, `max-update`; `implied`: they ask for the tag list. */
function tagQueryInputs() {
    const written = getInput('tag-sort');
    const sort = (written || 'semver').toLowerCase();
    if (sort !== 'semver' && sort !== 'docker' && sort !== 'lexical') {
        throw new errors/* InputError */.dz('tag-sort', `"${written}" is not a sort order: write semver, docker (Docker-style tags such as 3.12-slim) or lexical.`);
    }
    const maxText = getInput('max-update');
    const maxUpdate = maxText.toLowerCase() || undefined;
    if (maxUpdate !== undefined &&
        maxUpdate !== 'major' &&
        maxUpdate !== 'minor' &&
        maxUpdate !== 'patch') {
        throw new errors/* InputError */.dz('max-update', `"${maxText}" is not an update type: write major (any newer tag), minor or patch.`);
    }
    if (maxUpdate && sort === 'lexical') {
        throw new errors/* InputError */.dz('max-update', 'needs versions, and tag-sort lexical has none: use tag-sort docker or semver.');
    }
    const patternSource = getInput('tag-pattern') || undefined;
    if (patternSource && patternSource.length > MAX_PATTERN_LENGTH) {
        throw new errors/* InputError */.dz('tag-pattern', `the pattern is longer than ${MAX_PATTERN_LENGTH} characters.`);
    }
    return {
        sort,
        patternSource,
        maxUpdate,
        implied: Boolean(patternSource || written || maxUpdate)
    };
}
function previousDigestInput() {
    const text = getInput('previous-digest');
    if (!text)
        return undefined;
    try {
        return (0,registry_reference/* parseDigest */.m)(text);
    }
    catch (error) {
        if (!(error instanceof registry_reference/* ReferenceError */.AF))
            throw error;
        throw new errors/* InputError */.dz('previous-digest', `${error.rule}.`);
    }
}
function booleanInput(name, fallback) {
    const text = getInput(name);
    const value = text.toLowerCase();
    if (value === '')
        return fallback;
    if (['true', 'yes', 'on', '1'].includes(value))
        return true;
    if (['false', 'no', 'off', '0'].includes(value))
        return false;
    throw new errors/* InputError */.dz(name, `"${text}" is not a boolean: write true or false.`);
}
function referenceInput(name, text) {
    try {
        return (0,registry_reference/* parseReference */.F2)(text);
    }
    catch (error) {
        if (error instanceof registry_reference/* ReferenceError */.AF) {
            throw new errors/* InputError */.dz(name, `"${text}" is not a valid image reference: ${error.rule}. Examples: nginx, nginx:1.27, ghcr.io/org/app:v1, registry.example.com:5000/team/app@sha256:<64 hex>.`);
        }
        throw error;
    }
}
function retriesInput() {
    const text = getInput('retries') || '4';
    if (!/^\d{1,2}$/.test(text.trim())) {
        throw new errors/* InputError */.dz('retries', `"${text}" is not a number of retries: write a whole number from 0 to 99.`);
    }
    return Number(text);
}
/** Hosts separated by newlines, commas or spaces; `#` starts a comment. */
function parseInsecureRegistries(text) {
    const hosts = [];
    for (const line of text.split('\n')) {
        for (const item of line.replace(/#.*/, '').split(/[\s,]+/)) {
            if (!item)
                continue;
            const host = item.replace(/^http:\/\//i, '').replace(/\/+$/, '');
            if (!(0,registry_reference/* isRegistryHost */.EV)(host)) {
                throw new errors/* InputError */.dz('insecure-registries', `"${item}" is not a registry host: list hosts like registry.local:5000, one per line.`);
            }
            hosts.push(host.toLowerCase());
        }
    }
    return hosts;
}

// EXTERNAL MODULE: ./src/report/explain.ts
var explain = __nccwpck_require__(7389);
// EXTERNAL MODULE: ./src/text/ordered-json.ts
var ordered_json = __nccwpck_require__(8573);
;// CONCATENATED MODULE: ./src/report/outputs.ts
/** ImageInfo → the step outputs, as strings, in the order action.yml lists them. */



function imageOutputs(info) {
    const c = info.config;
    return [
        ['ref', info.ref],
        ['digest', info.digest],
        ['image-digest', info.imageDigest],
        ['config-digest', info.configDigest],
        ['media-type', info.mediaType],
        ['platform', (0,image_platform/* formatPlatform */.Bq)(info.platform)],
        ['platforms', JSON.stringify(info.platforms.map(image_platform/* formatPlatform */.Bq))],
        ['os', c.os],
        ['architecture', c.architecture],
        ['variant', c.variant],
        ['created', c.created],
        ['author', c.author],
        ['user', c.user],
        ['workdir', c.workdir],
        ['entrypoint', JSON.stringify(c.entrypoint)],
        ['cmd', JSON.stringify(c.cmd)],
        ['env', (0,ordered_json/* orderedJson */.QX)(c.env)],
        ['labels', (0,ordered_json/* orderedJson */.QX)(c.labels)],
        ['annotations', (0,ordered_json/* orderedJson */.QX)(info.annotations)],
        ['index-annotations', (0,ordered_json/* orderedJson */.QX)(info.indexAnnotations)],
        ['exposed-ports', JSON.stringify(c.exposedPorts)],
        ['volumes', JSON.stringify(c.volumes)],
        ['stop-signal', c.stopSignal],
        ['layers', String(info.layers)],
        ['size', String(info.size)],
        ['config', info.configText],
        ['ratelimit-limit', info.rateLimit ? String(info.rateLimit.limit) : ''],
        [
            'ratelimit-remaining',
            info.rateLimit ? String(info.rateLimit.remaining) : ''
        ]
    ];
}
/**
 * The base check's outputs. With several platforms, `needs-update` and
 * `base-status` speak for all of them; the others describe `primary`.
 */
function baseOutputs(checks, primary) {
    const status = (0,image_base/* overallStatus */.gX)(checks);
    return [
        ['needs-update', (0,image_base/* needsUpdate */.Ts)(status)],
        ['base-status', status],
        ['base-method', primary.method ?? ''],
        ['base-ref', primary.ref ?? ''],
        ['base-digest', primary.digest ?? ''],
        ['base-built-from', primary.builtFrom ?? ''],
        [
            'outdated-platforms',
            JSON.stringify(checks.filter((c) => c.status === 'outdated').map((c) => c.platform))
        ]
    ];
}
/** One platform's (or image's) base check, as `results` entries carry it. */
function baseFields(check) {
    return [
        ['needs-update', (0,image_base/* needsUpdate */.Ts)(check.status)],
        ['base-status', check.status],
        ['base-method', check.method ?? ''],
        ['base-built-from', check.builtFrom ?? '']
    ];
}
/** The `provenance` output: what users ask of it, never the whole statement. */
function provenanceJson(p) {
    if (!p)
        return '';
    return JSON.stringify({
        'predicate-type': p.predicateType,
        builder: p.builder,
        source: p.source,
        revision: p.revision,
        materials: p.materials.map((m) => ({ uri: m.uri, digest: m.digest }))
    });
}
/**
 * One image as a compact JSON object (the `results` output): the outputs'
 * names and values, maps and lists as JSON rather than JSON text, and its
 * base check and provenance when they were asked for.
 */
function imageJson(info, { base, provenance } = {}) {
    const parts = [
        ...imageOutputs(info).filter(([name]) => name !== 'config' && !name.startsWith('ratelimit')),
        ...(base ? baseFields(base) : []),
        // Read and found, read and none (null), or not asked for.
        ...(provenance === undefined
            ? []
            : [['provenance', provenance ? provenanceJson(provenance) : 'null']])
    ].map(([name, value]) => {
        const raw = RAW_JSON.has(name) ? value : JSON.stringify(value);
        return `${JSON.stringify(name)}:${raw}`;
    });
    return `{${parts.join(',')}}`;
}
/** Outputs whose value already is JSON. */
const RAW_JSON = new Set([
    'platforms',
    'entrypoint',
    'cmd',
    'env',
    'labels',
    'annotations',
    'index-annotations',
    'provenance',
    'exposed-ports',
    'volumes',
    'layers',
    'size'
]);

// EXTERNAL MODULE: ./src/registry/client.ts + 2 modules
var registry_client = __nccwpck_require__(5852);
// EXTERNAL MODULE: ./src/registry/errors.ts
var registry_errors = __nccwpck_require__(6764);
// EXTERNAL MODULE: ./src/registry/media-types.ts
var media_types = __nccwpck_require__(9867);
;// CONCATENATED MODULE: ./src/registry/rate-limit.ts
/** `100;w=21600` → 100 and 21600; absent or unreadable → undefined. */
function readRateLimit(headers) {
    const parse = (name) => {
        const value = headers[name];
        const text = Array.isArray(value) ? value[0] : value;
        // At most 15 digits: every value stays an exact number.
        const match = text
            ? /^\s*(\d{1,15})(?!\d)\s*(?:;\s*w\s*=\s*(\d{1,15})(?!\d))?/.exec(text)
            : null;
        return match
            ? [
                Number(match[1]),
                match[2] === undefined ? undefined : Number(match[2])
            ]
            : undefined;
    };
    const limit = parse('ratelimit-limit');
    const remaining = parse('ratelimit-remaining');
    if (!limit || !remaining)
        return undefined;
    const windowSeconds = limit[1] ?? remaining[1];
    return windowSeconds === undefined
        ? { limit: limit[0], remaining: remaining[0] }
        : { limit: limit[0], remaining: remaining[0], windowSeconds };
}

// EXTERNAL MODULE: ./src/image/fields.ts
var fields = __nccwpck_require__(6876);
;// CONCATENATED MODULE: ./src/image/config.ts
/** The image config blob → the fields users ask about. Pure. */


/** Reads the fields users ask about from a config blob, tolerating absent ones. */
function readConfig(text) {
    let json;
    try {
        json = JSON.parse(text);
    }
    catch {
        throw new registry_errors/* RegistryError */.gl('protocol', 'The config blob is not valid JSON');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
        throw new registry_errors/* RegistryError */.gl('protocol', 'The config blob is not a JSON object');
    }
    // Fields as the runtimes find them, in any case (fields.ts).
    const root = (0,fields/* structOf */.Tb)(json, fields/* CONFIG_FIELDS */.nR, 'config blob');
    const c = (0,fields/* structOf */.Tb)((0,fields/* objectOrUndefined */.XD)(root.config) ?? {}, fields/* CONTAINER_CONFIG_FIELDS */.Nu, 'config blob');
    return {
        os: str(root.os),
        architecture: str(root.architecture),
        variant: str(root.variant),
        created: str(root.created),
        author: str(root.author),
        user: str(c.User),
        workdir: str(c.WorkingDir),
        entrypoint: strings(c.Entrypoint),
        cmd: strings(c.Cmd),
        env: envEntries(c.Env),
        labels: (0,fields/* stringEntries */.iq)(c.Labels, "config's label", {
            text,
            path: ['config', 'Labels']
        }),
        exposedPorts: keys(c.ExposedPorts),
        volumes: keys(c.Volumes),
        stopSignal: str(c.StopSignal)
    };
}
function str(value) {
    return typeof value === 'string' ? value : '';
}
function strings(value) {
    if (!Array.isArray(value))
        return null;
    return value.map((v) => (typeof v === 'string' ? v : String(v)));
}
/** `NAME=value` lines as ordered pairs; a repeated name keeps its first place. */
function envEntries(value) {
    if (!Array.isArray(value))
        return [];
    const positions = new Map();
    const out = [];
    for (const item of value) {
        if (typeof item !== 'string')
            continue;
        const eq = item.indexOf('=');
        const name = eq === -1 ? item : item.slice(0, eq);
        const val = eq === -1 ? '' : item.slice(eq + 1);
        const at = positions.get(name);
        if (at === undefined) {
            positions.set(name, out.length);
            out.push([name, val]);
        }
        else {
            out[at] = [name, val];
        }
    }
    return out;
}
function keys(value) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        return [];
    }
    return Object.keys(value);
}

// EXTERNAL MODULE: ./src/image/manifest.ts
var image_manifest = __nccwpck_require__(596);
// EXTERNAL MODULE: ./src/jobs/pool.ts
var pool = __nccwpck_require__(116);
;// CONCATENATED MODULE: ./src/jobs/inspect.ts











/** `platform: all` fetches one manifest and config per platform, at most this many. */
const MAX_PLATFORMS = 64;
/** ...and holds their configs, at most this much of them in all. */
const MAX_PLATFORM_CONFIG_BYTES = 16 * 1024 * 1024;
async function inspectImage(request, client) {
    return (0,explain/* explained */.t)(request, async () => resolve(request, client, await fetchTop(request, client)));
}
/**
 * Every platform an image offers (attestations left out), each with its
 * config, a few at a time; the top manifest is fetched and parsed once. A
 * single-platform image gives one entry.
 */
async function inspectEveryPlatform(request, client) {
    return (0,explain/* explained */.t)(request, async () => {
        const top = await fetchTop(request, client);
        const document = (0,image_manifest/* parseManifest */.Ng)(top);
        if (document.kind !== 'index') {
            return [await resolve(request, client, top, document)];
        }
        const unique = new Map();
        for (const p of document.platforms) {
            const key = (0,image_platform/* formatPlatform */.Bq)(p);
            if (!unique.has(key))
                unique.set(key, p);
        }
        if (unique.size > MAX_PLATFORMS) {
            throw new registry_errors/* RegistryError */.gl('too-large', `The image offers ${unique.size} platforms; inspecting every platform stops at ${MAX_PLATFORMS} (a fixed limit)`, undefined, [], undefined, 'one-platform');
        }
        let held = 0;
        return (0,pool/* mapLimit */.s)([...unique.values()], pool/* PER_REGISTRY_CONCURRENCY */.M, async (p) => {
            const info = await resolve({ ...request, platform: p }, client, top, document);
            held += info.configText.length;
            if (held > MAX_PLATFORM_CONFIG_BYTES) {
                throw new registry_errors/* RegistryError */.gl('too-large', `The configs of the image's platforms add up to more than ${MAX_PLATFORM_CONFIG_BYTES} bytes; inspecting every platform stops there (a fixed limit)`, undefined, [], undefined, 'one-platform');
            }
            return info;
        });
    });
}
/** From the top manifest down through indexes to the platform's manifest. */
async function choose(request, client, top, parsedTop) {
    const wanted = request.platform;
    const chosen = {
        manifest: top,
        document: parsedTop,
        rateLimit: readRateLimit(top.headers)
    };
    for (let depth = 0; chosen.document.kind === 'index'; depth++) {
        if (depth >= image_manifest/* MAX_INDEX_DEPTH */.yM) {
            throw new registry_errors/* RegistryError */.gl('unsupported', `The index nests more than ${image_manifest/* MAX_INDEX_DEPTH */.yM} levels deep`);
        }
        const { entries, platforms: offered } = chosen.document;
        chosen.platforms ??= offered;
        const index = (0,image_platform/* matchPlatform */.h0)(wanted, offered);
        if (index === -1) {
            const list = offered.length
                ? (0,image_manifest/* platformList */._P)(offered)
                : 'none (the index lists no images)';
            throw new registry_errors/* RegistryError */.gl('platform', `The image has no ${(0,image_platform/* formatPlatform */.Bq)(wanted)} variant. Platforms available: ${list}`, undefined, [], undefined, 'choose-platform');
        }
        const entry = entries[index];
        // A verified index of this repository vouches for its entries.
        const manifest = await client.getManifest(request.reference.path, entry.digest, { confirmed: true, size: entry.size });
        chosen.manifest = manifest;
        chosen.platform = offered[index];
        chosen.entry = entry;
        chosen.attestation = chosen.document.attestations.get(entry.digest);
        chosen.rateLimit = readRateLimit(manifest.headers) ?? chosen.rateLimit;
        chosen.document = (0,image_manifest/* parseManifest */.Ng)(manifest);
    }
    return chosen;
}
async function resolve(request, client, top, parsedTop = (0,image_manifest/* parseManifest */.Ng)(top)) {
    const chosen = await choose(request, client, top, parsedTop);
    const configDescriptor = imageConfig(chosen.document.json);
    const layers = chosen.document.layers;
    const described = {
        reference: request.reference,
        ref: (0,registry_reference/* formatReference */.FH)(request.reference),
        digest: top.digest,
        mediaType: parsedTop.mediaType,
        imageDigest: chosen.manifest.digest,
        configDigest: configDescriptor.digest,
        layers: layers.length,
        layerDigests: layers.map((layer) => layer.digest),
        size: layers.reduce((sum, layer) => sum + layer.size, 0),
        annotations: chosen.document.annotations,
        indexAnnotations: parsedTop.kind === 'index' ? parsedTop.annotations : [],
        entryAnnotations: (0,fields/* stringEntries */.iq)(chosen.entry?.annotations, 'annotation'),
        attestation: chosen.attestation,
        rateLimit: chosen.rateLimit
    };
    // A single manifest's platform is in its config.
    if (chosen.platform) {
        request.onManifest?.({
            ...described,
            platform: chosen.platform,
            platforms: chosen.platforms ?? [chosen.platform]
        });
    }
    const configBytes = await client.getBlob(request.reference.path, configDescriptor, registry_client/* MAX_CONFIG_BYTES */.GW, 'config blob');
    const configText = configBytes.toString('utf8');
    const config = readConfig(configText);
    const actual = (0,image_platform/* normalizePlatform */.FL)({
        os: config.os,
        architecture: config.architecture,
        variant: config.variant || undefined
    });
    return {
        ...described,
        // Index platforms and `actual` are normalized already.
        platform: chosen.platform ?? actual,
        platforms: chosen.platforms ?? [actual],
        config,
        configText,
        warnings: warningsFor(request.platform, chosen, actual)
    };
}
/** The config descriptor of an image manifest; an artifact's is refused. */
function imageConfig(manifest) {
    const descriptor = (0,image_manifest/* descriptorOf */.nb)(manifest.config, 'config');
    const configType = descriptor.mediaType ?? '';
    if (!media_types/* IMAGE_CONFIG_TYPES */.Pw.includes(configType)) {
        const artifactType = typeof manifest.artifactType === 'string'
            ? manifest.artifactType
            : configType;
        throw new registry_errors/* RegistryError */.gl('unsupported', `This is not a container image but an artifact of type ${(0,registry_errors/* quote */.hD)(artifactType || 'unknown')} (config media type ${(0,registry_errors/* quote */.hD)(configType || 'none')}); it has no image configuration to inspect`);
    }
    return descriptor;
}
/** What is worth telling the user about an image read without failing. */
function warningsFor(wanted, chosen, actual) {
    const warnings = [];
    const wantedText = (0,image_platform/* formatPlatform */.Bq)((0,image_platform/* normalizePlatform */.FL)(wanted));
    if (chosen.platform === undefined &&
        actual.os &&
        (0,image_platform/* formatPlatform */.Bq)(actual) !== wantedText) {
        warnings.push(`The image is single-platform ${(0,image_platform/* formatPlatform */.Bq)(actual)}; the platform ${wantedText} did not apply.`);
    }
    const limit = chosen.rateLimit;
    if (limit && limit.remaining <= Math.max(5, Math.floor(limit.limit / 10))) {
        warnings.push(`Only ${limit.remaining} of ${limit.limit} pulls are left in the registry's rate-limit window${limit.windowSeconds ? ` (${limit.windowSeconds} s)` : ''}; authenticate or cache results to avoid 429s.`);
    }
    return warnings;
}
/**
 * The top manifest; with `waitForMs`, an image that does not exist yet (a
 * push still in flight) is asked for again until it appears or time is up.
 */
async function fetchTop(request, client) {
    // Leave the last moments of the step's budget for a clear not-found error.
    const until = Math.min(Date.now() + (request.waitForMs ?? 0), (request.deadline ?? Infinity) - 1000);
    const sleep = request.sleep ??
        ((ms) => new Promise((r) => setTimeout(r, ms)));
    for (let attempt = 0;; attempt++) {
        try {
            return await fetchTopOnce(request, client);
        }
        catch (error) {
            const missing = error instanceof registry_errors/* RegistryError */.gl &&
                (error.has('MANIFEST_UNKNOWN') ||
                    error.has('NAME_UNKNOWN') ||
                    (error.status === 404 && error.errors.length === 0));
            const left = until - Date.now();
            if (!missing || left <= 0)
                throw error;
            const delay = Math.min(left, 1000 * Math.min(2 ** attempt, 10));
            if (delay < 50)
                throw error;
            request.onWait?.(`${(0,registry_reference/* formatReference */.FH)(request.reference)} is not there yet (${error.errors[0]?.code ?? 'HTTP 404'})`, left);
            await sleep(delay);
        }
    }
}
async function fetchTopOnce(request, client) {
    const { reference } = request;
    if (request.resolvedDigest && !reference.digest) {
        // The HEAD that found this digest confirmed it in the repository.
        return client.getManifest(reference.path, request.resolvedDigest, {
            confirmed: true
        });
    }
    if (!client.cache) {
        return client.getManifest(reference.path, (0,registry_reference/* manifestReference */.Tn)(reference));
    }
    // With a cache, a HEAD (not a pull on Docker Hub) names the digest and
    // confirms it is in this repository, readable with these credentials;
    // only then may the cache answer the rest.
    const head = await client.resolveDigest(reference.path, (0,registry_reference/* manifestReference */.Tn)(reference));
    if (reference.digest && head.digest !== reference.digest) {
        throw new registry_errors/* RegistryError */.gl('integrity', `The registry answered for ${reference.digest} with the digest ${head.digest}`);
    }
    const manifest = await client.getManifest(reference.path, head.digest, {
        confirmed: true
    });
    return { ...manifest, headers: { ...head.headers, ...manifest.headers } };
}

;// CONCATENATED MODULE: ./src/jobs/result.ts
/** What a row of `results` carries of the base check and provenance. */
function rowFindings(settings, found) {
    return {
        base: found.base,
        provenance: settings.readProvenance
            ? (found.provenance?.provenance ?? null)
            : undefined
    };
}
/** An empty result, to build on. */
function result(parts = {}) {
    return { outputs: [], log: [], summary: [], ...parts };
}

;// CONCATENATED MODULE: ./src/jobs/many.ts









async function inspectManyImages(inputs, registries) {
    const rows = inputs.images.map((e) => ({
        name: e.input,
        error: e.error
    }));
    const byRegistry = new Map();
    inputs.images.forEach((e, i) => {
        if (!e.reference)
            return;
        const domain = e.reference.domain.toLowerCase();
        const list = byRegistry.get(domain) ?? [];
        list.push(i);
        byRegistry.set(domain, list);
    });
    // Every image's base check (which reads provenance too) reads each base
    // once; the code for it loads only when asked for (its own bundle chunk).
    const find = inputs.readProvenance
        ? (await __nccwpck_require__.e(/* import() */ 47).then(__nccwpck_require__.bind(__nccwpck_require__, 2047))).findingsAhead(inputs, registries)
        : undefined;
    await Promise.all([...byRegistry.values()].map((indexes) => inspectOnRegistry(indexes, inputs, rows, registries, find)));
    return report(rows, inputs.checkBase);
}
/** The images of one registry, a few at a time; each row gets its answer. */
async function inspectOnRegistry(indexes, inputs, rows, registries, find) {
    const images = inputs.images;
    let connection;
    try {
        connection = await registries.connect(images[indexes[0]].reference);
    }
    catch (error) {
        for (const i of indexes)
            rows[i].error = (0,explain/* describeFailure */.I)(error);
        return;
    }
    const { client, credentials, source } = connection;
    const paths = indexes.map((i) => images[i].reference.path);
    const base = inputs.baseImage;
    if (base && (0,registry_reference/* sameRegistry */.cJ)(base, images[indexes[0]].reference)) {
        paths.push(base.path);
    }
    await client.prepare(paths);
    await (0,pool/* mapLimit */.s)(indexes, pool/* PER_REGISTRY_CONCURRENCY */.M, async (i) => {
        try {
            rows[i].info = await inspectImage({
                reference: images[i].reference,
                platform: inputs.platform,
                credentials,
                credentialSource: source,
                waitForMs: inputs.waitForMs,
                deadline: registries.deadline,
                // The base check starts while the config is fetched.
                onManifest: find?.start
            }, client);
            if (find) {
                const [found] = await find.all([rows[i].info]);
                Object.assign(rows[i], rowFindings(inputs, found));
            }
        }
        catch (error) {
            rows[i].info = undefined;
            rows[i].error = (0,explain/* describeFailure */.I)(error);
        }
    });
}
/** A failed image's base is not known either. */
const UNKNOWN = { platform: '', status: 'unknown', reason: '' };
/** One `results` output, a line and a table row per image. */
function report(rows, checkBase) {
    const out = result({
        outputs: [
            [
                'results',
                (0,ordered_json/* jsonObject */.o$)(rows.map((row) => [
                    row.name,
                    row.info
                        ? imageJson(row.info, row)
                        : JSON.stringify({ error: row.error })
                ]))
            ]
        ],
        summary: [{ kind: 'rows', title: 'Images', rows }]
    });
    if (checkBase) {
        // Any image on a base that moved: rebuild.
        out.outputs.push([
            'needs-update',
            (0,image_base/* needsUpdate */.Ts)((0,image_base/* overallStatus */.gX)(rows.map((r) => r.base ?? UNKNOWN)))
        ]);
    }
    for (const { name, info, error, base } of rows) {
        // Each image's lines fold under its name.
        const group = `Image ${name}`;
        if (!info) {
            out.log.push({
                level: 'error',
                message: error ?? 'failed',
                title: `Cannot inspect ${name}`,
                group
            });
            continue;
        }
        out.log.push({
            level: 'info',
            message: `${name} → ${info.digest} (${(0,image_platform/* formatPlatform */.Bq)(info.platform)})`,
            group
        });
        for (const warning of info.warnings) {
            out.log.push({ level: 'warning', message: `${name}: ${warning}`, group });
        }
        if (base) {
            out.log.push({
                level: base.status === 'unknown' ? 'warning' : 'info',
                message: `${name}: ${(0,image_base/* verdict */.WJ)(base)}`,
                group
            });
        }
    }
    const failed = rows.filter((r) => r.error);
    if (failed.length > 0) {
        out.failure = `${failed.length} of ${rows.length} images could not be inspected: ${failed.map((r) => r.name).join(', ')}`;
    }
    return out;
}

;// CONCATENATED MODULE: ./src/compare/diff.ts

/** Field name in the `changes` output → how to read it from an image. */
const FIELDS = [
    ['digest', (i) => i.digest],
    ['image-digest', (i) => i.imageDigest],
    ['config-digest', (i) => i.configDigest],
    ['os', (i) => i.config.os],
    ['architecture', (i) => i.config.architecture],
    ['variant', (i) => i.config.variant],
    ['platforms', (i) => i.platforms.map(image_platform/* formatPlatform */.Bq)],
    ['entrypoint', (i) => i.config.entrypoint],
    ['cmd', (i) => i.config.cmd],
    ['user', (i) => i.config.user],
    ['workdir', (i) => i.config.workdir],
    ['exposed-ports', (i) => [...i.config.exposedPorts].sort()],
    ['volumes', (i) => [...i.config.volumes].sort()],
    ['stop-signal', (i) => i.config.stopSignal]
];
function compareImages(before, after) {
    const labels = compareEntries(before.config.labels, after.config.labels);
    const env = compareEntries(before.config.env, after.config.env);
    const fields = Object.create(null);
    let unchanged = labels.same + env.same;
    for (const [name, read] of FIELDS) {
        const old = read(before);
        const now = read(after);
        if (JSON.stringify(old) === JSON.stringify(now))
            unchanged++;
        else
            fields[name] = { old, new: now };
    }
    const changed = Object.keys(fields).length > 0 || labels.count > 0 || env.count > 0;
    return {
        labels: labels.changes,
        env: env.changes,
        fields,
        unchanged,
        changed
    };
}
function compareEntries(before, after) {
    // Null-prototype maps: `__proto__` is a key like any other.
    const changes = {
        added: Object.create(null),
        removed: Object.create(null),
        changed: Object.create(null)
    };
    const old = new Map(before);
    const now = new Map(after);
    let same = 0;
    let count = 0;
    for (const [key, value] of now) {
        if (!old.has(key)) {
            changes.added[key] = value;
            count++;
        }
        else if (old.get(key) !== value) {
            changes.changed[key] = { old: old.get(key), new: value };
            count++;
        }
        else
            same++;
    }
    for (const [key, value] of old) {
        if (!now.has(key)) {
            changes.removed[key] = value;
            count++;
        }
    }
    return { changes, same, count };
}
/** The `changes` output: labels, env, then each differing field by name. */
function changesJson(changes) {
    return JSON.stringify({
        labels: changes.labels,
        env: changes.env,
        ...changes.fields
    });
}

;// CONCATENATED MODULE: ./src/jobs/gate.ts
/**
 * `assert`: the rules checked against the inspected image; each failed rule
 * an annotation, and the step fails (or, with report-only, only warns).
 */

function checkGate(gate, info, base = []) {
    const results = evaluateRules(gate.rules, info, gate.patterns, Date.now(), base);
    const passed = results.filter((r) => r.passed).length;
    const group = `Rules: ${passed} of ${results.length} passed`;
    const log = results.map((r) => r.passed
        ? { level: 'info', message: `✔ ${r.rule}`, group }
        : {
            level: 'error',
            message: `${r.rule} (actual: ${clipped(r.actual)})`,
            title: 'Image assertion failed',
            group
        });
    const failure = verdict(results);
    if (failure && gate.reportOnly)
        log.push({ level: 'warning', message: failure });
    return {
        outputs: [
            ['assertions', JSON.stringify(results)],
            ['passed', String(results.every((r) => r.passed))]
        ],
        log,
        summary: results.length ? [{ kind: 'rules', results }] : [],
        failure: gate.reportOnly ? undefined : failure
    };
}
/** An annotation is one line: a long value is cut (`assertions` has it whole). */
const MAX_ACTUAL_CHARS = 500;
function clipped(text) {
    return text.length > MAX_ACTUAL_CHARS
        ? `${text.slice(0, MAX_ACTUAL_CHARS)}… (${text.length - MAX_ACTUAL_CHARS} more characters)`
        : text;
}
/** What the step says when rules failed; undefined when all held. */
function verdict(results) {
    const failed = results.filter((r) => !r.passed);
    if (failed.length === 0)
        return undefined;
    return `${failed.length} of ${results.length} image assertions failed: ${failed.map((r) => r.rule).join('; ')}`;
}

;// CONCATENATED MODULE: ./src/jobs/previous-digest.ts



async function checkPreviousDigest(reference, previous, { client, credentials, source }, log) {
    const { digest, method } = await (0,explain/* explained */.t)({ reference, credentials, credentialSource: source }, () => client.resolveDigest(reference.path, (0,registry_reference/* manifestReference */.Tn)(reference)));
    const ref = (0,registry_reference/* formatReference */.FH)(reference);
    log.info(`${ref} is ${digest} (by ${method})`);
    if (digest !== previous)
        return { digest };
    return {
        unchanged: result({
            outputs: [
                ['ref', ref],
                ['digest', digest],
                ['changed', 'false']
            ],
            log: [
                {
                    level: 'info',
                    message: 'Unchanged since previous-digest: not fetching the manifest and config.'
                }
            ],
            summary: [{ kind: 'unchanged', ref, digest }]
        })
    };
}

;// CONCATENATED MODULE: ./src/jobs/one-image.ts
/**
 * One image (`image`): find the tag (tag tracking), stop early if nothing
 * moved (previous-digest), inspect it (every platform with `platform: all`)
 * and what it is compared with, then check the rules. One result.
 */











async function inspectOneImage(inputs, prepared, registries, log) {
    const pins = inputs.dockerfile &&
        (await startDockerfile(inputs.dockerfile, inputs.reference, registries));
    const found = await locate(inputs, prepared, registries, log);
    if (found.unchanged) {
        return withDockerfile(found.unchanged, await pins?.report);
    }
    const bases = baseFindings(inputs, registries);
    const [image, before] = await allOrCancel(registries, [
        inspect(found.reference, inputs, registries, log, {
            all: inputs.allPlatforms,
            resolvedDigest: found.resolvedDigest,
            onManifest: bases?.start
        }),
        inputs.compareTo
            ? inspect(inputs.compareTo, inputs, registries, log, { compared: true })
            : undefined
    ], found.tags);
    const inspected = image.every ?? [image.info];
    const done = one_image_report(inputs, prepared, {
        image,
        findings: bases ? await bases.all(inspected) : inspected.map(() => ({})),
        before: before?.info,
        tags: await found.tags
    });
    return withDockerfile(done, await pins?.report);
}
/**
 * The Dockerfile's report, its pins checked while the image is read (never
 * fails: a pin that cannot be checked is a warning). Loaded only with
 * `dockerfile`; the one token its registry's pins share is fetched first.
 */
async function startDockerfile(dockerfile, reference, registries) {
    const { checkPins, dockerfileOutputs, prepareTokens } = await __nccwpck_require__.e(/* import() */ 480).then(__nccwpck_require__.bind(__nccwpck_require__, 5480));
    await prepareTokens(dockerfile, reference, registries);
    // Wrapped: an async function would wait for a promise it returns.
    const report = checkPins(dockerfile, registries).then(({ stale, log }) => ({
        outputs: dockerfileOutputs(dockerfile, stale),
        log,
        section: { kind: 'dockerfile', dockerfile, stale }
    }));
    return { report };
}
function withDockerfile(out, dockerfile) {
    if (!dockerfile)
        return out;
    return {
        ...out,
        outputs: [...out.outputs, ...dockerfile.outputs],
        log: [...dockerfile.log, ...out.log],
        summary: [...out.summary, dockerfile.section]
    };
}
/**
 * The tag to inspect (tag tracking), and whether it moved since
 * previous-digest; unchanged, the run ends with that.
 */
async function locate(inputs, prepared, registries, log) {
    let reference = inputs.reference;
    let tags;
    if (inputs.tagRange || inputs.listTags) {
        const listing = listTags(inputs, prepared, registries);
        if (inputs.tagRange)
            reference = (await listing).reference;
        // Awaited later; a failure meanwhile is not an unhandled rejection.
        listing.catch(() => undefined);
        tags = listing;
    }
    if (!inputs.previousDigest)
        return { reference, tags };
    const connection = await registries.connect(reference);
    const seen = await checkPreviousDigest(reference, inputs.previousDigest, connection, log);
    // An unchanged image may still sit on a base that moved.
    if (seen.unchanged && !inputs.checkBase) {
        const listed = await tags;
        seen.unchanged.outputs.push(...(listed?.outputs ?? []));
        seen.unchanged.log.push(...(listed?.log ?? []));
        if (listed)
            seen.unchanged.summary.push(listed.section);
        return { unchanged: seen.unchanged };
    }
    const resolvedDigest = seen.unchanged ? inputs.previousDigest : seen.digest;
    return { reference, tags, resolvedDigest };
}
/** The tag list, chosen from (tags.js loads only for this). */
async function listTags(inputs, prepared, registries) {
    const { trackTags } = await Promise.all(/* import() */[__nccwpck_require__.e(88), __nccwpck_require__.e(642)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8642));
    const query = {
        ...inputs.tagQuery,
        pattern: prepared.tagPattern,
        range: inputs.tagRange
    };
    const connection = await registries.connect(inputs.reference);
    return trackTags(inputs.reference, query, connection);
}
/**
 * Base check and provenance for each platform inspected, when asked for
 * (a base check reads provenance too, inputs.ts): each platform's starts
 * once its manifest is read, while its config is fetched.
 */
function baseFindings(inputs, registries) {
    if (!inputs.readProvenance)
        return undefined;
    // Loaded only when asked for (its own bundle chunk).
    const ahead = __nccwpck_require__.e(/* import() */ 47).then(__nccwpck_require__.bind(__nccwpck_require__, 2047)).then(({ findingsAhead }) => findingsAhead(inputs, registries));
    return {
        // A chunk that failed to load is reported by all().
        start: (info) => void ahead.then((a) => a.start(info), () => undefined),
        all: async (infos) => (await ahead).all(infos)
    };
}
/** The result of a finished inspection, in the order outputs are listed. */
function one_image_report(inputs, prepared, done) {
    const { info, every } = done.image;
    const before = done.before;
    const primary = done.findings[every ? every.indexOf(info) : 0];
    const checks = baseChecks(done.findings);
    const out = result({ outputs: imageOutputs(info) });
    const group = `Image ${info.ref}`;
    for (const warning of [...info.warnings, ...(before?.warnings ?? [])]) {
        out.log.push({ level: 'warning', message: warning, group });
    }
    out.log.push({
        level: 'info',
        message: `${info.ref} → ${info.digest} (${(0,image_platform/* formatPlatform */.Bq)(info.platform)}: ${info.imageDigest})`,
        group
    });
    out.log.push(...(done.tags?.log ?? []));
    const gate = checkGate({ ...prepared, ...inputs }, info, checks);
    out.outputs.push(...gate.outputs);
    const changes = before ? compareImages(before, info) : undefined;
    const moved = inputs.previousDigest !== undefined && info.digest !== inputs.previousDigest;
    if (changes || inputs.previousDigest) {
        out.outputs.push(['changed', String(moved || Boolean(changes?.changed))]);
    }
    if (changes)
        out.outputs.push(['changes', changesJson(changes)]);
    out.outputs.push(...(done.tags?.outputs ?? []));
    out.summary.push({ kind: 'image', info });
    if (done.tags)
        out.summary.push(done.tags.section);
    if (every) {
        const rows = every.map((i, n) => ({
            name: (0,image_platform/* formatPlatform */.Bq)(i.platform),
            info: i,
            ...rowFindings(inputs, done.findings[n])
        }));
        out.outputs.push([
            'results',
            (0,ordered_json/* jsonObject */.o$)(rows.map((r) => [r.name, imageJson(r.info, r)]))
        ]);
        out.summary.push({ kind: 'rows', title: 'Platforms', rows });
    }
    reportBase(out, inputs, done.findings, primary);
    out.log.push(...gate.log);
    out.summary.push(...gate.summary);
    out.failure = gate.failure;
    if (changes && before) {
        const comparison = { changes, before: before.ref, after: info.ref };
        out.summary.push({ kind: 'changes', ...comparison });
        if (inputs.comment)
            out.comment = comparison;
    }
    return out;
}
const baseChecks = (findings) => findings.flatMap((f) => (f.base ? [f.base] : []));
/**
 * The base check's outputs (over every platform) and log lines, the
 * primary platform's provenance, and the summary section for both.
 */
function reportBase(out, inputs, findings, primary) {
    const checks = baseChecks(findings);
    if (inputs.checkBase && primary.base) {
        out.outputs.push(...baseOutputs(checks, primary.base));
        out.log.push(...baseLog(checks));
    }
    const provenance = primary.provenance?.provenance;
    if (inputs.readProvenance) {
        out.outputs.push(['provenance', provenanceJson(provenance)]);
    }
    if (inputs.checkBase || provenance) {
        out.summary.push({ kind: 'base', checks, provenance });
    }
}
/** Each platform's answer as a log line; not knowing is worth a warning. */
function baseLog(checks) {
    const group = 'Base image';
    return checks.map((check) => check.status === 'unknown'
        ? {
            level: 'warning',
            message: (0,image_base/* verdict */.WJ)(check),
            title: 'Base image check',
            group
        }
        : {
            level: 'info',
            message: `${(0,image_base/* verdict */.WJ)(check)} (${check.method}: ${check.reason})`,
            group
        });
}
/** Reads one image (every platform of it with `all`). */
async function inspect(reference, inputs, registries, log, { all = false, resolvedDigest, compared = false, onManifest } = {}) {
    log.info(`Inspecting ${(0,registry_reference/* formatReference */.FH)(reference)} (platform ${all ? 'all' : (0,image_platform/* formatPlatform */.Bq)(inputs.platform)}) on ${(0,registry_reference/* apiHost */.nz)(reference.domain)}`);
    const { client, credentials, source } = await registries.connect(reference);
    const base = inputs.baseImage;
    if (!compared && base && (0,registry_reference/* sameRegistry */.cJ)(base, reference)) {
        // One token for the image and its base, where the token server allows it.
        await client.prepare([reference.path, base.path]);
    }
    const request = {
        reference,
        resolvedDigest,
        platform: inputs.platform,
        credentials,
        credentialSource: source,
        waitForMs: inputs.waitForMs,
        deadline: registries.deadline,
        onWait: (reason, leftMs) => log.info(`Waiting: ${reason} (${(0,duration/* formatWait */.Du)(leftMs)} left)`),
        onManifest
    };
    if (!all)
        return { info: await inspectImage(request, client) };
    const every = await inspectEveryPlatform(request, client);
    // The usual outputs describe linux/amd64 when offered, else the first.
    const primary = (0,image_platform/* matchPlatform */.h0)(inputs.platform, every.map((i) => i.platform));
    return { info: every[Math.max(primary, 0)], every };
}
/**
 * Like Promise.all, but when one inspection fails the others are cancelled
 * and awaited, so nothing keeps running after the step has failed. Work
 * started `earlier` (the tag list) is let finish first: its failure is the
 * one reported (it names a repository that does not exist).
 */
async function allOrCancel(registries, work, earlier) {
    try {
        return await Promise.all(work);
    }
    catch (error) {
        const first = await earlier?.then(() => undefined, (failure) => ({ failure }));
        registries.cancel();
        await Promise.allSettled(work);
        throw first ? first.failure : error;
    }
}

;// CONCATENATED MODULE: ./src/jobs/plan.ts
/**
 * From settings to the job that answers them. Everything that can be
 * checked without the network is checked here, before the first request:
 * rules and their patterns, the semver range, the tag pattern.
 */





async function plan(settings) {
    if (settings.mode === 'batch') {
        return async (registries) => withSession(await inspectManyImages(settings, registries), registries);
    }
    const prepared = await prepare(settings);
    return async (registries, log) => withSession(await inspectOneImage(settings, prepared, registries, log), registries);
}
/** Compiles what the inputs ask to compile; a bad one is an input error. */
async function prepare(inputs) {
    let patterns;
    try {
        patterns = await compilePatterns(inputs.rules);
    }
    catch (error) {
        if (error instanceof RuleError) {
            throw new errors/* InputError */.dz('assert', `${error.message}.`);
        }
        throw error;
    }
    if (inputs.tagRange || inputs.tagQuery.maxUpdate)
        await checkTagQuery(inputs);
    const source = inputs.tagQuery.patternSource;
    if (!source)
        return { patterns };
    try {
        return { patterns, tagPattern: await compilePattern(source) };
    }
    catch (error) {
        throw new errors/* InputError */.dz('tag-pattern', `${(0,errors/* errorMessage */.gJ)(error)}.`);
    }
}
/** The semver range, and a tag in use that `max-update` can compare with. */
async function checkTagQuery(inputs) {
    // semver loads only for tag tracking (its own bundle chunk).
    const { isVersion, validRange } = await Promise.all(/* import() */[__nccwpck_require__.e(88), __nccwpck_require__.e(642)]).then(__nccwpck_require__.bind(__nccwpck_require__, 8642));
    if (inputs.tagRange && !validRange(inputs.tagRange)) {
        throw new errors/* InputError */.dz('tag', `"${inputs.tagRange}" is not a semver range: write e.g. semver:^3, semver:~1.27, semver:>=2 <3 or semver:* for the newest.`);
    }
    const { sort, maxUpdate } = inputs.tagQuery;
    const current = inputs.tagRange ? undefined : inputs.reference.tag;
    if (maxUpdate && (current === undefined || !isVersion(current, sort))) {
        throw new errors/* InputError */.dz('max-update', `compares with the tag in use, and ${current === undefined ? 'there is none' : `"${current}" is not a ${sort} version`}: name a version tag in 'image' (e.g. ${sort === 'docker' ? 'python:3.12-slim' : 'app:v1.2.3'}).`);
    }
}
/** What the run cost, said before the job's own lines. */
function withSession(result, registries) {
    const lines = [
        { level: 'debug', message: `HTTP requests: ${registries.requestCount}` }
    ];
    const cache = registries.cache;
    if (cache) {
        const { hits, misses, corrupt, refused } = cache.stats;
        lines.push({
            level: 'info',
            message: `Cache ${cache.dir}: ${hits} hits, ${misses} misses${corrupt ? `, ${corrupt} corrupt entries replaced` : ''}${refused ? `, ${refused} refused (symlinks, special files or oversized entries are never used)` : ''}`
        });
    }
    return { ...result, log: [...lines, ...result.log] };
}

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
var external_node_fs_default = /*#__PURE__*/__nccwpck_require__.n(external_node_fs_namespaceObject);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
var external_node_path_default = /*#__PURE__*/__nccwpck_require__.n(external_node_path_);
;// CONCATENATED MODULE: ./src/registry/auth/credential-helper.ts
/**
 * docker credential helpers (`docker-credential-<name> get`): the server URL
 * goes in on stdin, `{ServerURL, Username, Secret}` comes back on stdout.
 * Run without a shell; the name is validated so it cannot become a path.
 */
const VALID_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const MAX_OUTPUT = 1024 * 1024;
class CredentialHelperError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CredentialHelperError';
    }
}
async function runCredentialHelper(name, serverUrl, options = {}) {
    if (!VALID_NAME.test(name) || name.includes('..')) {
        throw new CredentialHelperError(`credential helper name "${name}" is not valid (letters, digits, ".", "_", "-"; no paths)`);
    }
    const program = `docker-credential-${name}`;
    // Loaded only here: most runs have no helper, and child_process costs start-up.
    const { spawn } = await Promise.resolve(/* import() */).then(__nccwpck_require__.t.bind(__nccwpck_require__, 1421, 23));
    const run = await runProgram(spawn, program, serverUrl, options);
    return readHelperOutput(program, run);
}
/** Runs `<program> get` with the server URL on stdin, under a timeout. */
function runProgram(spawn, program, serverUrl, options) {
    return new Promise((resolve, reject) => {
        const child = spawn(program, ['get'], {
            shell: false,
            stdio: ['pipe', 'pipe', 'pipe'],
            env: options.env ?? process.env
        });
        // Our own timer: spawn's `timeout` is only cleared on 'exit', which a
        // program that never started does not emit, keeping the action alive.
        const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
        timer.unref();
        const out = [];
        const err = [];
        let size = 0;
        child.stdout.on('data', (chunk) => {
            size += chunk.length;
            if (size > MAX_OUTPUT)
                child.kill();
            else
                out.push(chunk);
        });
        child.stderr.on('data', (chunk) => {
            if (err.length < 64)
                err.push(chunk);
        });
        child.on('error', (error) => {
            clearTimeout(timer);
            reject(new CredentialHelperError(error.code === 'ENOENT'
                ? `credential helper ${program} is not installed (not found on PATH)`
                : `credential helper ${program} could not run: ${error.message}`));
        });
        child.on('close', (exitCode, signal) => {
            clearTimeout(timer);
            resolve({
                code: signal ? null : exitCode,
                stdout: Buffer.concat(out).toString('utf8'),
                stderr: Buffer.concat(err).toString('utf8')
            });
        });
        child.stdin.on('error', () => undefined); // the helper may exit without reading
        child.stdin.end(serverUrl);
    });
}
/** What the helper's exit code and output say, per the helper protocol. */
function readHelperOutput(program, { code, stdout, stderr }) {
    if (code !== 0) {
        // The protocol's way of saying "no credentials for this server".
        if (/credentials not found/i.test(stdout + stderr))
            return { found: false };
        throw new CredentialHelperError(`credential helper ${program} failed (${code === null ? 'killed or timed out' : `exit code ${code}`})`);
    }
    let parsed;
    try {
        parsed = JSON.parse(stdout);
    }
    catch {
        throw new CredentialHelperError(`credential helper ${program} did not print JSON`);
    }
    const { Username, Secret } = (parsed ?? {});
    if (typeof Secret !== 'string' || Secret === '')
        return { found: false };
    return {
        found: true,
        credentials: {
            username: typeof Username === 'string' ? Username : '',
            secret: Secret
        }
    };
}

;// CONCATENATED MODULE: ./src/registry/auth/docker-config.ts
/**
 * Credentials the way the docker CLI finds them (what `docker login`,
 * docker/login-action and the cloud login actions write):
 * `$DOCKER_CONFIG/config.json` or `~/.docker/config.json` with `credHelpers`
 * per host, then `credsStore`, then `auths` entries (`auth` base64 of
 * `user:password`, `username`/`password`, `identitytoken`, `registrytoken`);
 * also `DOCKER_AUTH_CONFIG` and podman's auth.json.
 */





/** The username credential helpers use to hand out an identity token. */
const TOKEN_USERNAME = '<token>';
/** Docker Hub's key in config.json, whatever name the image used. */
const DOCKER_HUB_KEY = 'https://index.docker.io/v1/';
/** The path docker itself reads, honouring DOCKER_CONFIG. */
function dockerConfigPath(env = process.env) {
    const dir = env.DOCKER_CONFIG || (0,external_node_path_.join)(env.HOME || (0,external_node_os_namespaceObject.homedir)(), '.docker');
    return (0,external_node_path_.join)(dir, 'config.json');
}
/** The `auths` entry for a domain in one docker config file, if any. */
function credentialsFromDockerConfig(domain, path = dockerConfigPath()) {
    const config = docker_config_readConfig(path);
    return config && fromAuths(config, domain, path);
}
/** `https://index.docker.io/v1/` and `ghcr.io` → comparable host keys. */
function registryKey(key) {
    let host = key.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
    const slash = host.indexOf('/');
    if (slash !== -1)
        host = host.slice(0, slash);
    host = host.toLowerCase();
    return (0,registry_reference/* isDockerHub */.gr)(host) ? 'docker.io' : host;
}
function decodeEntry(entry, key, path) {
    if (typeof entry !== 'object' || entry === null)
        return undefined;
    const { auth, username, password, identitytoken, registrytoken } = entry;
    let user = typeof username === 'string' ? username : '';
    let pass = typeof password === 'string' ? password : '';
    if (typeof auth === 'string' && auth !== '') {
        const decoded = Buffer.from(auth, 'base64').toString('utf8');
        const colon = decoded.indexOf(':');
        if (colon <= 0) {
            throw new Error(`Docker config ${path}: auths["${key}"].auth is not base64 of "username:password"`);
        }
        user = decoded.slice(0, colon);
        pass = decoded.slice(colon + 1).replace(/\0+$/, '');
    }
    if (typeof registrytoken === 'string' && registrytoken !== '') {
        return { username: user, password: pass, registryToken: registrytoken };
    }
    if (typeof identitytoken === 'string' && identitytoken !== '') {
        return { username: user, password: pass, identityToken: identitytoken };
    }
    if (user !== '')
        return { username: user, password: pass };
    return undefined;
}
/**
 * Parses a config file; a missing file is undefined, an empty one holds
 * nothing, a broken one is an error.
 */
function docker_config_readConfig(path) {
    let text;
    try {
        text = (0,external_node_fs_namespaceObject.readFileSync)(path, 'utf8');
    }
    catch (error) {
        if (error.code === 'ENOENT')
            return undefined;
        throw new Error(`Cannot read docker config ${path}: ${String(error)}`);
    }
    return parseConfig(text, path);
}
function parseConfig(text, where) {
    // The docker CLI reads an empty file as an empty config (its JSON
    // decoder meets EOF before a value), and tools do leave empty ones.
    if (/^[ \t\r\n]*$/.test(text))
        return {};
    let config;
    try {
        config = JSON.parse(text);
    }
    catch {
        throw new Error(`Docker config ${where} is not valid JSON`);
    }
    if (typeof config !== 'object' || config === null || Array.isArray(config)) {
        throw new Error(`Docker config ${where} is not a JSON object`);
    }
    return config;
}
/** The auths entry for a domain, exact key first, then any alias. */
function fromAuths(config, domain, where) {
    const auths = config.auths;
    if (typeof auths !== 'object' || auths === null)
        return undefined;
    for (const [key, entry] of matchingEntries(auths, domain)) {
        const credentials = decodeEntry(entry, key, where);
        if (credentials) {
            return { credentials, source: `${where} (auths["${key}"])` };
        }
    }
    return undefined;
}
function matchingEntries(map, domain) {
    const entries = Object.entries(map);
    const wanted = registryKey(domain);
    const exact = (0,registry_reference/* isDockerHub */.gr)(domain) ? DOCKER_HUB_KEY : domain;
    return [
        ...entries.filter(([key]) => key === exact),
        ...entries.filter(([key]) => key !== exact && registryKey(key) === wanted)
    ];
}
/** Server URLs a helper may have stored the login under, most likely first. */
function helperServerUrls(domain) {
    return (0,registry_reference/* isDockerHub */.gr)(domain)
        ? [DOCKER_HUB_KEY, 'index.docker.io']
        : [domain, `https://${domain}`];
}
async function fromHelper(name, domain, source, run) {
    for (const serverUrl of helperServerUrls(domain)) {
        const result = await run(name, serverUrl);
        if (!result.found)
            continue;
        const { username, secret } = result.credentials;
        const credentials = username === TOKEN_USERNAME
            ? { username: '', password: '', identityToken: secret }
            : { username, password: secret };
        return {
            credentials,
            source: `${source} (docker-credential-${name}, ${serverUrl})`
        };
    }
    return undefined;
}
/** A docker config file in the CLI's order: credHelpers, credsStore, auths. */
async function fromConfigFile(config, path, domain, tryHelper) {
    const helpers = config.credHelpers;
    if (typeof helpers === 'object' && helpers !== null) {
        for (const [key, name] of matchingEntries(helpers, domain)) {
            if (typeof name !== 'string' || name === '')
                continue;
            const found = await tryHelper(name, `${path} credHelpers["${key}"]`);
            if (found)
                return found;
        }
    }
    if (typeof config.credsStore === 'string' && config.credsStore !== '') {
        const found = await tryHelper(config.credsStore, `${path} credsStore`);
        if (found)
            return found;
    }
    return fromAuths(config, domain, path);
}
/**
 * Looks through every place a runner keeps registry credentials, in the
 * docker CLI's order. A broken helper is a warning, not a failure: public
 * images must still work on a runner with a stale config.
 */
async function findCredentials(domain, options = {}) {
    const env = options.env ?? process.env;
    const run = options.runHelper ??
        ((name, url) => runCredentialHelper(name, url, { env }));
    const warnings = [];
    const tryHelper = async (name, source) => {
        try {
            return await fromHelper(name, domain, source, run);
        }
        catch (error) {
            if (!(error instanceof CredentialHelperError))
                throw error;
            warnings.push(`${source}: ${error.message}; continuing without it`);
            return undefined;
        }
    };
    if (env.DOCKER_AUTH_CONFIG) {
        const config = parseConfig(env.DOCKER_AUTH_CONFIG, 'DOCKER_AUTH_CONFIG');
        const found = fromAuths(config, domain, 'DOCKER_AUTH_CONFIG');
        if (found)
            return { found, warnings };
    }
    const path = dockerConfigPath(env);
    const config = docker_config_readConfig(path);
    if (config) {
        const found = await fromConfigFile(config, path, domain, tryHelper);
        if (found)
            return { found, warnings };
    }
    // podman / skopeo / buildah keep the same format elsewhere.
    const podman = env.REGISTRY_AUTH_FILE ||
        (env.XDG_RUNTIME_DIR
            ? (0,external_node_path_.join)(env.XDG_RUNTIME_DIR, 'containers', 'auth.json')
            : undefined);
    if (podman) {
        const podmanConfig = docker_config_readConfig(podman);
        const found = podmanConfig && fromAuths(podmanConfig, domain, podman);
        if (found)
            return { found, warnings };
    }
    return { warnings };
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
// EXTERNAL MODULE: ./src/registry/digest.ts
var registry_digest = __nccwpck_require__(5035);
;// CONCATENATED MODULE: ./src/registry/cache.ts
/**
 * A digest-keyed store for manifests, indexes and config blobs: content
 * addressed by digest is immutable, so a workflow that persists this
 * directory (actions/cache) can answer an unchanged image without
 * downloading it again. Every read is verified; a bad entry is dropped.
 *
 * Entries are kept per repository (`<dir>/repo-<hash of registry and
 * path>/blobs/<alg>/<hex>`): knowing a digest must not be enough to get
 * content another repository served, or one registry could read through
 * the cache what a private one sent.
 *
 * The directory may be shared with, or restored from, something we do not
 * trust (another job, a poisoned cache key), so the cache never follows a
 * symlink (neither its directories nor an
 * entry), reads only regular files and only up to the caller's size limit,
 * and creates what it writes private to the user (directories 0700, files
 * 0600). Anything it refuses is counted, left in place, and costs only a
 * download. Limitation: Node has no openat(), so a directory swapped for a
 * symlink between our check and our use is not caught. A read still opens
 * the entry with O_NOFOLLOW, checks the descriptor and verifies the digest,
 * so it can at worst return the right bytes from elsewhere; a write may land
 * under the directory linked to, as a file named by the digest.
 */




// Windows has neither flag (they are undefined there); the lstat checks
// below still refuse symlinks and special files on that platform.
const { O_NOFOLLOW = 0, O_NONBLOCK = 0 } = (external_node_fs_default()).constants;
/** NOFOLLOW: a symlink planted at the entry fails to open (ELOOP).
 *  NONBLOCK: a FIFO or device opens without waiting for a writer. */
const READ = (external_node_fs_default()).constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK;
/** EXCL + NOFOLLOW: never write into a file or link someone placed there. */
const WRITE = (external_node_fs_default()).constants.O_CREAT |
    (external_node_fs_default()).constants.O_EXCL |
    (external_node_fs_default()).constants.O_WRONLY |
    O_NOFOLLOW;
const DIR_MODE = 0o700;
const FILE_MODE = 0o600;
class DigestCache {
    dir;
    onDebug;
    stats = { hits: 0, misses: 0, corrupt: 0, refused: 0 };
    constructor(dir, 
    /** Each lookup's outcome, for the debug log. */
    onDebug) {
        this.dir = dir;
        this.onDebug = onDebug;
    }
    /**
     * The bytes stored under `digest`, only if they still hash to it, and only
     * if the entry is a regular file of at most `maxBytes` bytes (the largest
     * entry the caller accepts): a bigger one is refused without being read.
     */
    get(digest, maxBytes, scope) {
        if (!this.onDebug)
            return this.read(digest, maxBytes, scope);
        const { refused, corrupt } = this.stats;
        const bytes = this.read(digest, maxBytes, scope);
        const outcome = bytes
            ? 'hit'
            : this.stats.refused > refused
                ? 'entry refused'
                : this.stats.corrupt > corrupt
                    ? 'entry corrupt, removed'
                    : 'miss';
        this.onDebug(`Cache ${outcome}: ${digest}${scope ? ` (${scope})` : ''}`);
        return bytes;
    }
    read(digest, maxBytes, scope) {
        // A programming error, not a cache failure: without a limit we would
        // read whatever size was planted.
        if (typeof maxBytes !== 'number' || !(maxBytes >= 0)) {
            throw new TypeError(`maxBytes must be a number >= 0, not ${maxBytes}`);
        }
        const where = this.locate(digest, scope);
        if (!where)
            return undefined;
        let dirs;
        try {
            dirs = this.checkDirs(where, false);
        }
        catch {
            dirs = 'missing'; // e.g. no permission to look: as good as absent
        }
        if (dirs !== 'ok')
            return this.fail(dirs);
        let fd;
        try {
            // Refuse by name first, so a device node is never even opened...
            if (!external_node_fs_default().lstatSync(where.file).isFile())
                return this.fail('refused');
            // ...then open without following, so a symlink swapped in since
            // fails with ELOOP instead of being read.
            fd = external_node_fs_default().openSync(where.file, READ);
        }
        catch (error) {
            // ELOOP (EMLINK on FreeBSD): a symlink, refused by O_NOFOLLOW.
            const link = ['ELOOP', 'EMLINK'].includes(code(error) ?? '');
            return this.fail(link ? 'refused' : 'missing');
        }
        let bytes;
        let opened;
        try {
            // The descriptor, not the name, says what we are about to read.
            opened = external_node_fs_default().fstatSync(fd);
            if (!opened.isFile() || opened.size > maxBytes) {
                return this.fail('refused');
            }
            bytes = readExactly(fd, opened.size);
        }
        catch {
            return this.fail('missing');
        }
        finally {
            closeQuietly(fd);
        }
        if ((0,registry_digest/* digestOf */.ol)(bytes, where.algorithm) !== digest) {
            this.stats.corrupt++;
            removeIfSame(where.file, opened);
            return undefined;
        }
        this.stats.hits++;
        return bytes;
    }
    /** Stores verified bytes; a failure to write only costs a future download. */
    put(digest, bytes, scope) {
        const where = this.locate(digest, scope);
        if (!where)
            return;
        let tmp;
        try {
            const dirs = this.checkDirs(where, true);
            if (dirs !== 'ok') {
                this.fail(dirs);
                return;
            }
            // Leave a planted symlink, FIFO or directory alone (and visible);
            // rename would replace a link, but it is not ours to remove.
            const existing = lstatOrUndefined(where.file);
            if (existing && !existing.isFile()) {
                this.fail('refused');
                return;
            }
            // Write then rename, so a concurrent reader never sees half a file.
            const name = `${where.file}.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`;
            const fd = external_node_fs_default().openSync(name, WRITE, FILE_MODE);
            tmp = name;
            try {
                writeAll(fd, bytes);
            }
            finally {
                external_node_fs_default().closeSync(fd);
            }
            external_node_fs_default().renameSync(tmp, where.file);
            tmp = undefined;
        }
        catch {
            // read-only or full disk: the cache is an optimisation
            if (tmp)
                removeQuietly(tmp); // ours: created with O_EXCL
        }
    }
    /** Counts a failed lookup; undefined, for `return this.fail(...)`. */
    fail(why) {
        if (why === 'refused')
            this.stats.refused++;
        else
            this.stats.misses++;
        return undefined;
    }
    /**
     * Checks `<dir>`, `blobs` and `blobs/<alg>` are real directories, not
     * symlinks (lstat, which does not follow); with `create`, makes the ones
     * missing with mode 0700. Existing directories keep their mode: they may
     * be the user's, shared on purpose.
     */
    checkDirs(where, create) {
        for (const [i, dir] of where.dirs.entries()) {
            let stat = lstatOrUndefined(dir);
            if (!stat && create) {
                try {
                    // Only `<dir>` may need parents; below it, one level at a time so
                    // each new level is checked before we go into it.
                    external_node_fs_default().mkdirSync(dir, { recursive: i === 0, mode: DIR_MODE });
                }
                catch (error) {
                    // EEXIST: another writer made it first; check what is there.
                    if (code(error) !== 'EEXIST')
                        throw error;
                }
                stat = external_node_fs_default().lstatSync(dir);
            }
            if (!stat)
                return 'missing';
            if (!stat.isDirectory())
                return 'refused'; // isDirectory is false for a symlink
        }
        return 'ok';
    }
    /** `<dir>/blobs/<algorithm>/<hex>`; undefined for anything not a digest. */
    locate(digest, scope) {
        if (!(0,registry_digest/* isDigest */.Bc)(digest))
            return undefined;
        const [algorithm, hex] = digest.split(':');
        // resolve() drops a trailing slash, which would make lstat follow a
        // symlinked `<dir>`.
        const root = external_node_path_default().resolve(this.dir);
        const dirs = [root];
        if (scope !== undefined)
            dirs.push(external_node_path_default().join(root, scopeDir(scope)));
        const blobs = external_node_path_default().join(dirs.at(-1), 'blobs');
        const dir = external_node_path_default().join(blobs, algorithm);
        dirs.push(blobs, dir);
        return { algorithm, dirs, file: external_node_path_default().join(dir, hex) };
    }
}
/**
 * Where one repository's entries live: a name from its registry and path,
 * so an entry answers only for the repository that served it.
 */
function scopeDir(scope) {
    return `repo-${(0,external_node_crypto_.createHash)('sha256').update(scope).digest('hex').slice(0, 32)}`;
}
function code(error) {
    return error?.code;
}
/** lstat, or undefined when nothing is there (or a parent is a file). */
function lstatOrUndefined(file) {
    try {
        return external_node_fs_default().lstatSync(file);
    }
    catch (error) {
        const c = code(error);
        if (c === 'ENOENT' || c === 'ENOTDIR')
            return undefined;
        throw error;
    }
}
/** Exactly `size` bytes from the start of `fd`, fewer only if it shrank. */
function readExactly(fd, size) {
    const bytes = Buffer.allocUnsafe(size);
    let done = 0;
    while (done < size) {
        const n = external_node_fs_default().readSync(fd, bytes, done, size - done, done);
        if (n === 0)
            break; // shorter than fstat said: the digest check decides
        done += n;
    }
    return bytes.subarray(0, done);
}
function writeAll(fd, bytes) {
    let done = 0;
    while (done < bytes.length) {
        done += external_node_fs_default().writeSync(fd, bytes, done, bytes.length - done);
    }
}
function closeQuietly(fd) {
    try {
        external_node_fs_default().closeSync(fd);
    }
    catch {
        // nothing to do: we only read from it
    }
}
function removeQuietly(file) {
    try {
        external_node_fs_default().rmSync(file, { force: true });
    }
    catch {
        // left behind: harmless, never read (not a digest name)
    }
}
/**
 * Removes a corrupt entry only if the name still points at the regular file
 * we read (same device and inode): never through or at a symlink, nor at
 * something swapped in since.
 */
function removeIfSame(file, opened) {
    try {
        const now = external_node_fs_default().lstatSync(file);
        if (now.isFile() && now.dev === opened.dev && now.ino === opened.ino) {
            external_node_fs_default().rmSync(file, { force: true });
        }
    }
    catch {
        // gone already, or not ours to remove: a later put replaces it
    }
}

// EXTERNAL MODULE: ./src/registry/transport.ts + 1 modules
var transport = __nccwpck_require__(2125);
// EXTERNAL MODULE: ./src/registry/url-policy.ts + 1 modules
var url_policy = __nccwpck_require__(8250);
;// CONCATENATED MODULE: ./src/registry/connect.ts
/**
 * "Connect to this registry": the one entry point to registries for the
 * jobs. One client per registry for the whole run, so tag listing,
 * inspections and comparisons share tokens; credentials are looked up once
 * per registry (the inputs' for the image's registry, else what the runner
 * has); every request goes through one transport, under one URL policy.
 */








class Registries {
    settings;
    events;
    /** Epoch ms when the whole step must end. */
    deadline;
    transport;
    cache;
    connections = new Map();
    /** Registries connected only because an image named them. */
    referred = new Set();
    constructor(settings, events) {
        this.settings = settings;
        this.events = events;
        this.deadline = Date.now() + settings.timeoutMs;
        this.transport = new transport/* Transport */.oK({
            policy: new url_policy/* UrlPolicy */.U({ insecure: settings.insecureRegistries }),
            timeoutMs: settings.requestTimeoutMs,
            deadline: this.deadline,
            retry: {
                retries: settings.retries,
                maxRetryAfterMs: settings.maxRetryWaitMs
            },
            onRetry: (e) => events.retry(e),
            onExchange: (e) => events.exchange?.(e)
        });
        this.cache = settings.cacheDir
            ? new DigestCache(settings.cacheDir, (message) => events.debug?.(message))
            : undefined;
    }
    /**
     * The connection to a reference's registry, made once. `referredBy` is
     * the image that named this reference (its base), when the user did not:
     * then the registry is reached as if the image's registry sent us there.
     */
    connect(reference, referredBy) {
        // Host names are case-insensitive: one connection however it is written.
        const key = reference.domain.toLowerCase();
        // On the image's own registry: the user named that one.
        if (referredBy && (0,registry_reference/* sameRegistry */.cJ)(referredBy, reference))
            referredBy = undefined;
        let connection = this.connections.get(key);
        if (!connection) {
            connection = this.open(reference.domain, referredBy);
            this.connections.set(key, connection);
            if (referredBy)
                this.referred.add(key);
        }
        else if (!referredBy && this.referred.delete(key)) {
            // Named by the user after all: theirs to reach.
            connection = connection.then((c) => {
                c.client.namedByUser();
                return c;
            });
            this.connections.set(key, connection);
        }
        return connection;
    }
    /** Requests sent so far, redirect hops and retries included. */
    get requestCount() {
        return this.transport.requestCount;
    }
    /** Stops everything in flight: one part failed, the step is over. */
    cancel() {
        this.transport.close();
    }
    /** Closes kept-alive sockets so the process can exit. */
    close() {
        this.transport.dispose();
    }
    async open(domain, referredBy) {
        const referrer = referredBy && (await this.connect(referredBy)).client;
        const { credentials, source } = await this.credentialsFor(domain);
        this.events.connected(source);
        const client = new registry_client/* RegistryClient */.bP({
            domain,
            credentials,
            insecure: this.isInsecure(domain),
            transport: this.transport,
            cache: this.cache,
            onSecret: (secret) => this.events.secret(secret),
            onDebug: (message) => this.events.debug?.(message),
            referredBy: referrer?.base
        });
        return { client, credentials, source };
    }
    /** The given credentials, else whatever the runner has for the registry. */
    async credentialsFor(domain) {
        // Given credentials are for their registry only; any other (a
        // compared image) uses what the runner has for it.
        const given = this.settings.given;
        if (given && domain.toLowerCase() === given.domain.toLowerCase()) {
            return given;
        }
        let lookup;
        try {
            lookup = await findCredentials(domain);
        }
        catch (error) {
            throw new registry_errors/* RegistryError */.gl('config', (0,errors/* errorMessage */.gJ)(error));
        }
        for (const warning of lookup.warnings)
            this.events.warning(warning);
        if (!lookup.found)
            return {};
        // Mask before anything else could print them.
        const { password, identityToken, registryToken } = lookup.found.credentials;
        for (const secret of [password, identityToken, registryToken]) {
            if (secret)
                this.events.secret(secret);
        }
        return lookup.found;
    }
    isInsecure(domain) {
        const host = domain.toLowerCase();
        const insecure = this.settings.insecureRegistries;
        return insecure.includes(host) || insecure.includes((0,registry_reference/* hostWithoutPort */.ko)(host));
    }
}

;// CONCATENATED MODULE: ./src/report/escape.ts
/**
 * The one way out for text someone else wrote. Registries and image
 * publishers control config values, manifests, tags, headers, error bodies
 * and redirect targets; everything the action shows passes through here on
 * its way to the log (`logLine`), the job summary and the pull-request
 * comment (`htmlText`, `htmlCell`). Outputs are not escaped: they round-trip
 * the exact bytes through GITHUB_OUTPUT.
 */
/**
 * Characters that are never shown as they are: C0 controls, DEL, C1
 * controls, the Unicode line and paragraph separators, bidirectional
 * marks, overrides and isolates (they can make text read differently than
 * it is), zero-width and other invisible format characters, and the
 * byte-order mark.
 */
const HIDDEN = 
// eslint-disable-next-line no-control-regex
/[\u0000-\u001f\u007f-\u009f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
const NAMED = {
    '\n': '\\n',
    '\r': '\\r',
    '\t': '\\t'
};
/** `\n`, `\x1b`, `\u2028`: a hidden character written so that it shows. */
function shown(c) {
    const named = NAMED[c];
    if (named)
        return named;
    const code = c.charCodeAt(0);
    return code < 0x100
        ? `\\x${code.toString(16).padStart(2, '0')}`
        : `\\u${code.toString(16).padStart(4, '0')}`;
}
/** Every hidden character written visibly; nothing else changes. */
function visible(text) {
    return text.replace(HIDDEN, shown);
}
/**
 * One log line. The runner reads a line as a workflow command when it
 * starts with `::` (after leading whitespace) and, for the legacy form, when
 * `##[` appears anywhere in it (actions/runner ActionCommand.TryParse). So
 * escaping is the mechanism, not the `stop-commands` token: a token would
 * still let untrusted text break the line and print lines that look like
 * ours, and it does not stop `##[` in the middle of a line. Here no line
 * break survives, `##[` never appears, and no line starts with `::`, so
 * every line starts with the action's own words.
 */
function logLine(text) {
    return visible(text)
        .replace(/##\[/g, '##\\x5b')
        .replace(/^(\s*):/, '$1\\x3a');
}
function escapeHtml(text) {
    return text
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&#39;');
}
/**
 * Every line terminator a renderer might honour: CommonMark's (LF, CR,
 * CRLF) and the ones Unicode and browsers add. A bare CR is the one that
 * used to slip through: two in a row make a blank line, which ends an HTML
 * block and lets the rest render as markdown.
 */
const LINE_BREAK = /\r\n|[\n\r\v\f\u0085\u2028\u2029]/;
/** The longest piece of a value a cell shows; the rest is summarized. */
const MAX_CELL_CHARS = 1000;
/** At most `max` characters (never half a surrogate pair), and how many were left out. */
function clip(text, max) {
    if (text.length <= max)
        return { kept: text, more: 0 };
    let end = max;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff)
        end--;
    return { kept: text.slice(0, end), more: text.length - end };
}
/** Escaped, line breaks as `<br>`, other hidden characters shown. */
function html(text) {
    return text
        .split(LINE_BREAK)
        .map((line) => escapeHtml(visible(line)))
        .join('<br>');
}
/**
 * A value as HTML that stays inside its element: escaped, line breaks as
 * `<br>`, other hidden characters shown, cut after `max` characters with a
 * note of what was left out.
 */
function htmlText(text, max = MAX_CELL_CHARS) {
    const { kept, more } = clip(text, max);
    return html(kept) + (more ? `… (${more} more characters)` : '');
}
/**
 * A table cell for a value: empty text gives `empty` (our own words),
 * otherwise the escaped value, in `<code>` when asked (GitHub leaves
 * mentions, references and links inside code alone); the note about a cut
 * stays outside the code.
 */
function htmlCell(text, { code = false, empty = '', max = MAX_CELL_CHARS } = {}) {
    if (text === '')
        return empty;
    if (!code)
        return htmlText(text, max);
    const { kept, more } = clip(text, max);
    const note = more ? `<em>… (${more} more characters)</em>` : '';
    return `<code>${html(kept)}</code>${note}`;
}
/** Longer link targets are shown as text, not linked. */
const MAX_LINK_CHARS = 2048;
/**
 * A link to a URL someone else wrote: only https, with no user or
 * password in it, shown as the URL itself (so the reader sees where it
 * goes); anything else is plain escaped text.
 */
function htmlLink(text) {
    const url = httpsUrl(text);
    if (!url)
        return htmlText(text);
    return `<a href="${escapeHtml(url.href)}">${htmlText(text)}</a>`;
}
/** The text as an https URL a summary may link to, else undefined. */
function httpsUrl(text) {
    if (text.length > MAX_LINK_CHARS || visible(text) !== text)
        return undefined;
    if (/\s/.test(text))
        return undefined;
    let url;
    try {
        url = new URL(text);
    }
    catch {
        return undefined;
    }
    if (url.protocol !== 'https:' || url.username || url.password) {
        return undefined;
    }
    return url;
}

;// CONCATENATED MODULE: ./src/report/changes.ts

/** What an absent value is shown as. */
const NONE = '<em>(none)</em>';
/** What an empty value is shown as: there, but empty (as the inspect tables say). */
const EMPTY = '<em>(empty)</em>';
/** One row per difference. */
function changeRows(changes) {
    const rows = [];
    const map = (kind, m) => {
        for (const [k, v] of Object.entries(m.added))
            rows.push([`${kind} ${k}`, undefined, v]);
        for (const [k, v] of Object.entries(m.removed))
            rows.push([`${kind} ${k}`, v, undefined]);
        for (const [k, v] of Object.entries(m.changed))
            rows.push([`${kind} ${k}`, v.old, v.new]);
    };
    map('label', changes.labels);
    map('env', changes.env);
    for (const [name, { old, new: now }] of Object.entries(changes.fields)) {
        rows.push([name, show(old), show(now)]);
    }
    return rows;
}
/**
 * A before or after value as a table cell: absent (the entry was added or
 * removed) reads differently from there but empty (`EMPTY=`).
 */
function changeCell(value, options = {}) {
    return value === undefined
        ? NONE
        : htmlCell(value, { ...options, empty: EMPTY });
}
function show(value) {
    return typeof value === 'string' ? value : JSON.stringify(value);
}

;// CONCATENATED MODULE: ./src/report/comment.ts

/** Finds our own comment again on reruns. */
const COMMENT_MARKER = '<!-- remote-image-inspect:changes -->';
/** GitHub refuses comments over 65,536 characters; stay well below. */
const MAX_COMMENT_CHARS = 60_000;
/** A value in the comment is cut after this many characters. */
const MAX_COMMENT_VALUE_CHARS = 300;
/**
 * Markdown for the PR comment. The changes are one HTML table, one row per
 * line and no blank line inside: markdown never parses an HTML block, and
 * every value sits in `<code>`, where GitHub makes no mention, reference or
 * link. So what a publisher writes into a label stays text.
 */
function changesComment(changes, before, after) {
    const rows = changeRows(changes);
    const lines = [
        COMMENT_MARKER,
        `### Image changes: \`${before}\` → \`${after}\``,
        ''
    ];
    if (rows.length === 0) {
        lines.push(`No changes (${changes.unchanged} compared).`);
        return lines.join('\n');
    }
    const value = (text) => changeCell(text, { code: true, max: MAX_COMMENT_VALUE_CHARS });
    lines.push('<table>', '<tr><th>What</th><th>Before</th><th>After</th></tr>');
    const tail = [
        '</table>',
        '',
        `${rows.length} changed, ${changes.unchanged} unchanged.`
    ];
    // Room for the closing lines and the note on rows left out.
    let budget = MAX_COMMENT_CHARS - lines.join('\n').length - tail.join('\n').length - 200;
    let shown = 0;
    for (const [what, old, now] of rows) {
        const row = `<tr><td>${value(what)}</td><td>${value(old)}</td><td>${value(now)}</td></tr>`;
        if (row.length + 1 > budget)
            break;
        budget -= row.length + 1;
        lines.push(row);
        shown++;
    }
    lines.push(...tail);
    if (shown < rows.length) {
        lines.push('', `${rows.length - shown} more not shown here; the step's \`changes\` output has them all.`);
    }
    return lines.join('\n');
}

;// CONCATENATED MODULE: ./src/report/pr-comment.ts
/**
 * Creates or updates ONE comment on the pull request that triggered the run,
 * found again by a hidden marker so reruns edit it instead of piling up.
 * @actions/github is loaded only here, only when a comment is wanted.
 */
/** Authors whose marked comment may be ours (a personal access token's). */
const TRUSTED = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
async function upsertPullRequestComment(token, body, marker) {
    const { context, getOctokit } = await __nccwpck_require__.e(/* import() */ 157).then(__nccwpck_require__.bind(__nccwpck_require__, 157));
    const pull = context.payload.pull_request;
    if (!['pull_request', 'pull_request_target'].includes(context.eventName) ||
        typeof pull?.number !== 'number') {
        return { status: 'skipped', event: context.eventName || 'unknown' };
    }
    const { owner, repo } = context.repo;
    const octokit = getOctokit(token);
    const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner,
        repo,
        issue_number: pull.number,
        per_page: 100
    });
    // The marker is public text: anyone may write it into a comment. Only a
    // bot's (the workflow token's) or a repository member's counts as ours.
    const mine = comments.find((c) => c.body?.includes(marker) &&
        (c.user?.type === 'Bot' || TRUSTED.has(c.author_association)));
    if (mine) {
        const { data } = await octokit.rest.issues.updateComment({
            owner,
            repo,
            comment_id: mine.id,
            body
        });
        return { status: 'updated', url: data.html_url };
    }
    const { data } = await octokit.rest.issues.createComment({
        owner,
        repo,
        issue_number: pull.number,
        body
    });
    return { status: 'created', url: data.html_url };
}

;// CONCATENATED MODULE: ./src/report/links.ts

const OCI = 'org.opencontainers.image.';
/** The links and revision an image gives, annotations before labels. */
function imageLinks(info) {
    const found = [];
    const names = [
        ['Source', 'source'],
        ['URL', 'url'],
        ['Documentation', 'documentation'],
        ['Revision', 'revision']
    ];
    for (const [name, field] of names) {
        const key = OCI + field;
        const value = firstValue(info, key);
        if (value !== undefined)
            found.push({ name, key, value });
    }
    return found;
}
function firstValue(info, key) {
    for (const entries of [
        info.annotations,
        info.entryAnnotations,
        info.indexAnnotations,
        info.config.labels
    ]) {
        const hit = entries.find(([k]) => k === key);
        if (hit && hit[1].trim())
            return hit[1].trim();
    }
    return undefined;
}
const NAME = '[A-Za-z0-9_.-]{1,100}';
const GITHUB_HTTPS = new RegExp(`^(?:git\\+)?https://github\\.com/(${NAME})/(${NAME}?)(?:\\.git)?/?(?:#.*)?$`);
const GITHUB_SSH = new RegExp(`^(?:ssh://)?git@github\\.com[:/](${NAME})/(${NAME}?)(?:\\.git)?/?$`);
/** `https://github.com/OWNER/REPO` for a GitHub repository URL (https or ssh). */
function githubRepository(source) {
    const m = GITHUB_HTTPS.exec(source) ?? GITHUB_SSH.exec(source);
    if (!m)
        return undefined;
    const [owner, repo] = [m[1], m[2].replace(/\.git$/, '')];
    if (!repo || owner.startsWith('.') || repo.startsWith('.'))
        return undefined;
    return `https://github.com/${owner}/${repo}`;
}
/** The commit's page, when the source is on GitHub and the revision is a commit id. */
function commitUrl(source, revision) {
    const repository = githubRepository(source);
    if (!repository || !/^[0-9a-f]{7,64}$/i.test(revision))
        return undefined;
    return `${repository}/commit/${revision.toLowerCase()}`;
}
/** The revision as a link to its commit on GitHub, else `otherwise` (HTML). */
function revisionHtml(source, revision, otherwise) {
    const commit = commitUrl(source, revision);
    return commit
        ? `<a href="${escapeHtml(commit)}"><code>${htmlText(revision)}</code></a>`
        : otherwise;
}

;// CONCATENATED MODULE: ./src/report/summary/writer.ts
const SUMMARY_BUDGET_BYTES = 900 * 1024;
/** What a note says for rows left out of a table. */
const NOT_SHOWN = (left) => `<p><em>${left} more not shown; the full data is in the step outputs.</em></p>`;
/**
 * A table of as many rows as fit: at most `maxRows`, and only while the
 * budget lasts; a note counts the rest.
 */
function addBudgetedTable(summary, header, rows, budget, maxRows = Infinity) {
    const kept = [];
    for (const row of rows) {
        // Each cell is wrapped in <td></td>, each row in <tr></tr>.
        const size = row.reduce((n, c) => n + Buffer.byteLength(c) + 9, 9);
        if (kept.length >= maxRows || size > budget.bytes)
            break;
        budget.bytes -= size;
        kept.push(row);
    }
    summary.addTable([header.map((data) => ({ data, header: true })), ...kept]);
    if (kept.length < rows.length) {
        summary.addRaw(NOT_SHOWN(rows.length - kept.length), true);
    }
}

;// CONCATENATED MODULE: ./src/report/summary/base.ts
/**
 * The "Base image" section: a one-line verdict, each platform's answer
 * (status, method, what it was built from, the base's digest now, why),
 * and where the image came from by its provenance.
 */




/** Builds list dozens of materials; the rest are in the `provenance` output. */
const MAX_MATERIAL_ROWS = 50;
const ICON = {
    current: '✅',
    outdated: '⚠️',
    unknown: '❔'
};
function writeBaseSummary(summary, checks, provenance, budget) {
    summary.addHeading('Base image', 2);
    if (checks.length > 0)
        writeChecks(summary, checks, budget);
    if (provenance)
        writeProvenance(summary, provenance, budget);
}
function writeChecks(summary, checks, budget) {
    const status = (0,image_base/* overallStatus */.gX)(checks);
    const lines = status === 'current'
        ? checks.length > 1
            ? [`Every platform is built on the current ${checks[0].ref ?? 'base'}`]
            : [(0,image_base/* verdict */.WJ)(checks[0])]
        : checks.filter((c) => c.status !== 'current').map(image_base/* verdict */.WJ);
    summary.addRaw(`<p>${ICON[status]} ${lines.map((l) => htmlText(l)).join('<br>')}</p>`, true);
    const code = (text) => htmlCell(text ?? '', { code: true, empty: '&nbsp;' });
    addBudgetedTable(summary, ['Platform', 'Status', 'Method', 'Base', 'Built from', 'Base now', 'Why'], checks.map((c) => [
        code(c.platform),
        `${ICON[c.status]} ${c.status}`,
        c.method ?? '&nbsp;',
        code(c.ref),
        code(c.builtFrom),
        code(c.digest),
        htmlCell(c.reason, { empty: '&nbsp;' })
    ]), budget);
}
function writeProvenance(summary, p, budget) {
    summary.addHeading('Provenance', 3);
    const repository = githubRepository(p.source);
    const cell = (text) => htmlCell(text, { code: true, empty: '<em>(none)</em>' });
    addBudgetedTable(summary, ['Field', 'Value'], [
        ['Predicate type', cell(p.predicateType)],
        ['Builder', cell(p.builder)],
        ['Source', repository ? htmlLink(repository) : cell(p.source)],
        ['Revision', revisionHtml(p.source, p.revision, cell(p.revision))],
        ['Materials', String(p.materials.length)]
    ], budget);
    if (p.materials.length === 0)
        return;
    addBudgetedTable(summary, ['Material', 'Digest'], p.materials.map((m) => [cell(m.uri), cell(m.digest)]), budget, MAX_MATERIAL_ROWS);
}

;// CONCATENATED MODULE: ./src/report/summary/changes.ts



function writeChangesSummary(summary, changes, before, after, budget) {
    const rows = changeRows(changes);
    summary.addHeading(escapeHtml(`Changes from ${before} to ${after}`), 3);
    if (rows.length === 0) {
        summary.addRaw(`<p>No changes (${changes.unchanged} fields, labels and env entries compared).</p>`, true);
        return;
    }
    addBudgetedTable(summary, ['What', 'Before', 'After'], rows.map(([what, old, now]) => [
        htmlCell(what, { code: true }),
        changeCell(old),
        changeCell(now)
    ]), budget);
    summary.addRaw(`<p>${rows.length} changed, ${changes.unchanged} unchanged.</p>`, true);
}

;// CONCATENATED MODULE: ./src/report/summary/dockerfile.ts




function writeDockerfileSummary(summary, dockerfile, stale, budget) {
    summary.addHeading(`Dockerfile ${htmlCell(dockerfile.path, { code: true })}`, 2);
    const code = (text) => htmlCell(text, { code: true, empty: '&nbsp;' });
    addBudgetedTable(summary, ['Line', 'Stage', 'Image', 'Platform'], dockerfile.images.map((image) => [
        String(image.line),
        code(image.stage) + (image === dockerfile.final ? ' (final base)' : ''),
        code((0,registry_reference/* formatReference */.FH)(image.reference)),
        image.platform ? code((0,image_platform/* formatPlatform */.Bq)(image.platform)) : '&nbsp;'
    ]), budget);
    if (!dockerfile.final) {
        summary.addRaw('<p>The last stage builds FROM scratch.</p>', true);
    }
    if (stale.length === 0)
        return;
    summary.addRaw(`<p>⚠️ ${stale.length} digest pin${stale.length === 1 ? ' is' : 's are'} stale: the tag points elsewhere now.</p>`, true);
    addBudgetedTable(summary, ['Line', 'Image', 'Pinned', 'Tag now points to'], stale.map((pin) => [
        String(pin.line),
        code(pin.ref),
        code(pin.pinned),
        code(pin.current)
    ]), budget);
}

;// CONCATENATED MODULE: ./src/report/summary/image.ts






const MAX_TABLE_ROWS = 200;
/** Total budget for the labels and env tables together. */
const MAX_TABLE_CHARS = 256 * 1024;
/** Shown for empty values; an empty cell would also be invalid HTML from core. */
const image_EMPTY = '<em>(empty)</em>';
function image_code(text) {
    return htmlCell(text, { code: true });
}
function pinnedReference(info) {
    return `${(0,registry_reference/* repositoryName */.aR)(info.reference)}@${info.digest}`;
}
function writeImageSummary(summary, info, budget = { bytes: SUMMARY_BUDGET_BYTES }) {
    const c = info.config;
    summary.addHeading(escapeHtml(info.ref), 2);
    summary.addRaw('<p>Pinned by digest:</p>', true);
    summary.addCodeBlock(escapeHtml(pinnedReference(info)));
    summary.addRaw('<p>Pull this platform:</p>', true);
    summary.addCodeBlock(escapeHtml(pullCommand(info)), 'sh');
    const json = (v) => image_code(JSON.stringify(v));
    const rows = [
        ['Digest', image_code(info.digest)],
        ['Media type', image_code(info.mediaType)],
        ['Platform', image_code((0,image_platform/* formatPlatform */.Bq)(info.platform))],
        ['Platforms', htmlText(info.platforms.map(image_platform/* formatPlatform */.Bq).join(', '))],
        ['Image digest', image_code(info.imageDigest)],
        ['Config digest', image_code(info.configDigest)],
        ['Created', htmlText(c.created)],
        ['Author', htmlText(c.author)],
        ['User', image_code(c.user)],
        ['Working dir', image_code(c.workdir)],
        ['Entrypoint', c.entrypoint ? json(c.entrypoint) : ''],
        ['Cmd', c.cmd ? json(c.cmd) : ''],
        ['Exposed ports', htmlText(c.exposedPorts.join(', '))],
        ['Volumes', htmlText(c.volumes.join(', '))],
        ['Stop signal', htmlText(c.stopSignal)],
        ['Layers', `${info.layers} (${formatBytes(info.size)} compressed)`],
        ...linkRows(info)
    ];
    if (info.rateLimit) {
        const { limit, remaining, windowSeconds } = info.rateLimit;
        const window = windowSeconds ? ` per ${(0,duration/* formatWindow */.A4)(windowSeconds)}` : '';
        rows.push(['Rate limit', `${remaining} of ${limit} pulls left${window}`]);
    }
    summary.addTable([
        [
            { data: 'Field', header: true },
            { data: 'Value', header: true }
        ],
        ...rows.map(([name, value]) => [name, value || image_EMPTY])
    ]);
    // Labels and env share a part of the summary's room.
    const part = { bytes: Math.min(MAX_TABLE_CHARS, budget.bytes) };
    const before = part.bytes;
    keyValueTable(summary, `Labels (${c.labels.length})`, c.labels, part);
    keyValueTable(summary, `Environment (${c.env.length})`, c.env, part);
    budget.bytes -= before - part.bytes;
}
/** `docker pull` for the platform shown, pinned to the digest read. */
function pullCommand(info) {
    return `docker pull --platform ${(0,image_platform/* formatPlatform */.Bq)(info.platform)} ${pinnedReference(info)}`;
}
/**
 * Where the image says it comes from (annotations, else labels): https
 * links, and the revision as a commit link when the source is on GitHub.
 */
function linkRows(info) {
    const links = imageLinks(info);
    const source = links.find((l) => l.name === 'Source')?.value ?? '';
    return links.map(({ name, value }) => {
        if (name !== 'Revision')
            return [name, htmlLink(value)];
        return [name, revisionHtml(source, value, image_code(value))];
    });
}
function keyValueTable(summary, title, entries, budget) {
    summary.addHeading(escapeHtml(title), 3);
    if (entries.length === 0) {
        summary.addRaw('<p><em>none</em></p>', true);
        return;
    }
    addBudgetedTable(summary, ['Key', 'Value'], entries.map(([key, value]) => [
        image_code(key) || image_EMPTY,
        htmlText(value) || image_EMPTY
    ]), budget, MAX_TABLE_ROWS);
}
function formatBytes(n) {
    if (n < 1024)
        return `${n} B`;
    const units = ['KiB', 'MiB', 'GiB', 'TiB'];
    let value = n / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
        value /= 1024;
        unit++;
    }
    return `${value.toFixed(1)} ${units[unit]}`;
}

;// CONCATENATED MODULE: ./src/report/summary/rows.ts



/** A row per image (by reference as written) or per platform of one image. */
function writeRowsSummary(summary, title, rows, budget) {
    const failed = rows.filter((r) => r.error).length;
    summary.addHeading(escapeHtml(`${title}: ${rows.length - failed} inspected${failed ? `, ${failed} failed` : ''}`), 2);
    const withBase = rows.some((r) => r.base);
    const header = [
        'Image',
        'Digest',
        'Platform',
        'User',
        'Created',
        'Labels',
        'Env'
    ];
    addBudgetedTable(summary, withBase ? [...header, 'Base'] : header, rows.map(({ name, info, error, base }) => {
        const cells = info
            ? [
                htmlCell(name, { code: true }),
                htmlCell(info.digest, { code: true }),
                htmlText((0,image_platform/* formatPlatform */.Bq)(info.platform)),
                htmlCell(info.config.user, {
                    code: true,
                    empty: '<em>(root)</em>'
                }),
                htmlCell(info.config.created, { empty: '<em>(none)</em>' }),
                String(info.config.labels.length),
                String(info.config.env.length)
            ]
            : [
                htmlCell(name, { code: true }),
                `❌ ${htmlText(error ?? 'failed')}`,
                '',
                '',
                '',
                '',
                ''
            ].map((c) => c || '&nbsp;');
        if (!withBase)
            return cells;
        return [...cells, base ? baseCell(base) : '&nbsp;'];
    }), budget);
}
/** A row's base check: its status, and why when that is not known. */
function baseCell(base) {
    const status = escapeHtml(base.status);
    return base.status === 'unknown'
        ? `${status}: ${htmlText(base.reason)}`
        : `${status} (${escapeHtml(base.method ?? '')})`;
}

;// CONCATENATED MODULE: ./src/report/summary/rules.ts


function writeRulesSummary(summary, results, budget) {
    const failed = results.filter((r) => !r.passed).length;
    summary.addHeading(escapeHtml(`Assertions: ${results.length - failed} passed, ${failed} failed`), 3);
    addBudgetedTable(summary, ['Result', 'Rule', 'Actual'], results.map((r) => [
        r.passed ? '✅ pass' : '❌ fail',
        htmlCell(r.rule, { code: true }),
        htmlCell(r.actual, { empty: '<em>(empty)</em>' })
    ]), budget);
}

;// CONCATENATED MODULE: ./src/report/summary/tags.ts


/** A tag list can be long; the outputs hold all of it. */
const MAX_NEWER_ROWS = 50;
function writeTagsSummary(summary, section, budget) {
    const { repository, current, sort, listed, choice } = section;
    const code = (text) => htmlCell(text, { code: true });
    summary.addHeading('Tags', 2);
    const compared = choice.comparedWith !== undefined;
    const kind = sort === 'docker' && compared ? ' of the same kind' : '';
    const facts = [
        `${code(repository)}: ${listed} tags listed, ${choice.candidates.length} candidates (${sort} order${kind}).`
    ];
    if (current !== undefined) {
        facts.push(compared
            ? `In use: ${code(current)}.`
            : `In use: ${code(current)}, not a ${sort} version: nothing is compared with it.`);
    }
    if (choice.newer.length > 0) {
        facts.push(`⬆️ ${choice.newer.length} newer${kind}${choice.updateType ? ` (largest update: ${choice.updateType})` : ''}; the newest is ${code(choice.latest)}.`);
    }
    else if (compared) {
        facts.push(`✅ No newer tag${kind}.`);
    }
    else if (choice.latest !== undefined) {
        facts.push(`The newest is ${code(choice.latest)}.`);
    }
    summary.addRaw(`<p>${facts.join(' ')}</p>`, true);
    if (choice.newer.length === 0)
        return;
    addBudgetedTable(summary, ['Newer tag'], [...choice.newer].reverse().map((tag) => [code(tag)]), budget, MAX_NEWER_ROWS);
}

;// CONCATENATED MODULE: ./src/report/summary/index.ts









function writeSections(summary, sections) {
    const budget = { bytes: SUMMARY_BUDGET_BYTES };
    for (const section of sections) {
        switch (section.kind) {
            case 'image':
                writeImageSummary(summary, section.info, budget);
                break;
            case 'rows':
                writeRowsSummary(summary, section.title, section.rows, budget);
                break;
            case 'rules':
                writeRulesSummary(summary, section.results, budget);
                break;
            case 'changes':
                writeChangesSummary(summary, section.changes, section.before, section.after, budget);
                break;
            case 'base':
                writeBaseSummary(summary, section.checks, section.provenance, budget);
                break;
            case 'dockerfile':
                writeDockerfileSummary(summary, section.dockerfile, section.stale, budget);
                break;
            case 'tags':
                writeTagsSummary(summary, section, budget);
                break;
            case 'unchanged':
                summary.addRaw(`<p><code>${escapeHtml(section.ref)}</code> is unchanged: <code>${escapeHtml(section.digest)}</code></p>`, true);
                break;
        }
    }
}

;// CONCATENATED MODULE: ./src/report/publish.ts
/**
 * The only writer to the runner: log lines and annotations, masks, outputs,
 * the job summary, the PR comment and the step's verdict. Every line goes
 * through logLine (escape.ts), so text from a registry or an image
 * publisher can never break a line or become a workflow command, however a
 * caller assembled the message.
 */







const annotation = (title, { file, line } = {}) => title === undefined && file === undefined
    ? undefined
    : {
        ...(title !== undefined && { title: logLine(title) }),
        ...(file !== undefined && { file: logLine(file), startLine: line })
    };
/** The log, for jobs (progress) and for the publisher itself. */
const log = {
    info: (message) => info(logLine(message)),
    debug: (message) => core_debug(logLine(message)),
    warning: (message, title, place) => warning(logLine(message), annotation(title, place)),
    error: (message, title, place) => error(logLine(message), annotation(title, place)),
    fail: (message) => setFailed(logLine(message)),
    group: (name, work) => group(logLine(name), work)
};
/** What the registries report while a job runs, as the log shows it. */
const registryEvents = {
    // Hidden from the log before anything could print it.
    secret: (value) => core_setSecret(value),
    warning: (message) => log.warning(message),
    connected: (source) => log.debug(`Credentials: ${source ?? 'none (anonymous)'}`),
    retry: (e) => log.info(`${e.reason} from ${e.url}; retrying in ${(0,duration/* formatWait */.Du)(e.delayMs)} (${e.attempt}/${e.retries})`),
    debug: (message) => log.debug(message),
    exchange: (e) => log.debug(`${e.method} ${e.url} → ${e.failed ? 'no answer' : e.status} (${e.ms} ms)`)
};
/**
 * A finished job, published in order: outputs (only now, so a failed job
 * sets none), its lines, the summary, the comment, then the verdict.
 */
async function publish(result, { githubToken } = {}) {
    for (const [name, value] of result.outputs)
        setOutput(name, value);
    writeLines(result.log);
    if (result.summary.length > 0)
        await writeSummary(result);
    if (result.comment && githubToken) {
        await group('Pull-request comment', () => comment(githubToken, result));
    }
    if (result.failure)
        log.fail(result.failure);
}
/** Lines in order; consecutive lines of one `group` fold under its name. */
function writeLines(lines) {
    let open;
    for (const line of lines) {
        if (line.group !== open) {
            if (open !== undefined)
                endGroup();
            if (line.group !== undefined)
                startGroup(logLine(line.group));
            open = line.group;
        }
        write(line);
    }
    if (open !== undefined)
        endGroup();
}
function write({ level, message, title, group: _group, ...place }) {
    if (level === 'info')
        log.info(message);
    else if (level === 'debug')
        log.debug(message);
    else if (level === 'warning')
        log.warning(message, title, place);
    else
        log.error(message, title, place);
}
/** The summary is a report: failing to write it is a warning. */
async function writeSummary(result) {
    try {
        writeSections(summary, result.summary);
        await summary.write();
    }
    catch (error) {
        log.warning(`Could not write the job summary: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}
/** A comment that cannot be posted is a warning: the inspection itself worked. */
async function comment(token, result) {
    const { changes, before, after } = result.comment;
    try {
        const outcome = await upsertPullRequestComment(token, changesComment(changes, before, after), COMMENT_MARKER);
        if (outcome.status === 'skipped') {
            log.info(`No pull-request comment: the '${outcome.event}' event is not a pull request.`);
        }
        else {
            log.info(`Pull-request comment ${outcome.status}: ${outcome.url}`);
        }
    }
    catch (error) {
        const status = error.status;
        const hint = status === 403 || status === 404
            ? " (the token needs 'pull-requests: write' permission)"
            : '';
        log.warning(`Could not comment on the pull request${hint}: ${(0,errors/* errorMessage */.gJ)(error)}`);
    }
}

;// CONCATENATED MODULE: ./src/main.ts
/**
 * The story of a run: read the inputs, plan the job (checking all that can
 * be checked before a request), run it against the registries, publish
 * what it found. Any failure ends here, as one message; a failed run sets
 * no outputs.
 */





async function run() {
    let registries;
    try {
        const settings = await readInputs();
        const job = await plan(settings);
        registries = new Registries(settings, registryEvents);
        // What happens while the registries are read folds away; the findings
        // are printed after it, in the open.
        const result = await log.group('Reading the registries', () => job(registries, log));
        await publish(result, {
            githubToken: settings.mode === 'single' ? settings.githubToken : undefined
        });
    }
    catch (error) {
        log.fail((0,explain/* describeFailure */.I)(error));
    }
    finally {
        registries?.close();
    }
}

;// CONCATENATED MODULE: ./src/index.ts

/* istanbul ignore next */
void run();

