package org.smartcustoms.enforcement;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Storage port of the enforcement database (the server implements it with JDBC). */
public interface EnforcementStore {
    /** The next number of a counter ("S" seizures, "P" persons, "C" companies, "R" suspicion reports), from 1. */
    long next(String counter);

    void insertSeizure(Seizure s, String idempotencyKey);
    Optional<Seizure> seizure(String id);
    /** The seizure stored with this idempotency key, if any. */
    Optional<String> seizureByKey(String idempotencyKey);
    /** Newest first. */
    List<Seizure> seizures(int limit, int offset);
    /** Every seizure (index building at start-up). */
    List<Seizure> allSeizures();

    void insertPerson(Person p);
    List<Person> personVersions(String id);
    /** Latest versions, newest first. */
    List<Person> persons(int limit, int offset);

    void insertCompany(Company c);
    List<Company> companyVersions(String id);
    List<Company> companies(int limit, int offset);
    /** The latest version of the company with this trader id. */
    Optional<Company> companyByPartyId(String partyId);
    /** Latest versions of the given companies. */
    List<Company> latestCompanies(Collection<String> ids);
    List<Person> latestPersons(Collection<String> ids);

    void insertSuspicion(SuspicionReport r);
    List<SuspicionReport> suspicionVersions(String id);
    List<SuspicionReport> suspicions(int limit, int offset);

    void insertLinks(Collection<Link> links);
    /** Links with one end among {@code nodes}. */
    List<Link> linksOf(Collection<EntityRef> nodes);
}
