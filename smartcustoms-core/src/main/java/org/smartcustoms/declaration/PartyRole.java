package org.smartcustoms.declaration;

/** WCO DM party roles that a declaration can carry. */
public enum PartyRole {
    DECLARANT, IMPORTER, EXPORTER, SELLER, BUYER, REPRESENTATIVE, CONSIGNOR, CONSIGNEE, CARRIER, AUTHORISATION_HOLDER
}
