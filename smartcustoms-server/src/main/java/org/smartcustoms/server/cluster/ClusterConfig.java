package org.smartcustoms.server.cluster;

import java.time.Clock;

import org.smartcustoms.declaration.DeclarationValidator;
import org.smartcustoms.server.declaration.DeclarationIntake;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Cluster mode, on when {@code smartcustoms.cluster.bootstrap} ({@code SMARTCUSTOMS_KAFKA_BOOTSTRAP}) names Kafka
 * brokers: every node queues originals on the intake log and reads decisions; a node started with
 * {@code serve --worker} ({@code smartcustoms.cluster.worker=true}) also decides them. Without it nothing here exists
 * and the intake is the single-node one.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression(ClusterConfig.ENABLED)
public class ClusterConfig {
    public static final String ENABLED = "!'${smartcustoms.cluster.bootstrap:}'.isBlank()";

    @Bean
    ClusterSettings clusterSettings(@Value("${smartcustoms.cluster.bootstrap}") String bootstrap,
                                    @Value("${smartcustoms.cluster.intake-topic:smartcustoms.intake}") String intakeTopic,
                                    @Value("${smartcustoms.cluster.decision-topic:smartcustoms.decisions}") String decisionTopic,
                                    @Value("${smartcustoms.cluster.partitions:12}") int partitions,
                                    @Value("${smartcustoms.cluster.worker-group:smartcustoms-intake-workers}") String group,
                                    @Value("${smartcustoms.cluster.node:}") String node) {
        String name = node.isBlank() ? "node-" + ProcessHandle.current().pid() : node;
        ClusterSettings s = new ClusterSettings(bootstrap.strip(), intakeTopic, decisionTopic, partitions, group, name);
        ClusterTopics.ensure(s);
        return s;
    }

    @Bean
    ClusterCodec clusterCodec() {
        return new ClusterCodec();
    }

    @Bean(destroyMethod = "close")
    IntakeLog intakeLog(ClusterSettings settings, ClusterCodec codec, DeclarationIntake intake, DeclarationValidator validator, Clock clock) {
        return new IntakeLog(settings, codec, intake, validator, clock);
    }

    @Bean(destroyMethod = "close")
    DecisionFeed decisionFeed(ClusterSettings settings, ClusterCodec codec, IntakeLog intakeLog) {
        return new DecisionFeed(settings, codec, intakeLog);
    }

    /** Manifests of low-value consignments: stored as uploads and queued on the intake log (ManifestController uses it). */
    @Bean
    ManifestLog manifestLog(ClusterSettings settings, ClusterCodec codec, IntakeLog intakeLog,
                            org.smartcustoms.server.consignment.ManifestIntake manifests,
                            org.smartcustoms.server.consignment.JdbcManifestUploads uploads, Clock clock) {
        return new ManifestLog(settings, codec, intakeLog, manifests, uploads, clock);
    }

    /** Only on worker nodes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnExpression("${smartcustoms.cluster.worker:false}")
    static class Worker {
        @Bean
        IntakeWorker intakeWorker(ClusterSettings settings, ClusterCodec codec, DeclarationIntake intake, Clock clock,
                                  JdbcAppliedChanges applied,
                                  org.springframework.transaction.PlatformTransactionManager transactions,
                                  org.smartcustoms.server.consignment.ManifestIntake manifestIntake,
                                  org.smartcustoms.server.consignment.JdbcManifestUploads uploads) {
            QueuedChanges changes = new QueuedChanges(intake, applied, transactions, clock);
            QueuedManifests manifests = new QueuedManifests(manifestIntake, uploads, settings, clock);
            return new IntakeWorker(settings, codec, intake, changes, manifests, clock);
        }
    }
}
