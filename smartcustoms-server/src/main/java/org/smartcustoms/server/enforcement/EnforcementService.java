package org.smartcustoms.server.enforcement;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;
import org.smartcustoms.enforcement.CommodityCategory;
import org.smartcustoms.enforcement.Company;
import org.smartcustoms.enforcement.DetectionMethod;
import org.smartcustoms.enforcement.EnforcementIndex;
import org.smartcustoms.enforcement.EntityRef;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.Involvement;
import org.smartcustoms.enforcement.Link;
import org.smartcustoms.enforcement.Person;
import org.smartcustoms.enforcement.Seizure;
import org.smartcustoms.enforcement.SuspicionReport;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.smartcustoms.server.declaration.DeclarationStore;
import org.smartcustoms.server.declaration.StoredDeclaration;
import org.smartcustoms.server.inspection.InspectionRecorded;
import org.smartcustoms.server.inspection.InspectionRequest;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The enforcement database: records seizures (by hand or from an officer's inspection result, in the same
 * transaction), persons, companies and suspicion reports (every change a new version), each audited in its
 * transaction; reads of persons and suspicion reports are audited too (need to know); the link chart; the
 * targeting index kept in step after each commit ({@link EnforcementTargeting}).
 */
@Service
public class EnforcementService {
    /** Parties of a declaration linked to a seizure found at its inspection: those the goods were for. */
    /** The declaration parties linked to a seizure from an inspection unless {@code smartcustoms.enforcement.seizure-link-roles} says otherwise. */
    static final Set<PartyRole> SEIZED_FOR = EnumSet.of(PartyRole.IMPORTER, PartyRole.CONSIGNEE);
    static final int MAX_DEPTH = 4;
    static final int MAX_NODES = 300;

    private final JdbcEnforcementStore store;
    private final DeclarationStore declarations;
    private final AuditTrail audit;
    private final Clock clock;
    private final EnforcementTargeting targeting;
    private final EnforcementSearch search;
    private final String contact;
    private final Set<PartyRole> seizedFor;

    EnforcementService(JdbcEnforcementStore store, DeclarationIntake intake, AuditTrail audit, Clock clock,
                       EnforcementTargeting targeting, EnforcementSearch search,
                       @Value("${smartcustoms.enforcement.contact:the intelligence unit}") String contact,
                       @Value("${smartcustoms.enforcement.seizure-link-roles:IMPORTER,CONSIGNEE}") String seizureLinkRoles) {
        this.store = store;
        this.declarations = intake.store();
        this.audit = audit;
        this.clock = clock;
        this.targeting = targeting;
        this.search = search;
        this.contact = contact;
        this.seizedFor = linkRoles(seizureLinkRoles);
    }

    /** "IMPORTER, CONSIGNEE, EXPORTER" -> the roles (a start-up failure naming the allowed ones for anything else). */
    static Set<PartyRole> linkRoles(String list) {
        Set<PartyRole> roles = EnumSet.noneOf(PartyRole.class);
        for (String r : list.split(",")) {
            if (r.isBlank()) continue;
            try {
                roles.add(PartyRole.valueOf(r.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("smartcustoms.enforcement.seizure-link-roles: unknown party role '" + r.strip()
                        + "' (one of " + java.util.Arrays.toString(PartyRole.values()) + ")");
            }
        }
        return Set.copyOf(roles);
    }

    // ------------------------------------------------------------------ seizures

    /** A stored seizure, and whether this call stored it (false: the idempotency key was seen before). */
    public record Recorded(Seizure seizure, boolean created) { }

    @Transactional
    public Recorded recordSeizure(EnforcementRequests.SeizureRequest req, String headerKey, String actor) {
        if (req == null) throw new IllegalArgumentException("a request body is required");
        String key = headerKey != null && !headerKey.isBlank() ? headerKey.strip() : blankToNull(req.idempotencyKey());
        if (key != null && key.length() > 100) throw new IllegalArgumentException("idempotency key must be at most 100 characters");
        if (key != null) {
            Optional<String> seen = store.seizureByKey(key);
            if (seen.isPresent()) return new Recorded(store.seizure(seen.get()).orElseThrow(), false);
        }
        if (req.date() == null) throw new IllegalArgumentException("date is required");
        DetectionMethod method = DetectionMethod.parse(req.detectionMethod());
        CommodityCategory category = req.category() == null || req.category().isBlank()
                ? CommodityCategory.infer(req.goods()) : CommodityCategory.parse(req.category());
        List<Involvement> involved = new ArrayList<>();
        if (req.involved() != null) {
            if (req.involved().size() > 200) throw new IllegalArgumentException("at most 200 involved persons and companies");
            for (EnforcementRequests.Involved i : req.involved()) {
                if (i == null) throw new IllegalArgumentException("involved entries must not be null");
                EntityRef ref = EntityRef.parse(i.entity());
                involved.add(new Involvement(ref, i.role()));
                requireExists(ref);
            }
        }
        List<String> declIds = req.declarationIds() == null ? List.of() : req.declarationIds();
        if (declIds.size() > 100) throw new IllegalArgumentException("at most 100 linked declarations");
        for (String d : declIds) {
            if (d == null || declarations.find(d).isEmpty()) throw new IllegalArgumentException("declaration " + d + " does not exist");
        }
        EnforcementRequests.Route r = req.route();
        Seizure s = new Seizure(nextSeizureId(req.date()), req.date(), req.office(), method, category, req.goods(),
                req.quantity() == null ? null : scale3(req.quantity()), req.unit(),
                req.value() == null ? null : req.value().setScale(2, RoundingMode.HALF_UP), req.currency(), req.concealment(),
                req.conveyance(), r == null ? null : new Seizure.Route(r.departure(), r.transit(), r.destination()), involved,
                declIds, null, req.outcome(), actor, now());
        s.checkNotFuture(LocalDate.now(clock));
        store(s, key);
        return new Recorded(s, true);
    }

    /**
     * An inspection result with a seizure, recorded on the officer's worklist, becomes a seizure record in the same
     * transaction: the declaration, its office and route, the importer/consignee as companies (found by trader id, or
     * created) — no second entry.
     */
    @EventListener
    public void onInspection(InspectionRecorded e) {
        InspectionRequest.Seizure found = e.result().seizure();
        if (found == null) return;
        String key = "inspection-result:" + e.result().id();
        if (store.seizureByKey(key).isPresent()) return;
        StoredDeclaration sd = declarations.find(e.declarationId()).orElseThrow();
        Declaration d = sd.declaration();
        Instant at = e.result().recordedAt();
        LocalDate date = at.atZone(clock.getZone()).toLocalDate();
        List<Involvement> involved = new ArrayList<>();
        Map<String, Company> byParty = new HashMap<>();
        for (Party p : d.parties()) {
            if (!seizedFor.contains(p.role()) || (p.id() == null && p.name() == null)) continue;
            String k = p.id() != null ? "id:" + p.id() : "name:" + p.name();
            Company c = byParty.computeIfAbsent(k, x -> companyFor(p, e.result().officer()));
            involved.add(new Involvement(new EntityRef(EntityType.COMPANY, c.id()), p.role().name()));
        }
        boolean random = sd.risk() != null && sd.risk().randomlySelected();
        String departure = d.transport() == null ? null : d.transport().departureCountry();
        String outcome = "Inspection result " + e.result().outcome().name() + (e.result().notes() == null ? "" : ": " + e.result().notes());
        Seizure s = new Seizure(nextSeizureId(date), date, d.officeId() == null ? "unknown" : d.officeId(),
                random ? DetectionMethod.RANDOM : DetectionMethod.RISK_SELECTION, CommodityCategory.infer(found.goods()),
                found.goods(), found.quantity(), found.unit(), null, null, found.concealment(),
                d.transport() == null ? null : conveyance(d), new Seizure.Route(departure, List.of(), null), involved,
                List.of(e.declarationId()), e.result().id(), outcome.length() > 2000 ? outcome.substring(0, 2000) : outcome,
                e.result().officer(), at);
        store(s, key);
    }

    private static String conveyance(Declaration d) {
        var t = d.transport();
        String mode = t.borderModeCode() == null ? null : switch (t.borderModeCode()) {
            case "1" -> "sea";
            case "2" -> "rail";
            case "3" -> "road";
            case "4" -> "air";
            case "5" -> "post";
            default -> "mode " + t.borderModeCode();
        };
        String means = t.meansId() == null ? null : "means " + t.meansId();
        if (mode == null && means == null) return null;
        return mode == null ? means : means == null ? mode : mode + ", " + means;
    }

    private Company companyFor(Party p, String actor) {
        if (p.id() != null) {
            Optional<Company> known = store.companyByPartyId(p.id());
            if (known.isPresent()) return known.get();
        }
        Company c = new Company(nextId("C"), 1, p.name() == null ? p.id() : p.name(), p.id(), p.country(), null, null, null, actor, now());
        storeCompany(c, "created from a seizure at inspection");
        return c;
    }

    private void store(Seizure s, String key) {
        store.insertSeizure(s, key);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("category", s.category().name());
        details.put("detectionMethod", s.detectionMethod().name());
        details.put("declarations", s.declarationIds());
        details.put("involved", s.involved().stream().map(i -> i.entity() + " " + i.role()).toList());
        if (s.inspectionResultId() != null) details.put("inspectionResult", s.inspectionResultId());
        audit.record(s.recordedBy(), AuditAction.ENFORCEMENT_RECORDED, AuditSubject.SEIZURE, s.id(), s.summary(), AuditDetails.json(details));
        targeting.afterCommit(() -> targeting.seized(s));
        search.putAfterCommit(s);
    }

    private String nextSeizureId(LocalDate date) {
        return String.format(Locale.ROOT, "S-%04d-%04d", date.getYear(), store.next("S"));
    }

    private String nextId(String counter) {
        return String.format(Locale.ROOT, "%s-%06d", counter, store.next(counter));
    }

    @Transactional(readOnly = true)
    public List<Seizure> seizures(int limit, int offset) {
        return store.seizures(page(limit), offset(offset));
    }

    /** A seizure with the names of what it is linked to; person names only for {@code restricted} readers (audited). */
    public record SeizureView(Seizure seizure, List<Party> parties) {
        public record Party(String entity, String type, String id, String role, String name) { }
    }

    @Transactional
    public SeizureView seizure(String id, boolean restricted, String actor) {
        Seizure s = store.seizure(id).orElseThrow(() -> new EnforcementNotFoundException("seizure " + id));
        Map<String, Company> companies = new HashMap<>();
        Map<String, Person> persons = new HashMap<>();
        List<String> cids = s.involved().stream().filter(i -> i.entity().type() == EntityType.COMPANY).map(i -> i.entity().id()).toList();
        List<String> pids = s.involved().stream().filter(i -> i.entity().type() == EntityType.PERSON).map(i -> i.entity().id()).toList();
        store.latestCompanies(cids).forEach(c -> companies.put(c.id(), c));
        if (restricted) {
            store.latestPersons(pids).forEach(p -> persons.put(p.id(), p));
            for (String p : pids) audited(actor, AuditSubject.PERSON, p, "named on seizure " + id);
        }
        List<SeizureView.Party> parties = new ArrayList<>();
        for (Involvement i : s.involved()) {
            String name = i.entity().type() == EntityType.COMPANY
                    ? Optional.ofNullable(companies.get(i.entity().id())).map(Company::name).orElse(null)
                    : restricted ? Optional.ofNullable(persons.get(i.entity().id())).map(Person::name).orElse(null) : "restricted — contact " + contact;
            parties.add(new SeizureView.Party(i.entity().toString(), i.entity().type().name(), i.entity().id(), i.role(), name));
        }
        return new SeizureView(s, parties);
    }

    // ------------------------------------------------------------------ persons, companies, suspicions

    @Transactional
    public Person createPerson(EnforcementRequests.PersonRequest r, String actor) {
        return savePerson(nextId("P"), 1, r, actor);
    }

    @Transactional
    public Person updatePerson(String id, EnforcementRequests.PersonRequest r, String actor) {
        List<Person> versions = store.personVersions(id);
        if (versions.isEmpty()) throw new EnforcementNotFoundException("person " + id);
        return savePerson(id, versions.get(versions.size() - 1).version() + 1, r, actor);
    }

    private Person savePerson(String id, int version, EnforcementRequests.PersonRequest r, String actor) {
        if (r == null) throw new IllegalArgumentException("a request body is required");
        if (r.birthDate() != null && r.birthDate().isAfter(LocalDate.now(clock))) throw new IllegalArgumentException("birthDate is in the future");
        Person p = new Person(id, version, r.name(), r.birthDate(), r.nationality(), r.documentNumber(), r.address(), r.phone(),
                r.reviewDate(), actor, now());
        store.insertPerson(p);
        EntityRef me = new EntityRef(EntityType.PERSON, id);
        store.insertLinks(contactLinks(me, p.address(), p.phone(), id, version));
        audit.record(actor, AuditAction.ENFORCEMENT_RECORDED, AuditSubject.PERSON, id, "version " + version, null);
        targeting.afterCommit(() -> targeting.put(p));
        search.putAfterCommit(p);
        return p;
    }

    @Transactional
    public Company createCompany(EnforcementRequests.CompanyRequest r, String actor) {
        if (r == null) throw new IllegalArgumentException("a request body is required");
        Company c = new Company(nextId("C"), 1, r.name(), r.partyId(), r.country(), r.address(), r.phone(), r.reviewDate(), actor, now());
        storeCompany(c, "version 1");
        return c;
    }

    @Transactional
    public Company updateCompany(String id, EnforcementRequests.CompanyRequest r, String actor) {
        if (r == null) throw new IllegalArgumentException("a request body is required");
        List<Company> versions = store.companyVersions(id);
        if (versions.isEmpty()) throw new EnforcementNotFoundException("company " + id);
        int v = versions.get(versions.size() - 1).version() + 1;
        Company c = new Company(id, v, r.name(), r.partyId(), r.country(), r.address(), r.phone(), r.reviewDate(), actor, now());
        storeCompany(c, "version " + v);
        return c;
    }

    private void storeCompany(Company c, String reason) {
        store.insertCompany(c);
        store.insertLinks(contactLinks(new EntityRef(EntityType.COMPANY, c.id()), c.address(), c.phone(), c.id(), c.version()));
        audit.record(c.recordedBy(), AuditAction.ENFORCEMENT_RECORDED, AuditSubject.COMPANY, c.id(), reason, null);
        targeting.afterCommit(() -> targeting.put(c));
        search.putAfterCommit(c);
    }

    /** Links to the address and phone number of a new version, unless an earlier version already had them. */
    private List<Link> contactLinks(EntityRef me, String address, String phone, String id, int version) {
        List<Link> links = new ArrayList<>();
        if (address != null) links.add(new Link(me, new EntityRef(EntityType.ADDRESS, address.toUpperCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ").strip()), "ADDRESS"));
        if (phone != null) {
            String digits = phone.replaceAll("[^0-9+]", "");
            if (!digits.isEmpty()) links.add(new Link(me, new EntityRef(EntityType.PHONE, digits), "PHONE"));
        }
        if (version > 1 && !links.isEmpty()) {
            Set<String> had = new java.util.HashSet<>();
            for (Link l : store.linksOf(List.of(me))) had.add(l.to().toString());
            links.removeIf(l -> had.contains(l.to().toString()));
        }
        return links;
    }

    @Transactional
    public SuspicionReport createSuspicion(EnforcementRequests.SuspicionRequest r, String actor) {
        return saveSuspicion(nextId("R"), 1, r, actor);
    }

    @Transactional
    public SuspicionReport updateSuspicion(String id, EnforcementRequests.SuspicionRequest r, String actor) {
        List<SuspicionReport> versions = store.suspicionVersions(id);
        if (versions.isEmpty()) throw new EnforcementNotFoundException("suspicion report " + id);
        return saveSuspicion(id, versions.get(versions.size() - 1).version() + 1, r, actor);
    }

    private SuspicionReport saveSuspicion(String id, int version, EnforcementRequests.SuspicionRequest r, String actor) {
        if (r == null) throw new IllegalArgumentException("a request body is required");
        List<EntityRef> subjects = new ArrayList<>();
        if (r.subjects() != null) {
            if (r.subjects().size() > 100) throw new IllegalArgumentException("at most 100 subjects");
            for (String s : r.subjects()) {
                EntityRef ref = EntityRef.parse(s);
                requireExists(ref);
                subjects.add(ref);
            }
        }
        SuspicionReport rep = new SuspicionReport(id, version, r.source(), SuspicionReport.Reliability.parse(r.reliability()),
                r.informationGrade() == null ? 0 : r.informationGrade(), r.summary(), subjects, r.followUp(),
                r.status() == null || r.status().isBlank() ? SuspicionReport.Status.OPEN : SuspicionReport.Status.parse(r.status()),
                r.reviewDate(), actor, now());
        store.insertSuspicion(rep);
        EntityRef me = new EntityRef(EntityType.SUSPICION, id);
        Set<String> had = new java.util.HashSet<>();
        if (version > 1) for (Link l : store.linksOf(List.of(me))) had.add(l.to().toString());
        store.insertLinks(subjects.stream().filter(s -> !had.contains(s.toString())).map(s -> new Link(me, s, "SUBJECT")).toList());
        audit.record(actor, AuditAction.ENFORCEMENT_RECORDED, AuditSubject.SUSPICION, id, "version " + version, null);
        search.putAfterCommit(rep);
        return rep;
    }

    private void requireExists(EntityRef ref) {
        boolean ok = switch (ref.type()) {
            case PERSON -> !store.personVersions(ref.id()).isEmpty();
            case COMPANY -> !store.companyVersions(ref.id()).isEmpty();
            case SEIZURE -> store.seizure(ref.id()).isPresent();
            case SUSPICION -> !store.suspicionVersions(ref.id()).isEmpty();
            case DECLARATION -> declarations.find(ref.id()).isPresent();
            default -> true;
        };
        if (!ok) throw new IllegalArgumentException(ref + " does not exist");
    }

    // reads (persons and suspicions: audited, need to know is enforced by the caller's role on the path)

    @Transactional
    public List<Person> personVersions(String id, String actor) {
        List<Person> v = store.personVersions(id);
        if (v.isEmpty()) throw new EnforcementNotFoundException("person " + id);
        audited(actor, AuditSubject.PERSON, id, "person record read");
        return v;
    }

    @Transactional
    public List<Person> persons(int limit, int offset, String actor) {
        List<Person> list = store.persons(page(limit), offset(offset));
        for (Person p : list) audited(actor, AuditSubject.PERSON, p.id(), "listed");
        return list;
    }

    @Transactional(readOnly = true)
    public List<Company> companyVersions(String id) {
        List<Company> v = store.companyVersions(id);
        if (v.isEmpty()) throw new EnforcementNotFoundException("company " + id);
        return v;
    }

    @Transactional(readOnly = true)
    public List<Company> companies(int limit, int offset) {
        return store.companies(page(limit), offset(offset));
    }

    @Transactional
    public List<SuspicionReport> suspicionVersions(String id, String actor) {
        List<SuspicionReport> v = store.suspicionVersions(id);
        if (v.isEmpty()) throw new EnforcementNotFoundException("suspicion report " + id);
        audited(actor, AuditSubject.SUSPICION, id, "suspicion report read");
        return v;
    }

    @Transactional
    public List<SuspicionReport> suspicions(int limit, int offset, String actor) {
        List<SuspicionReport> list = store.suspicions(page(limit), offset(offset));
        for (SuspicionReport r : list) audited(actor, AuditSubject.SUSPICION, r.id(), "listed");
        return list;
    }

    /** Persons and suspicion reports found by a search are reads of restricted records. */
    @Transactional
    public void auditedHits(List<EnforcementSearch.Hit> hits, String actor) {
        for (EnforcementSearch.Hit h : hits) {
            if (h.type().equals("PERSON")) audited(actor, AuditSubject.PERSON, h.id(), "found by a search");
            if (h.type().equals("SUSPICION")) audited(actor, AuditSubject.SUSPICION, h.id(), "found by a search");
        }
    }

    private void audited(String actor, AuditSubject subject, String id, String why) {
        audit.record(actor, AuditAction.ENFORCEMENT_READ, subject, id, why, null);
    }

    /** A record past its review date (retention): what and since when, without its content. */
    public record Review(String entity, String type, String id, LocalDate reviewDate) { }

    @Transactional(readOnly = true)
    public List<Review> pastReview(int limit) {
        return store.pastReview(LocalDate.now(clock), page(limit)).stream().map(r -> {
            String type = (String) r.get("type");
            String id = (String) r.get("id");
            return new Review(type + ":" + id, type, id, (LocalDate) r.get("review_date"));
        }).toList();
    }

    // ------------------------------------------------------------------ officers: of interest, not the intelligence

    /** What an officer may know about a declaration's parties: whether each is of interest, and whom to contact. */
    public record Interest(String role, String declaredName, boolean ofInterest, String contact) { }

    @Transactional(readOnly = true)
    public List<Interest> interest(String declarationId) {
        StoredDeclaration sd = declarations.find(declarationId)
                .orElseThrow(() -> new EnforcementNotFoundException("declaration " + declarationId));
        List<Interest> out = new ArrayList<>();
        EnforcementIndex index = targeting.index();
        for (Party p : sd.declaration().parties()) {
            boolean hit = !index.match(p).isEmpty();
            out.add(new Interest(p.role().name(), p.name(), hit, hit ? contact : null));
        }
        return out;
    }

    // ------------------------------------------------------------------ targeting weight

    public double weight() { return targeting.index().weight(); }

    @Transactional
    public double setWeight(Double weight, String actor) {
        if (weight == null) throw new IllegalArgumentException("weight is required (0..100)");
        if (!(weight >= 0 && weight <= 100)) throw new IllegalArgumentException("weight must be in 0..100");
        double before = targeting.index().weight();
        store.saveSetting(EnforcementTargeting.WEIGHT, Double.toString(weight));
        audit.record(actor, AuditAction.ENFORCEMENT_WEIGHT_CHANGED, AuditSubject.ENFORCEMENT, EnforcementTargeting.WEIGHT,
                before + " -> " + weight, null);
        targeting.afterCommit(() -> targeting.index().setWeight(weight));
        return weight;
    }

    // ------------------------------------------------------------------ link chart

    public record Node(String key, String type, String id, String label) { }

    public record Edge(String from, String to, String role) { }

    public record Graph(List<Node> nodes, List<Edge> edges, boolean truncated) { }

    /** The connections of {@code from} up to {@code depth} hops (at most {@value #MAX_NODES} nodes). */
    @Transactional
    public Graph graph(String from, int depth, String actor) {
        if (depth < 1 || depth > MAX_DEPTH) throw new IllegalArgumentException("depth must be 1.." + MAX_DEPTH);
        EntityRef start = EntityRef.parse(from);
        requireExists(start);
        LinkChart.Expansion x = LinkChart.expand(store, start, depth, MAX_NODES);
        return new Graph(label(x.nodes(), actor), x.links().stream().map(EnforcementService::edge).toList(), x.truncated());
    }

    /** The shortest chain of links between two entities (breadth-first, up to 6 hops); empty nodes when none. */
    @Transactional
    public Graph path(String from, String to, String actor) {
        EntityRef a = EntityRef.parse(from);
        EntityRef b = EntityRef.parse(to);
        requireExists(a);
        requireExists(b);
        Map<EntityRef, Link> via = new HashMap<>();
        Set<EntityRef> seen = new LinkedHashSet<>(List.of(a));
        List<EntityRef> frontier = List.of(a);
        for (int hop = 0; hop < 6 && !frontier.isEmpty() && !seen.contains(b); hop++) {
            List<EntityRef> next = new ArrayList<>();
            for (Link l : store.linksOf(frontier)) {
                for (EntityRef end : List.of(l.from(), l.to())) {
                    EntityRef other = l.other(end);
                    if (seen.contains(end) || !seen.contains(other) || seen.size() > 20 * MAX_NODES) continue;
                    seen.add(end);
                    via.put(end, l);
                    next.add(end);
                }
            }
            frontier = next;
        }
        if (!seen.contains(b)) return new Graph(List.of(), List.of(), false);
        List<EntityRef> chain = new ArrayList<>();
        List<Edge> edges = new ArrayList<>();
        for (EntityRef at = b; at != null; ) {
            chain.add(0, at);
            Link l = via.get(at);
            if (l == null) break;
            edges.add(0, edge(l));
            at = l.other(at);
        }
        return new Graph(label(chain, actor), edges, false);
    }

    private static Edge edge(Link l) { return new Edge(l.from().toString(), l.to().toString(), l.role()); }

    /** Labels for people: seizure summaries, names; person and report labels are reads of restricted records (audited). */
    private List<Node> label(Collection<EntityRef> refs, String actor) {
        Map<String, String> labels = LinkChart.labels(store, refs);
        List<Node> out = new ArrayList<>();
        for (EntityRef r : refs) {
            if (r.type() == EntityType.PERSON) audited(actor, AuditSubject.PERSON, r.id(), "shown on the link chart");
            if (r.type() == EntityType.SUSPICION) audited(actor, AuditSubject.SUSPICION, r.id(), "shown on the link chart");
            out.add(new Node(r.toString(), r.type().name(), r.id(), labels.getOrDefault(r.toString(), r.id())));
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    private Instant now() { return clock.instant().truncatedTo(ChronoUnit.MILLIS); }

    private static java.math.BigDecimal scale3(java.math.BigDecimal q) {
        return q.scale() > 3 ? q.setScale(3, RoundingMode.HALF_UP) : q;
    }

    private static int page(int limit) {
        if (limit < 1 || limit > 500) throw new IllegalArgumentException("limit must be 1..500");
        return limit;
    }

    private static int offset(int offset) {
        if (offset < 0) throw new IllegalArgumentException("offset must be 0 or more");
        return offset;
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s.strip(); }
}
