package org.smartcustoms.server.ops;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Connection settings for PostgreSQL pools: pgjdbc sends a JDBC batch of single-row INSERTs as multi-row INSERTs
 * ({@code reWriteBatchedInserts}), so a submission's status history, notifications and audit journal rows cost one
 * statement each instead of one per row. Applied to the application's pool and to every pool built by hand (the audit
 * sequencer's); other databases are left as they are (H2 would refuse the setting).
 */
@Component
public class PostgresConnections implements BeanPostProcessor {

    public static HikariDataSource tune(HikariDataSource ds) {
        String url = ds.getJdbcUrl();
        if (url != null && url.startsWith("jdbc:postgresql:") && !url.contains("reWriteBatchedInserts")
                && !ds.getDataSourceProperties().containsKey("reWriteBatchedInserts")) {
            ds.addDataSourceProperty("reWriteBatchedInserts", "true");
        }
        return ds;
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String name) {
        return bean instanceof HikariDataSource ds ? tune(ds) : bean;
    }
}
