package org.smartcustoms.server.declaration;

/**
 * Who acts on a declaration. A declarant ({@code party} set) may act only on declarations declared by that party;
 * customs users ({@code party} null) act on any. {@code officer} marks customs staff who may decide on controls.
 */
public record Actor(String username, String party, boolean officer) {
    public Actor {
        if (username == null || username.isBlank()) throw new IllegalArgumentException("actor username is required");
        if (party != null && officer) throw new IllegalArgumentException("a declarant is not an officer");
    }

    public static Actor declarant(String username, String party) {
        if (party == null || party.isBlank()) throw new IllegalArgumentException("a declarant acts for a party");
        return new Actor(username, party, false);
    }

    public static Actor officer(String username) { return new Actor(username, null, true); }

    /** Customs-side automation and administrators (bulk import, demo loader, admin API): not a decision on a control. */
    public static Actor system(String username) { return new Actor(username, null, false); }

    public boolean isDeclarant() { return party != null; }

    /** Whether this actor may act on a declaration declared by {@code declarantId}. */
    boolean mayTouch(String declarantId) {
        return party == null || party.equals(declarantId);
    }
}
