package org.smartcustoms.tariff;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A duty, excise or VAT rate as written in the rate file. Grammar (case-insensitive, spaces free):
 * <pre>
 *   expr  := term ('+' term)*                       compound: the terms are added
 *   term  := 'free' | 'exempt'                      zero
 *          | NUMBER '%'                             ad valorem, on the customs (or VAT) base
 *          | NUMBER CUR '/' UNIT                    specific, e.g. 12 EUR/KGM, 32 EUR/HLT
 *          | ('max' | 'min') '(' expr ',' expr ')'   mixed: the higher / lower of two
 * </pre>
 * CUR is an ISO 4217 code (converted at the declaration date if not the national currency); UNIT is a UN/ECE
 * Recommendation 20 code from {@link #UNITS}. Amounts are computed unrounded; the caller rounds once.
 */
public sealed interface RateExpression {

    /** Units a specific rate may be expressed in. Mass, volume and count units convert within their family. */
    Set<String> UNITS = Set.of("KGM", "GRM", "TNE", "LTR", "HLT", "LPA", "NAR", "MIL", "NPR", "MTR", "MTK", "MTQ");

    /** What an expression needs to be evaluated; package-private implementations live in the calculator. */
    interface Basis {
        /** The ad valorem base in national currency. */
        BigDecimal base();

        /** The declared quantity in the unit, converted within its family; fails if not declared. */
        BigDecimal quantity(String unit);

        /** An amount of a foreign currency in national currency, unrounded. */
        BigDecimal toNational(BigDecimal amount, String currency);
    }

    /** Amount due in national currency, unrounded. */
    BigDecimal amount(Basis basis);

    /** Canonical text, e.g. {@code "5% + 2 EUR/KGM"}. */
    String text();

    record Free(String word) implements RateExpression {
        public BigDecimal amount(Basis b) { return BigDecimal.ZERO; }
        public String text() { return word; }
    }

    record AdValorem(BigDecimal percent) implements RateExpression {
        public AdValorem {
            if (percent.signum() < 0) throw new IllegalArgumentException("negative percentage " + percent);
        }
        public BigDecimal amount(Basis b) { return b.base().multiply(percent).movePointLeft(2); }
        public String text() { return percent.stripTrailingZeros().toPlainString() + "%"; }
    }

    record Specific(BigDecimal amount, String currency, String unit) implements RateExpression {
        public Specific {
            if (amount.signum() < 0) throw new IllegalArgumentException("negative amount " + amount);
            if (!currency.matches("[A-Z]{3}")) throw new IllegalArgumentException("currency must be 3 letters: " + currency);
            if (!UNITS.contains(unit)) throw new IllegalArgumentException("unknown unit '" + unit + "', expected one of " + UNITS.stream().sorted().toList());
        }
        public BigDecimal amount(Basis b) { return b.toNational(amount, currency).multiply(b.quantity(unit)); }
        public String text() { return amount.stripTrailingZeros().toPlainString() + " " + currency + "/" + unit; }
    }

    record Sum(List<RateExpression> terms) implements RateExpression {
        public Sum { terms = List.copyOf(terms); }
        public BigDecimal amount(Basis b) {
            return terms.stream().map(t -> t.amount(b)).reduce(BigDecimal.ZERO, BigDecimal::add);
        }
        public String text() { return terms.stream().map(RateExpression::text).collect(Collectors.joining(" + ")); }
    }

    record Mixed(boolean max, RateExpression first, RateExpression second) implements RateExpression {
        public BigDecimal amount(Basis b) {
            BigDecimal x = first.amount(b);
            BigDecimal y = second.amount(b);
            return max ? x.max(y) : x.min(y);
        }
        public String text() { return (max ? "max(" : "min(") + first.text() + ", " + second.text() + ")"; }
    }

    /** True for a zero rate ({@code free}/{@code exempt}/{@code 0%}). */
    default boolean isZero() {
        return this instanceof Free || (this instanceof AdValorem a && a.percent().signum() == 0);
    }

    /** Parses an expression; the message of the IllegalArgumentException says what is wrong and where. */
    static RateExpression parse(String text) {
        Objects.requireNonNull(text, "rate");
        return new RateParser(text).parseAll();
    }
}
