package org.smartcustoms.server.risk;

import java.time.LocalDate;

import org.smartcustoms.risk.watchlist.CommodityTarget;
import org.smartcustoms.risk.watchlist.PartyEntry;

/** Formats one watch-list entry as a CSV line in the column order of the watch-list files ({@code WatchListCsv}). */
final class WatchListLines {
    private WatchListLines() { }

    /** entry_id,party_id,name,aliases,reason,source,valid_from,valid_to (aliases joined with '|'). */
    static String party(PartyEntry e) {
        return csv(e.entryId(), e.partyId(), e.name(), e.aliases() == null ? "" : String.join("|", e.aliases()),
                e.reason(), e.source(), s(e.validFrom()), s(e.validTo()));
    }

    /** entry_id,hs_prefix,origin,valid_from,valid_to,threat,reason. */
    static String commodity(CommodityTarget t) {
        return csv(t.entryId(), t.hsPrefix(), t.origin(), s(t.validFrom()), s(t.validTo()),
                t.threat() == null ? "" : t.threat().name(), t.reason());
    }

    private static String s(LocalDate d) {
        return d == null ? "" : d.toString();
    }

    static String csv(String... fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) sb.append(',');
            String f = fields[i] == null ? "" : fields[i];
            if (f.contains(",") || f.contains("\"") || f.contains("\n")) f = "\"" + f.replace("\"", "\"\"") + "\"";
            sb.append(f);
        }
        return sb.toString();
    }
}
