package org.smartcustoms.statistics;

import java.time.LocalDate;
import java.util.function.Consumer;

/**
 * Storage port: the goods items of accepted declarations (current version only; rejected, cancelled and not yet
 * accepted declarations never) dated in {@code [from, to)}, as {@link TradeRecord}s, the items of one declaration one after
 * the other (a {@link TradeTable} counts declarations that way).
 */
public interface TradeRecordSource {
    void records(LocalDate from, LocalDate to, Consumer<TradeRecord> sink);
}
