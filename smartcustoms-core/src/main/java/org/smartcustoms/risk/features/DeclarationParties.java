package org.smartcustoms.risk.features;

import org.smartcustoms.declaration.Declaration;
import org.smartcustoms.declaration.Party;
import org.smartcustoms.declaration.PartyRole;

/**
 * Allocation-free equivalents of {@link Declaration#party}, {@link Declaration#declarantId} for the risk hot
 * path (the declaration's own methods build a stream and an Optional per call). Same results.
 */
public final class DeclarationParties {
    private DeclarationParties() { }

    /** The first party in the role, or null (= {@code d.party(role).orElse(null)}). */
    public static Party first(Declaration d, PartyRole role) {
        for (Party p : d.parties()) if (p.role() == role) return p;
        return null;
    }

    /** The first party's id in the role, or null (= {@code d.party(role).map(Party::id).orElse(null)}). */
    public static String firstId(Declaration d, PartyRole role) {
        Party p = first(d, role);
        return p == null ? null : p.id();
    }

    /** Same as {@link Declaration#declarantId()}. */
    public static String declarantId(Declaration d) {
        String id = firstId(d, PartyRole.DECLARANT);
        if (id != null) return id;
        return firstId(d, d.type() != null && d.type().isExport() ? PartyRole.EXPORTER : PartyRole.IMPORTER);
    }
}
