// GENERATED FILE: do not edit. Run `npm run generate -w @zheli/contract` after changing openapi.yaml.

/**
 * Every path of the platform's Open API, keyed by its template as in `openapi.yaml`
 * (`/v1/appointments/{id}`), each with its HTTP methods: `get`, `post`, `put` point at the
 * operation in {@link operations}, a method the path does not have is `never`. Paths are
 * relative to the API's origin (the sandbox serves them at `http://127.0.0.1:4010`).
 */
export type paths = {
    "/v1/regions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the regions directly below a parent
         * @description Without `parent`, returns the province (330000). With `parent`, returns that region's
         *     direct children, ordered by code.
         */
        get: operations["listRegions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/regions/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a region with its ancestors and children
         * @description The region, its ancestors from the province down, and its direct children: everything a cascading region picker needs in one request.
         */
        get: operations["getRegion"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/categories": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the service categories
         * @description The catalog's categories, with the number of services in each for a region.
         */
        get: operations["listCategories"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/services": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search the service catalog
         * @description Full-text search over names, keywords and departments, with filters. With `region`, only
         *     services offered there are returned: the region's own, its city's and the province's.
         */
        get: operations["searchServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/services/batch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get several services by id
         * @description Up to 100 ids in one request, for pages that show many service cards. Ids that do not
         *     exist are listed in `missing`; the order of `items` follows `ids`.
         */
        get: operations["batchGetServices"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/services/{serviceId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a service with its materials, sites and handling rules
         * @description Everything needed to apply: the materials (and which of them the platform already holds), the handling rules, the sites, the bundles it belongs to.
         */
        get: operations["getService"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List one-matter bundles
         * @description One-matter bundles (一件事) join several services into one application.
         */
        get: operations["listBundles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/{bundleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a one-matter bundle with its services
         * @description The bundle with the services it joins, in the order they are handled.
         */
        get: operations["getBundle"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the sites where services are handled
         * @description Service halls, vehicle inspection stations, police stations and marriage registries, filtered by service, region and kind.
         */
        get: operations["listSites"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites/{siteId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a site by id
         * @description A site's address, location, opening hours and the services handled there.
         */
        get: operations["getSite"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites/{siteId}/slots": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a site's bookable slots for a service
         * @description Days from `from` to `to` (at most 31 days, default the next 14) with their slots and the
         *     places remaining. Days without capacity carry `available: false` and the reason.
         */
        get: operations["listSlots"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sites/{siteId}/code": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a site's signed venue code (场所码)
         * @description The venue code posted at a site's entrance; scanning it records a visit.
         */
        get: operations["getVenueCode"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the signed-in person's appointments
         * @description Only the signed-in person's own appointments, newest slot first.
         */
        get: operations["listMyAppointments"];
        put?: never;
        /**
         * Book a slot
         * @description Takes one place of the slot, or fails with `409 slot_full` when none is left. Requires an
         *     `Idempotency-Key`: a retry with the same key and body replays the first response; the same
         *     key with another body is `422 idempotency_conflict`; a retry while the first request is
         *     still running is `409 idempotency_in_progress`. A person holds at most one active
         *     appointment per service and day.
         */
        post: operations["bookAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{appointmentId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of the signed-in person's appointments
         * @description One of the signed-in person's own appointments, with a fresh ticket while it is booked. Someone else's appointment id answers `404 not_found`.
         */
        get: operations["getAppointment"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{appointmentId}/cancel": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Cancel an appointment
         * @description Frees the place. Cancelling an already cancelled appointment returns it unchanged, so the
         *     call is safe to retry; a completed or past appointment is `409 appointment_not_cancellable`.
         */
        post: operations["cancelAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/appointments/{appointmentId}/reschedule": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Move an appointment to another slot
         * @description Takes a place in the new slot and frees the old one in one transaction; the ticket is
         *     issued anew. Requires an `Idempotency-Key` with the same rules as booking.
         */
        post: operations["rescheduleAppointment"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/codes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Issue a signed code for the signed-in person
         * @description `personal`: the person's service code (个人服务码), valid for a few minutes; call again
         *     after `refreshAfter` to refresh it. `appointment`: the ticket of one of the person's
         *     appointments, valid until the slot ends.
         */
        post: operations["issueCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/codes/verify": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Verify a signed code online
         * @description Checks the signature against the platform's code keys, the issuer, the expiry and, for
         *     tickets, that the appointment is still booked. An invalid code is a `200` with
         *     `valid: false` and the reason, not an error. For offline verification, fetch the keys from
         *     `GET /v1/codes/jwks` and verify the compact JWS (ES256) locally.
         */
        post: operations["verifyCode"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/codes/jwks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the public keys that sign codes (JWKS)
         * @description The platform's code-signing public keys as a JSON Web Key Set. Cache them (see
         *     `Cache-Control`); a code whose `kid` is unknown means the keys rotated: fetch them again
         *     once. Retired keys stay listed until every code they signed has expired.
         */
        get: operations["getCodeKeys"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evaluations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the signed-in person's evaluations
         * @description The evaluations the signed-in person has submitted, newest first.
         */
        get: operations["listMyEvaluations"];
        put?: never;
        /**
         * Rate a handled matter (好差评)
         * @description One evaluation per matter: a second one is `409 already_evaluated`. Tags must belong to
         *     the chosen level (see `GET /v1/evaluations/tags`). Requires an `Idempotency-Key`.
         */
        post: operations["submitEvaluation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/evaluations/tags": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the reason tags for each evaluation level
         * @description The five evaluation levels, best first, each with the reason tags a citizen may pick for it.
         */
        get: operations["listEvaluationTags"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the signed-in person's profile
         * @description Fields are masked, and present only with their scope: `phone` needs `phone`, `identity`
         *     needs `identity`. Values the platform already holds are pre-filled into applications
         *     instead of being asked for again.
         */
        get: operations["getProfile"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/matters": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the signed-in person's handled matters (办件)
         * @description Matters handled for the signed-in person, newest first, each with its evaluation if rated, so an evaluation widget can show the already-rated state.
         */
        get: operations["listMyMatters"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/matters/{caseNumber}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of the signed-in person's handled matters
         * @description One of the signed-in person's handled matters by case number; someone else's answers `404 not_found`.
         */
        get: operations["getMyMatter"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/recommendations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List policies and services the signed-in person is eligible for
         * @description Proactive service (主动服务): what the platform knows of the person (age, region,
         *     children, vehicles, employment) matched against policies and services, best match first.
         */
        get: operations["listRecommendations"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/recommendations/{recommendationId}/dismiss": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dismiss one of the person's recommendations, saying why
         * @description Hides the recommendation from `listRecommendations` for good, with the reason chosen from
         *     a short list. Dismissing it again replaces the reason (the call is safe to retry);
         *     `restoreRecommendation` undoes it. An id that is not among the person's current
         *     recommendations answers `404 not_found`.
         */
        post: operations["dismissRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/recommendations/{recommendationId}/snooze": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Snooze one of the person's recommendations for 7 or 30 days
         * @description Hides the recommendation from `listRecommendations` until the given number of days has
         *     passed on the platform's clock; then it is listed again if it still applies. Snoozing
         *     again starts the days over (safe to retry); `restoreRecommendation` undoes it. An id that
         *     is not among the person's current recommendations answers `404 not_found`.
         */
        post: operations["snoozeRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/recommendations/{recommendationId}/restore": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Undo the dismissal or snooze of a recommendation
         * @description Lists the recommendation again: the undo of `dismissRecommendation` and
         *     `snoozeRecommendation`. Answers the recommendation as listed; `404 not_found` when it was
         *     neither dismissed nor snoozed, or no longer applies.
         */
        post: operations["restoreRecommendation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/data-consents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the data categories recommendations read, and the person's consent to each
         * @description For each category of personal data the recommendation rules read (PIPL 个人信息保护法:
         *     purpose and scope), what it is used for, which data it covers, the rules that read it, and
         *     whether the person allows it. Every category starts allowed; a revoked one is not read by
         *     any rule until it is granted again, and `listRecommendations` names it in `withheld`.
         */
        get: operations["listDataConsents"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/data-consents/{category}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Grant or revoke the person's consent to one data category
         * @description `granted: false` revokes: from then on no rule reads the category, and the recommendations
         *     that need it disappear from `listRecommendations`. `granted: true` grants it again. Setting
         *     the state it already has changes nothing (safe to retry). An unknown category is `400`.
         */
        post: operations["setDataConsent"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/{bundleId}/guide": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get what applying for a one-matter bundle takes
         * @description Everything a one-matter application needs, computed from the bundle's services: the steps
         *     across departments in the order they are handled, the materials merged across the steps
         *     (a material several services need is asked for once, with the steps that need it), and
         *     the application form as a JSON-Schema-like object whose fields are the union of the
         *     steps' fields. With `region`, each step is the service offered there.
         */
        get: operations["getBundleGuide"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/documents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the documents the platform holds for the signed-in person
         * @description The person's licences and certificates on file (电子证照), masked, each with the material
         *     key it stands for, so an application does not ask for them again.
         */
        get: operations["listMyDocuments"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/bundle-drafts/{bundleId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the signed-in person's saved draft of a bundle's application
         * @description The draft saved last, from any device or session; `404 not_found` when there is none (or it was submitted).
         */
        get: operations["getBundleDraft"];
        /**
         * Save the signed-in person's draft of a bundle's application
         * @description Replaces the draft (save and resume: the values are kept on the platform, so the
         *     application resumes on another device or session). Values are checked for their types
         *     only; required fields are checked on submission. Submitting deletes the draft.
         */
        put: operations["saveBundleDraft"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/bundle-applications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the signed-in person's one-matter applications
         * @description The person's own applications, newest first, each with every department's progress as of now.
         */
        get: operations["listMyBundleApplications"];
        put?: never;
        /**
         * Submit a one-matter application
         * @description One submission for every step of the bundle: each department accepts its step (受理) at
         *     once, with a case number of its own, and handles it (办理中) until it is done (办结).
         *     The values are checked against the bundle's form (`validation_failed` names
         *     `body.values.<field>`), and every required material must be on file, held by the
         *     platform, or listed in `materials` (`body.materials`). Requires an `Idempotency-Key`: a
         *     retry (or a second click) with the same key replays the first application. Deletes the
         *     draft.
         */
        post: operations["submitBundleApplication"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/bundle-applications/{applicationId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get one of the signed-in person's one-matter applications
         * @description The application with each department's progress as of now; someone else's answers `404 not_found`.
         */
        get: operations["getBundleApplication"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/bundle-applications/{applicationId}/steps/{serviceId}/resubmit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Correct and resubmit a rejected step of an application
         * @description The correction path (补正): a department that rejected its step for missing materials
         *     takes it again with the materials listed here (all those it named are required), and
         *     accepts it anew (受理). A step that is not rejected answers `409 step_not_rejected`.
         *     Requires an `Idempotency-Key`.
         */
        post: operations["resubmitBundleStep"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/villages/{villageId}/points/rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get a village's point rules and its points shop (信治积分规则)
         * @description What earns and costs points in a village (美丽庭院, 垃圾分类, 志愿服务 …, each with its
         *     points per unit), and the rewards of the village's points shop (积分超市) with their
         *     prices. Public: the rules are posted in the village, and a shop's scanner caches the
         *     rewards to read redemption codes offline.
         */
        get: operations["listPointRules"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/points": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the signed-in person's points and their household's
         * @description The person's balance in their village's points ledger, and their household's (户): the
         *     household's balance is the sum of its members'. Every balance is the sum of the ledger's
         *     entries. A person outside every village's ledger answers `404 not_found`.
         */
        get: operations["getMyPoints"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/points/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List the ledger entries of the signed-in person or their household
         * @description The append-only ledger, newest first: every award, deduction and redemption with who
         *     recorded it and why (the rule and a note). `of=household` lists every member's entries.
         */
        get: operations["listMyPointEntries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/me/points/redemptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Redeem points for a reward of the village's points shop
         * @description Spends the person's points on a reward (积分兑换) and answers a signed redemption code
         *     (`kind: redemption`, valid 30 days) that the shop's scanner verifies offline with the
         *     code keys, like a ticket: its claims carry the reward, the quantity and the points.
         *     The spending is a ledger entry, written with the balance in one transaction: concurrent
         *     redemptions never overdraw, and one that the balance does not cover is
         *     `409 insufficient_points`. Requires an `Idempotency-Key`: a retry gets the same code.
         */
        post: operations["redeemPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/villages/{villageId}/points/households": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * List a village's households and their balances (village officers)
         * @description For the village's officers (村务工作者), with the `points:record` scope: every household
         *     of the ledger with its members and balances, so points can be recorded to one of them.
         *     A village the signed-in officer does not keep answers `404 not_found`.
         */
        get: operations["listPointHouseholds"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/villages/{villageId}/points/entries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record points for a villager by a rule (village officers)
         * @description Appends one entry to the ledger: the rule's points times the quantity (hours of volunteer
         *     service, months, times), for one member of a household, with the officer who recorded
         *     it and an optional note. Entries are never changed or deleted: a mistake is corrected by
         *     another entry. A deduction larger than the member's balance is `409 insufficient_points`
         *     (a balance is never negative). Needs the `points:record` scope, which citizen apps are
         *     not granted, and an officer of this village; requires an `Idempotency-Key`.
         */
        post: operations["recordPoints"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/.well-known/openid-configuration": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Get the OpenID Connect discovery document
         * @description Served at the issuer (the sandbox serves its issuer at the API's origin). Relying parties
         *     must check that `issuer` equals the authority they were configured with.
         */
        get: operations["getOpenIdConfiguration"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
};
export type webhooks = Record<string, never>;
/**
 * The reusable parts of the Open API: `schemas` (the bodies, by name: also exported as
 * `Schemas`), `responses` (shared problem responses), `parameters` (shared path, query and
 * header parameters) and `headers` (shared response headers), each as in `openapi.yaml`.
 */
export type components = {
    schemas: {
        /**
         * @description A stable, machine-readable code for each kind of failure.
         * @example slot_full
         * @enum {string}
         */
        ErrorCode: "validation_failed" | "idempotency_key_required" | "unauthenticated" | "insufficient_scope" | "not_found" | "slot_full" | "slot_unavailable" | "appointment_exists" | "appointment_not_cancellable" | "already_evaluated" | "step_not_rejected" | "insufficient_points" | "idempotency_conflict" | "idempotency_in_progress" | "payload_too_large" | "rate_limited" | "service_unavailable" | "internal_error";
        /** @description One invalid field of a request. */
        FieldError: {
            /**
             * @description Where: `body.slotId`, `query.limit`, `header.Idempotency-Key`, `path.siteId`.
             * @example query.limit
             */
            field: string;
            /**
             * @description What: `required`, `type`, `format`, `enum`, `minimum`, `maximum`, `minLength`, `maxLength`, `pattern`, `unknown`, `invalid`.
             * @example maximum
             */
            code: string;
            /**
             * @description A human-readable explanation in English.
             * @example must be <= 100
             */
            message: string;
        };
        /** @description An RFC 9457 problem details object; `status` always equals the HTTP status. */
        Problem: {
            /**
             * Format: uri
             * @description A URI that identifies the kind of problem.
             * @example https://open.zjzwfw.gov.cn/problems/slot_full
             */
            type: string;
            /**
             * @description A short summary of the kind of problem.
             * @example Slot full
             */
            title: string;
            /**
             * @description The HTTP status code.
             * @example 409
             */
            status: number;
            /**
             * @description What went wrong this time.
             * @example No place is left in this slot.
             */
            detail?: string;
            /**
             * @description The request path.
             * @example /v1/appointments
             */
            instance?: string;
            code: components["schemas"]["ErrorCode"];
            /**
             * @description The request's trace id, also in the platform's logs; quote it to support.
             * @example 4bf92f3577b34da6a3ce929d0e0e4736
             */
            traceId: string;
            /** @description The invalid fields, for `validation_failed`. */
            errors?: components["schemas"]["FieldError"][];
            /**
             * @description Seconds to wait before retrying, for `rate_limited` and `service_unavailable`.
             * @example 12
             */
            retryAfter?: number;
        };
        /**
         * @description A GB/T 2260 administrative division code.
         * @example 330523
         */
        RegionCode: string;
        /**
         * @description Province, prefecture-level city, or county-level unit (district, county, county-level city).
         * @example county
         * @enum {string}
         */
        RegionLevel: "province" | "city" | "county";
        /** @description An administrative region. */
        Region: {
            code: components["schemas"]["RegionCode"];
            /**
             * @description Name in Simplified Chinese.
             * @example 安吉县
             */
            name: string;
            /**
             * @description Name in Traditional Chinese.
             * @example 安吉縣
             */
            nameTw: string;
            /**
             * @description Name in English.
             * @example Anji County
             */
            nameEn: string;
            level: components["schemas"]["RegionLevel"];
            /** @description The parent's code; `null` for the province. */
            parentCode: components["schemas"]["RegionCode"] | null;
            /** @description Whether regions lie below this one. */
            hasChildren: boolean;
        };
        /** @description A list of regions. */
        RegionList: {
            items: components["schemas"]["Region"][];
        };
        /** @description A region with its ancestors (province first) and its direct children. */
        RegionDetail: components["schemas"]["Region"] & {
            /** @description The ancestors, from the province down to the parent. */
            path: components["schemas"]["Region"][];
            /** @description The direct children. */
            children: components["schemas"]["Region"][];
        };
        /**
         * @description A service category.
         * @example transport
         * @enum {string}
         */
        CategoryId: "childcare" | "education" | "employment" | "social_insurance" | "medical" | "elderly_care" | "housing" | "social_assistance" | "transport" | "public_security" | "civil_affairs" | "real_estate" | "enterprise" | "tax" | "utilities" | "agriculture";
        /** @description A service category with the number of services in it. */
        Category: {
            id: components["schemas"]["CategoryId"];
            /**
             * @description Name in Simplified Chinese.
             * @example 交通出行
             */
            name: string;
            /**
             * @description Name in Traditional Chinese.
             * @example 交通出行
             */
            nameTw: string;
            /**
             * @description Name in English.
             * @example Transport
             */
            nameEn: string;
            /**
             * @description Services in this category (for the region asked).
             * @example 38
             */
            serviceCount: number;
        };
        /** @description The categories. */
        CategoryList: {
            items: components["schemas"]["Category"][];
        };
        /**
         * @description Who the service is for.
         * @example person
         * @enum {string}
         */
        Audience: "person" | "enterprise";
        /**
         * @description How far the service is online: `fully_online` (全程网办, no visit), `visit_once`
         *     (最多跑一次), `visit_required` (must be handled at a site).
         * @example visit_once
         * @enum {string}
         */
        OnlineLevel: "fully_online" | "visit_once" | "visit_required";
        /**
         * @description Order of search results.
         * @example popularity
         * @enum {string}
         */
        ServiceSort: "relevance" | "popularity" | "rating" | "name";
        /**
         * @description A service's id.
         * @example svc-330523-vehicle-inspection-booking
         */
        ServiceId: string;
        /** @description An amount in CNY. */
        Money: {
            /**
             * @description In fen (0.01 CNY).
             * @example 0
             */
            amount: number;
            /**
             * @description Always CNY.
             * @constant
             */
            currency: "CNY";
            /**
             * @description How the fee is set or waived.
             * @example 不收费
             */
            note?: string | null;
        };
        /** @description The service's evaluation score from citizens (好差评). */
        Rating: {
            /**
             * @description Average of 1 (very dissatisfied) to 5 (very satisfied); `null` without evaluations.
             * @example 4.9
             */
            score: number | null;
            /**
             * @description Number of evaluations.
             * @example 12873
             */
            count: number;
        };
        /** @description The department that handles a service. */
        Department: {
            /**
             * @description The department's id.
             * @example dept-330523-public_security
             */
            id: string;
            /**
             * @description Name in Chinese.
             * @example 安吉县公安局
             */
            name: string;
            /**
             * @description Name in English.
             * @example Anji County Public Security Bureau
             */
            nameEn: string;
        };
        /** @description What a service card shows. */
        ServiceSummary: {
            id: components["schemas"]["ServiceId"];
            /**
             * @description The service's code in the provincial catalog of matters.
             * @example 330523-JT-0012
             */
            code: string;
            /**
             * @description Name in Chinese.
             * @example 机动车检验预约
             */
            name: string;
            /**
             * @description Name in English.
             * @example Vehicle inspection booking
             */
            nameEn: string;
            /**
             * @description One sentence in Chinese.
             * @example 预约机动车安全技术检验，到站即检，30分钟办结。
             */
            summary: string;
            department: components["schemas"]["Department"];
            level: components["schemas"]["RegionLevel"];
            /** @description The region that offers the service. */
            region: {
                code: components["schemas"]["RegionCode"];
                /**
                 * @description The region's name.
                 * @example 安吉县
                 */
                name: string;
            };
            audience: components["schemas"]["Audience"];
            category: components["schemas"]["CategoryId"];
            onlineLevel: components["schemas"]["OnlineLevel"];
            /**
             * @description Most visits needed (跑零次 = 0, 最多跑一次 = 1).
             * @example 1
             */
            maxVisits: number;
            /**
             * @description Promised handling time in working days; 0 = on the spot (即办).
             * @example 0
             */
            promisedDays: number;
            fee: components["schemas"]["Money"];
            /** @description Whether appointments can be booked. */
            bookable: boolean;
            rating: components["schemas"]["Rating"];
        };
        /** @description A document the applicant provides. */
        Material: {
            /**
             * @description Name in Chinese.
             * @example 机动车行驶证
             */
            name: string;
            /**
             * @description Name in English.
             * @example Vehicle registration certificate
             */
            nameEn: string;
            /** @description Whether it must be provided. */
            required: boolean;
            /**
             * @description In what form.
             * @example original
             * @enum {string}
             */
            form: "original" | "copy" | "electronic";
            /** @description The platform already holds it (public data sharing): the applicant need not bring it. */
            prefilled: boolean;
        };
        /** @description A site in short. */
        SiteRef: {
            id: components["schemas"]["SiteId"];
            /**
             * @description Name in Chinese.
             * @example 安吉县机动车检测站（递铺）
             */
            name: string;
            regionCode: components["schemas"]["RegionCode"];
            /**
             * @description Address in Chinese.
             * @example 安吉县递铺街道天目路88号
             */
            address: string;
        };
        /** @description A service with everything needed to apply. */
        ServiceDetail: components["schemas"]["ServiceSummary"] & {
            /**
             * @description Legal time limit in working days.
             * @example 1
             */
            legalDays: number;
            /**
             * @description Search keywords.
             * @example [
             *       "年检",
             *       "车检"
             *     ]
             */
            keywords: string[];
            /** @description What the applicant provides. */
            materials: components["schemas"]["Material"][];
            /** @description Handling rules and conditions, in Chinese. */
            conditions: string[];
            /** @description Where the service is handled. */
            sites: components["schemas"]["SiteRef"][];
            /** @description The one-matter bundles this service is part of. */
            bundleIds: components["schemas"]["BundleId"][];
            /**
             * Format: uri
             * @description Where to apply online on the platform.
             * @example https://www.zjzwfw.gov.cn/apply/svc-330523-vehicle-inspection-booking
             */
            applyUrl: string;
        };
        /** @description A page of services. */
        ServicePage: {
            items: components["schemas"]["ServiceSummary"][];
            nextCursor: components["schemas"]["NextCursor"];
            /**
             * @description Services matching the query in all pages.
             * @example 652
             */
            total?: number;
        };
        /** @description Services by id, and the ids not found. */
        ServiceBatch: {
            items: components["schemas"]["ServiceSummary"][];
            missing: components["schemas"]["ServiceId"][];
        };
        /** @description The cursor of the next page; `null` on the last page. */
        NextCursor: string | null;
        /**
         * @description A one-matter bundle's id.
         * @example bnd-school-enrollment
         */
        BundleId: string;
        /** @description A one-matter bundle (一件事): several services done as one application. */
        Bundle: {
            id: components["schemas"]["BundleId"];
            /**
             * @description Name in Chinese.
             * @example 入学一件事
             */
            name: string;
            /**
             * @description Name in English.
             * @example School enrollment as one matter
             */
            nameEn: string;
            /**
             * @description One sentence in Chinese.
             * @example 户籍、房产、学籍一次核验，网上报名。
             */
            summary: string;
            audience: components["schemas"]["Audience"];
            category: components["schemas"]["CategoryId"];
            /** @description The services the bundle joins. */
            services: components["schemas"]["ServiceSummary"][];
            /**
             * @description Visits saved against applying for each service alone.
             * @example 3
             */
            savedVisits: number;
            /**
             * @description Promised handling time for the whole bundle.
             * @example 5
             */
            promisedDays: number;
        };
        /** @description A page of bundles. */
        BundlePage: {
            items: components["schemas"]["Bundle"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        /**
         * @description A site's id.
         * @example site-anji-inspection-1
         */
        SiteId: string;
        /**
         * @description What kind of site.
         * @example inspection_station
         * @enum {string}
         */
        SiteKind: "inspection_station" | "service_hall" | "police_station" | "marriage_registry" | "venue";
        /** @description Opening hours on some days of the week. */
        OpeningHours: {
            /**
             * @description ISO weekdays, 1 = Monday … 7 = Sunday.
             * @example [
             *       1,
             *       2,
             *       3,
             *       4,
             *       5
             *     ]
             */
            days: number[];
            /**
             * @description Opening time (Asia/Shanghai).
             * @example 08:30
             */
            open: string;
            /**
             * @description Closing time (Asia/Shanghai).
             * @example 17:00
             */
            close: string;
        };
        /** @description A place where services are handled. */
        Site: {
            id: components["schemas"]["SiteId"];
            /**
             * @description Name in Chinese.
             * @example 安吉县机动车检测站（递铺）
             */
            name: string;
            /**
             * @description Name in English.
             * @example Anji Vehicle Inspection Station (Dipu)
             */
            nameEn: string;
            kind: components["schemas"]["SiteKind"];
            regionCode: components["schemas"]["RegionCode"];
            /**
             * @description Address in Chinese.
             * @example 安吉县递铺街道天目路88号
             */
            address: string;
            /**
             * @description Address in English.
             * @example 88 Tianmu Road
             * @example Dipu Subdistrict
             * @example Anji County
             */
            addressEn: string;
            /**
             * @description Phone number.
             * @example 0572-5123456
             */
            phone: string;
            /** @description WGS-84 coordinates. */
            location: {
                /** @example 30.6382 */
                lat: number;
                /** @example 119.6812 */
                lng: number;
            };
            /** @description Opening hours; days not listed are closed. */
            openingHours: components["schemas"]["OpeningHours"][];
            /** @description The services handled here. */
            serviceIds: components["schemas"]["ServiceId"][];
        };
        /** @description A page of sites. */
        SitePage: {
            items: components["schemas"]["Site"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        /**
         * @description A slot's id.
         * @example slot-anji-inspection-1-202611240830
         */
        SlotId: string;
        /** @description A bookable time slot. */
        Slot: {
            id: components["schemas"]["SlotId"];
            /**
             * Format: date-time
             * @description Start (Asia/Shanghai offset).
             * @example 2026-11-24T08:30:00+08:00
             */
            start: string;
            /**
             * Format: date-time
             * @description End.
             * @example 2026-11-24T09:00:00+08:00
             */
            end: string;
            /**
             * @description Places in all.
             * @example 4
             */
            capacity: number;
            /**
             * @description Places left.
             * @example 1
             */
            remaining: number;
        };
        /**
         * @description Why a day cannot be booked: `closed` (not open that day), `full` (every slot taken), `past`, `holiday`.
         * @example full
         * @enum {string}
         */
        DayUnavailableReason: "closed" | "full" | "past" | "holiday";
        /** @description One day of a site's calendar. */
        SlotDay: {
            /**
             * Format: date
             * @description The day in Asia/Shanghai.
             * @example 2026-11-24
             */
            date: string;
            /** @description Whether any slot of the day has a place left. */
            available: boolean;
            /** @description Why the day cannot be booked; `null` when it can. */
            reason: components["schemas"]["DayUnavailableReason"] | null;
            /** @description The day's slots in time order. */
            slots: components["schemas"]["Slot"][];
        };
        /** @description A site's bookable days for a service. */
        SlotCalendar: {
            siteId: components["schemas"]["SiteId"];
            serviceId: components["schemas"]["ServiceId"];
            /**
             * @description The time zone of dates and times.
             * @constant
             */
            timeZone: "Asia/Shanghai";
            days: components["schemas"]["SlotDay"][];
        };
        /**
         * @description An idempotency key.
         * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
         */
        IdempotencyKeyValue: string;
        /**
         * @description An appointment's id.
         * @example apt-7Hq2KfX9
         */
        AppointmentId: string;
        /**
         * @description `booked`, `cancelled`, `completed` (handled), `no_show`.
         * @example booked
         * @enum {string}
         */
        AppointmentStatus: "booked" | "cancelled" | "completed" | "no_show";
        /** @description What to book. */
        BookingRequest: {
            serviceId: components["schemas"]["ServiceId"];
            siteId: components["schemas"]["SiteId"];
            slotId: components["schemas"]["SlotId"];
            /**
             * @description A note for the site, such as a plate number.
             * @example 浙E·A1234 小型轿车
             */
            note?: string;
        };
        /** @description Why the appointment is cancelled. */
        CancelRequest: {
            /**
             * @description The reason, optional.
             * @example 时间有变，改天再约
             */
            reason?: string;
        };
        /** @description The new slot. */
        RescheduleRequest: {
            slotId: components["schemas"]["SlotId"];
        };
        /** @description A booking of a slot, with its signed ticket. */
        Appointment: {
            id: components["schemas"]["AppointmentId"];
            /**
             * @description The reference shown at the site's counter.
             * @example YY20261124-0031
             */
            reference: string;
            status: components["schemas"]["AppointmentStatus"];
            /** @description The service booked. */
            service: {
                id: components["schemas"]["ServiceId"];
                /** @example 机动车检验预约 */
                name: string;
                /** @example Vehicle inspection booking */
                nameEn: string;
            };
            site: components["schemas"]["SiteRef"];
            /** @description The slot booked. */
            slot: {
                id: components["schemas"]["SlotId"];
                /**
                 * Format: date-time
                 * @example 2026-11-24T08:30:00+08:00
                 */
                start: string;
                /**
                 * Format: date-time
                 * @example 2026-11-24T09:00:00+08:00
                 */
                end: string;
            };
            /**
             * @description The note given when booking.
             * @example 浙E·A1234 小型轿车
             */
            note: string | null;
            /** @description The signed ticket to show at the site; `null` once cancelled. */
            ticket: components["schemas"]["SignedCode"] | null;
            /**
             * Format: date-time
             * @description When it was booked.
             * @example 2026-11-23T10:12:03+08:00
             */
            createdAt: string;
            /**
             * Format: date-time
             * @description When it last changed.
             * @example 2026-11-23T10:12:03+08:00
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @description When it was cancelled.
             * @example null
             */
            cancelledAt: string | null;
        };
        /** @description A page of appointments. */
        AppointmentPage: {
            items: components["schemas"]["Appointment"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        /**
         * @description `appointment` (a booking ticket), `venue` (a site's entrance code), `personal` (a person's service code, short-lived), `redemption` (a points-shop redemption).
         * @example appointment
         * @enum {string}
         */
        CodeKind: "appointment" | "venue" | "personal" | "redemption";
        /**
         * @description The colour a scanner shows: `green` (valid), `yellow` (attention), `red` (refused).
         * @example green
         * @enum {string}
         */
        CodeStatus: "green" | "yellow" | "red";
        /** @description Which code to issue. */
        IssueCodeRequest: {
            /**
             * @description The kind of code.
             * @example personal
             * @enum {string}
             */
            kind: "personal" | "appointment";
            appointmentId?: components["schemas"]["AppointmentId"];
        };
        /**
         * @description A signed QR payload: `token` is a compact JWS (ES256, `typ` `zheli-code+jwt`) whose claims
         *     are `iss`, `sub`, `kind`, `ref`, `status`, `iat`, `exp` and `jti`. The QR code encodes
         *     `token` as it is.
         */
        SignedCode: {
            kind: components["schemas"]["CodeKind"];
            /** @description The compact JWS. */
            token: string;
            status: components["schemas"]["CodeStatus"];
            /**
             * Format: date-time
             * @description When it was signed.
             * @example 2026-11-23T10:12:03+08:00
             */
            issuedAt: string;
            /**
             * Format: date-time
             * @description When it stops being valid.
             * @example 2026-11-24T09:00:00+08:00
             */
            expiresAt: string;
            /**
             * Format: date-time
             * @description When to fetch a fresh code (personal codes); `null` for codes that are not refreshed.
             * @example null
             */
            refreshAfter: string | null;
        };
        /** @description The code to verify. */
        VerifyCodeRequest: {
            /** @description The compact JWS read from the QR code. */
            token: string;
        };
        /** @description The claims of a signed code. */
        CodeClaims: {
            /**
             * @description The platform's issuer URL.
             * @example http://127.0.0.1:4010
             */
            iss: string;
            /**
             * @description The person's pairwise subject, or the site's id for venue codes.
             * @example p-anji-driver
             */
            sub: string;
            kind: components["schemas"]["CodeKind"];
            /**
             * @description The appointment id for tickets, the site id for venue codes, the redemption id for redemption codes.
             * @example apt-7Hq2KfX9
             */
            ref: string | null;
            status: components["schemas"]["CodeStatus"];
            /**
             * @description Issued at (seconds since the epoch).
             * @example 1795480200
             */
            iat: number;
            /**
             * @description Expires at (seconds since the epoch).
             * @example 1795523400
             */
            exp: number;
            /**
             * @description The code's unique id.
             * @example cd-5b1f0e2a
             */
            jti: string;
            /**
             * @description Redemption codes only: the points-shop reward's id (see `listPointRules`).
             * @example rwd-rice-5kg
             */
            reward?: string;
            /**
             * @description Redemption codes only: how many.
             * @example 1
             */
            quantity?: number;
            /**
             * @description Redemption codes only: the points spent.
             * @example 50
             */
            points?: number;
        };
        /**
         * @description Why a code is not valid.
         * @example expired
         * @enum {string}
         */
        CodeInvalidReason: "malformed" | "bad_signature" | "unknown_key" | "wrong_issuer" | "expired" | "not_yet_valid" | "revoked";
        /** @description The result of verifying a code. */
        CodeVerification: {
            /** @description Whether the code is valid now. */
            valid: boolean;
            /** @description Why it is not valid; `null` when it is. */
            reason: components["schemas"]["CodeInvalidReason"] | null;
            /** @description The verified claims; `null` when not valid. */
            claims: components["schemas"]["CodeClaims"] | null;
        };
        /** @description A public JSON Web Key (RFC 7517); unknown members are allowed. */
        JsonWebKey: {
            /**
             * @description Key type.
             * @example EC
             */
            kty: string;
            /**
             * @description Key id.
             * @example code-2026-11
             */
            kid: string;
            /**
             * @description Intended use.
             * @example sig
             */
            use?: string;
            /**
             * @description Algorithm.
             * @example ES256
             */
            alg?: string;
            /**
             * @description Curve (EC keys).
             * @example P-256
             */
            crv?: string;
            /** @description X coordinate (EC keys). */
            x?: string;
            /** @description Y coordinate (EC keys). */
            y?: string;
        };
        /** @description A JSON Web Key Set. */
        JsonWebKeySet: {
            keys: components["schemas"]["JsonWebKey"][];
        };
        /**
         * @description A handled matter's case number (办件编号).
         * @example 330523-20261118-000123
         */
        CaseNumber: string;
        /**
         * @description Five levels, 非常满意 … 非常不满意.
         * @example very_satisfied
         * @enum {string}
         */
        EvaluationLevel: "very_satisfied" | "satisfied" | "basically_satisfied" | "dissatisfied" | "very_dissatisfied";
        /** @description A reason tag. */
        EvaluationTag: {
            /**
             * @description The tag's id.
             * @example fast
             */
            id: string;
            /**
             * @description Name in Simplified Chinese.
             * @example 办理快
             */
            name: string;
            /**
             * @description Name in Traditional Chinese.
             * @example 辦理快
             */
            nameTw: string;
            /**
             * @description Name in English.
             * @example Quick
             */
            nameEn: string;
        };
        /** @description The evaluation levels and their reason tags. */
        EvaluationTagList: {
            levels: {
                level: components["schemas"]["EvaluationLevel"];
                /** @example 非常满意 */
                name: string;
                /** @example 非常滿意 */
                nameTw: string;
                /** @example Very satisfied */
                nameEn: string;
                tags: components["schemas"]["EvaluationTag"][];
            }[];
        };
        /** @description A rating of a handled matter. */
        EvaluationRequest: {
            caseNumber: components["schemas"]["CaseNumber"];
            level: components["schemas"]["EvaluationLevel"];
            /**
             * @description Reason tags of the chosen level.
             * @example [
             *       "fast",
             *       "courteous"
             *     ]
             */
            tags?: string[];
            /**
             * @description A comment, at most 500 characters.
             * @example 检测站工作人员很耐心，半小时就办好了。
             */
            comment?: string;
        };
        /** @description An evaluation of a handled matter. */
        Evaluation: {
            /**
             * @description The evaluation's id.
             * @example evl-Q8m2Zr1c
             */
            id: string;
            caseNumber: components["schemas"]["CaseNumber"];
            serviceId: components["schemas"]["ServiceId"];
            level: components["schemas"]["EvaluationLevel"];
            /**
             * @description Reason tags.
             * @example [
             *       "fast",
             *       "courteous"
             *     ]
             */
            tags: string[];
            /**
             * @description The comment.
             * @example 检测站工作人员很耐心，半小时就办好了。
             */
            comment: string | null;
            /**
             * Format: date-time
             * @description When it was submitted.
             * @example 2026-11-19T09:02:11+08:00
             */
            createdAt: string;
        };
        /** @description A page of evaluations. */
        EvaluationPage: {
            items: components["schemas"]["Evaluation"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        /** @description A matter handled for the person (办件), with its evaluation if rated. */
        Matter: {
            caseNumber: components["schemas"]["CaseNumber"];
            /** @description The service. */
            service: {
                id: components["schemas"]["ServiceId"];
                /** @example 机动车检验预约 */
                name: string;
                /** @example Vehicle inspection booking */
                nameEn: string;
            };
            /**
             * @description Where the matter stands.
             * @example handled
             * @enum {string}
             */
            status: "in_progress" | "handled" | "rejected";
            /**
             * Format: date-time
             * @description When it was submitted.
             * @example 2026-11-18T09:00:00+08:00
             */
            submittedAt: string;
            /**
             * Format: date-time
             * @description When it was handled.
             * @example 2026-11-18T09:26:00+08:00
             */
            handledAt: string | null;
            /** @description The person's evaluation; `null` if not yet rated. */
            evaluation: components["schemas"]["Evaluation"] | null;
        };
        /** @description A page of matters. */
        MatterPage: {
            items: components["schemas"]["Matter"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        /** @description The signed-in person's profile, masked. */
        Profile: {
            /**
             * @description The person's subject identifier.
             * @example p-xihu-elder
             */
            sub: string;
            kind: components["schemas"]["Audience"];
            /**
             * @description The name, masked (王*英); an enterprise's name in full.
             * @example 王*英
             */
            displayName: string;
            /** @description Where the person is registered. */
            region: {
                code: components["schemas"]["RegionCode"];
                /** @example 西湖区 */
                name: string;
            };
            /**
             * @description The person's preferred language.
             * @example zh-CN
             * @enum {string}
             */
            locale: "zh-CN" | "zh-TW" | "en";
            /**
             * @description The phone number, masked; only with the `phone` scope.
             * @example 138****0001
             */
            phone?: string;
            /** @description The real-name identity, masked; only with the `identity` scope. */
            identity?: {
                /** @description Whether the real-name identity is verified. */
                verified: boolean;
                /**
                 * @description Verification level: 1 basic, 2 face match, 3 in person.
                 * @example 2
                 */
                level: number;
                /**
                 * @description The legal name, masked.
                 * @example 王*英
                 */
                name: string;
                /**
                 * @description The ID number, masked (first 3 and last 4).
                 * @example 330***********0027
                 */
                idNumber: string;
                /**
                 * @description Age in years; `null` for enterprises.
                 * @example 81
                 */
                age: number | null;
            };
            /** @description For enterprise accounts. */
            enterprise?: {
                /**
                 * @description The unified social credit code, masked.
                 * @example 913305************
                 */
                creditCode: string;
                /**
                 * @description The legal representative's name, masked.
                 * @example 李*
                 */
                legalRepresentative: string;
            } | null;
        };
        /**
         * @description `policy` (a benefit the person is eligible for), `service`, `bundle`, `reminder` (something due).
         * @example policy
         * @enum {string}
         */
        RecommendationKind: "policy" | "service" | "bundle" | "reminder";
        /** @description A policy, service or reminder the platform proposes to the person. */
        Recommendation: {
            /**
             * @description The recommendation's id.
             * @example rec-old-age-allowance
             */
            id: string;
            kind: components["schemas"]["RecommendationKind"];
            /**
             * @description Title in Chinese.
             * @example 您符合高龄津贴申领条件
             */
            title: string;
            /**
             * @description Title in English.
             * @example You are eligible for the old-age allowance
             */
            titleEn: string;
            /**
             * @description Why, in Chinese.
             * @example 年满80周岁的本省户籍老年人可按月领取高龄津贴。
             */
            reason: string;
            /** @description Why, in English. */
            reasonEn: string;
            /** @description The service to use; `null` for a bundle. */
            serviceId: components["schemas"]["ServiceId"] | null;
            /** @description The bundle to use. */
            bundleId: components["schemas"]["BundleId"] | null;
            /**
             * @description What the person does next.
             * @example apply
             * @enum {string}
             */
            action: "apply" | "book" | "view";
            /**
             * Format: date
             * @description A deadline, if any.
             * @example 2026-12-15
             */
            dueDate: string | null;
            /** @description The data categories the rule that made it reads (its consent can be revoked). */
            uses?: components["schemas"]["DataUse"][];
        };
        /** @description The recommendations, best match first. */
        RecommendationList: {
            items: components["schemas"]["Recommendation"][];
            /** @description The data categories the person revoked, each with how many rules no longer run for want of it. */
            withheld?: components["schemas"]["WithheldCategory"][];
        };
        /**
         * @description A category of personal data that recommendation rules read.
         * @example vehicles
         * @enum {string}
         */
        DataCategory: "age" | "household" | "vehicles" | "travel-documents" | "health" | "employment" | "housing" | "income" | "disability" | "military-service" | "enterprise" | "village";
        /** @description A data category by name. */
        DataUse: {
            category: components["schemas"]["DataCategory"];
            /**
             * @description The name in Chinese.
             * @example 车辆与驾驶证
             */
            name: string;
            /**
             * @description The name in English.
             * @example Vehicles and driving licence
             */
            nameEn: string;
        };
        /** @description A revoked data category and the number of rules that no longer run for want of it. */
        WithheldCategory: {
            category: components["schemas"]["DataCategory"];
            /**
             * @description The name in Chinese.
             * @example 车辆与驾驶证
             */
            name: string;
            /**
             * @description The name in English.
             * @example Vehicles and driving licence
             */
            nameEn: string;
            /**
             * @description How many rules no longer run.
             * @example 2
             */
            rules: number;
        };
        /**
         * @description Why a recommendation is dismissed: `not_relevant` (it does not apply), `already_done`, `wrong_information` (the data behind it is wrong), `other`.
         * @example already_done
         * @enum {string}
         */
        DismissReason: "not_relevant" | "already_done" | "wrong_information" | "other";
        /** @description Why the recommendation is dismissed. */
        DismissRequest: {
            reason: components["schemas"]["DismissReason"];
        };
        /** @description For how long the recommendation is snoozed. */
        SnoozeRequest: {
            /**
             * @description Days to hide it.
             * @example 7
             * @enum {integer}
             */
            days: 7 | 30;
        };
        /** @description The person's feedback on one recommendation. */
        RecommendationFeedback: {
            /**
             * @description The recommendation's id.
             * @example rec-old-age-allowance
             */
            recommendationId: string;
            /**
             * @description Dismissed for good or snoozed.
             * @example snoozed
             * @enum {string}
             */
            state: "dismissed" | "snoozed";
            /** @description Why it was dismissed; `null` when snoozed. */
            reason: components["schemas"]["DismissReason"] | null;
            /**
             * Format: date-time
             * @description When a snooze ends; `null` when dismissed.
             * @example 2026-11-30T10:00:00+08:00
             */
            until: string | null;
            /**
             * Format: date-time
             * @description When it was given.
             * @example 2026-11-23T10:00:00+08:00
             */
            createdAt: string;
        };
        /** @description Grants (`true`) or revokes (`false`) the consent. */
        DataConsentRequest: {
            /**
             * @description Whether rules may read the category.
             * @example false
             */
            granted: boolean;
        };
        /** @description A data category the rules read: purpose and scope (PIPL), the rules that read it, and the person's consent. */
        DataConsent: {
            category: components["schemas"]["DataCategory"];
            /**
             * @description The name in Chinese.
             * @example 车辆与驾驶证
             */
            name: string;
            /**
             * @description The name in English.
             * @example Vehicles and driving licence
             */
            nameEn: string;
            /**
             * @description What it is used for, in Chinese.
             * @example 在车辆检验、驾驶证换证到期前提醒您。
             */
            purpose: string;
            /** @description What it is used for, in English. */
            purposeEn: string;
            /**
             * @description Which data it covers, in Chinese.
             * @example 名下车辆的号牌和检验有效期，驾驶证有效期。
             */
            data: string;
            /** @description Which data it covers, in English. */
            dataEn: string;
            /** @description The rules that read it. */
            rules: {
                /**
                 * @description The rule's id (the recommendations' ids start with it).
                 * @example rec-vehicle-inspection
                 */
                id: string;
                /** @description The name in Chinese. */
                name: string;
                /** @description The name in English. */
                nameEn: string;
            }[];
            /**
             * @description Whether rules may read it.
             * @example true
             */
            granted: boolean;
            /**
             * Format: date-time
             * @description When the person last changed it; `null` if never.
             * @example null
             */
            updatedAt: string | null;
        };
        /** @description Every data category the rules read, with the person's consent. */
        DataConsentList: {
            items: components["schemas"]["DataConsent"][];
        };
        /**
         * @description A village's id: `vil-`, its county's code, and its name.
         * @example vil-330523-gaojiatang
         */
        VillageId: string;
        /**
         * @description A point rule's id.
         * @example rule-volunteer
         */
        PointRuleId: string;
        /**
         * @description A points-shop reward's id.
         * @example rwd-rice-5kg
         */
        PointRewardId: string;
        /**
         * @description A household member's id in the village's ledger.
         * @example mbr-gjt-012-1
         */
        PointMemberId: string;
        /** @description A village that keeps a points ledger, and its points shop. */
        Village: {
            id: components["schemas"]["VillageId"];
            /**
             * @description The village's name.
             * @example 高家堂村
             */
            name: string;
            /**
             * @description In Traditional Chinese.
             * @example 高家堂村
             */
            nameTw: string;
            /**
             * @description In English.
             * @example Gaojiatang Village
             */
            nameEn: string;
            /**
             * @description Its township.
             * @example 山川乡
             */
            township: string;
            /**
             * @description Its township in English.
             * @example Shanchuan Township
             */
            townshipEn: string;
            regionCode: components["schemas"]["RegionCode"];
            /**
             * @description Where and when the points shop opens, in Chinese.
             * @example 村文化礼堂积分超市，每月最后一个星期六 8:30–11:30
             */
            shop: string;
            /**
             * @description Where and when the points shop opens, in English.
             * @example Points shop at the village hall, last Saturday of each month, 8:30–11:30
             */
            shopEn: string;
        };
        /**
         * @description What a rule's points are counted per: `time` (each occasion), `hour`, `month`, `quarter`.
         * @example hour
         * @enum {string}
         */
        PointUnit: "time" | "hour" | "month" | "quarter";
        /** @description One rule of the ledger; `points` is per unit, negative for a deduction. */
        PointRule: {
            id: components["schemas"]["PointRuleId"];
            /**
             * @description `award` adds points, `deduction` takes them away.
             * @example award
             * @enum {string}
             */
            kind: "award" | "deduction";
            /**
             * @description The rule's name.
             * @example 志愿服务
             */
            name: string;
            /**
             * @description In Traditional Chinese.
             * @example 志願服務
             */
            nameTw: string;
            /**
             * @description In English.
             * @example Volunteer service
             */
            nameEn: string;
            /**
             * @description Points per unit (negative for a deduction).
             * @example 50
             */
            points: number;
            unit: components["schemas"]["PointUnit"];
        };
        /** @description A reward of the village's points shop. */
        PointReward: {
            id: components["schemas"]["PointRewardId"];
            /**
             * @description The reward's name.
             * @example 大米 5 千克
             */
            name: string;
            /**
             * @description In Traditional Chinese.
             * @example 大米 5 公斤
             */
            nameTw: string;
            /**
             * @description In English.
             * @example Rice
             * @example 5 kg
             */
            nameEn: string;
            /**
             * @description Its price in points.
             * @example 50
             */
            points: number;
        };
        /** @description A village, its rules and its shop's rewards. */
        PointRules: {
            village: components["schemas"]["Village"];
            rules: components["schemas"]["PointRule"][];
            rewards: components["schemas"]["PointReward"][];
        };
        /** @description A household member in the ledger, the name masked, with their balance. */
        PointMember: {
            id: components["schemas"]["PointMemberId"];
            /**
             * @description The masked name.
             * @example 李*水
             */
            name: string;
            /**
             * @description The member's points.
             * @example 1280
             */
            balance: number;
        };
        /** @description A household (户) of the ledger; its balance is the sum of its members'. */
        PointHousehold: {
            /**
             * @description The household's id.
             * @example hh-gjt-012
             */
            id: string;
            /**
             * @description The household, by its head's masked name.
             * @example 李*水户
             */
            name: string;
            /**
             * @description The household's points.
             * @example 1490
             */
            balance: number;
            members: components["schemas"]["PointMember"][];
        };
        /** @description A village's households. */
        PointHouseholdList: {
            items: components["schemas"]["PointHousehold"][];
        };
        /** @description The signed-in person's place in their village's ledger. */
        PointsAccount: {
            village: components["schemas"]["Village"];
            member: components["schemas"]["PointMember"];
            household: components["schemas"]["PointHousehold"];
        };
        /**
         * @description `award` and `deduction` (by a rule, recorded by an officer), `redemption` (spent at the shop), `carry_over` (the last year's balance brought forward).
         * @example award
         * @enum {string}
         */
        PointEntryKind: "award" | "deduction" | "redemption" | "carry_over";
        /** @description One entry of the append-only ledger, with who recorded it and why. */
        PointEntry: {
            /**
             * @description The entry's id.
             * @example pte-9f2c41d07a3b5e68
             */
            id: string;
            kind: components["schemas"]["PointEntryKind"];
            /**
             * @description Points added (negative when taken away).
             * @example 150
             */
            points: number;
            /**
             * @description Units of the rule or of the reward.
             * @example 3
             */
            quantity: number;
            /** @description The rule, for awards and deductions; `null` otherwise. */
            rule: components["schemas"]["PointRule"] | null;
            /** @description The reward, for redemptions; `null` otherwise. */
            reward: components["schemas"]["PointReward"] | null;
            /**
             * @description The officer's note.
             * @example 竹林防火志愿巡查 3 小时
             */
            note: string | null;
            member: components["schemas"]["PointMemberRef"];
            /** @description Who wrote the entry: a village officer (masked name), the resident (a redemption), or the system (carry-over). */
            recordedBy: {
                /**
                 * @description Their role.
                 * @example officer
                 * @enum {string}
                 */
                role: "officer" | "resident" | "system";
                /**
                 * @description Their masked name; `null` for the system.
                 * @example 王*芳
                 */
                name: string | null;
            };
            /**
             * Format: date-time
             * @description When it was recorded.
             * @example 2026-06-20T17:05:00+08:00
             */
            createdAt: string;
        };
        /** @description The member an entry belongs to. */
        PointMemberRef: {
            id: components["schemas"]["PointMemberId"];
            /**
             * @description The masked name.
             * @example 李*水
             */
            name: string;
        };
        /** @description A page of ledger entries. */
        PointEntryPage: {
            items: components["schemas"]["PointEntry"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
        /** @description What to redeem. */
        RedeemPointsRequest: {
            rewardId: components["schemas"]["PointRewardId"];
            /**
             * @description How many; 1 when omitted.
             * @example 1
             */
            quantity?: number;
        };
        /** @description A redemption, its ledger entry, the balance after it and its signed code. */
        PointRedemption: {
            /**
             * @description The redemption's id (the code's `ref`).
             * @example rdm-4c1d9a7e02b6f358
             */
            id: string;
            entry: components["schemas"]["PointEntry"];
            /**
             * @description The person's points after it.
             * @example 1230
             */
            balance: number;
            code: components["schemas"]["SignedCode"];
        };
        /** @description Points to record for a member by a rule. */
        RecordPointsRequest: {
            memberId: components["schemas"]["PointMemberId"];
            ruleId: components["schemas"]["PointRuleId"];
            /**
             * @description Units of the rule (hours, months, times); 1 when omitted.
             * @example 3
             */
            quantity?: number;
            /**
             * @description Why.
             * @example 竹林防火志愿巡查 3 小时
             */
            note?: string;
        };
        /** @description The entry recorded, and the member's balance after it. */
        RecordedPoints: {
            entry: components["schemas"]["PointEntry"];
            /**
             * @description The member's points after it.
             * @example 1430
             */
            balance: number;
        };
        /** @description The OpenID Connect discovery document; other members are allowed. */
        OpenIdConfiguration: {
            /**
             * Format: uri
             * @description The issuer identifier.
             */
            issuer: string;
            /**
             * Format: uri
             * @description The authorization endpoint.
             */
            authorization_endpoint: string;
            /**
             * Format: uri
             * @description The token endpoint.
             */
            token_endpoint: string;
            /**
             * Format: uri
             * @description The userinfo endpoint.
             */
            userinfo_endpoint?: string;
            /**
             * Format: uri
             * @description The ID token signing keys.
             */
            jwks_uri: string;
            /**
             * Format: uri
             * @description RP-initiated logout.
             */
            end_session_endpoint?: string;
            /** @description Scopes. */
            scopes_supported?: string[];
            /** @description Response types. */
            response_types_supported: string[];
            /** @description PKCE methods. */
            code_challenge_methods_supported?: string[];
            /** @description ID token algorithms. */
            id_token_signing_alg_values_supported?: string[];
            /** @description RFC 9207. */
            authorization_response_iss_parameter_supported?: boolean;
        };
        /**
         * @description A material's key, the same in every service that asks for it.
         * @example household-register
         */
        MaterialKey: string;
        /** @description One step of a bundle's application, handled by one department. */
        BundleStep: {
            /**
             * @description The step's place, from 1.
             * @example 1
             */
            position: number;
            /** @description The service of the step. */
            service: {
                id: components["schemas"]["ServiceId"];
                /**
                 * @description Name in Chinese.
                 * @example 出生医学证明办理
                 */
                name: string;
                /**
                 * @description Name in English.
                 * @example Medical birth certificate
                 */
                nameEn: string;
            };
            department: components["schemas"]["Department"];
            /**
             * @description Promised handling time in working days; 0 = on the spot.
             * @example 1
             */
            promisedDays: number;
            /** @description The materials this step needs (keys of the guide's `materials`). */
            materials: components["schemas"]["MaterialKey"][];
            /** @description The form fields this step needs (keys of the form's `properties`). */
            fields: string[];
        };
        /** @description A material of a bundle, merged across its steps; asked for once. */
        BundleMaterial: {
            key: components["schemas"]["MaterialKey"];
            /**
             * @description Name in Chinese.
             * @example 居民户口簿
             */
            name: string;
            /**
             * @description Name in English.
             * @example Household register (hukou booklet)
             */
            nameEn: string;
            /** @description Whether any step requires it. */
            required: boolean;
            /**
             * @description In what form (the strictest any step asks for).
             * @example electronic
             * @enum {string}
             */
            form: "original" | "copy" | "electronic";
            /** @description The platform already holds it (public data sharing): the applicant need not provide it. */
            prefilled: boolean;
            /** @description The services of the steps that need it. */
            neededBy: components["schemas"]["ServiceId"][];
        };
        /** @description One field of a bundle's form, in JSON Schema terms, with its labels. */
        FormField: {
            /**
             * @description The value's JSON type.
             * @example string
             * @enum {string}
             */
            type: "string" | "integer" | "boolean";
            /**
             * @description The string's format.
             * @example date
             * @enum {string}
             */
            format?: "date" | "tel" | "email";
            /**
             * @description Label in Chinese.
             * @example 新生儿姓名
             */
            title: string;
            /**
             * @description Label in English.
             * @example Newborn's name
             */
            titleEn: string;
            /**
             * @description Help in Chinese.
             * @example 与出生医学证明一致
             */
            description?: string;
            /**
             * @description Help in English.
             * @example As on the medical birth certificate
             */
            descriptionEn?: string;
            /**
             * @description Shortest string.
             * @example 1
             */
            minLength?: number;
            /**
             * @description Longest string.
             * @example 50
             */
            maxLength?: number;
            /**
             * @description A regular expression the string matches.
             * @example ^1[3-9][0-9]{9}$
             */
            pattern?: string;
            /**
             * @description Smallest integer.
             * @example 1
             */
            minimum?: number;
            /**
             * @description Largest integer.
             * @example 9
             */
            maximum?: number;
            /**
             * @description The values allowed.
             * @example [
             *       "male",
             *       "female"
             *     ]
             */
            enum?: string[];
            /**
             * @description The allowed values' labels in Chinese, in the order of `enum`.
             * @example [
             *       "男",
             *       "女"
             *     ]
             */
            enumTitles?: string[];
            /**
             * @description The allowed values' labels in English, in the order of `enum`.
             * @example [
             *       "Male",
             *       "Female"
             *     ]
             */
            enumTitlesEn?: string[];
            /** @description The services of the steps that need it. */
            neededBy: components["schemas"]["ServiceId"][];
        };
        /** @description A bundle's application form as JSON-Schema-like data: the union of its steps' fields, each asked once. */
        BundleForm: {
            /**
             * @description Always `object`.
             * @enum {string}
             */
            type: "object";
            /** @description The fields by key. */
            properties: {
                [key: string]: components["schemas"]["FormField"];
            };
            /** @description The keys of the fields a submission must fill. */
            required: string[];
            /** @description Every key, in the order to ask them (the steps' order). */
            order: string[];
        };
        /** @description What applying for a bundle takes, computed from its services. */
        BundleGuide: {
            bundleId: components["schemas"]["BundleId"];
            /**
             * @description Name in Chinese.
             * @example 新生儿出生一件事
             */
            name: string;
            /**
             * @description Name in English.
             * @example Childbirth as one matter
             */
            nameEn: string;
            /**
             * @description Promised handling time for the whole bundle.
             * @example 5
             */
            promisedDays: number;
            /** @description The steps, in the order they are handled. */
            steps: components["schemas"]["BundleStep"][];
            /** @description The materials, merged and de-duplicated across the steps. */
            materials: components["schemas"]["BundleMaterial"][];
            form: components["schemas"]["BundleForm"];
        };
        /**
         * @description The values of a bundle's form by field key.
         * @example {
         *       "newbornName": "吴语桐",
         *       "newbornGender": "female"
         *     }
         */
        FormValues: {
            [key: string]: string | number | boolean;
        };
        /** @description A licence or certificate the platform holds for the person (电子证照), masked. */
        Document: {
            /**
             * @description The document's id.
             * @example doc-p-linan-newborn-marriage
             */
            id: string;
            materialKey: components["schemas"]["MaterialKey"];
            /**
             * @description Name in Chinese.
             * @example 结婚证
             */
            name: string;
            /**
             * @description Name in English.
             * @example Marriage certificate
             */
            nameEn: string;
            /**
             * @description Whose it is, masked.
             * @example 周*燕
             */
            holder: string;
            /**
             * @description Its number, masked.
             * @example J3301****0815
             */
            number: string;
            /**
             * @description Who issued it.
             * @example 杭州市临安区民政局
             */
            issuer: string;
            /**
             * Format: date
             * @description When it was issued.
             * @example 2022-08-15
             */
            issuedOn: string;
            /** @description Until when it is valid; `null` for no end. */
            validUntil: string | null;
        };
        /** @description The documents on file. */
        DocumentList: {
            items: components["schemas"]["Document"][];
        };
        /** @description A draft to save. */
        BundleDraftRequest: {
            values: components["schemas"]["FormValues"];
            /** @description The materials the person has said they provide. */
            materials?: components["schemas"]["MaterialKey"][];
            /**
             * @description Where the person left off.
             * @example 1
             */
            step?: number;
        };
        /** @description A saved draft of a bundle's application. */
        BundleDraft: {
            bundleId: components["schemas"]["BundleId"];
            values: components["schemas"]["FormValues"];
            /** @description The materials the person has said they provide. */
            materials: components["schemas"]["MaterialKey"][];
            /**
             * @description Where the person left off.
             * @example 1
             */
            step: number;
            /**
             * Format: date-time
             * @description When it was saved.
             * @example 2026-11-24T10:12:00+08:00
             */
            updatedAt: string;
        };
        /** @description A one-matter application. */
        BundleApplicationRequest: {
            bundleId: components["schemas"]["BundleId"];
            values: components["schemas"]["FormValues"];
            /** @description The required materials neither on file nor held by the platform that the person provides. */
            materials?: components["schemas"]["MaterialKey"][];
        };
        /** @description The materials a rejected step was missing, now provided. */
        StepResubmitRequest: {
            /** @description The materials provided. */
            materials: components["schemas"]["MaterialKey"][];
        };
        /**
         * @description A one-matter application's id.
         * @example bap-7Hq2KfX9c4
         */
        ApplicationId: string;
        /**
         * @description `accepted` (受理), `processing` (办理中), `rejected` (materials missing: correct and resubmit), `completed` (办结).
         * @enum {string}
         */
        ApplicationStepStatus: "accepted" | "processing" | "rejected" | "completed";
        /** @description One department's progress on its step. */
        ApplicationStep: {
            /**
             * @description The step's place.
             * @example 1
             */
            position: number;
            /** @description The service. */
            service: {
                id: components["schemas"]["ServiceId"];
                /** @example 出生医学证明办理 */
                name: string;
                /** @example Medical birth certificate */
                nameEn: string;
            };
            department: components["schemas"]["Department"];
            caseNumber: components["schemas"]["CaseNumber"];
            status: components["schemas"]["ApplicationStepStatus"];
            /**
             * Format: date-time
             * @description When the step was accepted (last).
             * @example 2026-11-24T10:15:00+08:00
             */
            acceptedAt: string;
            /**
             * Format: date-time
             * @description When the step was done.
             * @example 2026-11-25T10:15:00+08:00
             */
            completedAt: string | null;
            /** @description Why the step was rejected; `null` unless `rejected`. */
            rejection: {
                /** @example 缺少结婚证，请补正后重新提交。 */
                reason: string;
                /** @example The marriage certificate is missing; provide it and resubmit. */
                reasonEn: string;
                /** @description The materials missing. */
                materials: components["schemas"]["MaterialKey"][];
            } | null;
        };
        /** @description A one-matter application with each department's progress. */
        BundleApplication: {
            id: components["schemas"]["ApplicationId"];
            bundleId: components["schemas"]["BundleId"];
            /**
             * @description The bundle's name in Chinese.
             * @example 新生儿出生一件事
             */
            name: string;
            /**
             * @description The bundle's name in English.
             * @example Childbirth as one matter
             */
            nameEn: string;
            /**
             * @description `completed` once every step is; `needs_correction` while a step is rejected.
             * @example in_progress
             * @enum {string}
             */
            status: "in_progress" | "needs_correction" | "completed";
            /** @description The first step's case number, the application's to rate once completed. */
            caseNumber: components["schemas"]["CaseNumber"];
            /**
             * Format: date-time
             * @description When it was submitted.
             * @example 2026-11-24T10:15:00+08:00
             */
            submittedAt: string;
            /**
             * Format: date-time
             * @description When the last step was done.
             * @example 2026-12-08T10:15:00+08:00
             */
            completedAt: string | null;
            /** @description Every step's progress, in order. */
            steps: components["schemas"]["ApplicationStep"][];
        };
        /** @description A page of applications. */
        BundleApplicationPage: {
            items: components["schemas"]["BundleApplication"][];
            nextCursor: components["schemas"]["NextCursor"];
        };
    };
    responses: {
        /**
         * @description The request is malformed: `validation_failed` (with field errors) or `idempotency_key_required`.
         *     Every operation refuses a query parameter or a body field it does not list (`unknown`),
         *     operations without parameters included.
         *     Every string of the query, the path and the body is refused (`invalid`) when it holds the
         *     control character U+0000 (NUL) or a lone UTF-16 surrogate (a JSON escape such as `"\udfff"`
         *     without its pair: ill-formed Unicode), which free text such as `q`, `note`, `reason` and
         *     `comment` cannot store.
         */
        BadRequest: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description No access token where the operation needs one, or one that is invalid or expired (sent to any operation, public ones included): `unauthenticated`. */
        Unauthorized: {
            headers: {
                /** @description The bearer challenge (RFC 6750), for example `Bearer error="invalid_token"`. */
                "WWW-Authenticate"?: string;
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://open.zjzwfw.gov.cn/problems/unauthenticated",
                 *       "title": "Authentication required",
                 *       "status": 401,
                 *       "detail": "The access token has expired.",
                 *       "code": "unauthenticated",
                 *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The token lacks the operation's scope: `insufficient_scope`. */
        Forbidden: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://open.zjzwfw.gov.cn/problems/insufficient_scope",
                 *       "title": "Insufficient scope",
                 *       "status": 403,
                 *       "detail": "This operation needs the scope \"appointments\".",
                 *       "code": "insufficient_scope",
                 *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4737"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Nothing with that id, or it belongs to someone else: `not_found`. */
        NotFound: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://open.zjzwfw.gov.cn/problems/not_found",
                 *       "title": "Not found",
                 *       "status": 404,
                 *       "detail": "No service with id \"svc-330523-unknown\".",
                 *       "code": "not_found",
                 *       "traceId": "4bf92f3577b34da6a3ce929d0e0e4738"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /**
         * @description The request conflicts with the current state: `slot_full`, `slot_unavailable`,
         *     `appointment_exists`, `appointment_not_cancellable`, `already_evaluated`,
         *     `step_not_rejected` (only a rejected step of an application is resubmitted),
         *     `insufficient_points` (the points balance does not cover a redemption or a deduction), or
         *     `idempotency_in_progress` (a request with the same key is still running: retry later).
         */
        Conflict: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The `Idempotency-Key` was used with another request body: `idempotency_conflict`. */
        UnprocessableContent: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://open.zjzwfw.gov.cn/problems/idempotency_conflict",
                 *       "title": "Idempotency key reused",
                 *       "status": 422,
                 *       "detail": "The Idempotency-Key was first used with another request body.",
                 *       "code": "idempotency_conflict",
                 *       "traceId": "4bf92f3577b34da6a3ce929d0e0e473a"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The request body is larger than 1 MB (1,048,576 bytes): `payload_too_large`. It is refused before it is read whole. */
        PayloadTooLarge: {
            headers: {
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://open.zjzwfw.gov.cn/problems/payload_too_large",
                 *       "title": "Payload too large",
                 *       "status": 413,
                 *       "detail": "The request body is larger than 1048576 bytes.",
                 *       "code": "payload_too_large",
                 *       "traceId": "4bf92f3577b34da6a3ce929d0e0e473d"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description Too many requests from this client: `rate_limited`. Wait for `Retry-After` seconds. */
        TooManyRequests: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://open.zjzwfw.gov.cn/problems/rate_limited",
                 *       "title": "Too many requests",
                 *       "status": 429,
                 *       "detail": "Rate limit of 600 requests per minute exceeded.",
                 *       "code": "rate_limited",
                 *       "traceId": "4bf92f3577b34da6a3ce929d0e0e473b",
                 *       "retryAfter": 12
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
        /** @description The platform is temporarily unavailable: `service_unavailable`. Safe reads may be retried. */
        ServiceUnavailable: {
            headers: {
                "Retry-After": components["headers"]["RetryAfter"];
                [name: string]: unknown;
            };
            content: {
                /**
                 * @example {
                 *       "type": "https://open.zjzwfw.gov.cn/problems/service_unavailable",
                 *       "title": "Service unavailable",
                 *       "status": 503,
                 *       "detail": "The booking system is under maintenance.",
                 *       "code": "service_unavailable",
                 *       "traceId": "4bf92f3577b34da6a3ce929d0e0e473c"
                 *     }
                 */
                "application/problem+json": components["schemas"]["Problem"];
            };
        };
    };
    parameters: {
        /**
         * @description The `nextCursor` of the previous page; omit for the first page.
         * @example eyJvIjoyMH0
         */
        Cursor: string;
        /**
         * @description Items per page.
         * @example 20
         */
        Limit: number;
        /**
         * @description The region's GB/T 2260 code.
         * @example 330523
         */
        RegionCodePath: components["schemas"]["RegionCode"];
        /**
         * @description The service's id.
         * @example svc-330523-vehicle-inspection-booking
         */
        ServiceIdPath: components["schemas"]["ServiceId"];
        /**
         * @description The site's id.
         * @example site-anji-inspection-1
         */
        SiteIdPath: components["schemas"]["SiteId"];
        /**
         * @description The appointment's id.
         * @example apt-7Hq2KfX9
         */
        AppointmentIdPath: components["schemas"]["AppointmentId"];
        /**
         * @description The recommendation's id, as `listRecommendations` gives it.
         * @example rec-old-age-allowance
         */
        RecommendationIdPath: string;
        /**
         * @description The bundle's id.
         * @example bnd-birth
         */
        BundleIdPath: components["schemas"]["BundleId"];
        /**
         * @description The one-matter application's id.
         * @example bap-7Hq2KfX9c4
         */
        ApplicationIdPath: components["schemas"]["ApplicationId"];
        /**
         * @description The village's id.
         * @example vil-330523-gaojiatang
         */
        VillageIdPath: components["schemas"]["VillageId"];
        /**
         * @description A unique key per logical operation (a UUID), reused for every retry of it. Kept for 24
         *     hours. Missing: `400 idempotency_key_required`.
         * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
         */
        IdempotencyKey: components["schemas"]["IdempotencyKeyValue"];
        /**
         * @description A unique key per logical operation, reused for every retry of it.
         * @example 0b6f0e7e-3d0a-4f0e-8a57-6f3c1c2d9e11
         */
        IdempotencyKeyOptional: components["schemas"]["IdempotencyKeyValue"];
    };
    requestBodies: never;
    headers: {
        /** @description `true` when the response is the stored response of an earlier request with the same key. */
        IdempotentReplayed: "true";
        /** @description Seconds to wait before trying again. */
        RetryAfter: number;
    };
    pathItems: never;
};
export type $defs = Record<string, never>;
/**
 * Every operation of the Open API by its `operationId` (`listRegions`, `bookAppointment`, …):
 * its `parameters` (path, query, header), its `requestBody` and its `responses` by status, with
 * the summary and description from `openapi.yaml` on each.
 */
export interface operations {
    listRegions: {
        parameters: {
            query?: {
                /**
                 * @description The code of the parent region.
                 * @example 330500
                 */
                parent?: components["schemas"]["RegionCode"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The regions. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "code": "330502",
                     *           "name": "吴兴区",
                     *           "nameTw": "吳興區",
                     *           "nameEn": "Wuxing District",
                     *           "level": "county",
                     *           "parentCode": "330500",
                     *           "hasChildren": false
                     *         },
                     *         {
                     *           "code": "330521",
                     *           "name": "德清县",
                     *           "nameTw": "德清縣",
                     *           "nameEn": "Deqing County",
                     *           "level": "county",
                     *           "parentCode": "330500",
                     *           "hasChildren": false
                     *         },
                     *         {
                     *           "code": "330523",
                     *           "name": "安吉县",
                     *           "nameTw": "安吉縣",
                     *           "nameEn": "Anji County",
                     *           "level": "county",
                     *           "parentCode": "330500",
                     *           "hasChildren": false
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RegionList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getRegion: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The region's GB/T 2260 code.
                 * @example 330523
                 */
                code: components["parameters"]["RegionCodePath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The region. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "code": "330523",
                     *       "name": "安吉县",
                     *       "nameTw": "安吉縣",
                     *       "nameEn": "Anji County",
                     *       "level": "county",
                     *       "parentCode": "330500",
                     *       "hasChildren": false,
                     *       "path": [
                     *         {
                     *           "code": "330000",
                     *           "name": "浙江省",
                     *           "nameTw": "浙江省",
                     *           "nameEn": "Zhejiang Province",
                     *           "level": "province",
                     *           "parentCode": null,
                     *           "hasChildren": true
                     *         },
                     *         {
                     *           "code": "330500",
                     *           "name": "湖州市",
                     *           "nameTw": "湖州市",
                     *           "nameEn": "Huzhou",
                     *           "level": "city",
                     *           "parentCode": "330000",
                     *           "hasChildren": true
                     *         }
                     *       ],
                     *       "children": []
                     *     }
                     */
                    "application/json": components["schemas"]["RegionDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listCategories: {
        parameters: {
            query?: {
                /**
                 * @description Count only services offered in this region (its own, its city's and the province's).
                 * @example 330523
                 */
                region?: components["schemas"]["RegionCode"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The categories. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "transport",
                     *           "name": "交通出行",
                     *           "nameTw": "交通出行",
                     *           "nameEn": "Transport",
                     *           "serviceCount": 38
                     *         },
                     *         {
                     *           "id": "elderly_care",
                     *           "name": "养老服务",
                     *           "nameTw": "養老服務",
                     *           "nameEn": "Elderly care",
                     *           "serviceCount": 21
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["CategoryList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    searchServices: {
        parameters: {
            query?: {
                /**
                 * @description Words to search for, in Chinese or English.
                 * @example 机动车检验
                 */
                q?: string;
                /**
                 * @description Only services offered in this region.
                 * @example 330523
                 */
                region?: components["schemas"]["RegionCode"];
                /**
                 * @description Only services of this category.
                 * @example transport
                 */
                category?: components["schemas"]["CategoryId"];
                /**
                 * @description Only services for people or for enterprises.
                 * @example person
                 */
                audience?: components["schemas"]["Audience"];
                /**
                 * @description Only services online to this degree.
                 * @example fully_online
                 */
                onlineLevel?: components["schemas"]["OnlineLevel"];
                /**
                 * @description Only services that take appointments.
                 * @example true
                 */
                bookable?: boolean;
                /**
                 * @description Order of the results; `relevance` needs `q`, else it falls back to `popularity`.
                 * @example popularity
                 */
                sort?: components["schemas"]["ServiceSort"];
                /**
                 * @description The `nextCursor` of the previous page; omit for the first page.
                 * @example eyJvIjoyMH0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Items per page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of services. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServicePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    batchGetServices: {
        parameters: {
            query: {
                /**
                 * @description Comma-separated service ids, at most 100.
                 * @example [
                 *       "svc-330523-vehicle-inspection-booking",
                 *       "svc-330106-old-age-allowance"
                 *     ]
                 */
                ids: components["schemas"]["ServiceId"][];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The services found, and the ids not found. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceBatch"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getService: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The service's id.
                 * @example svc-330523-vehicle-inspection-booking
                 */
                serviceId: components["parameters"]["ServiceIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The service. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ServiceDetail"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listBundles: {
        parameters: {
            query?: {
                /**
                 * @description Only bundles offered in this region.
                 * @example 330521
                 */
                region?: components["schemas"]["RegionCode"];
                /**
                 * @description Only bundles for people or for enterprises.
                 * @example person
                 */
                audience?: components["schemas"]["Audience"];
                /**
                 * @description The `nextCursor` of the previous page; omit for the first page.
                 * @example eyJvIjoyMH0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Items per page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of bundles. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundlePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBundle: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bundle's id.
                 * @example bnd-school-enrollment
                 */
                bundleId: components["schemas"]["BundleId"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The bundle. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Bundle"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listSites: {
        parameters: {
            query?: {
                /**
                 * @description Only sites that handle this service.
                 * @example svc-330523-vehicle-inspection-booking
                 */
                service?: components["schemas"]["ServiceId"];
                /**
                 * @description Only sites in this region or below it.
                 * @example 330523
                 */
                region?: components["schemas"]["RegionCode"];
                /**
                 * @description Only sites of this kind.
                 * @example inspection_station
                 */
                kind?: components["schemas"]["SiteKind"];
                /**
                 * @description The `nextCursor` of the previous page; omit for the first page.
                 * @example eyJvIjoyMH0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Items per page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of sites. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SitePage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getSite: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The site's id.
                 * @example site-anji-inspection-1
                 */
                siteId: components["parameters"]["SiteIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The site. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Site"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listSlots: {
        parameters: {
            query: {
                /**
                 * @description The service to book.
                 * @example svc-330523-vehicle-inspection-booking
                 */
                service: components["schemas"]["ServiceId"];
                /**
                 * @description First day, `YYYY-MM-DD` in Asia/Shanghai; default today.
                 * @example 2026-11-24
                 */
                from?: string;
                /**
                 * @description Last day, inclusive; default `from` plus 13 days; at most 31 days after `from`.
                 * @example 2026-11-25
                 */
                to?: string;
            };
            header?: never;
            path: {
                /**
                 * @description The site's id.
                 * @example site-anji-inspection-1
                 */
                siteId: components["parameters"]["SiteIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The days and their slots. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "siteId": "site-anji-inspection-1",
                     *       "serviceId": "svc-330523-vehicle-inspection-booking",
                     *       "timeZone": "Asia/Shanghai",
                     *       "days": [
                     *         {
                     *           "date": "2026-11-24",
                     *           "available": true,
                     *           "reason": null,
                     *           "slots": [
                     *             {
                     *               "id": "slot-anji-inspection-1-202611240830",
                     *               "start": "2026-11-24T08:30:00+08:00",
                     *               "end": "2026-11-24T09:00:00+08:00",
                     *               "capacity": 4,
                     *               "remaining": 1
                     *             },
                     *             {
                     *               "id": "slot-anji-inspection-1-202611240900",
                     *               "start": "2026-11-24T09:00:00+08:00",
                     *               "end": "2026-11-24T09:30:00+08:00",
                     *               "capacity": 4,
                     *               "remaining": 0
                     *             }
                     *           ]
                     *         },
                     *         {
                     *           "date": "2026-11-29",
                     *           "available": false,
                     *           "reason": "closed",
                     *           "slots": []
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["SlotCalendar"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getVenueCode: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The site's id.
                 * @example site-anji-inspection-1
                 */
                siteId: components["parameters"]["SiteIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The signed venue code. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedCode"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyAppointments: {
        parameters: {
            query?: {
                /**
                 * @description Only appointments in this state.
                 * @example booked
                 */
                status?: components["schemas"]["AppointmentStatus"];
                /**
                 * @description The `nextCursor` of the previous page; omit for the first page.
                 * @example eyJvIjoyMH0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Items per page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of appointments, newest slot first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AppointmentPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    bookAppointment: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A unique key per logical operation (a UUID), reused for every retry of it. Kept for 24
                 *     hours. Missing: `400 idempotency_key_required`.
                 * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "serviceId": "svc-330523-vehicle-inspection-booking",
                 *       "siteId": "site-anji-inspection-1",
                 *       "slotId": "slot-anji-inspection-1-202611240830",
                 *       "note": "浙E·A1234 小型轿车"
                 *     }
                 */
                "application/json": components["schemas"]["BookingRequest"];
            };
        };
        responses: {
            /** @description The appointment, with its signed ticket. */
            201: {
                headers: {
                    /** @description The appointment's URL. */
                    Location?: string;
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getAppointment: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The appointment's id.
                 * @example apt-7Hq2KfX9
                 */
                appointmentId: components["parameters"]["AppointmentIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The appointment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    cancelAppointment: {
        parameters: {
            query?: never;
            header?: {
                /**
                 * @description A unique key per logical operation, reused for every retry of it.
                 * @example 0b6f0e7e-3d0a-4f0e-8a57-6f3c1c2d9e11
                 */
                "Idempotency-Key"?: components["parameters"]["IdempotencyKeyOptional"];
            };
            path: {
                /**
                 * @description The appointment's id.
                 * @example apt-7Hq2KfX9
                 */
                appointmentId: components["parameters"]["AppointmentIdPath"];
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                /**
                 * @example {
                 *       "reason": "时间有变，改天再约"
                 *     }
                 */
                "application/json": components["schemas"]["CancelRequest"];
            };
        };
        responses: {
            /** @description The cancelled appointment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    rescheduleAppointment: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A unique key per logical operation (a UUID), reused for every retry of it. Kept for 24
                 *     hours. Missing: `400 idempotency_key_required`.
                 * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The appointment's id.
                 * @example apt-7Hq2KfX9
                 */
                appointmentId: components["parameters"]["AppointmentIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "slotId": "slot-anji-inspection-1-202611251000"
                 *     }
                 */
                "application/json": components["schemas"]["RescheduleRequest"];
            };
        };
        responses: {
            /** @description The appointment at its new slot, with a new ticket. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Appointment"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    issueCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IssueCodeRequest"];
            };
        };
        responses: {
            /** @description The signed code. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SignedCode"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    verifyCode: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "token": "eyJhbGciOiJFUzI1NiIsImtpZCI6ImNvZGUtMjAyNi0xMSIsInR5cCI6InpoZWxpLWNvZGUrand0In0.eyJpc3MiOiJodHRwOi8vMTI3LjAuMC4xOjQwMTAiLCJzdWIiOiJwLWFuamktZHJpdmVyIiwia2luZCI6ImFwcG9pbnRtZW50In0.c2lnbmF0dXJl"
                 *     }
                 */
                "application/json": components["schemas"]["VerifyCodeRequest"];
            };
        };
        responses: {
            /** @description Whether the code is valid, and its claims when it is. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CodeVerification"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getCodeKeys: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The key set. */
            200: {
                headers: {
                    /** @description How long the key set may be cached. */
                    "Cache-Control"?: string;
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "keys": [
                     *         {
                     *           "kty": "EC",
                     *           "crv": "P-256",
                     *           "kid": "code-2026-11",
                     *           "use": "sig",
                     *           "alg": "ES256",
                     *           "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU",
                     *           "y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["JsonWebKeySet"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyEvaluations: {
        parameters: {
            query?: {
                /**
                 * @description The `nextCursor` of the previous page; omit for the first page.
                 * @example eyJvIjoyMH0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Items per page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of evaluations, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["EvaluationPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    submitEvaluation: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A unique key per logical operation (a UUID), reused for every retry of it. Kept for 24
                 *     hours. Missing: `400 idempotency_key_required`.
                 * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "caseNumber": "330523-20261118-000123",
                 *       "level": "very_satisfied",
                 *       "tags": [
                 *         "fast",
                 *         "courteous"
                 *       ],
                 *       "comment": "检测站工作人员很耐心，半小时就办好了。"
                 *     }
                 */
                "application/json": components["schemas"]["EvaluationRequest"];
            };
        };
        responses: {
            /** @description The evaluation. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Evaluation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listEvaluationTags: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The levels, best first, each with its tags. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "levels": [
                     *         {
                     *           "level": "very_satisfied",
                     *           "name": "非常满意",
                     *           "nameTw": "非常滿意",
                     *           "nameEn": "Very satisfied",
                     *           "tags": [
                     *             {
                     *               "id": "fast",
                     *               "name": "办理快",
                     *               "nameTw": "辦理快",
                     *               "nameEn": "Quick"
                     *             },
                     *             {
                     *               "id": "courteous",
                     *               "name": "态度好",
                     *               "nameTw": "態度好",
                     *               "nameEn": "Courteous staff"
                     *             }
                     *           ]
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["EvaluationTagList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getProfile: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The profile. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Profile"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyMatters: {
        parameters: {
            query?: {
                /**
                 * @description The `nextCursor` of the previous page; omit for the first page.
                 * @example eyJvIjoyMH0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Items per page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of matters, newest first, each with its evaluation if rated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MatterPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMyMatter: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The matter's case number.
                 * @example 330523-20261118-000123
                 */
                caseNumber: components["schemas"]["CaseNumber"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The matter, with its evaluation if rated. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["Matter"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listRecommendations: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recommendations. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "id": "rec-old-age-allowance",
                     *           "kind": "policy",
                     *           "title": "您符合高龄津贴申领条件",
                     *           "titleEn": "You are eligible for the old-age allowance",
                     *           "reason": "年满80周岁的本省户籍老年人可按月领取高龄津贴。",
                     *           "reasonEn": "Residents of the province aged 80 or over receive a monthly allowance.",
                     *           "serviceId": "svc-330106-old-age-allowance",
                     *           "bundleId": null,
                     *           "action": "apply",
                     *           "dueDate": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["RecommendationList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    dismissRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The recommendation's id, as `listRecommendations` gives it.
                 * @example rec-old-age-allowance
                 */
                recommendationId: components["parameters"]["RecommendationIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "reason": "already_done"
                 *     }
                 */
                "application/json": components["schemas"]["DismissRequest"];
            };
        };
        responses: {
            /** @description The recommendation's feedback, dismissed. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "recommendationId": "rec-old-age-allowance",
                     *       "state": "dismissed",
                     *       "reason": "already_done",
                     *       "until": null,
                     *       "createdAt": "2026-11-23T10:00:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["RecommendationFeedback"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    snoozeRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The recommendation's id, as `listRecommendations` gives it.
                 * @example rec-old-age-allowance
                 */
                recommendationId: components["parameters"]["RecommendationIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "days": 7
                 *     }
                 */
                "application/json": components["schemas"]["SnoozeRequest"];
            };
        };
        responses: {
            /** @description The recommendation's feedback, snoozed until a moment. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "recommendationId": "rec-vehicle-inspection-zea12345",
                     *       "state": "snoozed",
                     *       "reason": null,
                     *       "until": "2026-11-30T10:00:00+08:00",
                     *       "createdAt": "2026-11-23T10:00:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["RecommendationFeedback"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    restoreRecommendation: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The recommendation's id, as `listRecommendations` gives it.
                 * @example rec-old-age-allowance
                 */
                recommendationId: components["parameters"]["RecommendationIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The recommendation, listed again. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "id": "rec-old-age-allowance",
                     *       "kind": "policy",
                     *       "title": "您符合高龄津贴申领条件",
                     *       "titleEn": "You are eligible for the old-age allowance",
                     *       "reason": "年满80周岁的本省户籍老年人可按月领取高龄津贴。",
                     *       "reasonEn": "Residents of the province aged 80 or over receive a monthly allowance.",
                     *       "serviceId": "svc-330106-old-age-allowance",
                     *       "bundleId": null,
                     *       "action": "apply",
                     *       "dueDate": null,
                     *       "uses": [
                     *         {
                     *           "category": "age",
                     *           "name": "年龄",
                     *           "nameEn": "Age"
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["Recommendation"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listDataConsents: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every data category, in a fixed order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "items": [
                     *         {
                     *           "category": "vehicles",
                     *           "name": "车辆与驾驶证",
                     *           "nameEn": "Vehicles and driving licence",
                     *           "purpose": "在车辆检验、驾驶证换证到期前提醒您。",
                     *           "purposeEn": "To remind you before a vehicle inspection or licence renewal is due.",
                     *           "data": "名下车辆的号牌和检验有效期，驾驶证有效期。",
                     *           "dataEn": "The plates and inspection dates of your vehicles, your licence's expiry.",
                     *           "rules": [
                     *             {
                     *               "id": "rec-vehicle-inspection",
                     *               "name": "机动车检验提醒",
                     *               "nameEn": "Vehicle inspection reminder"
                     *             }
                     *           ],
                     *           "granted": true,
                     *           "updatedAt": null
                     *         }
                     *       ]
                     *     }
                     */
                    "application/json": components["schemas"]["DataConsentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    setDataConsent: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The data category.
                 * @example vehicles
                 */
                category: components["schemas"]["DataCategory"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "granted": false
                 *     }
                 */
                "application/json": components["schemas"]["DataConsentRequest"];
            };
        };
        responses: {
            /** @description The category with the person's consent as now set. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "category": "vehicles",
                     *       "name": "车辆与驾驶证",
                     *       "nameEn": "Vehicles and driving licence",
                     *       "purpose": "在车辆检验、驾驶证换证到期前提醒您。",
                     *       "purposeEn": "To remind you before a vehicle inspection or licence renewal is due.",
                     *       "data": "名下车辆的号牌和检验有效期，驾驶证有效期。",
                     *       "dataEn": "The plates and inspection dates of your vehicles, your licence's expiry.",
                     *       "rules": [
                     *         {
                     *           "id": "rec-vehicle-inspection",
                     *           "name": "机动车检验提醒",
                     *           "nameEn": "Vehicle inspection reminder"
                     *         }
                     *       ],
                     *       "granted": false,
                     *       "updatedAt": "2026-11-23T10:00:00+08:00"
                     *     }
                     */
                    "application/json": components["schemas"]["DataConsent"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBundleGuide: {
        parameters: {
            query?: {
                /**
                 * @description The applicant's region; each step is the service offered there.
                 * @example 330521
                 */
                region?: components["schemas"]["RegionCode"];
            };
            header?: never;
            path: {
                /**
                 * @description The bundle's id.
                 * @example bnd-birth
                 */
                bundleId: components["parameters"]["BundleIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The guide. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleGuide"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyDocuments: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The documents on file. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DocumentList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBundleDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bundle's id.
                 * @example bnd-birth
                 */
                bundleId: components["parameters"]["BundleIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleDraft"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    saveBundleDraft: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The bundle's id.
                 * @example bnd-birth
                 */
                bundleId: components["parameters"]["BundleIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "values": {
                 *         "newbornName": "吴语桐",
                 *         "newbornGender": "female"
                 *       },
                 *       "materials": [],
                 *       "step": 1
                 *     }
                 */
                "application/json": components["schemas"]["BundleDraftRequest"];
            };
        };
        responses: {
            /** @description The saved draft. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleDraft"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            413: components["responses"]["PayloadTooLarge"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyBundleApplications: {
        parameters: {
            query?: {
                /**
                 * @description Only applications for this bundle.
                 * @example bnd-birth
                 */
                bundle?: components["schemas"]["BundleId"];
                /**
                 * @description The `nextCursor` of the previous page; omit for the first page.
                 * @example eyJvIjoyMH0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Items per page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of applications, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleApplicationPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    submitBundleApplication: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A unique key per logical operation (a UUID), reused for every retry of it. Kept for 24
                 *     hours. Missing: `400 idempotency_key_required`.
                 * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "bundleId": "bnd-birth",
                 *       "values": {
                 *         "newbornName": "吴语桐",
                 *         "newbornGender": "female",
                 *         "newbornBirthDate": "2026-10-20",
                 *         "birthHospital": "杭州市临安区人民医院",
                 *         "hukouWith": "mother",
                 *         "applicantPhone": "13800000008",
                 *         "cardDeliveryAddress": "杭州市临安区锦城街道钱王街100号",
                 *         "bankAccount": "6222021202041234567"
                 *       },
                 *       "materials": [
                 *         "recent-id-photo"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["BundleApplicationRequest"];
            };
        };
        responses: {
            /** @description The application, every step accepted. */
            201: {
                headers: {
                    /** @description The application's URL. */
                    Location?: string;
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleApplication"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getBundleApplication: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The one-matter application's id.
                 * @example bap-7Hq2KfX9c4
                 */
                applicationId: components["parameters"]["ApplicationIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The application. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleApplication"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    resubmitBundleStep: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A unique key per logical operation (a UUID), reused for every retry of it. Kept for 24
                 *     hours. Missing: `400 idempotency_key_required`.
                 * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The one-matter application's id.
                 * @example bap-7Hq2KfX9c4
                 */
                applicationId: components["parameters"]["ApplicationIdPath"];
                /**
                 * @description The service's id.
                 * @example svc-330523-vehicle-inspection-booking
                 */
                serviceId: components["parameters"]["ServiceIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "materials": [
                 *         "marriage-certificate"
                 *       ]
                 *     }
                 */
                "application/json": components["schemas"]["StepResubmitRequest"];
            };
        };
        responses: {
            /** @description The application, the step accepted again. */
            200: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleApplication"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listPointRules: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The village's id.
                 * @example vil-330523-gaojiatang
                 */
                villageId: components["parameters"]["VillageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The village, its rules and its shop's rewards. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointRules"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getMyPoints: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The person's and the household's balances. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointsAccount"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listMyPointEntries: {
        parameters: {
            query?: {
                /**
                 * @description Whose entries, the person's own or their whole household's.
                 * @example household
                 */
                of?: "person" | "household";
                /**
                 * @description The `nextCursor` of the previous page; omit for the first page.
                 * @example eyJvIjoyMH0
                 */
                cursor?: components["parameters"]["Cursor"];
                /**
                 * @description Items per page.
                 * @example 20
                 */
                limit?: components["parameters"]["Limit"];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A page of entries, newest first. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointEntryPage"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    redeemPoints: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A unique key per logical operation (a UUID), reused for every retry of it. Kept for 24
                 *     hours. Missing: `400 idempotency_key_required`.
                 * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "rewardId": "rwd-rice-5kg",
                 *       "quantity": 1
                 *     }
                 */
                "application/json": components["schemas"]["RedeemPointsRequest"];
            };
        };
        responses: {
            /** @description The redemption, its ledger entry and its signed code. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointRedemption"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    listPointHouseholds: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /**
                 * @description The village's id.
                 * @example vil-330523-gaojiatang
                 */
                villageId: components["parameters"]["VillageIdPath"];
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The households, in the village's order. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PointHouseholdList"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    recordPoints: {
        parameters: {
            query?: never;
            header: {
                /**
                 * @description A unique key per logical operation (a UUID), reused for every retry of it. Kept for 24
                 *     hours. Missing: `400 idempotency_key_required`.
                 * @example 5d3c2b1a-8f7e-4d6c-9b5a-1e2f3a4b5c6d
                 */
                "Idempotency-Key": components["parameters"]["IdempotencyKey"];
            };
            path: {
                /**
                 * @description The village's id.
                 * @example vil-330523-gaojiatang
                 */
                villageId: components["parameters"]["VillageIdPath"];
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                /**
                 * @example {
                 *       "memberId": "mbr-gjt-012-1",
                 *       "ruleId": "rule-volunteer",
                 *       "quantity": 3,
                 *       "note": "竹林防火志愿巡查 3 小时"
                 *     }
                 */
                "application/json": components["schemas"]["RecordPointsRequest"];
            };
        };
        responses: {
            /** @description The entry, and the member's balance after it. */
            201: {
                headers: {
                    "Idempotent-Replayed": components["headers"]["IdempotentReplayed"];
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedPoints"];
                };
            };
            400: components["responses"]["BadRequest"];
            401: components["responses"]["Unauthorized"];
            403: components["responses"]["Forbidden"];
            404: components["responses"]["NotFound"];
            409: components["responses"]["Conflict"];
            413: components["responses"]["PayloadTooLarge"];
            422: components["responses"]["UnprocessableContent"];
            429: components["responses"]["TooManyRequests"];
            503: components["responses"]["ServiceUnavailable"];
        };
    };
    getOpenIdConfiguration: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The discovery document (OpenID Connect Discovery 1.0). */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "issuer": "http://127.0.0.1:4010",
                     *       "authorization_endpoint": "http://127.0.0.1:4010/oidc/auth",
                     *       "token_endpoint": "http://127.0.0.1:4010/oidc/token",
                     *       "userinfo_endpoint": "http://127.0.0.1:4010/oidc/me",
                     *       "jwks_uri": "http://127.0.0.1:4010/oidc/jwks",
                     *       "end_session_endpoint": "http://127.0.0.1:4010/oidc/session/end",
                     *       "scopes_supported": [
                     *         "openid",
                     *         "offline_access",
                     *         "profile",
                     *         "phone",
                     *         "identity",
                     *         "appointments",
                     *         "codes",
                     *         "evaluations",
                     *         "applications",
                     *         "points"
                     *       ],
                     *       "response_types_supported": [
                     *         "code"
                     *       ],
                     *       "code_challenge_methods_supported": [
                     *         "S256"
                     *       ],
                     *       "id_token_signing_alg_values_supported": [
                     *         "ES256",
                     *         "RS256"
                     *       ],
                     *       "authorization_response_iss_parameter_supported": true
                     *     }
                     */
                    "application/json": components["schemas"]["OpenIdConfiguration"];
                };
            };
            503: components["responses"]["ServiceUnavailable"];
        };
    };
}
