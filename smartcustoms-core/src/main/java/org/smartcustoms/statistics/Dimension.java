package org.smartcustoms.statistics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A classification a trade table is broken down by. The HS levels form one hierarchy (chapter 2 digits ⊃ heading
 * 4 ⊃ subheading 6): a table by {@code hs4} also publishes its chapter subtotals, and the disclosure control
 * protects its cells against both margins.
 */
public enum Dimension {
    MONTH("month"), HS2("hs2"), HS4("hs4"), HS6("hs6"), PARTNER("partner"), OFFICE("office");

    /** The value of the margin (total over a dimension). */
    public static final String TOTAL = "*";

    private final String code;

    Dimension(String code) {
        this.code = code;
    }

    public String code() { return code; }

    public boolean isHs() { return this == HS2 || this == HS4 || this == HS6; }

    /** Digits of an HS level. */
    int hsDigits() {
        return switch (this) { case HS2 -> 2; case HS4 -> 4; case HS6 -> 6; default -> 0; };
    }

    /**
     * The nodes of a record on this dimension from the finest up to the total, e.g. {@code [847130, 8471, 84, *]}
     * for HS6, {@code [2026-03, *]} for the month.
     */
    List<String> path(TradeRecord r) {
        List<String> p = new ArrayList<>(4);
        switch (this) {
            case MONTH -> p.add(r.month().toString());
            case PARTNER -> p.add(r.partner());
            case OFFICE -> p.add(r.office());
            default -> {
                for (int d = hsDigits(); d >= 2; d -= 2) p.add(r.hs6().substring(0, d));
            }
        }
        p.add(TOTAL);
        return p;
    }

    /** The parent of a node (null for the total). */
    String parent(String node) {
        if (TOTAL.equals(node)) return null;
        if (isHs() && node.length() > 2) return node.substring(0, node.length() - 2);
        return TOTAL;
    }

    public static Dimension parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (Dimension d : values()) if (d.code.equals(t)) return d;
        throw new IllegalArgumentException("Unknown dimension '" + text + "': use any of "
                + Arrays.stream(values()).map(Dimension::code).collect(Collectors.joining(", ")));
    }

    /** A comma-separated list such as {@code hs4,partner}: 1 to 3 dimensions, no repeats, one HS level at most. */
    public static List<Dimension> parseList(String text) {
        if (text == null || text.isBlank()) throw new IllegalArgumentException("Name 1 to 3 dimensions (by=), e.g. hs2,month");
        LinkedHashSet<Dimension> dims = new LinkedHashSet<>();
        for (String part : text.split(",")) {
            Dimension d = parse(part);
            if (!dims.add(d)) throw new IllegalArgumentException("Dimension " + d.code + " is named twice");
        }
        return checked(List.copyOf(dims));
    }

    static List<Dimension> checked(List<Dimension> dims) {
        if (dims.isEmpty() || dims.size() > 3) throw new IllegalArgumentException("A table has 1 to 3 dimensions, not " + dims.size());
        if (dims.stream().filter(Dimension::isHs).count() > 1) {
            throw new IllegalArgumentException("Name one HS level only: a finer level already publishes its coarser subtotals");
        }
        if (dims.stream().distinct().count() != dims.size()) throw new IllegalArgumentException("A dimension is named twice");
        return dims;
    }
}
