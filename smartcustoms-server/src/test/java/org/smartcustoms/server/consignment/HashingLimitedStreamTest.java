package org.smartcustoms.server.consignment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.smartcustoms.server.web.PayloadTooLargeException;

/** The body limit holds for a body without (or with a false) Content-Length: counted while reading. */
class HashingLimitedStreamTest {
    @Test
    void countsHashesAndCutsOffAtTheLimit() throws Exception {
        byte[] body = "0123456789".getBytes();
        ManifestIntake.HashingLimitedStream ok = new ManifestIntake.HashingLimitedStream(new ByteArrayInputStream(body), 10);
        assertThat(ok.readAllBytes()).isEqualTo(body);
        assertThat(ok.count()).isEqualTo(10);
        assertThat(ok.sha256()).isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)));
        ManifestIntake.HashingLimitedStream over = new ManifestIntake.HashingLimitedStream(new ByteArrayInputStream(body), 9);
        assertThatThrownBy(over::readAllBytes).isInstanceOf(PayloadTooLargeException.class).hasMessageContaining("9 bytes");
    }

    @Test
    void singleByteReadsCountToo() throws IOException {
        ManifestIntake.HashingLimitedStream in = new ManifestIntake.HashingLimitedStream(new ByteArrayInputStream(new byte[3]), 2);
        in.read();
        in.read();
        assertThatThrownBy(in::read).isInstanceOf(PayloadTooLargeException.class);
    }
}
