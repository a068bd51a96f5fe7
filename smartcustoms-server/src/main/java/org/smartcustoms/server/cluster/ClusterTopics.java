package org.smartcustoms.server.cluster;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the intake and decision topics when they do not exist yet: {@code partitions} partitions (the most
 * workers that can share the intake), replication factor and min.insync.replicas as the brokers' defaults
 * (bin/kafka --brokers 3: 3 and 2). In production the topics are created by the operators (docs/cluster.md).
 */
final class ClusterTopics {
    private ClusterTopics() { }

    static void ensure(ClusterSettings settings) {
        create(settings, "intake and decision topics", java.util.stream.Stream.of(settings.intakeTopic(), settings.decisionTopic())
                .map(t -> new NewTopic(t, Optional.of(settings.partitions()), Optional.empty()))
                .toList());
    }

    /**
     * Creates those of {@code topics} that do not exist yet (another node creating one meanwhile is fine); a broker that
     * does not answer within 30 s is an {@link IllegalStateException} naming {@code what}.
     */
    static void create(ClusterSettings settings, String what, List<NewTopic> topics) {
        try (Admin admin = Admin.create(settings.client("admin"))) {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            List<NewTopic> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
            if (missing.isEmpty()) return;
            try {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) throw e; // another node created it meanwhile
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the " + what + " on " + settings.bootstrap() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the " + what, e);
        }
    }
}
