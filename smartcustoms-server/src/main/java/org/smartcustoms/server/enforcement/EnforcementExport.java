package org.smartcustoms.server.enforcement;

import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.smartcustoms.enforcement.Company;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.Involvement;
import org.smartcustoms.enforcement.Person;
import org.smartcustoms.enforcement.Seizure;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditDetails;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Selected cases in a CEN-style exchange document (JSON or XML). Without a legal basis persons are pseudonymised
 * (a keyed hash of the record id, stable across exchanges: the partner can see that two cases share an offender, not
 * who it is; nationality and birth year kept, as CEN's statistics use them), companies keep name and country only,
 * and the free-text outcome is left out; with a legal basis (its reference is required and audited) the person
 * details are included. Every export is audited.
 */
@Service
class EnforcementExport {
    static final int MAX_CASES = 500;
    static final String FORMAT = "smartcustoms-cen-exchange/1";

    private final JdbcEnforcementStore store;
    private final AuditTrail audit;
    private final Clock clock;

    EnforcementExport(JdbcEnforcementStore store, AuditTrail audit, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.clock = clock;
    }

    /** The document as a map (JSON) — {@link #xml} writes the same tree as XML. */
    @Transactional
    public Map<String, Object> export(List<String> ids, LocalDate from, LocalDate to, String legalBasis, String actor) {
        String basis = legalBasis == null || legalBasis.isBlank() ? null : legalBasis.strip();
        if (basis != null && basis.length() > 200) throw new IllegalArgumentException("legalBasis must be at most 200 characters");
        List<Seizure> cases = select(ids, from, to);
        Set<String> personIds = new LinkedHashSet<>(), companyIds = new LinkedHashSet<>();
        for (Seizure s : cases) for (Involvement i : s.involved()) (i.entity().type() == EntityType.PERSON ? personIds : companyIds).add(i.entity().id());
        Map<String, Person> persons = store.latestPersons(personIds).stream().collect(Collectors.toMap(Person::id, Function.identity()));
        Map<String, Company> companies = store.latestCompanies(companyIds).stream().collect(Collectors.toMap(Company::id, Function.identity()));
        byte[] key = basis == null ? pseudonymKey() : null;

        List<Map<String, Object>> out = new ArrayList<>();
        for (Seizure s : cases) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("reference", s.id());
            c.put("date", s.date().toString());
            c.put("office", s.office());
            c.put("detectionMethod", s.detectionMethod().name());
            c.put("commodity", s.category().name());
            c.put("goods", s.goods());
            c.put("quantity", s.quantity().stripTrailingZeros().toPlainString());
            put(c, "unit", s.unit());
            if (s.value() != null) { c.put("value", s.value().toPlainString()); c.put("currency", s.currency()); }
            put(c, "concealment", s.concealment());
            put(c, "conveyance", s.conveyance());
            Map<String, Object> route = new LinkedHashMap<>();
            put(route, "departure", s.route().departure());
            if (!s.route().transit().isEmpty()) route.put("transit", s.route().transit());
            put(route, "destination", s.route().destination());
            c.put("route", route);
            List<Map<String, Object>> parties = new ArrayList<>();
            for (Involvement i : s.involved()) {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("role", i.role());
                if (i.entity().type() == EntityType.PERSON) {
                    Person per = persons.get(i.entity().id());
                    p.put("type", "PERSON");
                    if (basis == null) {
                        p.put("pseudonym", pseudonym(key, i.entity().id()));
                        if (per != null) {
                            put(p, "nationality", per.nationality());
                            if (per.birthDate() != null) p.put("birthYear", per.birthDate().getYear());
                        }
                    } else if (per != null) {
                        p.put("id", per.id());
                        p.put("name", per.name());
                        if (per.birthDate() != null) p.put("birthDate", per.birthDate().toString());
                        put(p, "nationality", per.nationality());
                        put(p, "documentNumber", per.documentNumber());
                        put(p, "address", per.address());
                    }
                } else {
                    Company co = companies.get(i.entity().id());
                    p.put("type", "COMPANY");
                    if (co != null) {
                        p.put("name", co.name());
                        put(p, "country", co.country());
                        if (basis != null) {
                            put(p, "traderId", co.partyId());
                            put(p, "address", co.address());
                        }
                    }
                }
                parties.add(p);
            }
            c.put("parties", parties);
            if (basis != null) put(c, "outcome", s.outcome());
            out.add(c);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", FORMAT);
        doc.put("exportedAt", clock.instant().toString());
        doc.put("personalData", basis == null ? "PSEUDONYMISED" : "INCLUDED");
        if (basis != null) doc.put("legalBasis", basis);
        doc.put("cases", out);

        Map<String, Object> details = new LinkedHashMap<>();
        details.put("cases", cases.stream().map(Seizure::id).toList());
        details.put("personalData", doc.get("personalData"));
        if (basis != null) details.put("legalBasis", basis);
        audit.record(actor, AuditAction.ENFORCEMENT_EXPORTED, AuditSubject.ENFORCEMENT, "export",
                cases.size() + " cases exported, personal data " + doc.get("personalData").toString().toLowerCase(), AuditDetails.json(details));
        return doc;
    }

    private List<Seizure> select(List<String> ids, LocalDate from, LocalDate to) {
        List<Seizure> cases = new ArrayList<>();
        if (ids != null && !ids.isEmpty()) {
            if (from != null || to != null) throw new IllegalArgumentException("give either ids or from/to, not both");
            Set<String> unique = new LinkedHashSet<>();
            for (String id : ids) for (String part : id.split(",")) if (!part.isBlank()) unique.add(part.strip());
            if (unique.size() > MAX_CASES) throw new IllegalArgumentException("at most " + MAX_CASES + " cases per export");
            for (String id : unique) cases.add(store.seizure(id).orElseThrow(() -> new EnforcementNotFoundException("no seizure " + id)));
        } else if (from != null && to != null) {
            if (to.isBefore(from)) throw new IllegalArgumentException("to must not be before from");
            cases = store.seizuresBetween(from, to, MAX_CASES + 1);
            if (cases.size() > MAX_CASES) throw new IllegalArgumentException("more than " + MAX_CASES + " cases in that period: choose a shorter one");
        } else {
            throw new IllegalArgumentException("select the cases: ids=S-2026-0001,S-2026-0002 or from=2026-01-01&to=2026-03-31");
        }
        if (cases.isEmpty()) throw new IllegalArgumentException("no seizure in that selection");
        return cases;
    }

    private byte[] pseudonymKey() {
        return HexFormat.of().parseHex(store.setting("pseudonym-key").orElseGet(() -> {
            byte[] k = new byte[32];
            new SecureRandom().nextBytes(k);
            String hex = HexFormat.of().formatHex(k);
            store.saveSetting("pseudonym-key", hex);
            return hex;
        }));
    }

    static String pseudonym(byte[] key, String id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return "PX-" + HexFormat.of().formatHex(mac.doFinal(id.getBytes(StandardCharsets.UTF_8))).substring(0, 16).toUpperCase();
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(Map<String, Object> m, String k, Object v) { if (v != null) m.put(k, v); }

    /** The document as XML: maps become elements, lists repeat their element (cases → case, parties → party, transit → place). */
    static String xml(Map<String, Object> doc) {
        try {
            StringWriter w = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newInstance().createXMLStreamWriter(w);
            x.writeStartDocument("UTF-8", "1.0");
            x.writeStartElement("cenExchange");
            write(x, doc);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return w.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static void write(XMLStreamWriter x, Map<String, Object> m) throws XMLStreamException {
        for (Map.Entry<String, Object> e : m.entrySet()) {
            x.writeStartElement(e.getKey());
            if (e.getValue() instanceof Map<?, ?> child) write(x, (Map<String, Object>) child);
            else if (e.getValue() instanceof List<?> list) {
                String item = switch (e.getKey()) { case "cases" -> "case"; case "parties" -> "party"; case "transit" -> "place"; default -> "item"; };
                for (Object o : list) {
                    x.writeStartElement(item);
                    if (o instanceof Map<?, ?> om) write(x, (Map<String, Object>) om);
                    else x.writeCharacters(String.valueOf(o));
                    x.writeEndElement();
                }
            } else x.writeCharacters(String.valueOf(e.getValue()));
            x.writeEndElement();
        }
    }
}
