export const id = 47;
export const ids = [47];
export const modules = {

/***/ 2047:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  findingsAhead: () => (/* binding */ findingsAhead)
});

// EXTERNAL MODULE: ./src/image/platform.ts
var image_platform = __webpack_require__(2554);
// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/image/base.ts
var base = __webpack_require__(2212);
// EXTERNAL MODULE: ./src/registry/digest.ts
var digest = __webpack_require__(5035);
// EXTERNAL MODULE: ./src/registry/reference.ts
var reference = __webpack_require__(9310);
;// CONCATENATED MODULE: ./src/image/materials.ts
/**
 * The images among a provenance's materials. BuildKit names each image it
 * pulled as a package URL (`pkg:docker/alpine@3.20?platform=linux%2Famd64`,
 * `pkg:docker/ghcr.io/org/app@v1`, `…?digest=sha256:…`) with the digest it
 * resolved; `pkg:oci/…` are local contexts, not registry images.
 */



/** The materials that are registry images with a digest, in order. */
async function imageMaterials(materials) {
    const docker = materials.filter((m) => m.uri.startsWith('pkg:docker/') && (0,digest/* isDigest */.Bc)(m.digest));
    if (docker.length === 0)
        return [];
    // Loaded only when a provenance names images (its own bundle chunk).
    const { PackageURL } = await __webpack_require__.e(/* import() */ 91).then(__webpack_require__.t.bind(__webpack_require__, 7091, 23));
    return docker.flatMap((m) => {
        try {
            const purl = PackageURL.fromString(m.uri);
            const reference = referenceOf(purl);
            if (!reference)
                return [];
            const platform = qualifier(purl, 'platform');
            return [
                {
                    uri: m.uri,
                    reference,
                    digest: m.digest,
                    platform: platform ? (0,image_platform/* parsePlatform */.Y8)(platform) : undefined
                }
            ];
        }
        catch {
            // Not a package URL a registry reference can be made of.
            return [];
        }
    });
}
/** As BuildKit reads its own URLs back (util/purl PURLToRef), plus the spec's `repository_url`. */
function referenceOf(purl) {
    let name = purl.namespace ? `${purl.namespace}/${purl.name}` : purl.name;
    const registry = qualifier(purl, 'repository_url');
    if (registry)
        name = `${registry.replace(/\/+$/, '')}/${name}`;
    const version = purl.version ?? '';
    const pinned = qualifier(purl, 'digest');
    let text = name;
    if ((0,digest/* isDigest */.Bc)(version))
        text += `@${version}`;
    else if (version)
        text += `:${version}`;
    if (pinned && !(0,digest/* isDigest */.Bc)(version))
        text += `@${pinned}`;
    return (0,reference/* parseReference */.F2)(text);
}
function qualifier(purl, key) {
    const q = purl.qualifiers;
    return q && Object.hasOwn(q, key) && typeof q[key] === 'string'
        ? q[key]
        : undefined;
}

// EXTERNAL MODULE: ./src/image/manifest.ts
var image_manifest = __webpack_require__(596);
;// CONCATENATED MODULE: ./src/jobs/base-check.ts
/**
 * Does this image need a rebuild? For one platform of an image: find what
 * it was built from (the OCI base annotations, else BuildKit's provenance,
 * else the layers of a base the user names; the first that applies
 * decides) and compare it with what the base is now.
 */






/** At most this many of a provenance's images are tried as the base by their layers. */
const MAX_CANDIDATES = 8;
async function checkBase(info, finding, options, bases) {
    const platform = (0,image_platform/* formatPlatform */.Bq)(info.platform);
    const notes = [];
    try {
        const annotated = (0,base/* annotatedBase */.UG)(info);
        if (annotated) {
            const named = baseReference(annotated.name);
            const ref = options.image ?? named.reference;
            if (ref) {
                return await compareDigests(info, bases, {
                    method: 'annotation',
                    ref,
                    namedBy: options.image ? undefined : info.reference,
                    builtFrom: annotated.digest,
                    from: `the base annotations on ${annotated.where}`
                });
            }
            notes.push(`the base annotations on ${annotated.where} ${named.problem}`);
        }
        else {
            notes.push('no base annotations');
        }
        if (finding?.provenance) {
            const picked = await pickMaterial(info, finding.provenance, options, bases);
            if (picked.material) {
                return await compareDigests(info, bases, {
                    method: 'provenance',
                    ref: options.image ?? atTag(picked.material.reference),
                    namedBy: options.image ? undefined : info.reference,
                    builtFrom: picked.material.digest,
                    from: `the provenance (${picked.material.uri})`
                });
            }
            notes.push(picked.reason);
        }
        else {
            notes.push(`no provenance (${finding?.reason ?? 'not read'})`);
        }
        if (options.image)
            return await compareLayers(info, bases, options.image);
        notes.push("no 'base-image' to compare layers with");
        return { platform, status: 'unknown', reason: notes.join('; ') };
    }
    catch (error) {
        // The base could not be read (not found, denied, …): not known.
        if (!(error instanceof errors/* UserError */.yo))
            throw error;
        return { platform, status: 'unknown', reason: (0,errors/* errorMessage */.gJ)(error) };
    }
}
/**
 * A base named by an annotation or package URL, checked at its tag: a
 * digest pinned next to the tag is what the image was built from, not
 * what the tag is now. Without a tag, `latest`.
 */
function baseReference(name) {
    if (!name)
        return { problem: 'give a digest but no base name' };
    try {
        return { reference: atTag((0,reference/* parseReference */.F2)(name)), problem: '' };
    }
    catch (error) {
        if (!(error instanceof reference/* ReferenceError */.AF))
            throw error;
        return {
            problem: `name a base that is not a valid reference (${error.rule})`
        };
    }
}
function atTag(ref) {
    if (ref.tag !== undefined)
        return { ...ref, digest: undefined };
    if (ref.digest !== undefined)
        return ref;
    return { ...ref, tag: 'latest' };
}
/**
 * Built from the base's current digest (its index's, or its manifest's for
 * this platform)? The index is read only when the digests differ.
 */
async function compareDigests(info, bases, { method, ref, builtFrom, from, namedBy }) {
    const platform = (0,image_platform/* formatPlatform */.Bq)(info.platform);
    const shown = (0,reference/* formatReference */.FH)(ref);
    const digest = await bases.currentDigest(ref, namedBy);
    const check = { platform, method, ref: shown, digest, builtFrom };
    if (builtFrom === digest) {
        return {
            ...check,
            status: 'current',
            reason: `built from ${builtFrom}, which ${shown} still is (from ${from})`
        };
    }
    const now = await bases.current(ref, namedBy);
    const found = await bases.platformDigest(ref, now, info.platform, namedBy);
    if (found.offered) {
        return {
            ...check,
            status: 'unknown',
            reason: missingPlatform(shown, info, found.offered)
        };
    }
    // The index entry, or an entry on the way through nested indexes.
    if (found.via.includes(builtFrom)) {
        return {
            ...check,
            status: 'current',
            reason: `built from ${builtFrom}, which ${shown} still is for ${platform} (from ${from})`
        };
    }
    return {
        ...check,
        status: 'outdated',
        reason: `built from ${builtFrom}; ${shown} is ${digest} now (from ${from})`
    };
}
/** Do the base's layers for this platform start the image's? */
async function compareLayers(info, bases, ref) {
    const platform = (0,image_platform/* formatPlatform */.Bq)(info.platform);
    const shown = (0,reference/* formatReference */.FH)(ref);
    const now = await bases.current(ref);
    const check = {
        platform,
        method: 'layers',
        ref: shown,
        digest: now.digest
    };
    const manifest = await bases.platformManifest(ref, now, info.platform);
    if (manifest.offered) {
        return {
            ...check,
            status: 'unknown',
            reason: missingPlatform(shown, info, manifest.offered)
        };
    }
    if ((0,base/* startsWith */.w1)(info.layerDigests, manifest.layers)) {
        return {
            ...check,
            status: 'current',
            builtFrom: manifest.digest,
            reason: `the image's layers start with the ${manifest.layers.length} layers of ${shown} for ${platform}`
        };
    }
    return {
        ...check,
        status: 'outdated',
        reason: `the image's layers do not start with the ${manifest.layers.length} layers ${shown} has now for ${platform}`
    };
}
function missingPlatform(shown, info, offered) {
    const list = offered.length ? (0,image_manifest/* platformList */._P)(offered) : 'none';
    return `${shown} has no ${(0,image_platform/* formatPlatform */.Bq)(info.platform)} (it offers ${list})`;
}
/**
 * The base among the images a build used: the one `base-image` names,
 * the only one, or the one whose layers start the image's layers (a
 * multi-stage build also lists its builder images).
 */
async function pickMaterial(info, provenance, options, bases) {
    const materials = await imageMaterials(provenance.materials);
    if (materials.length === 0) {
        return {
            reason: 'the provenance names no image with a digest (built FROM scratch?)'
        };
    }
    if (options.image) {
        const wanted = (0,reference/* repositoryName */.aR)(options.image);
        const same = materials.find((m) => (0,reference/* repositoryName */.aR)(m.reference) === wanted);
        return same
            ? { material: same }
            : {
                reason: `the provenance does not name ${wanted} among the images the build used`
            };
    }
    const candidates = materials.filter((m) => couldBeBase(m, info));
    if (candidates.length === 0) {
        return {
            reason: `the provenance names only images that cannot be the base (${materials
                .map((m) => (0,reference/* formatReference */.FH)(m.reference))
                .join(', ')})`
        };
    }
    if (candidates.length === 1)
        return { material: candidates[0] };
    const tried = candidates.slice(0, MAX_CANDIDATES);
    const found = await Promise.all(tried.map((m) => startsImage(info, m, bases)));
    const index = found.indexOf(true);
    if (index !== -1)
        return { material: tried[index] };
    return {
        reason: `the provenance names ${candidates.length} images (${tried
            .map((m) => (0,reference/* formatReference */.FH)(m.reference))
            .join(', ')}) and the layers of none start the image's; name the base with 'base-image'`
    };
}
/** Dockerfile frontends (`# syntax=`) BuildKit lists with the images it pulled. */
const FRONTENDS = new Set([
    'docker.io/docker/dockerfile',
    'docker.io/docker/dockerfile-upstream'
]);
/**
 * Not the build's frontend, and for the image's platform when the
 * material says which (a builder stage may run on the build platform).
 */
function couldBeBase(material, info) {
    if (FRONTENDS.has((0,reference/* repositoryName */.aR)(material.reference)))
        return false;
    if (!material.platform)
        return true;
    const wanted = (0,image_platform/* formatPlatform */.Bq)((0,image_platform/* normalizePlatform */.FL)(info.platform));
    return (0,image_platform/* formatPlatform */.Bq)((0,image_platform/* normalizePlatform */.FL)(material.platform)) === wanted;
}
/** Whether a material's layers (for the image's platform) start the image's. */
async function startsImage(info, material, bases) {
    try {
        const at = await bases.at(material.reference, material.digest, {
            namedBy: info.reference
        });
        const manifest = await bases.platformManifest(material.reference, at, info.platform, info.reference);
        return (!manifest.offered &&
            manifest.layers.length > 0 &&
            (0,base/* startsWith */.w1)(info.layerDigests, manifest.layers));
    }
    catch (error) {
        // A builder image gone from its registry is not the base.
        if (error instanceof errors/* UserError */.yo)
            return false;
        throw error;
    }
}

// EXTERNAL MODULE: ./src/registry/errors.ts
var registry_errors = __webpack_require__(6764);
// EXTERNAL MODULE: ./src/registry/media-types.ts
var media_types = __webpack_require__(9867);
// EXTERNAL MODULE: ./src/report/explain.ts
var explain = __webpack_require__(7389);
;// CONCATENATED MODULE: ./src/jobs/base-images.ts
/**
 * The base images a check reads, each thing read once per step however
 * many platforms ask: the current digest by HEAD (not a pull on Docker
 * Hub), an index or manifest by GET only when layers or platform digests
 * are needed, never a layer. Registry failures come back explained.
 */






/**
 * Each method takes `namedBy`: the image that named this base (in its
 * annotations or provenance) when the user did not; its registry is then
 * reached as if that image's registry had sent us there.
 */
class BaseImages {
    registries;
    memo = new Map();
    constructor(registries) {
        this.registries = registries;
    }
    /** The digest the base's reference points to now. */
    currentDigest(ref, namedBy) {
        // A GET of the same reference (for its layers) already says.
        const fetched = this.memo.get(key('get', ref));
        if (fetched)
            return fetched.then((m) => m.digest);
        return this.once(key('head', ref), () => this.read(ref, namedBy, async (client) => {
            const head = await client.resolveDigest(ref.path, (0,reference/* manifestReference */.Tn)(ref));
            return head.digest;
        }));
    }
    /** The manifest (or index) the base's reference points to now. */
    current(ref, namedBy) {
        return this.once(key('get', ref), async () => {
            const head = this.memo.get(key('head', ref));
            // The HEAD confirmed the digest in this repository.
            if (head)
                return this.at(ref, await head, { confirmed: true, namedBy });
            return this.read(ref, namedBy, async (client) => {
                const manifest = await client.getManifest(ref.path, (0,reference/* manifestReference */.Tn)(ref));
                return { digest: manifest.digest, document: (0,image_manifest/* parseManifest */.Ng)(manifest) };
            });
        });
    }
    /** The manifest at a digest in the base's repository. */
    at(ref, digest, { confirmed = false, size, namedBy } = {}) {
        return this.once(key('at', ref, digest), () => this.read(ref, namedBy, async (client) => {
            const manifest = await client.getManifest(ref.path, digest, {
                confirmed,
                size
            });
            return { digest, document: (0,image_manifest/* parseManifest */.Ng)(manifest) };
        }));
    }
    /**
     * The digest of the platform's image manifest under `top`, reading only
     * the nested indexes on the way (an entry says what it is); `via` lists
     * the digests of the entries taken, that one last.
     */
    async platformDigest(ref, top, platform, namedBy) {
        let manifest = top;
        const via = [];
        for (let depth = 0; manifest.document.kind === 'index'; depth++) {
            const { entries, platforms } = manifest.document;
            const index = (0,image_platform/* matchPlatform */.h0)(platform, platforms);
            if (index === -1)
                return { offered: platforms };
            const { digest, size, mediaType } = entries[index];
            via.push(digest);
            if (!media_types/* INDEX_TYPES */.V.includes(mediaType ?? ''))
                return { digest, size, via };
            if (depth + 1 >= image_manifest/* MAX_INDEX_DEPTH */.yM)
                throw tooDeep();
            // A verified index of this repository vouches for its entries.
            manifest = await this.at(ref, digest, { confirmed: true, size, namedBy });
        }
        return { digest: manifest.digest, via };
    }
    /** The platform's image manifest, found through any indexes under `top`. */
    async platformManifest(ref, top, platform, namedBy, depth = 0) {
        const found = await this.platformDigest(ref, top, platform, namedBy);
        if (found.offered)
            return { offered: found.offered };
        const { digest, size } = found;
        const manifest = digest === top.digest
            ? top
            : await this.at(ref, digest, { confirmed: true, size, namedBy });
        // An entry that did not say it was an index, and is one.
        if (manifest.document.kind === 'index') {
            if (depth + 1 >= image_manifest/* MAX_INDEX_DEPTH */.yM)
                throw tooDeep();
            return this.platformManifest(ref, manifest, platform, namedBy, depth + 1);
        }
        return {
            digest: manifest.digest,
            layers: manifest.document.layers.map((layer) => layer.digest)
        };
    }
    /** Registry work for a base, its failures explained for that base. */
    async read(ref, namedBy, work) {
        const { client, credentials, source } = await this.registries.connect(ref, namedBy);
        return (0,explain/* explained */.t)({ reference: ref, credentials, credentialSource: source }, () => work(client));
    }
    once(name, work) {
        let promise = this.memo.get(name);
        if (!promise) {
            promise = work();
            // Every platform that asks gets the same answer, a failure included.
            promise.catch(() => undefined);
            this.memo.set(name, promise);
        }
        return promise;
    }
}
function tooDeep() {
    return new registry_errors/* RegistryError */.gl('unsupported', `The base's index nests more than ${image_manifest/* MAX_INDEX_DEPTH */.yM} levels deep`);
}
function key(kind, ref, digest) {
    const at = digest ?? (0,reference/* manifestReference */.Tn)(ref);
    return `${kind} ${ref.domain.toLowerCase()}/${ref.path}@${at}`;
}

// EXTERNAL MODULE: ./src/image/fields.ts
var fields = __webpack_require__(6876);
;// CONCATENATED MODULE: ./src/image/provenance.ts
/**
 * BuildKit's provenance, as it stores it: an attestation manifest whose
 * layers are in-toto statements, one of them SLSA provenance (v0.2 or v1)
 * listing the images a build used (`pkg:docker/…` package URLs) with their
 * digests. Pure: parsed manifests and bytes in, data out.
 */



const SLSA_PROVENANCE = 'https://slsa.dev/provenance/';
const PREDICATE_TYPE = 'in-toto.io/predicate-type';
/** BuildKit's own metadata key in SLSA v0.2 provenance. */
const BUILDKIT_METADATA_V02 = 'https://mobyproject.org/buildkit@v1#metadata';
/** A build lists dozens of materials; more than this is not read. */
const MAX_MATERIALS = 1000;
/** Why a statement cannot be read as this image's provenance. */
class ProvenanceError extends Error {
    name = 'ProvenanceError';
}
/**
 * The statement layer with SLSA provenance in an attestation manifest;
 * otherwise the predicate types it does hold, to say so.
 */
function provenanceLayer(attestation) {
    const layers = Array.isArray(attestation.json.layers)
        ? attestation.json.layers
        : [];
    const predicateTypes = [];
    for (const [i, layer] of attestation.layers.entries()) {
        const raw = (0,fields/* structOf */.Tb)((0,fields/* objectOrUndefined */.XD)(layers[i]) ?? {}, fields/* DESCRIPTOR_FIELDS */.C, 'attestation layer');
        const annotations = (0,fields/* objectOrUndefined */.XD)(raw.annotations);
        const type = annotations && Object.hasOwn(annotations, PREDICATE_TYPE)
            ? annotations[PREDICATE_TYPE]
            : undefined;
        if (typeof type !== 'string')
            continue;
        if (type.startsWith(SLSA_PROVENANCE))
            return { layer };
        predicateTypes.push(type);
    }
    return { predicateTypes };
}
/**
 * An in-toto statement's SLSA provenance, checked to be about `subject`
 * (the image manifest it was found next to).
 */
function readProvenance(bytes, subject) {
    const statement = (0,fields/* objectOrUndefined */.XD)(parse(bytes));
    if (!statement) {
        throw new ProvenanceError('the provenance statement is not a JSON object');
    }
    const type = provenance_text(statement._type);
    if (!type.startsWith('https://in-toto.io/Statement/')) {
        throw new ProvenanceError(`the provenance is not an in-toto statement (_type ${(0,registry_errors/* quote */.hD)(type || 'none', 80)})`);
    }
    const predicateType = provenance_text(statement.predicateType);
    if (!predicateType.startsWith(SLSA_PROVENANCE)) {
        throw new ProvenanceError(`the statement's predicate is ${(0,registry_errors/* quote */.hD)(predicateType || 'none', 80)}, not SLSA provenance`);
    }
    if (!subjects(statement.subject).includes(subject)) {
        throw new ProvenanceError(`the provenance statement is about another image, not ${subject}`);
    }
    const predicate = (0,fields/* objectOrUndefined */.XD)(statement.predicate) ?? {};
    const read = predicateType.endsWith('/v1') ? readV1 : readV02;
    return { predicateType, ...read(predicate) };
}
function parse(bytes) {
    try {
        return JSON.parse(bytes.toString('utf8'));
    }
    catch {
        throw new ProvenanceError('the provenance statement is not valid JSON');
    }
}
/** SLSA v1: runDetails.builder, buildDefinition.resolvedDependencies. */
function readV1(predicate) {
    const definition = at(predicate, 'buildDefinition');
    const run = at(predicate, 'runDetails');
    const configSource = at(at(definition, 'externalParameters'), 'configSource');
    const vcs = at(at(at(run, 'metadata'), 'buildkit_metadata'), 'vcs');
    return {
        builder: provenance_text(at(run, 'builder').id),
        ...sourceOf(vcs, configSource),
        materials: materials(definition.resolvedDependencies)
    };
}
/** SLSA v0.2: builder, materials, invocation.configSource. */
function readV02(predicate) {
    const configSource = at(at(predicate, 'invocation'), 'configSource');
    const vcs = at(at(at(predicate, 'metadata'), BUILDKIT_METADATA_V02), 'vcs');
    return {
        builder: provenance_text(at(predicate, 'builder').id),
        ...sourceOf(vcs, configSource),
        materials: materials(predicate.materials)
    };
}
/**
 * The repository and revision: what BuildKit recorded from git (`vcs`),
 * else the build definition's own source (a git context).
 */
function sourceOf(vcs, configSource) {
    const digest = at(configSource, 'digest');
    return {
        source: provenance_text(vcs.source) || provenance_text(configSource.uri),
        revision: provenance_text(vcs.revision) || provenance_text(digest.sha1) || provenance_text(digest.sha256)
    };
}
function materials(value) {
    if (!Array.isArray(value))
        return [];
    if (value.length > MAX_MATERIALS) {
        throw new ProvenanceError(`the provenance lists ${value.length} materials, more than the ${MAX_MATERIALS} this action reads`);
    }
    return value.flatMap((item) => {
        const m = (0,fields/* objectOrUndefined */.XD)(item);
        const uri = m && provenance_text(m.uri);
        return uri ? [{ uri, digest: digestOf(at(m, 'digest')) }] : [];
    });
}
/** A DigestSet as one `algorithm:hex`, the strongest one we verify first. */
function digestOf(set) {
    for (const algorithm of ['sha256', 'sha512']) {
        const value = `${algorithm}:${provenance_text(set[algorithm])}`;
        if (Object.hasOwn(set, algorithm) && (0,digest/* isDigest */.Bc)(value))
            return value;
    }
    const [first] = Object.entries(set).filter(([, v]) => typeof v === 'string');
    return first ? `${first[0]}:${first[1]}` : '';
}
function subjects(value) {
    if (!Array.isArray(value))
        return [];
    return value.flatMap((item) => {
        const digest = digestOf(at((0,fields/* objectOrUndefined */.XD)(item) ?? {}, 'digest'));
        return digest ? [digest] : [];
    });
}
/** An own member that is an object, else an empty one. */
function at(object, key) {
    return (Object.hasOwn(object, key) && (0,fields/* objectOrUndefined */.XD)(object[key])) || {};
}
function provenance_text(value) {
    return typeof value === 'string' ? value : '';
}

;// CONCATENATED MODULE: ./src/jobs/provenance.ts





/** Real statements are tens to hundreds of KiB (mode=max); more is refused. */
const MAX_PROVENANCE_BYTES = 4 * 1024 * 1024;
async function findProvenance(info, client) {
    if (!info.attestation)
        return { reason: noAttestation(info) };
    try {
        return { provenance: await fetchProvenance(info, client) };
    }
    catch (error) {
        if (error instanceof ProvenanceError)
            return { reason: error.message };
        if (!(error instanceof registry_errors/* RegistryError */.gl))
            throw error;
        if (error.kind === 'cancelled')
            throw error;
        return {
            reason: `the provenance could not be read: ${(0,explain/* describeFailure */.I)(error)}`
        };
    }
}
function noAttestation(info) {
    if (info.digest === info.imageDigest) {
        return 'the image is a single manifest, with no index to hold attestations';
    }
    return `the index has no attestation manifest for ${(0,image_platform/* formatPlatform */.Bq)(info.platform)} (build with provenance, the default of docker/build-push-action)`;
}
async function fetchProvenance(info, client) {
    const repository = info.reference.path;
    const descriptor = info.attestation;
    // Listed by a verified index of this repository.
    const manifest = await client.getManifest(repository, descriptor.digest, {
        confirmed: true,
        size: descriptor.size
    });
    const found = provenanceLayer((0,image_manifest/* parseManifest */.Ng)(manifest));
    if (!('layer' in found)) {
        const held = found.predicateTypes.length
            ? ` (only ${found.predicateTypes
                .slice(0, 5)
                .map((t) => (0,registry_errors/* quote */.hD)(t, 80))
                .join(', ')})`
            : '';
        throw new ProvenanceError(`the attestation holds no SLSA provenance${held}`);
    }
    if (found.layer.size > MAX_PROVENANCE_BYTES) {
        throw new ProvenanceError(`the provenance statement is ${found.layer.size} bytes, more than the ${MAX_PROVENANCE_BYTES} this action reads`);
    }
    const bytes = await client.getBlob(repository, found.layer, MAX_PROVENANCE_BYTES, 'provenance statement');
    return readProvenance(bytes, info.imageDigest);
}

;// CONCATENATED MODULE: ./src/jobs/base.ts




/**
 * Findings started ahead: each image's as soon as its manifests are read
 * (inspect's `onManifest`), while its config is fetched; collected once the
 * images are complete. An image not started ahead (a single manifest, whose
 * platform is in its config) starts when collected. Every base is read
 * once for all of them.
 */
function findingsAhead(settings, registries) {
    const bases = new BaseImages(registries);
    const started = new Map();
    const one = async (info) => {
        const { client } = await registries.connect(info.reference);
        const provenance = await findProvenance(info, client);
        if (!settings.checkBase)
            return { provenance };
        const base = await checkBase(info, provenance, { image: settings.baseImage }, bases);
        return { base, provenance };
    };
    return {
        start(info) {
            const key = keyOf(info);
            if (started.has(key))
                return;
            const findings = one(info);
            // Collected by all(); when the inspection fails first, nobody asks.
            findings.catch(() => undefined);
            started.set(key, findings);
        },
        all: (infos) => Promise.all(infos.map((info) => started.get(keyOf(info)) ?? one(info)))
    };
}
/** The same manifest under another name may name its base elsewhere. */
const keyOf = (info) => `${info.ref} ${(0,image_platform/* formatPlatform */.Bq)(info.platform)} ${info.imageDigest}`;


/***/ })

};
