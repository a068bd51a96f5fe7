package org.smartcustoms.server.statistics;

import java.time.Clock;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.smartcustoms.statistics.Dimension;
import org.smartcustoms.statistics.DisclosureRules;
import org.smartcustoms.statistics.Flow;
import org.smartcustoms.statistics.ProtectedTable;
import org.smartcustoms.statistics.PublicationAudit;
import org.smartcustoms.statistics.Suppressor;
import org.smartcustoms.statistics.TableSpec;
import org.smartcustoms.statistics.TradeRecordSource;
import org.smartcustoms.statistics.TradeTable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Trade tables under disclosure control: computed from accepted declarations, protected by primary and
 * LP-audited secondary suppression ({@link Suppressor}), defined and published by data stewards, re-audited by
 * {@code bin/smartcustoms statistics audit}. Refusals are audited (STATISTICS_REQUEST_REFUSED) before they are answered.
 */
@Service
public class StatisticsService {
    private final TradeRecordSource source;
    private final StatisticsStore store;
    private final AuditTrail audit;
    private final Clock clock;
    private final ObjectMapper json;
    private final TransactionTemplate tx;
    private final Suppressor suppressor;
    private final int maxQueryCells;
    private final int maxTableCells;

    StatisticsService(TradeRecordSource source, StatisticsStore store, AuditTrail audit, Clock clock, ObjectMapper json,
                      TransactionTemplate tx,
                      @Value("${smartcustoms.statistics.min-contributors:3}") int minContributors,
                      @Value("${smartcustoms.statistics.dominance-n:2}") int dominanceN,
                      @Value("${smartcustoms.statistics.dominance-k:85}") double dominanceK,
                      @Value("${smartcustoms.statistics.p-percent:10}") double pPercent,
                      @Value("${smartcustoms.statistics.protection-percent:10}") double protectionPercent,
                      @Value("${smartcustoms.statistics.confidential-traders:}") String confidential,
                      @Value("${smartcustoms.statistics.max-query-cells:50000}") int maxQueryCells,
                      @Value("${smartcustoms.statistics.max-table-cells:2000000}") int maxTableCells,
                      @Value("${smartcustoms.statistics.exact-audit-cells:3000}") int exactAuditCells) {
        this.maxQueryCells = maxQueryCells;
        this.maxTableCells = maxTableCells;
        this.source = source;
        this.store = store;
        this.audit = audit;
        this.clock = clock;
        this.json = json;
        this.tx = tx;
        Set<String> conf = new LinkedHashSet<>();
        for (String s : confidential.split(",")) if (!s.isBlank()) conf.add(s.strip());
        this.suppressor = new Suppressor(new DisclosureRules(minContributors, dominanceN, dominanceK, pPercent, protectionPercent, conf),
                exactAuditCells);
    }

    public Suppressor suppressor() { return suppressor; }

    /**
     * Parses a table request; a bad one is audited as refused (actor {@code actor}) and answered 400.
     */
    public TableSpec spec(String flow, String from, String to, String by, String actor) {
        return refusingBadInput(actor, "table " + flow + " " + from + ".." + to + " by " + by, () ->
                new TableSpec(flow == null || flow.isBlank() ? Flow.IMPORT : Flow.parse(flow), TableSpec.month("from", from),
                        TableSpec.month("to", to), Dimension.parseList(by)));
    }

    <T> T refusingBadInput(String actor, String what, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            refuse(actor, AuditSubject.STATISTICS_TABLE, "request", what + ": " + e.getMessage());
            throw new StatisticsRefusedException(HttpStatus.BAD_REQUEST, e.getMessage());
        }
    }

    void refuse(String actor, AuditSubject subject, String subjectId, String reason) {
        audit.record(actor, AuditAction.STATISTICS_REQUEST_REFUSED, subject, subjectId, truncate(reason, 1000), null);
    }

    static String truncate(String s, int n) {
        return s == null || s.length() <= n ? s : s.substring(0, n);
    }

    /** The true figures of a table, from the declarations of its period. */
    public TradeTable truth(TableSpec spec) {
        TradeTable table = TradeTable.build(spec, List.of());
        source.records(spec.from().atDay(1), spec.to().plusMonths(1).atDay(1), table::add);
        return table;
    }

    /**
     * The table as it may be published; over {@code smartcustoms.statistics.max-table-cells} cells refused (422, audited).
     * Secondary suppression works by sub-tables (HiTaS-style), finished by the exact global LP audit up to
     * {@code smartcustoms.statistics.exact-audit-cells} cells.
     */
    public ProtectedTable protect(TableSpec spec, String actor) {
        TradeTable t = truth(spec);
        if (t.cells().size() > maxTableCells) {
            refuse(actor, AuditSubject.STATISTICS_TABLE, "request", "table of " + t.cells().size() + " cells refused (" + spec + ")");
            throw new StatisticsRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "This table would have " + t.cells().size()
                    + " cells, more than the " + maxTableCells + " a table may have: choose fewer dimensions, a coarser HS level or a shorter period");
        }
        return suppressor.protect(t);
    }

    /**
     * A table asked on the open query: protected on the fly unless it has more than
     * {@code smartcustoms.statistics.max-query-cells} cells (refused 422, audited: a data steward publishes detailed tables).
     */
    public ProtectedTable query(TableSpec spec, String actor) {
        TradeTable t = truth(spec);
        if (t.cells().size() > maxQueryCells) {
            refuse(actor, AuditSubject.STATISTICS_TABLE, "request", "query of " + t.cells().size() + " cells refused (" + spec + ")");
            throw new StatisticsRefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "This table would have " + t.cells().size()
                    + " cells, more than the " + maxQueryCells + " the open query protects on the fly: choose fewer dimensions or a shorter "
                    + "period, or use a published table");
        }
        return suppressor.protect(t);
    }

    public StatisticsStore.StatTable define(String name, TableSpec spec, String actor) {
        if (name == null || name.isBlank() || name.length() > 200) {
            refuse(actor, AuditSubject.STATISTICS_TABLE, "request", "table name missing or longer than 200 characters");
            throw new StatisticsRefusedException(HttpStatus.BAD_REQUEST, "Give the table a name of 1 to 200 characters");
        }
        StatisticsStore.StatTable t = new StatisticsStore.StatTable(UUID.randomUUID().toString().replace("-", ""), name.strip(), spec,
                "DRAFT", null, actor, clock.instant(), null);
        store.insertTable(t);
        return t;
    }

    /** Protects the table on today's data and publishes the result; audited with the information loss. */
    public StatisticsStore.StatTable publish(String id, String actor) {
        StatisticsStore.StatTable t = store.table(id).orElseThrow(() -> notFound("table " + id));
        ProtectedTable p = protect(t.spec(), actor);
        String body = write(p);
        tx.executeWithoutResult(s -> {
            store.publish(id, body, clock.instant());
            audit.record(actor, AuditAction.STATISTICS_TABLE_PUBLISHED, AuditSubject.STATISTICS_TABLE, id, null, write(Map.of(
                    "name", t.name(), "cells", p.loss().cells(), "primary", p.loss().primary(), "secondary", p.loss().secondary(),
                    "valueShareSuppressed", p.loss().valueShareSuppressed())));
        });
        return store.table(id).orElseThrow();
    }

    public List<StatisticsStore.StatTable> published() { return store.tables("PUBLISHED"); }

    public List<StatisticsStore.StatTable> all() { return store.tables(null); }

    public StatisticsStore.StatTable table(String id) {
        return store.table(id).orElseThrow(() -> notFound("table " + id));
    }

    /** A published table as published (404 for drafts and unknown ids). */
    public ProtectedTable publishedTable(String id) {
        StatisticsStore.StatTable t = store.table(id).filter(x -> "PUBLISHED".equals(x.status())).orElseThrow(() -> notFound("table " + id));
        return read(t.published());
    }

    /** The attacker audit of one published table against today's data. */
    public PublicationAudit.Report audit(StatisticsStore.StatTable t) {
        return PublicationAudit.audit(truth(t.spec()), read(t.published()), suppressor);
    }

    static StatisticsRefusedException notFound(String what) {
        return new StatisticsRefusedException(HttpStatus.NOT_FOUND, "No published " + what);
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private ProtectedTable read(String text) {
        try {
            return json.readValue(text, ProtectedTable.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored table unreadable", e);
        }
    }

    /** The demo's default tables (months of the last year by HS chapter, partners by chapter, offices by month). */
    public List<StatisticsStore.StatTable> publishDefaults(String actor) {
        YearMonth to = YearMonth.now(clock).minusMonths(1);
        YearMonth from = to.minusMonths(11);
        List<StatisticsStore.StatTable> out = new ArrayList<>();
        for (String[] def : List.of(new String[] {"Imports by HS chapter and month", "hs2,month"},
                new String[] {"Imports by partner country and HS chapter", "partner,hs2"},
                new String[] {"Imports by office and month", "office,month"})) {
            TableSpec spec = new TableSpec(Flow.IMPORT, from, to, Arrays.stream(def[1].split(",")).map(Dimension::parse).toList());
            out.add(publish(define(def[0], spec, actor).id(), actor));
        }
        return out;
    }
}
