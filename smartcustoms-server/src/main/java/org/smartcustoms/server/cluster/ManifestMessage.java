package org.smartcustoms.server.cluster;

import java.time.Instant;
import java.util.Objects;

import org.smartcustoms.consignment.Manifest;

/**
 * A manifest of low-value consignments queued on the intake log (docs/cluster.md): the manifest id the API node
 * answered with, the header, who uploaded it and when. The body is not in the message (up to 200 MB): it is the
 * {@code manifest_upload} row of the same id, written before this message. Keyed by the submitting party; marked with
 * the record header {@value #KIND_HEADER} = {@value #KIND} so workers tell it from an {@link IntakeMessage}.
 */
public record ManifestMessage(String manifestId, Manifest header, String username, Instant acceptedAt) {
    static final String KIND_HEADER = "smartcustoms-kind";
    static final String KIND = "manifest";

    public ManifestMessage {
        Objects.requireNonNull(manifestId, "manifestId");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(acceptedAt, "acceptedAt");
    }

    String key() {
        return header.submitterParty();
    }

    static boolean is(org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> r) {
        org.apache.kafka.common.header.Header h = r.headers().lastHeader(KIND_HEADER);
        return h != null && KIND.equals(new String(h.value(), java.nio.charset.StandardCharsets.UTF_8));
    }

    org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> record(String topic, ClusterCodec codec) {
        var r = new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key(), codec.write(this));
        r.headers().add(KIND_HEADER, KIND.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return r;
    }
}
