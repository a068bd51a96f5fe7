package org.smartcustoms.server.enforcement;

import java.util.List;
import java.util.Map;

import org.smartcustoms.enforcement.Company;
import org.smartcustoms.enforcement.Person;
import org.smartcustoms.enforcement.Seizure;
import org.smartcustoms.enforcement.SuspicionReport;
import org.smartcustoms.server.security.CurrentUser;
import org.smartcustoms.server.security.Role;
import org.smartcustoms.server.security.UserAccount;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The enforcement and intelligence database (docs/enforcement.md). Who may call what: {@link EnforcementAccess}. */
@RestController
@RequestMapping("/api/v1/enforcement")
@Tag(name = "Enforcement", description = "Seizures, persons, companies and suspicion reports; search, link chart, targeting weight")
public class EnforcementController {
    private final EnforcementService service;
    private final EnforcementSearch search;
    private final EnforcementImport importer;
    private final EnforcementExport exporter;
    private final EnforcementPhotos photos;
    private final EnforcementCharts charts;

    EnforcementController(EnforcementService service, EnforcementSearch search, EnforcementImport importer, EnforcementExport exporter,
                          EnforcementPhotos photos, EnforcementCharts charts) {
        this.charts = charts;
        this.service = service;
        this.search = search;
        this.importer = importer;
        this.exporter = exporter;
        this.photos = photos;
    }

    @Operation(summary = "Seizures counted by month, commodity, route or concealment method (charts), as JSON or CSV",
            description = "by=month|commodity|route|concealment; from/to (default: the last 12 months); format=json|csv")
    @GetMapping("/stats")
    ResponseEntity<?> stats(@RequestParam(defaultValue = "month") String by, @RequestParam(required = false) java.time.LocalDate from,
                            @RequestParam(required = false) java.time.LocalDate to, @RequestParam(defaultValue = "json") String format) {
        if (!format.equals("json") && !format.equals("csv")) throw new IllegalArgumentException("format must be json or csv");
        EnforcementCharts.Chart c = charts.chart(by, from, to);
        if (format.equals("json")) return ResponseEntity.ok(c);
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType("text/csv;charset=UTF-8"))
                .header("Content-Disposition", "attachment; filename=\"seizures-by-" + c.by() + ".csv\"").body(EnforcementCharts.csv(c));
    }

    @Operation(summary = "Add a photo of the concealment method to a seizure",
            description = "JPEG or PNG, recognised by content (415 otherwise), at most smartcustoms.enforcement.photo-max-bytes (413); "
                    + "re-encoded so that no metadata (EXIF, GPS position) is kept. The image as the body, or the multipart part \"file\".")
    @PostMapping(value = "/seizures/{id}/photos", consumes = "multipart/form-data")
    ResponseEntity<JdbcEnforcementStore.PhotoInfo> addPhotoMultipart(@PathVariable String id,
            @RequestParam("file") org.springframework.web.multipart.MultipartFile file, @RequestParam(required = false) String caption)
            throws java.io.IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(photos.add(id, file.getBytes(), caption, actor()));
    }

    @PostMapping("/seizures/{id}/photos")
    ResponseEntity<JdbcEnforcementStore.PhotoInfo> addPhoto(@PathVariable String id, @RequestBody(required = false) byte[] body,
                                                            @RequestParam(required = false) String caption) {
        return ResponseEntity.status(HttpStatus.CREATED).body(photos.add(id, body, caption, actor()));
    }

    @Operation(summary = "The photos of a seizure (descriptions)")
    @GetMapping("/seizures/{id}/photos")
    List<JdbcEnforcementStore.PhotoInfo> photos(@PathVariable String id) {
        return photos.list(id);
    }

    @Operation(summary = "A photo of a seizure (the re-encoded image)")
    @GetMapping("/seizures/{id}/photos/{photoId}")
    ResponseEntity<byte[]> photo(@PathVariable String id, @PathVariable String photoId) {
        Map.Entry<String, byte[]> p = photos.get(id, photoId);
        return ResponseEntity.ok().contentType(org.springframework.http.MediaType.parseMediaType(p.getKey()))
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "private, no-store").body(p.getValue());
    }

    @Operation(summary = "Export selected cases in a CEN-style exchange document (JSON or XML), audited",
            description = "ids=S-2026-0001,S-2026-0002 or from=…&to=… (at most 500 cases); format=json|xml. Persons are pseudonymised "
                    + "(stable keyed pseudonym, nationality, birth year) and the free-text outcome left out unless legalBasis names the "
                    + "legal basis of the exchange (e.g. a mutual assistance request), which is recorded in the audit trail.")
    @GetMapping("/export")
    ResponseEntity<?> export(@RequestParam(required = false) List<String> ids,
                             @RequestParam(required = false) java.time.LocalDate from, @RequestParam(required = false) java.time.LocalDate to,
                             @RequestParam(defaultValue = "json") String format, @RequestParam(required = false) String legalBasis) {
        if (!format.equals("json") && !format.equals("xml")) throw new IllegalArgumentException("format must be json or xml");
        Map<String, Object> doc = exporter.export(ids, from, to, legalBasis, actor());
        return format.equals("xml")
                ? ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_XML).body(EnforcementExport.xml(doc))
                : ResponseEntity.ok().contentType(org.springframework.http.MediaType.APPLICATION_JSON).body(doc);
    }

    @Operation(summary = "Import seizures from Excel (.xlsx) or CSV, all or nothing",
            description = "The file as the body (any content type; recognised by its content) or as the multipart part \"file\". "
                    + "Line 1 names the columns (" + "reference, date, office, detectionMethod, category, goods, quantity, unit, value, currency, "
                    + "concealment, conveyance, departure, transit, destination, outcome). 201 with the seizure ids; 422 with the errors by "
                    + "line (nothing stored); 409 when the same file or a row's reference was imported before; 400 for an unreadable file.")
    @PostMapping(value = "/import", consumes = "multipart/form-data")
    ResponseEntity<EnforcementImport.Imported> importMultipart(@RequestParam("file") org.springframework.web.multipart.MultipartFile file)
            throws java.io.IOException {
        return ResponseEntity.status(HttpStatus.CREATED).body(importer.importFile(file.getBytes(), file.getOriginalFilename(), actor()));
    }

    @PostMapping(value = "/import")
    ResponseEntity<EnforcementImport.Imported> importBody(@RequestBody(required = false) byte[] body,
                                                          @RequestParam(required = false) String fileName) {
        return ResponseEntity.status(HttpStatus.CREATED).body(importer.importFile(body, fileName, actor()));
    }

    private static String actor() { return CurrentUser.get().username(); }

    /** Intelligence unit or administrator: may read person details and suspicion reports. */
    static boolean restricted(UserAccount u) { return u.role() == Role.INTELLIGENCE || u.role() == Role.ADMIN; }

    @Operation(summary = "Record a seizure", description = "201 with the seizure; with an Idempotency-Key header (or idempotencyKey) "
            + "a repeated submission answers 200 with the seizure stored the first time, nothing stored twice.")
    @PostMapping("/seizures")
    ResponseEntity<Seizure> recordSeizure(@RequestBody EnforcementRequests.SeizureRequest req,
                                          @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        EnforcementService.Recorded r = service.recordSeizure(req, key, actor());
        return ResponseEntity.status(r.created() ? HttpStatus.CREATED : HttpStatus.OK).body(r.seizure());
    }

    @Operation(summary = "Seizures, newest first")
    @GetMapping("/seizures")
    List<Seizure> seizures(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        return service.seizures(limit, offset);
    }

    @Operation(summary = "One seizure with its linked companies and persons (person names for the intelligence unit only)")
    @GetMapping("/seizures/{id}")
    EnforcementService.SeizureView seizure(@PathVariable String id) {
        UserAccount u = CurrentUser.get();
        return service.seizure(id, restricted(u), u.username());
    }

    @Operation(summary = "A seizure's versions (seizures are recorded once: one version)")
    @GetMapping("/seizures/{id}/versions")
    List<Seizure> seizureVersions(@PathVariable String id) {
        UserAccount u = CurrentUser.get();
        return List.of(service.seizure(id, restricted(u), u.username()).seizure());
    }

    @PostMapping("/persons")
    ResponseEntity<Person> createPerson(@RequestBody EnforcementRequests.PersonRequest req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.createPerson(req, actor()));
    }

    @Operation(summary = "A new version of a person's record (earlier versions are kept)")
    @PutMapping("/persons/{id}")
    Person updatePerson(@PathVariable String id, @RequestBody EnforcementRequests.PersonRequest req) {
        return service.updatePerson(id, req, actor());
    }

    @Operation(summary = "Persons (latest versions); every person listed is an audited read")
    @GetMapping("/persons")
    List<Person> persons(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        return service.persons(limit, offset, actor());
    }

    @GetMapping("/persons/{id}")
    Person person(@PathVariable String id) {
        List<Person> v = service.personVersions(id, actor());
        return v.get(v.size() - 1);
    }

    @GetMapping("/persons/{id}/versions")
    List<Person> personVersions(@PathVariable String id) {
        return service.personVersions(id, actor());
    }

    @PostMapping("/companies")
    ResponseEntity<Company> createCompany(@RequestBody EnforcementRequests.CompanyRequest req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.createCompany(req, actor()));
    }

    @PutMapping("/companies/{id}")
    Company updateCompany(@PathVariable String id, @RequestBody EnforcementRequests.CompanyRequest req) {
        return service.updateCompany(id, req, actor());
    }

    @GetMapping("/companies")
    List<Company> companies(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        return service.companies(limit, offset);
    }

    @GetMapping("/companies/{id}")
    Company company(@PathVariable String id) {
        List<Company> v = service.companyVersions(id);
        return v.get(v.size() - 1);
    }

    @GetMapping("/companies/{id}/versions")
    List<Company> companyVersions(@PathVariable String id) {
        return service.companyVersions(id);
    }

    @PostMapping("/suspicions")
    ResponseEntity<SuspicionReport> createSuspicion(@RequestBody EnforcementRequests.SuspicionRequest req) {
        return ResponseEntity.status(HttpStatus.CREATED).body(service.createSuspicion(req, actor()));
    }

    @PutMapping("/suspicions/{id}")
    SuspicionReport updateSuspicion(@PathVariable String id, @RequestBody EnforcementRequests.SuspicionRequest req) {
        return service.updateSuspicion(id, req, actor());
    }

    @GetMapping("/suspicions")
    List<SuspicionReport> suspicions(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset) {
        return service.suspicions(limit, offset, actor());
    }

    @GetMapping("/suspicions/{id}")
    SuspicionReport suspicion(@PathVariable String id) {
        List<SuspicionReport> v = service.suspicionVersions(id, actor());
        return v.get(v.size() - 1);
    }

    @GetMapping("/suspicions/{id}/versions")
    List<SuspicionReport> suspicionVersions(@PathVariable String id) {
        return service.suspicionVersions(id, actor());
    }

    @Operation(summary = "Full-text search over the four databases",
            description = "Names matched with the watch lists' normalisation (legal forms, transliteration, diacritics) and fuzzily (edit distance)")
    @GetMapping("/search")
    List<EnforcementSearch.Hit> search(@RequestParam String q, @RequestParam(defaultValue = "20") int limit) {
        List<EnforcementSearch.Hit> hits = search.search(q, limit);
        service.auditedHits(hits, actor());
        return hits;
    }

    @Operation(summary = "Link chart: the connections of an entity, hop by hop",
            description = "from=TYPE:ID (SEIZURE, PERSON, COMPANY, SUSPICION, DECLARATION, ADDRESS, PHONE); depth 1..4; "
                    + "with to=TYPE:ID instead the shortest chain of links between the two (empty when none within 6 hops)")
    @GetMapping("/graph")
    EnforcementService.Graph graph(@RequestParam String from, @RequestParam(defaultValue = "1") int depth,
                                   @RequestParam(required = false) String to) {
        return to == null ? service.graph(from, depth, actor()) : service.path(from, to, actor());
    }

    @Operation(summary = "Records past their review date (retention), oldest first: type, id and review date only")
    @GetMapping("/review")
    List<EnforcementService.Review> review(@RequestParam(defaultValue = "100") int limit) {
        return service.pastReview(limit);
    }

    @Operation(summary = "For officers: whether each party of a declaration is of interest, and whom to contact (not the intelligence)")
    @GetMapping("/interest")
    List<EnforcementService.Interest> interest(@RequestParam String declarationId) {
        return service.interest(declarationId);
    }

    @Operation(summary = "The weight (0..100) of an enforcement hit in the risk score")
    @GetMapping("/targeting")
    Map<String, Object> targeting() {
        return Map.of("weight", service.weight());
    }

    @Operation(summary = "Set the weight (0..100) of an enforcement hit, as for a rule (audited)")
    @PutMapping("/targeting")
    Map<String, Object> setTargeting(@RequestBody EnforcementRequests.WeightRequest req) {
        return Map.of("weight", service.setWeight(req == null ? null : req.weight(), actor()));
    }
}
