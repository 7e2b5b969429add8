export const id = 480;
export const ids = [480];
export const modules = {

/***/ 5480:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   checkPins: () => (/* binding */ checkPins),
/* harmony export */   dockerfileOutputs: () => (/* binding */ dockerfileOutputs),
/* harmony export */   prepareTokens: () => (/* binding */ prepareTokens)
/* harmony export */ });
/* harmony import */ var _image_manifest_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(596);
/* harmony import */ var _image_platform_js__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(2554);
/* harmony import */ var _registry_client_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5852);
/* harmony import */ var _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6764);
/* harmony import */ var _registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9867);
/* harmony import */ var _registry_reference_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(9310);
/* harmony import */ var _report_explain_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7389);
/* harmony import */ var _pool_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(116);








/** Each pinned image (once, however many stages name it) → stale or not. */
async function checkPins(dockerfile, registries) {
    const log = [];
    const found = await (0,_pool_js__WEBPACK_IMPORTED_MODULE_6__/* .mapLimit */ .s)(pinnedImages(dockerfile), _pool_js__WEBPACK_IMPORTED_MODULE_6__/* .PER_REGISTRY_CONCURRENCY */ .M, async (image) => {
        const tagged = { ...image.reference, digest: undefined };
        try {
            return { image, ...(await pinState(image.reference, registries)) };
        }
        catch (error) {
            log.push({
                level: 'warning',
                title: 'Digest pin not checked',
                message: `${(0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatReference */ .FH)(tagged)}: ${(0,_report_explain_js__WEBPACK_IMPORTED_MODULE_5__/* .describeFailure */ .I)(error, { reference: tagged })}`,
                file: dockerfile.path,
                line: image.line
            });
            return undefined;
        }
    });
    const stale = [];
    for (const { image, current, within } of found.filter((f) => f !== undefined)) {
        const pin = judge(image, { current, within }, dockerfile.path);
        log.push(pin.line);
        if (pin.stale)
            stale.push(pin.stale);
    }
    return { stale, log };
}
/**
 * One token for the image and the pins on its registry, before either asks
 * (Docker Hub grants several repositories at once): each pin then costs one
 * HEAD instead of a 401, a token request and the HEAD.
 */
async function prepareTokens(dockerfile, reference, registries) {
    const paths = pinnedImages(dockerfile)
        .filter((image) => (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .sameRegistry */ .cJ)(image.reference, reference))
        .map((image) => image.reference.path);
    if (paths.length === 0)
        return;
    const { client } = await registries.connect(reference);
    await client.prepare([reference.path, ...paths]);
}
/** `FROM name:tag@digest` lines, one per pinned reference. */
function pinnedImages(dockerfile) {
    const pinned = new Map();
    for (const image of dockerfile.images) {
        const { tag, digest } = image.reference;
        if (tag === undefined || digest === undefined)
            continue;
        const key = (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatReference */ .FH)(image.reference);
        if (!pinned.has(key))
            pinned.set(key, image);
    }
    return [...pinned.values()];
}
/** A pin against where its tag points now: a log line, and the stale entry. */
function judge(image, { current, within }, file) {
    const ref = (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatReference */ .FH)({ ...image.reference, digest: undefined });
    const pinned = image.reference.digest;
    if (current === pinned || within) {
        const of = within ? ` (one platform's image of ${current})` : '';
        return {
            line: {
                level: 'info',
                message: `${file}:${image.line}: ${ref} is still ${pinned}${of}`
            }
        };
    }
    return {
        stale: { ref, pinned, current, line: image.line, stage: image.stage },
        line: {
            level: 'warning',
            title: 'Stale digest pin',
            message: `${ref} now points to ${current}; line ${image.line} pins ${pinned}. Update the digest on that line (or the tag, if the pin is meant).`,
            file,
            line: image.line
        }
    };
}
/**
 * Where the pin's tag points now (one HEAD), and whether the pin is still
 * what it names: the same digest, or one platform's image in the index the
 * tag names (a digest copied from a registry's per-platform list). Telling
 * takes a HEAD of the pin and, only for a pinned image under a tag naming
 * an index, one GET of that index. Beside the inspection, on connections
 * of their own: the image's requests keep the open one.
 */
async function pinState(pin, registries) {
    const pinned = pin.digest;
    const { client } = await registries.connect(pin);
    const lane = { background: true };
    const now = await client.resolveDigest(pin.path, pin.tag, lane);
    const current = now.digest;
    if (current === pinned || !maybeKind(now.headers, 'index')) {
        return { current, within: false };
    }
    const image = await client
        .resolveDigest(pin.path, pinned, lane)
        .catch((error) => {
        // A pin the registry no longer has is stale all the same.
        if (error instanceof _registry_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .RegistryError */ .gl && error.kind === 'not-found')
            return;
        throw error;
    });
    if (!image || !maybeKind(image.headers, 'image')) {
        return { current, within: false };
    }
    const index = (0,_image_manifest_js__WEBPACK_IMPORTED_MODULE_0__/* .parseManifest */ .Ng)(await client.getManifest(pin.path, current, { confirmed: true, ...lane }));
    const within = index.entries.some((entry) => entry.digest === pinned);
    return { current, within };
}
/** A manifest of this kind by its Content-Type, or one that gave none. */
function maybeKind(headers, kind) {
    const type = (0,_registry_client_js__WEBPACK_IMPORTED_MODULE_1__/* .mediaTypeOf */ .c0)(headers['content-type']);
    return type === '' || (0,_registry_media_types_js__WEBPACK_IMPORTED_MODULE_3__/* .manifestKind */ .QS)(type) === kind;
}
/** `from`, `from-images` and `stale-pins`. */
function dockerfileOutputs(dockerfile, stale) {
    return [
        [
            'from',
            dockerfile.final ? (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatReference */ .FH)(dockerfile.final.reference) : ''
        ],
        [
            'from-images',
            JSON.stringify(dockerfile.images.map((image) => ({
                stage: image.stage,
                ref: (0,_registry_reference_js__WEBPACK_IMPORTED_MODULE_4__/* .formatReference */ .FH)(image.reference),
                line: image.line,
                platform: image.platform ? (0,_image_platform_js__WEBPACK_IMPORTED_MODULE_7__/* .formatPlatform */ .Bq)(image.platform) : null
            })))
        ],
        ['stale-pins', JSON.stringify(stale)]
    ];
}


/***/ })

};
