package org.smartcustoms.server.cluster;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.clients.CommonClientConfigs;

/**
 * Where cluster mode's topics are: the Kafka bootstrap servers ({@code SMARTCUSTOMS_KAFKA_BOOTSTRAP}), the intake log
 * (submissions, keyed by declarant), the decisions topic, the partition count a new topic is created with, the
 * workers' consumer group and this node's name (client ids, the worker named in decisions).
 */
public record ClusterSettings(String bootstrap, String intakeTopic, String decisionTopic, int partitions,
                              String workerGroup, String node) {
    public ClusterSettings {
        if (bootstrap == null || bootstrap.isBlank()) throw new IllegalArgumentException("Kafka bootstrap servers are required");
        Objects.requireNonNull(intakeTopic, "intakeTopic");
        Objects.requireNonNull(decisionTopic, "decisionTopic");
        Objects.requireNonNull(workerGroup, "workerGroup");
        Objects.requireNonNull(node, "node");
        if (partitions < 1) throw new IllegalArgumentException("smartcustoms.cluster.partitions must be at least 1");
    }

    /** Client settings every Kafka client of this node starts from. */
    Map<String, Object> client(String role) {
        Map<String, Object> c = new HashMap<>();
        c.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        c.put(CommonClientConfigs.CLIENT_ID_CONFIG, "smartcustoms-" + node + "-" + role);
        return c;
    }
}
