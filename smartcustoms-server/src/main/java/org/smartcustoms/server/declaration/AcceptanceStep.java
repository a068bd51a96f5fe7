package org.smartcustoms.server.declaration;

/**
 * Work done on every accepted (or amended) declaration inside the submission transaction, in order: tariff
 * assessment, then risk assessment. A step reads the declaration and returns what it concluded; it writes nothing
 * and never calls back into the intake: the intake stores the outcome and routes the declaration through its one
 * lifecycle gate.
 */
public interface AcceptanceStep {
    StepOutcome assess(StoredDeclaration declaration);

    /**
     * The same, for a declaration of a batch concluded on several threads: the part of the step whose outcome depends
     * on the declarations concluded before it (state the step reads and changes) runs through {@code inOrder}, the
     * rest may run at the same time as other declarations' steps. The default runs the whole step in order.
     */
    default StepOutcome assess(StoredDeclaration declaration, InOrder inOrder) {
        return inOrder.run(() -> assess(declaration));
    }

    /**
     * Called once before the declarations of a batch are assessed (on the preparing thread): a step may read at once
     * what it will read for each of them. It must not change any outcome. The default does nothing.
     */
    default void beforeBatch(java.util.List<org.smartcustoms.declaration.Declaration> batch) { }

    /** Lower runs first. */
    default int order() { return 0; }
}
