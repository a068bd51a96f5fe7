package org.smartcustoms.travel;

/**
 * Duty-free allowances per adult traveller and the flat rates for personal imports on the excess, in the national
 * currency. {@link #japan()} is Japan's: 3 bottles of 760 ml of alcohol, 200 cigarettes, 2 ounces of perfume and
 * 200,000 JPY of other goods (alcohol and tobacco for travellers aged 20 or more); the simplified flat rates
 * (consumption tax included) of 800 JPY per litre of spirits, 15 JPY per cigarette and 15% of the value of other goods
 * and perfume.
 */
public record AllowanceTable(String currency, int alcoholBottles, int bottleMillilitres, int cigarettes, int perfumeOunces,
                             long otherGoodsValue, int adultAge, long alcoholRatePerLitre, long tobaccoRatePerCigarette,
                             double otherGoodsRate) {
    public AllowanceTable {
        if (currency == null || !currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency must be an ISO 4217 code");
        if (alcoholBottles < 0 || cigarettes < 0 || perfumeOunces < 0 || otherGoodsValue < 0 || adultAge < 0
                || bottleMillilitres <= 0 || alcoholRatePerLitre < 0 || tobaccoRatePerCigarette < 0
                || !(otherGoodsRate >= 0 && otherGoodsRate <= 1)) {
            throw new IllegalArgumentException("allowances and rates must not be negative (and the goods rate at most 1)");
        }
    }

    public static AllowanceTable japan() {
        return new AllowanceTable("JPY", 3, 760, 200, 2, 200_000, 20, 800, 15, 0.15);
    }
}
