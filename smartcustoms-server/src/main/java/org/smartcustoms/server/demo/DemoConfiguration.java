package org.smartcustoms.server.demo;

import java.time.Clock;

import org.smartcustoms.server.CoreBeans;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/** Demo mode only: the clock the demo loader can wind back while it replays a year of history. */
@Configuration
@ConditionalOnProperty(name = "smartcustoms.demo.enabled", havingValue = "true")
class DemoConfiguration {
    @Bean
    @Primary
    DemoClock demoClock() {
        return new DemoClock(CoreBeans.systemClock());
    }
}
