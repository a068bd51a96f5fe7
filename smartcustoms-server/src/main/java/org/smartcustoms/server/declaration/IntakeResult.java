package org.smartcustoms.server.declaration;

/** Outcome of a submission: the stored declaration and whether it was created now or already existed (idempotent re-submission). */
public record IntakeResult(StoredDeclaration declaration, boolean created) { }
