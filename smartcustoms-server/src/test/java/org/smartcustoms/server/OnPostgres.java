package org.smartcustoms.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.test.context.ContextCustomizerFactories;

/**
 * A Spring test class on the schema in the real PostgreSQL at 127.0.0.1:5432 that every {@code @OnPostgres} test
 * class shares (one context; see {@link TestDatabaseCustomizer}): skipped without PostgreSQL locally, failed under
 * CI=true. Never assume an empty table, count deltas and use your own parties and LRNs.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RequirePostgres.class)
@ContextCustomizerFactories(TestDatabaseCustomizer.Factory.class)
public @interface OnPostgres {
}
