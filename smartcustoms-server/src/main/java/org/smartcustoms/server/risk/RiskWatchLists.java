package org.smartcustoms.server.risk;

import java.io.IOException;
import java.io.StringReader;
import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;
import org.smartcustoms.risk.watchlist.WatchListCsv;
import org.smartcustoms.server.audit.AuditAction;
import org.smartcustoms.server.audit.AuditSubject;
import org.smartcustoms.server.audit.AuditTrail;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Watch lists (parties, commodities): CSV versions in the database, validated whole before they are stored,
 * swapped into the live engine after; audited WATCHLIST_CHANGED in the same transaction as the change and announced as
 * {@link RiskStateChanged.WatchList}.
 */
@Service
public class RiskWatchLists {
    private final RiskStore store;
    private final Clock clock;
    private final ObjectMapper json;
    private final AuditTrail audit;
    private final LiveRiskEngine live;
    private final ApplicationEventPublisher events;

    RiskWatchLists(RiskStore store, Clock clock, ObjectMapper json, AuditTrail audit, LiveRiskEngine live, ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.clock = clock;
        this.json = json;
        this.audit = java.util.Objects.requireNonNull(audit, "audit trail");
        this.live = live;
    }

    /** Replaces a watch list with a CSV file (validated whole; line numbers on error). Returns the entry count. */
    @Transactional
    public int importWatchList(RiskService.WatchListKind kind, String csv, String actor) {
        return importWatchList(kind, csv, actor, "CSV import");
    }

    /** Same, audited WATCHLIST_CHANGED with {@code reason} (e.g. "CSV import", "entry added") in the same transaction. */
    @Transactional
    public int importWatchList(RiskService.WatchListKind kind, String csv, String actor, String reason) {
        int n = kind == RiskService.WatchListKind.PARTIES ? WatchListCsv.readParties(new StringReader(csv)).size()
                : WatchListCsv.readCommodities(new StringReader(csv)).size();
        store.insertWatchList(kind.name(), csv, clock.instant(), actor);
        audit.record(actor, AuditAction.WATCHLIST_CHANGED, AuditSubject.WATCHLIST, kind.name(), reason,
                toJson(Map.of("entries", n, "bytes", csv.length())));
        live.reloadWatchList();
        events.publishEvent(new RiskStateChanged.WatchList(kind, store.latestWatchListVersion(kind.name())));
        return n;
    }

    /** The CSV text currently in force for a kind, or just the header when none was imported. */
    public String watchListCsv(RiskService.WatchListKind kind) {
        return live.watchListCsv(kind);
    }

    public List<PartyEntry> watchedParties() { return live.engine().watchList().parties(); }

    public List<CommodityTarget> watchedCommodities() { return live.engine().watchList().commodities(); }

    private String toJson(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
