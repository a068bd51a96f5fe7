package org.smartcustoms.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A Spring test class on the in-memory H2 database that every {@code @OnH2} test class shares (one context; see
 * {@link TestDatabaseCustomizer}): never assume an empty table, count deltas and use your own parties and LRNs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ContextCustomizerFactories(TestDatabaseCustomizer.Factory.class)
public @interface OnH2 {
}
