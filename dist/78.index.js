export const id = 78;
export const ids = [78];
export const modules = {

/***/ 6078:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  loadDockerfile: () => (/* binding */ loadDockerfile)
});

// UNUSED EXPORTS: MAX_DOCKERFILE_BYTES

// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
var promises_default = /*#__PURE__*/__webpack_require__.n(promises_);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
var external_node_path_default = /*#__PURE__*/__webpack_require__.n(external_node_path_);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./node_modules/dockerfile-ast/lib/main.js
var main = __webpack_require__(8390);
// EXTERNAL MODULE: ./src/image/platform.ts
var image_platform = __webpack_require__(2554);
// EXTERNAL MODULE: ./src/registry/reference.ts
var registry_reference = __webpack_require__(9310);
;// CONCATENATED MODULE: ./src/dockerfile/expand.ts
/**
 * Word expansion as BuildKit does it in FROM, `--platform` and ARG
 * defaults: quotes, the escape character, `$NAME`, `${NAME}` and the
 * `-`, `+`, `?` forms with and without `:`. The parser (dockerfile-ast)
 * gives instructions and their words; what a word means is this.
 */
/** A word that cannot be expanded; the caller names the line. */
class ExpansionError extends Error {
    variable;
    constructor(message, 
    /** The variable without a value, when that is the reason. */
    variable) {
        super(message);
        this.variable = variable;
        this.name = 'ExpansionError';
    }
}
/** Longer than any image reference or platform; stops ARG chains that double. */
const MAX_EXPANDED_LENGTH = 64 * 1024;
const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_]/;
function expandWord(text, escape, lookup) {
    const reader = new WordReader(text, escape, lookup);
    const value = reader.read(undefined, true);
    return value;
}
class WordReader {
    text;
    escape;
    lookup;
    at = 0;
    constructor(text, escape, lookup) {
        this.text = text;
        this.escape = escape;
        this.lookup = lookup;
    }
    /**
     * Reads up to `stop` (the `}` that closes a substitution) or the end.
     * `strict` false: the word is not used (`${SET:-$UNSET}`), so a variable
     * without a value is no error.
     */
    read(stop, strict) {
        let out = '';
        const { text, escape } = this;
        while (this.at < text.length) {
            const ch = text[this.at];
            if (ch === stop)
                return out;
            if (ch === escape) {
                out += text[this.at + 1] ?? '';
                this.at += 2;
            }
            else if (ch === "'") {
                out += this.singleQuoted();
            }
            else if (ch === '"') {
                out += this.doubleQuoted(strict);
            }
            else if (ch === '$') {
                out += this.dollar(strict);
            }
            else {
                out += ch;
                this.at++;
            }
            if (out.length > MAX_EXPANDED_LENGTH) {
                throw new ExpansionError(`expands to more than ${MAX_EXPANDED_LENGTH} characters`);
            }
        }
        if (stop !== undefined) {
            throw new ExpansionError(`"\${" has no closing "}"`);
        }
        return out;
    }
    singleQuoted() {
        const end = this.text.indexOf("'", this.at + 1);
        if (end === -1)
            throw new ExpansionError('a single quote is not closed');
        const value = this.text.slice(this.at + 1, end);
        this.at = end + 1;
        return value;
    }
    doubleQuoted(strict) {
        let out = '';
        const { text, escape } = this;
        this.at++;
        while (this.at < text.length) {
            const ch = text[this.at];
            if (ch === '"') {
                this.at++;
                return out;
            }
            if (ch === escape && ['"', '$', escape].includes(text[this.at + 1])) {
                out += text[this.at + 1];
                this.at += 2;
            }
            else if (ch === '$') {
                out += this.dollar(strict);
            }
            else {
                out += ch;
                this.at++;
            }
        }
        throw new ExpansionError('a double quote is not closed');
    }
    name() {
        const start = this.at;
        if (!NAME_START.test(this.text[this.at] ?? ''))
            return '';
        while (NAME_CHAR.test(this.text[this.at] ?? ''))
            this.at++;
        return this.text.slice(start, this.at);
    }
    dollar(strict) {
        this.at++;
        if (this.text[this.at] !== '{') {
            const name = this.name();
            return name ? this.value(name, strict) : '$';
        }
        this.at++;
        const name = this.name();
        if (!name) {
            throw new ExpansionError('"${" is not followed by a variable name');
        }
        const next = this.text[this.at];
        if (next === '}') {
            this.at++;
            return this.value(name, strict);
        }
        const colon = next === ':';
        const modifier = this.text[this.at + (colon ? 1 : 0)];
        if (!['-', '+', '?'].includes(modifier)) {
            throw new ExpansionError(`\${${name}${colon ? ':' : ''}${modifier ?? ''}…} is a substitution this action does not expand: use \${${name}}, \${${name}:-default} or \${${name}:+word}`);
        }
        this.at += colon ? 2 : 1;
        return this.modified(name, colon, modifier, strict);
    }
    /** `${NAME:-word}` and friends; the word is read only where it is used. */
    modified(name, colon, modifier, strict) {
        const value = this.lookup(name);
        const set = colon ? Boolean(value) : value !== undefined;
        const wordUsed = modifier === '+' ? set : !set;
        const word = this.read('}', strict && wordUsed);
        this.at++;
        if (modifier === '+')
            return set ? word : '';
        if (set)
            return value;
        if (modifier === '-')
            return word;
        if (!strict)
            return '';
        throw new ExpansionError(`${name}: ${word || 'is not set'}`, name);
    }
    value(name, strict) {
        const value = this.lookup(name);
        if (value !== undefined || !strict)
            return value ?? '';
        throw new ExpansionError(`$${name} has no value`, name);
    }
}

;// CONCATENATED MODULE: ./src/dockerfile/from.ts
/**
 * The images a Dockerfile builds from, as `docker build` resolves them:
 * global ARGs and build-args expanded, stage aliases followed, `scratch`
 * skipped, `--platform` honoured. Pure: text in, references out, and an
 * error naming the line of anything that cannot be resolved.
 */




class DockerfileError extends Error {
    line;
    constructor(message, line) {
        super(line === undefined ? message : `line ${line}: ${message}`);
        this.line = line;
        this.name = 'DockerfileError';
    }
}
/** More stages than any real Dockerfile has; each may cost requests. */
const MAX_STAGES = 256;
const STAGE_NAME = /^[a-z][a-z0-9._-]*$/;
function readBases(text, options) {
    const dockerfile = main.DockerfileParser.parse(text);
    const source = new SourceText(text, dockerfile.getEscapeCharacter());
    const instructions = dockerfile.getInstructions();
    const firstFrom = instructions.findIndex((i) => i.getKeyword() === 'FROM');
    if (firstFrom === -1) {
        throw new DockerfileError('the Dockerfile has no FROM instruction: it names no image to build from.');
    }
    const lookup = globalArgs(instructions.slice(0, firstFrom), source, options);
    const stages = [];
    for (const instruction of instructions.slice(firstFrom)) {
        if (instruction.getKeyword() !== 'FROM')
            continue;
        if (stages.length === MAX_STAGES) {
            throw new DockerfileError(`the Dockerfile has more than ${MAX_STAGES} stages, the most read.`, lineOf(instruction));
        }
        stages.push(readStage(instruction, stages, source, lookup));
    }
    const images = stages.flatMap((s) => s.base.kind === 'image' ? [s.base.image] : []);
    let last = stages.at(-1).base;
    while (last.kind === 'stage')
        last = stages[last.index].base;
    return { images, final: last.kind === 'image' ? last.image : undefined };
}
function lineOf(instruction) {
    return instruction.getRange().start.line + 1;
}
/** The raw text of a range, line continuations removed. */
class SourceText {
    text;
    escape;
    lineStarts = [0];
    continuation;
    constructor(text, escape) {
        this.text = text;
        this.escape = escape;
        for (const match of text.matchAll(/\r\n|\n|\r/g)) {
            this.lineStarts.push(match.index + match[0].length);
        }
        const escaped = escape.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');
        this.continuation = new RegExp(`${escaped}[ \\t]*(?:\\r\\n|\\n|\\r)`, 'g');
    }
    of(range) {
        const offset = (p) => this.lineStarts[p.line] + p.character;
        return this.text
            .slice(offset(range.start), offset(range.end))
            .replace(this.continuation, '');
    }
}
/** TARGETPLATFORM, BUILDARCH and friends: defined for FROM without an ARG. */
function automaticArgs(options) {
    const out = new Map();
    const build = options.buildPlatform ?? { os: 'linux', architecture: 'amd64' };
    for (const [prefix, platform] of [
        ['TARGET', options.platform],
        ['BUILD', build]
    ]) {
        out.set(`${prefix}PLATFORM`, (0,image_platform/* formatPlatform */.Bq)(platform));
        out.set(`${prefix}OS`, platform.os);
        out.set(`${prefix}ARCH`, platform.architecture);
        out.set(`${prefix}VARIANT`, platform.variant ?? '');
    }
    return out;
}
/**
 * The ARGs before the first FROM, the only ones a FROM can use: each
 * default expanded with those before it, a build-arg winning over it.
 */
function globalArgs(before, source, options) {
    const automatic = automaticArgs(options);
    const values = new Map();
    const lookup = (name) => values.has(name) ? values.get(name) : automatic.get(name);
    for (const instruction of before) {
        if (instruction.getKeyword() !== 'ARG') {
            throw new DockerfileError(`${instruction.getKeyword()} comes before the first FROM, where only ARG may stand.`, lineOf(instruction));
        }
        for (const property of instruction.getProperties()) {
            const name = property.getName();
            const given = options.buildArgs?.get(name);
            const range = property.getValueRange();
            if (given !== undefined) {
                values.set(name, given);
            }
            else if (property.getValue() === null || !range) {
                values.set(name, automatic.get(name));
            }
            else {
                values.set(name, expand(source.of(range), source, lookup, instruction));
            }
        }
    }
    return lookup;
}
function expand(word, source, lookup, instruction) {
    try {
        return expandWord(word, source.escape, lookup);
    }
    catch (error) {
        if (!(error instanceof ExpansionError))
            throw error;
        const fix = error.variable
            ? `: declare it before the first FROM with a default (ARG ${error.variable}=…) or give it in build-args (${error.variable}=…).`
            : '.';
        throw new DockerfileError(`${instruction.getKeyword()}: ${error.message}${fix}`, lineOf(instruction));
    }
}
/** One FROM: its name, its platform and what it is built on. */
function readStage(from, stages, source, lookup) {
    const line = lineOf(from);
    const words = from.getArguments();
    const named = words.length === 3 && words[1].getValue().toLowerCase() === 'as';
    if (words.length === 0) {
        throw new DockerfileError('FROM names no image.', line);
    }
    if (words.length !== 1 && !named) {
        throw new DockerfileError(`FROM takes an image, optionally followed by "AS name"; found "${words.map((w) => w.getValue()).join(' ')}".`, line);
    }
    const name = named ? stageName(words[2].getValue(), stages, line) : undefined;
    const platform = platformFlag(from, source, lookup);
    const written = expand(source.of(words[0].getRange()), source, lookup, from);
    const lower = written.toLowerCase();
    if (lower === 'scratch')
        return { name, base: { kind: 'scratch' } };
    const earlier = stages.findIndex((s) => s.name === lower);
    if (earlier !== -1)
        return { name, base: { kind: 'stage', index: earlier } };
    let reference;
    try {
        reference = (0,registry_reference/* parseReference */.F2)(written);
    }
    catch (error) {
        if (!(error instanceof registry_reference/* ReferenceError */.AF))
            throw error;
        throw new DockerfileError(`FROM "${written}" is not a valid image reference: ${error.rule}.`, line);
    }
    if (reference.tag === undefined && reference.digest === undefined) {
        reference = { ...reference, tag: 'latest' };
    }
    const image = {
        stage: name ?? String(stages.length),
        index: stages.length,
        line,
        reference,
        ...(platform && { platform })
    };
    return { name, base: { kind: 'image', image } };
}
function stageName(written, stages, line) {
    const name = written.toLowerCase();
    if (!STAGE_NAME.test(name)) {
        throw new DockerfileError(`"${written}" is not a valid stage name: start with a letter, then letters, digits, ".", "_" or "-".`, line);
    }
    const used = stages.findIndex((s) => s.name === name);
    if (used !== -1) {
        throw new DockerfileError(`the stage name "${name}" is already used by stage ${used}.`, line);
    }
    return name;
}
/** `--platform`, expanded; the only flag FROM has. */
function platformFlag(from, source, lookup) {
    let platform;
    for (const flag of from.getFlags()) {
        const name = flag.getName();
        if (name !== 'platform') {
            throw new DockerfileError(`FROM has no flag --${name}; only --platform.`, lineOf(from));
        }
        const range = flag.getValueRange();
        const written = range ? expand(source.of(range), source, lookup, from) : '';
        platform = (0,image_platform/* parsePlatform */.Y8)(written);
        if (!platform) {
            throw new DockerfileError(`--platform "${written}" is not a platform: write os/arch or os/arch/variant (e.g. linux/arm64).`, lineOf(from));
        }
    }
    return platform;
}

;// CONCATENATED MODULE: ./src/dockerfile/load.ts
/**
 * A Dockerfile named by an input: read from the workspace (never through a
 * link out of it: the file may come from a pull request), bounded, and
 * resolved to the images it builds from. Loaded only when asked for (the
 * parser is its own bundle chunk).
 */




/** Far more than any Dockerfile; the file may come from a pull request. */
const MAX_DOCKERFILE_BYTES = 1024 * 1024;
async function loadDockerfile(input, file, options) {
    const text = await readWorkspaceFile(input, file);
    try {
        return {
            path: file,
            ...readBases(text, { ...options, buildPlatform: runnerPlatform() })
        };
    }
    catch (error) {
        if (!(error instanceof DockerfileError))
            throw error;
        throw new errors/* InputError */.dz(input, `${file}, ${error.message}`);
    }
}
/** The machine `docker build` would run on: BUILDPLATFORM. */
function runnerPlatform() {
    if (process.arch === 'arm64')
        return { os: 'linux', architecture: 'arm64' };
    if (process.arch === 'arm') {
        return { os: 'linux', architecture: 'arm', variant: 'v7' };
    }
    return { os: 'linux', architecture: 'amd64' };
}
async function readWorkspaceFile(input, file) {
    const workspace = process.env.GITHUB_WORKSPACE || process.cwd();
    let real;
    let root;
    try {
        root = await promises_default().realpath(workspace);
        real = await promises_default().realpath(external_node_path_default().resolve(workspace, file));
    }
    catch (error) {
        const missing = error.code === 'ENOENT';
        throw new errors/* InputError */.dz(input, missing
            ? `"${file}" does not exist in the workspace (${workspace}): check the path, and that the repository is checked out (actions/checkout) before this step.`
            : `"${file}" cannot be read: ${(0,errors/* errorMessage */.gJ)(error)}.`);
    }
    const relative = external_node_path_default().relative(root, real);
    if (relative.startsWith('..') || external_node_path_default().isAbsolute(relative)) {
        throw new errors/* InputError */.dz(input, `"${file}" is outside the workspace (${workspace})${real !== external_node_path_default().resolve(workspace, file) ? ' through a link' : ''}: give a path to a file checked out into the workspace.`);
    }
    const notAFile = new errors/* InputError */.dz(input, `"${file}" is not a file: give the Dockerfile's path.`);
    // Checked before opening: opening a FIFO would wait for a writer.
    if (!(await promises_default().stat(real)).isFile())
        throw notAFile;
    const handle = await promises_default().open(real, 'r');
    try {
        if (!(await handle.stat()).isFile())
            throw notAFile;
        const buffer = Buffer.alloc(MAX_DOCKERFILE_BYTES + 1);
        const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
        if (bytesRead > MAX_DOCKERFILE_BYTES) {
            throw new errors/* InputError */.dz(input, `"${file}" is larger than ${MAX_DOCKERFILE_BYTES} bytes, the most a Dockerfile may have here.`);
        }
        return new TextDecoder()
            .decode(buffer.subarray(0, bytesRead))
            .replace(/^\uFEFF/, '');
    }
    finally {
        await handle.close();
    }
}


/***/ })

};
