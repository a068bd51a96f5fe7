package org.smartcustoms.server;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** The Spring Boot server: REST API, storage, security and the web workspace over the framework-free core. */
@SpringBootApplication(exclude = org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration.class)
public class SmartCustomsApplication {
    public static ConfigurableApplicationContext start(String... args) {
        return SpringApplication.run(SmartCustomsApplication.class, args);
    }

    public static void main(String[] args) {
        start(args);
    }
}
