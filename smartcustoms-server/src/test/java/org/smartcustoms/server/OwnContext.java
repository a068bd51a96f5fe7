package org.smartcustoms.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The exception to the shared test context: this class gets a Spring context and a fresh database of its own,
 * because it changes something for good that every other class depends on, or asserts on the whole database.
 * Say which in {@link #value()}. Every context costs a server start; prefer isolating a test by its data.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OwnContext {
    /** Why this class cannot share the context. */
    String value();
}
