package org.smartcustoms.server.risk;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.smartcustoms.risk.rules.Rule;

/** Storage port of the risk capability: versioned rules and watch-list CSV versions. */
public interface RiskStore {
    /** Stores one version of a rule (versions are never changed once stored). */
    void insertRule(Rule rule, Instant at, String actor);

    /** The latest version of every rule, by id. */
    List<Rule> currentRules();

    /** The latest version of one rule. */
    Optional<Rule> currentRule(String id);

    /** All versions of a rule, oldest first. */
    List<Rule> ruleHistory(String id);

    /** Stores a new version of a watch-list file of the given kind. */
    void insertWatchList(String kind, String csv, Instant at, String actor);

    /** The sequence number of the newest stored file of a watch-list kind (0 when none was imported). */
    long latestWatchListVersion(String kind);

    /** The newest stored content of a watch-list kind. */
    Optional<String> latestWatchList(String kind);
}
