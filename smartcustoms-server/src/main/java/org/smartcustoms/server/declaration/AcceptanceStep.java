package org.smartcustoms.server.declaration;

/**
 * Work done on every accepted declaration inside the submission transaction, in order: tariff assessment,
 * then risk assessment. Implemented by the tariff and risk capabilities; intake only knows this seam.
 */
public interface AcceptanceStep {
    /** Runs on an accepted (or amended) declaration; may save results and change status via the intake. */
    void onAccepted(StoredDeclaration declaration, DeclarationIntake intake);

    /** Lower runs first. */
    default int order() { return 0; }
}
