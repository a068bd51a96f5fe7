package org.smartcustoms.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;

/**
 * The whole server on a random port, with the bootstrap admin token {@link #ADMIN_TOKEN} and without demo data.
 * Add {@link OnH2} or {@link OnPostgres} for the database, and {@code @TestPropertySource} for further settings.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"SMARTCUSTOMS_BOOTSTRAP_TOKEN=" + ApiTest.ADMIN_TOKEN, "smartcustoms.demo.enabled=false"})
public @interface ApiTest {
    String ADMIN_TOKEN = "test-bootstrap-token";
}
