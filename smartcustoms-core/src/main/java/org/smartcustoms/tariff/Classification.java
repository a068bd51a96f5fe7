package org.smartcustoms.tariff;

import java.util.List;
import java.util.Optional;

/**
 * The answer to "what is this code?": the resolved node plus its whole path from section down, so a screen can
 * show section → chapter → heading → subheading → national line with descriptions. {@code requestedCode} can
 * be longer than {@code code()} when a declared national extension is not itself in the nomenclature but its
 * HS ancestor has no subdivisions (see {@link Nomenclature#lookup(String, java.time.LocalDate)}).
 */
public record Classification(String requestedCode, List<CommodityCode> path) {
    public Classification {
        path = List.copyOf(path);
        if (path.isEmpty()) throw new IllegalArgumentException("empty classification path");
    }

    /** The most specific node found. */
    public CommodityCode commodity() { return path.get(path.size() - 1); }

    public String code() { return commodity().code(); }

    public Optional<CommodityCode> at(CommodityCode.Level level) {
        return path.stream().filter(c -> c.level() == level).reduce((a, b) -> b);
    }
}
