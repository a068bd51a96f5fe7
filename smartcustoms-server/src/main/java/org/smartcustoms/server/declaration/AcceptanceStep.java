package org.smartcustoms.server.declaration;

/**
 * Work done on every accepted (or amended) declaration inside the submission transaction, in order: tariff
 * assessment, then risk assessment. A step reads the declaration and returns what it concluded; it writes nothing
 * and never calls back into the intake: the intake stores the outcome and routes the declaration through its one
 * lifecycle gate.
 */
public interface AcceptanceStep {
    StepOutcome assess(StoredDeclaration declaration);

    /** Lower runs first. */
    default int order() { return 0; }
}
