package org.smartcustoms.server.enforcement;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.smartcustoms.enforcement.Company;
import org.smartcustoms.enforcement.EntityRef;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.Person;
import org.smartcustoms.enforcement.SearchIndex;
import org.smartcustoms.enforcement.Seizure;
import org.smartcustoms.enforcement.SuspicionReport;
import org.springframework.stereotype.Component;

/**
 * The search index of the enforcement database: built at start-up from the stored records, then each stored record
 * is put after its transaction commits (never rebuilt). Searches go to the intelligence unit (the only callers of
 * {@code /search}), so every type is searched.
 */
@Component
class EnforcementSearch implements AutoCloseable {
    static final Set<EntityType> SEARCHED = EnumSet.of(EntityType.SEIZURE, EntityType.PERSON, EntityType.COMPANY, EntityType.SUSPICION);
    private final SearchIndex index = new SearchIndex();
    private final EnforcementTargeting targeting;

    EnforcementSearch(JdbcEnforcementStore store, EnforcementTargeting targeting) {
        this.targeting = targeting;
        store.allSeizures().forEach(this::put);
        for (int off = 0; ; off += 500) {
            List<Company> page = store.companies(500, off);
            page.forEach(this::put);
            if (page.size() < 500) break;
        }
        for (int off = 0; ; off += 500) {
            List<Person> page = store.persons(500, off);
            page.forEach(this::put);
            if (page.size() < 500) break;
        }
        for (int off = 0; ; off += 500) {
            List<SuspicionReport> page = store.suspicions(500, off);
            page.forEach(this::put);
            if (page.size() < 500) break;
        }
        index.refresh();
    }

    /** A search result. */
    public record Hit(String entity, String type, String id, String label) { }

    List<Hit> search(String q, int limit) {
        return index.search(q, limit, SEARCHED).stream().map(h -> new Hit(h.entity(), h.type().name(), h.id(), h.label())).toList();
    }

    void put(Seizure s) {
        index.put(new EntityRef(EntityType.SEIZURE, s.id()), s.id() + " · " + s.summary(), List.of(),
                String.join(" ", s.goods(), s.category().name().replace('_', ' '), nn(s.concealment()), nn(s.conveyance()),
                        s.route().text(), s.office(), s.detectionMethod().name(), String.join(" ", s.declarationIds())));
    }

    void put(Company c) {
        index.put(new EntityRef(EntityType.COMPANY, c.id()), c.name(), List.of(c.name()),
                String.join(" ", nn(c.partyId()), nn(c.country()), nn(c.address()), nn(c.phone())));
    }

    void put(Person p) {
        index.put(new EntityRef(EntityType.PERSON, p.id()), p.name(), List.of(p.name()),
                String.join(" ", nn(p.nationality()), nn(p.documentNumber()), nn(p.address()), nn(p.phone())));
    }

    void put(SuspicionReport r) {
        index.put(new EntityRef(EntityType.SUSPICION, r.id()), r.id() + " · " + r.status(), List.of(),
                String.join(" ", r.source(), r.summary(), nn(r.followUp()), r.status().name()));
    }

    /** Puts the record after the current transaction commits, and makes it searchable. */
    void putAfterCommit(Object record) {
        targeting.afterCommit(() -> {
            switch (record) {
                case Seizure s -> put(s);
                case Company c -> put(c);
                case Person p -> put(p);
                case SuspicionReport r -> put(r);
                default -> throw new IllegalArgumentException("not an enforcement record");
            }
            index.refresh();
        });
    }

    private static String nn(String s) { return s == null ? "" : s; }

    @Override
    public void close() throws Exception {
        index.close();
    }
}
