package org.smartcustoms.enforcement;

/**
 * The kinds of node of the link chart: the four databases, the declarations they are linked to, and the
 * addresses, phone numbers and vehicles their records share.
 */
public enum EntityType {
    SEIZURE, PERSON, COMPANY, SUSPICION, DECLARATION, ADDRESS, PHONE, VEHICLE;

    public static EntityType parse(String s) { return Codes.parse(EntityType.class, "entity type", s); }

    /** Records only the intelligence unit may read (need to know). */
    public boolean restricted() { return this == PERSON || this == SUSPICION; }
}
