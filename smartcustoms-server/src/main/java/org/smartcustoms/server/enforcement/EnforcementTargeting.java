package org.smartcustoms.server.enforcement;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.smartcustoms.enforcement.Company;
import org.smartcustoms.enforcement.EnforcementIndex;
import org.smartcustoms.enforcement.EntityRef;
import org.smartcustoms.enforcement.EntityType;
import org.smartcustoms.enforcement.Involvement;
import org.smartcustoms.enforcement.Person;
import org.smartcustoms.enforcement.Seizure;
import org.smartcustoms.server.risk.RiskService;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The enforcement database as the risk engine sees it: an {@link EnforcementIndex} built once at start-up from the
 * stored seizures and their persons and companies, registered with the live engine as an evidence source, and
 * changed one record at a time after each commit that stores a seizure, person or company (never rebuilt).
 * The weight of a hit is {@code smartcustoms.enforcement.hit-weight} until an analyst sets it.
 */
@Component
class EnforcementTargeting {
    static final String WEIGHT = "hit-weight";
    private static final Logger log = LoggerFactory.getLogger(EnforcementTargeting.class);
    private final EnforcementIndex index;

    EnforcementTargeting(JdbcEnforcementStore store, RiskService risk,
                         @Value("${smartcustoms.enforcement.hit-weight:80}") double defaultWeight) {
        double weight = store.setting(WEIGHT).map(Double::parseDouble).orElse(defaultWeight);
        this.index = new EnforcementIndex(weight);
        long t0 = System.nanoTime();
        List<Seizure> seizures = store.allSeizures();
        Set<String> companies = new HashSet<>();
        Set<String> persons = new HashSet<>();
        for (Seizure s : seizures) {
            for (Involvement i : s.involved()) (i.entity().type() == EntityType.COMPANY ? companies : persons).add(i.entity().id());
        }
        store.latestCompanies(companies).forEach(this::put);
        store.latestPersons(persons).forEach(this::put);
        seizures.forEach(this::seized);
        risk.engine().addEvidenceSource(index);
        log.info("Enforcement targeting: {} seizures, {} linked persons and companies indexed in {} ms", seizures.size(),
                index.subjectCount(), (System.nanoTime() - t0) / 1_000_000);
    }

    EnforcementIndex index() { return index; }

    void put(Company c) { index.putSubject(new EntityRef(EntityType.COMPANY, c.id()), c.name(), c.partyId()); }

    void put(Person p) { index.putSubject(new EntityRef(EntityType.PERSON, p.id()), p.name(), null); }

    void seized(Seizure s) {
        EnforcementIndex.SeizureFact fact = new EnforcementIndex.SeizureFact(s.id(), s.summary(), s.date(), s.category());
        for (Involvement i : s.involved()) index.linkSeizure(i.entity(), fact);
    }

    /** Runs {@code change} after the current transaction commits (at once without one): the index never shows a rolled-back record. */
    void afterCommit(Runnable change) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() { change.run(); }
            });
        } else {
            change.run();
        }
    }
}
