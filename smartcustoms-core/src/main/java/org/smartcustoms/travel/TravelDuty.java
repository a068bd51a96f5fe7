package org.smartcustoms.travel;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Allowances and duty on the excess for one traveller's goods. Alcohol and tobacco allowances apply to adults only
 * (minors get none). Other goods are set against the value allowance item by item, cheapest first (an item that
 * does not fit whole is charged whole, as Japan does); perfume beyond the ounce allowance is charged pro rata of its
 * value. Amounts are rounded down to whole units of the currency.
 */
public final class TravelDuty {
    private final AllowanceTable table;

    public TravelDuty(AllowanceTable table) {
        this.table = java.util.Objects.requireNonNull(table, "allowance table");
    }

    public AllowanceTable table() {
        return table;
    }

    public DutyAssessment assess(List<CarriedItem> items, boolean adult) {
        List<DutyLine> lines = new ArrayList<>();
        String cur = table.currency();
        long bottles = sum(items, ItemKind.ALCOHOL);
        if (bottles > 0) {
            long free = adult ? table.alcoholBottles() : 0;
            long excess = Math.max(0, bottles - free);
            BigDecimal litres = BigDecimal.valueOf(excess * (long) table.bottleMillilitres()).movePointLeft(3);
            long duty = litres.multiply(BigDecimal.valueOf(table.alcoholRatePerLitre())).setScale(0, RoundingMode.DOWN).longValueExact();
            lines.add(new DutyLine(ItemKind.ALCOHOL, bottles, free, excess, duty, excess == 0
                    ? bottles + " bottle(s) of alcohol: within the allowance of " + free + "."
                    : bottles + " bottle(s) of alcohol: " + free + " free" + (adult ? "" : " (no allowance under " + table.adultAge() + ")")
                    + ", " + excess + " over the allowance (" + litres.stripTrailingZeros().toPlainString() + " l at "
                    + table.alcoholRatePerLitre() + " " + cur + "/l) = " + duty + " " + cur + "."));
        }
        long cigarettes = sum(items, ItemKind.TOBACCO);
        if (cigarettes > 0) {
            long free = adult ? table.cigarettes() : 0;
            long excess = Math.max(0, cigarettes - free);
            long duty = excess * table.tobaccoRatePerCigarette();
            lines.add(new DutyLine(ItemKind.TOBACCO, cigarettes, free, excess, duty, excess == 0
                    ? cigarettes + " cigarettes: within the allowance of " + free + "."
                    : cigarettes + " cigarettes: " + free + " free, " + excess + " over the allowance at "
                    + table.tobaccoRatePerCigarette() + " " + cur + " each = " + duty + " " + cur + "."));
        }
        long ounces = sum(items, ItemKind.PERFUME);
        if (ounces > 0) {
            long value = items.stream().filter(i -> i.kind() == ItemKind.PERFUME).mapToLong(CarriedItem::value).sum();
            long free = table.perfumeOunces();
            long excess = Math.max(0, ounces - free);
            long taxedValue = ounces == 0 ? 0 : value * excess / ounces;
            long duty = rate(taxedValue);
            lines.add(new DutyLine(ItemKind.PERFUME, ounces, free, excess, duty, excess == 0
                    ? ounces + " oz of perfume: within the allowance of " + free + " oz."
                    : ounces + " oz of perfume: " + free + " oz free, " + excess + " oz over the allowance (value " + taxedValue
                    + " " + cur + " at " + pct() + ") = " + duty + " " + cur + "."));
        }
        List<CarriedItem> others = items.stream().filter(i -> i.kind() == ItemKind.OTHER)
                .sorted(Comparator.comparingLong(CarriedItem::value)).toList();
        if (!others.isEmpty()) {
            long total = 0;
            long used = 0;
            long charged = 0;
            for (CarriedItem i : others) {
                total += i.value();
                if (used + i.value() <= table.otherGoodsValue()) used += i.value();
                else charged += i.value();
            }
            long duty = rate(charged);
            lines.add(new DutyLine(ItemKind.OTHER, total, table.otherGoodsValue(), charged, duty, charged == 0
                    ? "Other goods worth " + total + " " + cur + ": within the allowance of " + table.otherGoodsValue() + " " + cur + "."
                    : "Other goods worth " + total + " " + cur + ": " + used + " " + cur + " within the allowance of "
                    + table.otherGoodsValue() + " " + cur + ", " + charged + " " + cur + " charged at " + pct() + " = " + duty + " " + cur + "."));
        }
        long total = lines.stream().mapToLong(DutyLine::duty).sum();
        String summary = lines.isEmpty() ? "Nothing to declare: no duty is due."
                : total == 0 ? "Everything you carry is within your duty-free allowances: no duty is due."
                : "Duty due on goods over your allowances: " + total + " " + cur + " (flat rates for personal imports, consumption tax included).";
        return new DutyAssessment(cur, lines, total, summary);
    }

    private long rate(long value) {
        return BigDecimal.valueOf(value).multiply(BigDecimal.valueOf(table.otherGoodsRate())).setScale(0, RoundingMode.DOWN).longValueExact();
    }

    private String pct() {
        return BigDecimal.valueOf(table.otherGoodsRate() * 100).stripTrailingZeros().toPlainString() + "%";
    }

    private static long sum(List<CarriedItem> items, ItemKind kind) {
        return items.stream().filter(i -> i.kind() == kind).mapToLong(CarriedItem::quantity).sum();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TravelDuty[%s]", table);
    }
}
