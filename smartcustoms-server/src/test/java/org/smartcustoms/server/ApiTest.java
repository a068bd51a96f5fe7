package org.smartcustoms.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole server on a random port, with the bootstrap admin token {@link #ADMIN_TOKEN}, without demo data, without
 * random selection for control (channels follow from rules, watch lists and models only) and with the movable
 * {@link TestClock}. Add {@link OnH2} or {@link OnPostgres} for the database. Every class with the same annotations
 * shares one Spring context and database, so do not add {@code @TestPropertySource}, {@code @MockBean} or
 * {@code @Import} (each variant starts a server of its own); what a class changes that is global is put back by
 * {@link SharedStateGuard}. Only a class that truly cannot share says so with {@link OwnContext}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"SMARTCUSTOMS_BOOTSTRAP_TOKEN=" + ApiTest.ADMIN_TOKEN, "smartcustoms.demo.enabled=false",
                "smartcustoms.risk.random-share=0"})
@Import(TestClock.Config.class)
@ExtendWith(SharedStateGuard.class)
public @interface ApiTest {
    String ADMIN_TOKEN = "test-bootstrap-token";
}
