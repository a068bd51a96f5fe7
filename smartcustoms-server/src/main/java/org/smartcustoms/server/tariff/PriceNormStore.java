package org.smartcustoms.server.tariff;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.function.Consumer;

/** Read model of the goods items behind the {@link org.smartcustoms.tariff.PriceNorms price norms}. */
public interface PriceNormStore {

    /** A stored goods item (value by {@link org.smartcustoms.declaration.Declaration#valueOf}) with its declaration date. */
    record PricedItem(LocalDate declarationDate, String commodityCode, String originCountry, BigDecimal netMassKg,
                      BigDecimal quantity, BigDecimal valueAmount, String valueCurrency) { }

    /**
     * Every item with a positive value of a dated declaration whose status counts for norms
     * ({@link org.smartcustoms.tariff.PriceNorms#EXCLUDED_STATUSES} left out), streamed.
     */
    void pricedItems(Consumer<PricedItem> sink);
}
