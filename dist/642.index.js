export const id = 642;
export const ids = [642];
export const modules = {

/***/ 8642:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  isVersion: () => (/* reexport */ isVersion),
  trackTags: () => (/* binding */ trackTags),
  validRange: () => (/* reexport */ validRange)
});

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(3916);
// EXTERNAL MODULE: ./src/registry/reference.ts
var registry_reference = __webpack_require__(9310);
// EXTERNAL MODULE: ./src/report/explain.ts
var explain = __webpack_require__(7389);
// EXTERNAL MODULE: ./node_modules/semver/index.js
var semver = __webpack_require__(2088);
var semver_default = /*#__PURE__*/__webpack_require__.n(semver);
;// CONCATENATED MODULE: ./src/tags/docker-version.ts
/**
 * Docker-style versions, as the official images write their tags and as
 * Renovate's docker versioning reads them: `3.12-slim-bookworm`,
 * `1.23.4-alpine3.21`, `v2.1`. Numeric parts compare as numbers; letters
 * glued to the last number (`3.14.0rc1`) make a prerelease; everything
 * after the first `-` is the suffix, a compatibility class rather than a
 * prerelease. Tags are only compared with tags of the same kind: the same
 * number of parts and the same suffix.
 */
const UPDATE_TYPES = ['major', 'minor', 'patch'];
const HEAD = /^(v?)(\d+(?:\.\d+)*)([A-Za-z0-9_]*)$/;
/** A Docker-style version, or undefined for `latest`, `bookworm`, `sha256-…`. */
function parseDockerVersion(tag) {
    const dash = tag.indexOf('-');
    const head = dash === -1 ? tag : tag.slice(0, dash);
    const match = HEAD.exec(head);
    if (!match)
        return undefined;
    return {
        tag,
        prefix: match[1] === 'v' ? 'v' : '',
        release: match[2].split('.').map(withoutLeadingZeros),
        prerelease: match[3],
        suffix: dash === -1 ? '' : tag.slice(dash + 1)
    };
}
const withoutLeadingZeros = (digits) => digits.replace(/^0+(?=\d)/, '');
/** Whole numbers written in decimal without leading zeros, of any length. */
function compareNumbers(a, b) {
    return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);
}
function compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/** `rc2` before `rc10`: runs of digits compare as numbers. */
function comparePrereleases(a, b) {
    // A release comes after its prereleases.
    if (a === '' || b === '')
        return a === b ? 0 : a === '' ? 1 : -1;
    const chunks = (text) => text.match(/\d+|\D+/g) ?? [];
    const left = chunks(a);
    const right = chunks(b);
    for (let i = 0; i < Math.min(left.length, right.length); i++) {
        const numeric = /^\d/.test(left[i]) && /^\d/.test(right[i]);
        const order = numeric
            ? compareNumbers(withoutLeadingZeros(left[i]), withoutLeadingZeros(right[i]))
            : compareText(left[i], right[i]);
        if (order)
            return order;
    }
    return left.length - right.length;
}
/** The version alone: numbers, then prerelease (`1.2` before `1.2.0`). */
function compareReleases(a, b) {
    for (let i = 0; i < Math.min(a.release.length, b.release.length); i++) {
        const order = compareNumbers(a.release[i], b.release[i]);
        if (order)
            return order;
    }
    return (a.release.length - b.release.length ||
        comparePrereleases(a.prerelease, b.prerelease));
}
/**
 * A total order for listing every version: version, then suffix (the plain
 * tag last, as the one `latest` usually names), then the spelling, so `1.3`
 * and `v1.3` keep one stable order.
 */
function compareDockerVersions(a, b) {
    return (compareReleases(a, b) ||
        (a.suffix === '' ? 1 : 0) - (b.suffix === '' ? 1 : 0) ||
        compareText(a.suffix, b.suffix) ||
        compareText(a.tag, b.tag));
}
/** Same kind: as many numeric parts, and the same suffix. */
function isCompatible(candidate, current) {
    return (candidate.release.length === current.release.length &&
        candidate.suffix === current.suffix);
}
/**
 * How big a step from `current` up to `candidate` is: the first numeric
 * part that differs (1st major, 2nd minor, any later one patch); a
 * prerelease becoming its release is a patch. Undefined unless newer.
 */
function updateType(current, candidate) {
    if (compareReleases(candidate, current) <= 0)
        return undefined;
    const parts = Math.min(current.release.length, candidate.release.length);
    for (let i = 0; i < parts; i++) {
        if (current.release[i] !== candidate.release[i]) {
            return UPDATE_TYPES[Math.min(i, 2)];
        }
    }
    return 'patch';
}
/** True when an update of `type` is no larger than `max`. */
function withinUpdate(type, max) {
    return UPDATE_TYPES.indexOf(type) >= UPDATE_TYPES.indexOf(max);
}

;// CONCATENATED MODULE: ./src/tags/select.ts
/**
 * Choosing among a repository's tags: hide signature/attestation tags,
 * filter by a pattern, order them (semver, Docker-style or lexically),
 * keep those comparable with the tag in use, and pick the highest.
 */


/** cosign/notation artifacts stored as tags: `sha256-<hex>.sig|.att|.sbom`. */
const ARTIFACT_TAG = /^sha256-[a-f0-9]{64}(?:\.(?:sig|att|sbom))$/;
/** `v1.2.3` and `1.2.3` are versions; `1.2` and `latest` are not. */
function versionOf(tag) {
    // semver's strict parse allows exactly one leading "v".
    return semver_default().parse(tag);
}
/** True when the sort reads `tag` as a version (`max-update` needs one). */
function isVersion(tag, sort) {
    if (sort === 'semver')
        return versionOf(tag) !== null;
    if (sort === 'docker')
        return parseDockerVersion(tag) !== undefined;
    return false;
}
/**
 * The candidates, sorted ascending: semver and docker drop non-versions,
 * so `latest` and `main` never count as the newest.
 */
function selectTags(tags, query) {
    return chooseTags(tags, query).candidates;
}
/** The candidates, the newest of them and what is newer than the tag in use. */
function chooseTags(tags, query) {
    let out = tags.filter((t) => query.includeArtifacts || !ARTIFACT_TAG.test(t));
    if (query.pattern)
        out = out.filter((t) => query.pattern.test(t));
    if (query.sort === 'docker')
        return chooseDocker(out, query);
    if (query.sort === 'semver' || query.range)
        return chooseSemver(out, query);
    const candidates = [...out].sort(select_compareText);
    const { current } = query;
    return {
        candidates,
        latest: candidates.at(-1),
        newer: current === undefined ? [] : candidates.filter((t) => t > current),
        ...(current !== undefined && { comparedWith: current })
    };
}
function select_compareText(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
/**
 * Ascending candidates → the choice. `current` is the tag in use when the
 * sort can compare with it; `step` says how far up a candidate is from it.
 */
function choice(ordered, current, step, maxUpdate = 'major') {
    const stepped = ordered
        .map((tag) => ({ tag, type: step(tag) }))
        .filter(({ type }) => type === undefined || withinUpdate(type, maxUpdate));
    const newer = stepped.filter(({ type }) => type !== undefined);
    const largest = UPDATE_TYPES.find((t) => newer.some((n) => n.type === t));
    return {
        candidates: stepped.map(({ tag }) => tag),
        latest: newer.at(-1)?.tag ?? current ?? stepped.at(-1)?.tag,
        newer: newer.map(({ tag }) => tag),
        updateType: largest ?? 'none',
        ...(current !== undefined && { comparedWith: current })
    };
}
const none = () => undefined;
function chooseSemver(tags, query) {
    const current = query.current === undefined ? null : versionOf(query.current);
    // A prerelease in use makes prereleases comparable with it.
    const includePrerelease = Boolean(query.includePrereleases) || Boolean(current?.prerelease.length);
    const wanted = (version) => query.range
        ? semver_default().satisfies(version, query.range, { includePrerelease })
        : includePrerelease || version.prerelease.length === 0;
    const versions = tags
        .map((tag) => ({ tag, version: versionOf(tag) }))
        .filter((v) => v.version !== null && wanted(v.version));
    // Equal versions (v1.0.0 and 1.0.0) keep a stable, lexical order.
    versions.sort((a, b) => semver_default().compare(a.version, b.version) || select_compareText(a.tag, b.tag));
    const byTag = new Map(versions.map((v) => [v.tag, v.version]));
    const step = current
        ? (tag) => {
            const version = byTag.get(tag);
            return semver_default().gt(version, current)
                ? semverStep(current, version)
                : undefined;
        }
        : none;
    return choice(versions.map((v) => v.tag), current ? query.current : undefined, step, query.maxUpdate);
}
function semverStep(from, to) {
    const diff = semver_default().diff(from, to);
    if (diff === 'major' || diff === 'premajor')
        return 'major';
    if (diff === 'minor' || diff === 'preminor')
        return 'minor';
    return 'patch';
}
function chooseDocker(tags, query) {
    const current = query.current === undefined ? undefined : parseDockerVersion(query.current);
    const includePrerelease = Boolean(query.includePrereleases) || Boolean(current?.prerelease);
    const versions = tags
        .map(parseDockerVersion)
        .filter((v) => v !== undefined &&
        (includePrerelease || v.prerelease === '') &&
        (!current || isCompatible(v, current)));
    if (!current) {
        // Nothing to be compatible with: every version, plain ones last among equals.
        versions.sort(compareDockerVersions);
        return choice(versions.map((v) => v.tag), undefined, none);
    }
    // Equal versions spelled two ways (1.3, v1.3): the spelling in use last.
    versions.sort((a, b) => compareReleases(a, b) ||
        (a.prefix === current.prefix ? 1 : 0) -
            (b.prefix === current.prefix ? 1 : 0) ||
        select_compareText(a.tag, b.tag));
    const byTag = new Map(versions.map((v) => [v.tag, v]));
    return choice(versions.map((v) => v.tag), query.current, (tag) => updateType(current, byTag.get(tag)), query.maxUpdate);
}
/** Validates a semver range for an input; undefined when it is not one. */
function validRange(text) {
    return semver_default().validRange(text) ?? undefined;
}

;// CONCATENATED MODULE: ./src/jobs/tags.ts
/**
 * `tag: semver:<range>` and `list-tags`: a repository's tags narrowed by the
 * user's query, and the tag to inspect. Loaded only when asked for (semver
 * and the Link parser live in their own bundle chunks).
 */





/**
 * Lists the tags and chooses: with a range, the tag to inspect; with a tag
 * in use, the tags of its kind and which of them are newer.
 */
async function trackTags(reference, query, { client, credentials, source }) {
    const context = { reference, credentials, credentialSource: source };
    const { tags: all, ignored } = await (0,explain/* explained */.t)(context, () => client.listTags(reference.path));
    const current = query.range ? undefined : reference.tag;
    const chosen = chooseTags(all, { ...query, current });
    const name = (0,registry_reference/* repositoryName */.aR)(reference);
    const group = 'Tags';
    const lines = [
        {
            level: 'info',
            message: `${name}: ${all.length} tags, ${chosen.candidates.length} candidates${chosen.latest ? `, newest ${chosen.latest}` : ''}${chosen.newer.length ? `; ${chosen.newer.length} newer than ${current} (${chosen.updateType})` : ''}`,
            group
        }
    ];
    if (ignored > 0) {
        lines.push({
            level: 'warning',
            message: `${name}: the registry listed ${ignored} entries that are not valid tag names; they were left out.`,
            group
        });
    }
    const outputs = [
        ['tags', JSON.stringify(chosen.candidates)],
        ['latest-tag', chosen.latest ?? ''],
        ['newer-tags', JSON.stringify(chosen.newer)],
        ['update-type', chosen.updateType ?? '']
    ];
    const section = {
        kind: 'tags',
        repository: name,
        current,
        sort: query.sort,
        listed: all.length,
        choice: chosen
    };
    if (!query.range)
        return { outputs, section, log: lines, reference };
    if (!chosen.latest) {
        const { range, ...unranged } = query;
        const any = chooseTags(all, unranged).candidates.at(-1);
        throw new errors/* UserError */.yo(`No tag of ${name} satisfies semver:${range}${query.pattern ? ' and the tag-pattern' : ''} (${all.length} tags listed${any ? `; newest matching any version: ${any}` : ''}).`);
    }
    return {
        outputs,
        section,
        log: lines,
        reference: { ...reference, tag: chosen.latest }
    };
}


/***/ })

};
