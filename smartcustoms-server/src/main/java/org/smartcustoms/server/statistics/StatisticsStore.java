package org.smartcustoms.server.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.smartcustoms.statistics.Flow;
import org.smartcustoms.statistics.TableSpec;

/** Storage of statistics tables, research projects and extract links. */
public interface StatisticsStore {
    /** A defined table; {@code published} is the protected table's JSON once published. */
    record StatTable(String id, String name, TableSpec spec, String status, String published, String createdBy, Instant createdAt,
                     Instant publishedAt) { }

    void insertTable(StatTable t);

    void publish(String id, String publishedJson, Instant at);

    Optional<StatTable> table(String id);

    /** Newest first; {@code status} null = any. */
    List<StatTable> tables(String status);

    /** A research project and its scope. */
    record Project(String id, String researcher, String title, String institution, String purpose, String legalBasis,
                   YearMonth from, YearMonth to, LocalDate endDate, Set<String> fields, Set<String> hsChapters, Set<Flow> flows,
                   String status, String decidedBy, String decisionReason, Instant createdAt, Instant decidedAt) { }

    void insertProject(Project p);

    /** Sets the decision (and the secret when approved) only while the project is still SUBMITTED; false otherwise. */
    boolean decide(String id, String status, String secret, String by, String reason, Instant at);

    Optional<Project> project(String id);

    /** The project's pseudonym secret (base64), present once approved. */
    Optional<String> secret(String id);

    /** Newest first; {@code researcher} null = all. */
    List<Project> projects(String researcher);

    record Extract(String id, String projectId, String requestedBy, String scope, Instant expiresAt, Instant downloadedAt,
                   Instant createdAt) { }

    void insertExtract(Extract e);

    Optional<Extract> extract(String id);

    /** Marks the extract downloaded if it was not yet (true), else false: a link works once. */
    boolean markDownloaded(String id, Instant at, long rows, String fingerprint);
}
