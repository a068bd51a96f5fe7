package org.smartcustoms.declaration;

import java.util.Objects;

/**
 * A previous or additional document referenced by the declaration or an item: category (Z/X/Y for
 * previous documents), type code (e.g. N935, C506, DCR) and identifier.
 */
public record DocumentRef(String category, String typeCode, String id) {
    public DocumentRef {
        category = Party.blankToNull(category);
        typeCode = Party.blankToNull(typeCode);
        id = Party.blankToNull(id);
    }
}
