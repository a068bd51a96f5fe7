package org.smartcustoms.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/**
 * The open-model load's warm-up is excluded from what is measured: the measured requests start only once every
 * warm-up request was answered, so a backlog left by a slow (cold) server does not become theirs; and every
 * request is sent and answered once.
 */
class OpenLoadTest {

    @Test
    void measuredRequestsStartOnlyAfterEveryWarmUpRequestWasAnswered() throws Exception {
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            String which = exchange.getRequestHeaders().getFirst("X-Request");
            exchange.getRequestBody().readAllBytes();
            events.add("arrived " + which);
            if (which.startsWith("w")) {
                try {
                    Thread.sleep(150); // a cold server: the warm-up requests pile up
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            events.add("answered " + which);
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
        try {
            URI target = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
            long[] schedule = OpenLoad.schedule(100, 100, 1, 1); // 100 warm-up requests, then 100 measured
            int warm = schedule.length - 100;
            OpenLoad.Result r = OpenLoad.run(i -> HttpRequest.newBuilder(target).header("X-Request", (i < warm ? "w" : "m") + i)
                    .POST(HttpRequest.BodyPublishers.ofString("{}")), schedule, warm, 8, 30, null);

            assertThat(r.errors()).isZero();
            assertThat(r.status(201)).isEqualTo(200);
            assertThat(r.measured()).isEqualTo(100);
            assertThat(r.okLatencies()).hasSize(100);
            // the measured part's CPU: the load generator's threads are a part of the JVM's, both spent some
            assertThat(r.cpu().load()).isPositive();
            assertThat(r.cpu().process()).isGreaterThanOrEqualTo(r.cpu().load());
            List<String> seen = List.copyOf(events);
            int lastWarmUpAnswer = -1;
            int firstMeasuredArrival = Integer.MAX_VALUE;
            for (int i = 0; i < seen.size(); i++) {
                if (seen.get(i).startsWith("answered w")) lastWarmUpAnswer = i;
                if (seen.get(i).startsWith("arrived m")) firstMeasuredArrival = Math.min(firstMeasuredArrival, i);
            }
            assertThat(seen).filteredOn(e -> e.startsWith("answered w")).hasSize(warm);
            assertThat(firstMeasuredArrival).as("first measured request after the last warm-up answer").isGreaterThan(lastWarmUpAnswer);
        } finally {
            server.stop(0);
        }
    }

    /**
     * The plain HTTP/1.1 load generator of {@code bench http}: every request sent once with its own body, each answer's
     * status counted whether its body came with a length, chunked or not at all, and a connection the server closes
     * after an answer is opened again.
     */
    @Test
    void thePlainClientSendsEachRequestOnceAndReadsEveryKindOfAnswer() throws Exception {
        List<String> bodies = Collections.synchronizedList(new ArrayList<>());
        List<String> auth = Collections.synchronizedList(new ArrayList<>());
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.createContext("/submit", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            bodies.add(body);
            auth.add(exchange.getRequestHeaders().getFirst("Authorization") + " " + exchange.getRequestHeaders().getFirst("Content-Type"));
            int i = Integer.parseInt(body.replaceAll("\\D", ""));
            byte[] answer = ("{\"n\": " + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            switch (i % 4) {
                case 0 -> { // with a length
                    exchange.sendResponseHeaders(201, answer.length);
                    exchange.getResponseBody().write(answer);
                }
                case 1 -> { // chunked
                    exchange.sendResponseHeaders(200, 0);
                    exchange.getResponseBody().write(answer);
                    exchange.getResponseBody().write(answer);
                }
                case 2 -> exchange.sendResponseHeaders(422, -1); // no body
                default -> { // and the connection closed after it
                    exchange.getResponseHeaders().set("Connection", "close");
                    exchange.sendResponseHeaders(201, answer.length);
                    exchange.getResponseBody().write(answer);
                }
            }
            exchange.close();
        });
        server.start();
        try {
            long[] schedule = OpenLoad.schedule(200, 200, 0, 1); // 200 requests, none of them warm-up
            PlainHttpTransport plain = new PlainHttpTransport("127.0.0.1", server.getAddress().getPort(), "/submit",
                    List.of(new String[] {"Authorization", "Bearer t0k"}, new String[] {"Content-Type", "application/json"}),
                    i -> ("{\"i\": " + i + "}").getBytes(java.nio.charset.StandardCharsets.UTF_8), 4);
            OpenLoad.Result r = OpenLoad.run(plain, schedule, 0, 4, 30);

            assertThat(r.status(201)).isEqualTo(100);
            assertThat(r.status(200)).isEqualTo(50);
            assertThat(r.status(422)).isEqualTo(50);
            assertThat(r.failures()).containsOnlyKeys("HTTP 422");
            assertThat(r.errors()).isEqualTo(50);
            assertThat(r.okLatencies()).hasSize(150);
            assertThat(bodies).hasSize(200).doesNotHaveDuplicates();
            assertThat(auth).containsOnly("Bearer t0k application/json");
            assertThat(r.cpu().load()).as("the client's threads are counted as the load generator's").isPositive();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void aClientThreadThatEndsDuringTheRunIsNotSubtractedFromTheLoadGeneratorsCpu() throws InterruptedException {
        // another run's client thread, alive when the run starts and gone when it ends (CI saw a negative load so)
        Thread other = new Thread(() -> {
            long until = System.nanoTime() + 200_000_000L;
            long x = 0;
            while (System.nanoTime() < until) x += Long.numberOfTrailingZeros(x + 1);
            if (x == 42) System.out.print("");
        }, "bench-http-client-other");
        other.start();
        Thread.sleep(150);
        OpenLoad.Cpu.Reading start = OpenLoad.Cpu.Reading.now();
        other.join();
        long until = System.nanoTime() + 20_000_000L;
        while (System.nanoTime() < until) Thread.onSpinWait(); // this thread sends: its CPU counts

        OpenLoad.Cpu cpu = OpenLoad.Cpu.since(start);

        assertThat(cpu.load()).isPositive().isLessThanOrEqualTo(cpu.process());
    }
}
