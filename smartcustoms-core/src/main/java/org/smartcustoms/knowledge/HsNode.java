package org.smartcustoms.knowledge;

import java.util.Objects;

/** One level of the HS nomenclature as the classifier sees it: section (roman numeral), chapter, heading or subheading. */
public record HsNode(String code, String level, String description) {
    public HsNode {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(level, "level");
        description = description == null ? "" : description;
    }
}
