package org.smartcustoms.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.smartcustoms.server.SmartCustomsApplication;
import org.smartcustoms.server.TestDatabases;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Graceful shutdown (server.shutdown=graceful): once the server is asked to stop, it accepts no new connection, but a
 * submission already in flight (its body still arriving) is completed, committed and answered 201 before the server
 * closes. A server of its own, since the test stops it.
 */
class GracefulShutdownTest {
    private static final String TOKEN = "graceful-test-token";

    @Test
    void requestInFlightCompletesWhileNewConnectionsAreRefused(@TempDir Path data) throws Exception {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--server.address=127.0.0.1",
                "--SMARTCUSTOMS_BOOTSTRAP_TOKEN=" + TOKEN, "--smartcustoms.demo.enabled=false",
                "--smartcustoms.data-dir=" + data, "--spring.main.banner-mode=off"));
        TestDatabases.h2().forEach((k, v) -> args.add("--" + k + "=" + v));
        ConfigurableApplicationContext ctx = SmartCustomsApplication.start(args.toArray(String[]::new));
        int port = Integer.parseInt(ctx.getEnvironment().getProperty("local.server.port"));
        assertThat(ctx.getEnvironment().getProperty("server.shutdown")).isEqualTo("graceful");

        String lrn = "LRN-GS-" + UUID.randomUUID().toString().substring(0, 8);
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/declaration-import.json")) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("LRN-TEST-0001", lrn).getBytes(StandardCharsets.UTF_8);
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (Socket inFlight = new Socket("127.0.0.1", port)) {
            OutputStream out = inFlight.getOutputStream();
            out.write(("POST /api/v1/declarations HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + TOKEN
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, 100);
            out.flush();
            awaitActiveRequest(ctx);
            CompletableFuture<Void> closing = CompletableFuture.runAsync(ctx::close);
            awaitRefused(http, port);
            assertThat(closing).as("waits for the request in flight").isNotDone();

            out.write(body, 100, body.length - 100);
            out.flush();
            String answer = readAll(inFlight.getInputStream());
            assertThat(answer).startsWith("HTTP/1.1 201").contains("\"lrn\":\"" + lrn + "\"");
            closing.get(60, TimeUnit.SECONDS);
        } finally {
            if (ctx.isActive()) ctx.close();
        }
    }

    /** Waits until the submission is being served (counted by the intake's in-flight gauge). */
    private static void awaitActiveRequest(ConfigurableApplicationContext ctx) throws InterruptedException {
        OperationsMetrics metrics = ctx.getBean(OperationsMetrics.class);
        for (int i = 0; i < 600 && metrics.submissionsInFlight() == 0; i++) Thread.sleep(50);
        assertThat(metrics.submissionsInFlight()).as("the submission is in flight").isEqualTo(1);
    }

    /** New connections are refused once the connector is paused; retried briefly while shutdown starts. */
    private static void awaitRefused(HttpClient http, int port) throws Exception {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(5)).build();
        for (int i = 0; i < 100; i++) {
            try {
                HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2)).build();
                fresh.send(health, HttpResponse.BodyHandlers.ofString());
                Thread.sleep(100);
            } catch (java.io.IOException refused) {
                return;
            }
        }
        assertThatThrownBy(() -> http.send(health, HttpResponse.BodyHandlers.ofString())).as("new requests refused").isInstanceOf(java.io.IOException.class);
    }

    private static String readAll(InputStream in) throws Exception {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
