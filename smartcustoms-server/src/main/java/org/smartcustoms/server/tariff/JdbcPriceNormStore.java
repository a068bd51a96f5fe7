package org.smartcustoms.server.tariff;

import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.smartcustoms.tariff.PriceNorms;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** {@link PriceNormStore} on the {@code declaration} and {@code declaration_item} tables. */
@Repository
class JdbcPriceNormStore implements PriceNormStore {
    /** The statuses that never count, as SQL literals from the one definition in {@link PriceNorms}. */
    private static final String EXCLUDED = PriceNorms.EXCLUDED_STATUSES.stream().map(s -> "'" + s.name() + "'")
            .sorted().collect(Collectors.joining(", "));

    private final JdbcTemplate jdbc;

    JdbcPriceNormStore(JdbcTemplate jdbc) {
        JdbcTemplate t = new JdbcTemplate(jdbc.getDataSource());
        t.setFetchSize(1000); // streams on PostgreSQL instead of filling memory
        this.jdbc = t;
    }

    @Override
    public void pricedItems(Consumer<PricedItem> sink) {
        jdbc.query("""
                SELECT d.declaration_date, i.commodity_code, i.origin_country, i.net_mass_kg, i.quantity, i.value_amount, i.value_currency
                FROM declaration_item i JOIN declaration d ON d.id = i.declaration_id
                WHERE d.status NOT IN (%s) AND d.declaration_date IS NOT NULL AND i.value_amount > 0""".formatted(EXCLUDED), rs -> {
            java.sql.Date date = rs.getDate(1);
            sink.accept(new PricedItem(date.toLocalDate(), rs.getString(2), rs.getString(3), rs.getBigDecimal(4),
                    rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getString(7)));
        });
    }
}
