export const id = 617;
export const ids = [617];
export const modules = {

/***/ 4617:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
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
;// CONCATENATED MODULE: ./src/tags/select.ts
/**
 * Choosing among a repository's tags: hide signature/attestation tags,
 * filter by a pattern, sort by semver (prereleases as semver orders them)
 * or lexically, and pick the highest.
 */

/** cosign/notation artifacts stored as tags: `sha256-<hex>.sig|.att|.sbom`. */
const ARTIFACT_TAG = /^sha256-[a-f0-9]{64}(?:\.(?:sig|att|sbom))$/;
/** `v1.2.3` and `1.2.3` are versions; `1.2` and `latest` are not. */
function versionOf(tag) {
    // semver's strict parse allows exactly one leading "v".
    return semver_default().parse(tag);
}
/**
 * The tags that match, sorted ascending (semver: non-versions are dropped,
 * so `latest` and `main` never count as the newest).
 */
function selectTags(tags, query) {
    const includePrereleases = Boolean(query.includePrereleases);
    let out = tags.filter((t) => query.includeArtifacts || !ARTIFACT_TAG.test(t));
    if (query.pattern)
        out = out.filter((t) => query.pattern.test(t));
    if (query.sort === 'lexical' && !query.range) {
        return [...out].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    }
    const wanted = (version) => query.range
        ? semver_default().satisfies(version, query.range, {
            includePrerelease: includePrereleases
        })
        : includePrereleases || version.prerelease.length === 0;
    const versions = out
        .map((tag) => ({ tag, version: versionOf(tag) }))
        .filter((v) => v.version !== null && wanted(v.version));
    // Equal versions (v1.0.0 and 1.0.0) keep a stable, lexical order.
    versions.sort((a, b) => semver_default().compare(a.version, b.version) ||
        (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
    return versions.map((v) => v.tag);
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





async function trackTags(reference, query, { client, credentials, source }, log) {
    const context = { reference, credentials, credentialSource: source };
    const { tags: all, ignored } = await (0,explain/* explained */.t)(context, () => client.listTags(reference.path));
    const { range, ...unranged } = query;
    const listed = selectTags(all, unranged);
    const latest = (range ? selectTags(all, query) : listed).at(-1);
    const name = (0,registry_reference/* repositoryName */.aR)(reference);
    log.info(`${name}: ${all.length} tags, ${listed.length} match${latest ? `, newest ${latest}` : ''}`);
    if (ignored > 0) {
        log.warning(`${name}: the registry listed ${ignored} entries that are not valid tag names; they were left out.`);
    }
    const outputs = [
        ['tags', JSON.stringify(listed)],
        ['latest-tag', latest ?? '']
    ];
    if (!range)
        return { outputs, reference };
    if (!latest) {
        throw new errors/* UserError */.yo(`No tag of ${name} satisfies semver:${range}${query.pattern ? ' and the tag-pattern' : ''} (${all.length} tags listed${listed.length ? `; newest matching any version: ${listed.at(-1)}` : ''}).`);
    }
    return { outputs, reference: { ...reference, tag: latest } };
}


/***/ })

};
