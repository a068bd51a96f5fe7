package org.smartcustoms.server.cluster;

import org.smartcustoms.server.risk.RiskStateReplica;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

/**
 * Shared state in cluster mode (same condition as {@link ClusterConfig}): the {@link SharedStateLog} through which
 * rule, watch-list and model changes reach every node, and the {@link SharedHistoryLog} through which every scored
 * declaration and inspection outcome reaches every node's model history.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(ClusterConfig.ENABLED)
public class SharedStateConfig {
    @Bean(destroyMethod = "close")
    SharedStateLog sharedStateLog(ClusterSettings settings, ClusterCodec codec, RiskStateReplica replica,
                                  @Value("${smartcustoms.cluster.state-topic:smartcustoms.state}") String topic,
                                  @Value("${smartcustoms.cluster.state-max-bytes:67108864}") int maxBytes) {
        if (maxBytes < 1024 * 1024) throw new IllegalArgumentException("smartcustoms.cluster.state-max-bytes must be at least 1 MiB");
        return new SharedStateLog(settings, codec, replica, topic, maxBytes);
    }

    /** After the state log: a node that received its model from it reads history from that model's rebuild on. */
    @Bean(destroyMethod = "close")
    @DependsOn("sharedStateLog")
    SharedHistoryLog sharedHistoryLog(ClusterSettings settings, ClusterCodec codec, RiskStateReplica replica,
                                      @Value("${smartcustoms.cluster.history-topic:smartcustoms.history}") String topic,
                                      @Value("${smartcustoms.cluster.history-retention-hours:168}") int retentionHours) {
        if (retentionHours < 1) throw new IllegalArgumentException("smartcustoms.cluster.history-retention-hours must be at least 1");
        return new SharedHistoryLog(settings, codec, replica, topic, retentionHours);
    }
}
