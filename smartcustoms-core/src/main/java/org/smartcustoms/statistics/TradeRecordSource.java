package org.smartcustoms.statistics;

import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Storage port: the goods items of accepted declarations (current version only; rejected, cancelled and not yet
 * accepted declarations never) dated in {@code [from, to)}, as {@link TradeRecord}s.
 */
public interface TradeRecordSource {
    void records(LocalDate from, LocalDate to, Consumer<TradeRecord> sink);
}
