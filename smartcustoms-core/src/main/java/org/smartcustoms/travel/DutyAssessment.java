package org.smartcustoms.travel;

import java.util.List;

/** What a traveller owes: one line per kind of goods carried, the total and a summary in words. */
public record DutyAssessment(String currency, List<DutyLine> lines, long total, String explanation) {
    public DutyAssessment {
        lines = List.copyOf(lines);
    }

    public boolean dutiable() {
        return total > 0;
    }
}
