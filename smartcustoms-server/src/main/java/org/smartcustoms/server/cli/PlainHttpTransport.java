package org.smartcustoms.server.cli;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * The load generator of {@code bench http}: plain HTTP/1.1 over keep-alive sockets, one blocking thread per connection
 * ({@code bench-http-client-N}), each request written from bytes prepared before the run (request line and headers
 * once, the body as generated), the answer's status read and its body skipped. It costs the shared cores a fraction of
 * what the JDK's {@code HttpClient} does (no request objects, no futures, no body decoding), so that the load it puts
 * on the machine is mostly the server's. Only what the benchmark needs: POST, a fixed path and headers, answers with
 * {@code Content-Length} or chunked bodies; a connection the server closes, or that failed, is opened again.
 */
final class PlainHttpTransport implements OpenLoad.Transport {
    private final InetSocketAddress address;
    private final byte[] head;
    private final IntFunction<byte[]> bodies;
    private final ThreadPoolExecutor threads;
    private final ThreadLocal<Connection> connection = new ThreadLocal<>();
    private final List<Connection> all = java.util.Collections.synchronizedList(new ArrayList<>());

    /**
     * Requests {@code POST path} to {@code host:port} with {@code headers} (name and value, e.g. Authorization) and
     * the body {@code bodies.apply(i)}, over at most {@code connections} connections.
     */
    PlainHttpTransport(String host, int port, String path, List<String[]> headers, IntFunction<byte[]> bodies, int connections) {
        this.address = new InetSocketAddress(host, port);
        this.bodies = bodies;
        StringBuilder h = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: ").append(host).append(':').append(port).append("\r\n");
        for (String[] kv : headers) {
            if (kv[0].indexOf('\n') >= 0 || kv[1].indexOf('\n') >= 0 || kv[0].indexOf('\r') >= 0 || kv[1].indexOf('\r') >= 0) {
                throw new IllegalArgumentException("header with a line break");
            }
            h.append(kv[0]).append(": ").append(kv[1]).append("\r\n");
        }
        this.head = h.append("Content-Length: ").toString().getBytes(StandardCharsets.ISO_8859_1);
        AtomicInteger n = new AtomicInteger();
        this.threads = new ThreadPoolExecutor(connections, connections, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "bench-http-client-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void send(int index, long timeoutNanos, OpenLoad.Answer done) {
        long deadline = System.nanoTime() + timeoutNanos;
        threads.execute(() -> {
            int status;
            try {
                status = exchange(index, deadline);
            } catch (IOException | RuntimeException e) {
                Connection c = connection.get();
                if (c != null) c.close();
                connection.remove();
                done.answered(0, e);
                return;
            }
            done.answered(status, null);
        });
    }

    private int exchange(int index, long deadline) throws IOException {
        Connection c = connection.get();
        if (c != null && System.nanoTime() - c.lastUsed > IDLE_NANOS) { // the server may have closed it meanwhile
            c.close();
        }
        if (c == null || c.closed) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) throw new SocketTimeoutException("no time left to connect");
            c = new Connection(address, (int) Math.min(10_000, left));
            all.add(c);
            connection.set(c);
        }
        byte[] body = bodies.apply(index);
        c.out.write(head);
        c.out.write(Integer.toString(body.length).getBytes(StandardCharsets.ISO_8859_1));
        c.out.write(CRLF_CRLF);
        c.out.write(body);
        c.out.flush();
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        c.socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, left)));
        int status = c.readAnswer();
        c.lastUsed = System.nanoTime();
        return status;
    }

    /** A connection idle this long is opened again rather than reused (servers close idle connections after a while). */
    private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(5);

    @Override
    public void close() {
        threads.shutdownNow();
        synchronized (all) {
            all.forEach(Connection::close);
        }
    }

    private static final byte[] CRLF_CRLF = {'\r', '\n', '\r', '\n'};

    /** One keep-alive connection, used by one thread at a time. */
    static final class Connection {
        final Socket socket;
        final OutputStream out;
        final InputStream in;
        volatile boolean closed;
        long lastUsed = System.nanoTime();
        private final StringBuilder line = new StringBuilder(128);

        Connection(InetSocketAddress address, int connectTimeoutMillis) throws IOException {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(address, connectTimeoutMillis);
            out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        /** Reads one answer: its status; the body is skipped. The connection is closed when the server said so. */
        int readAnswer() throws IOException {
            String status = readLine();
            if (!status.startsWith("HTTP/1.") || status.length() < 12) throw new IOException("not an HTTP/1.x answer: " + status);
            int code = Integer.parseInt(status.substring(9, 12));
            long length = -1;
            boolean chunked = false, close = status.startsWith("HTTP/1.0");
            for (String h = readLine(); !h.isEmpty(); h = readLine()) {
                int colon = h.indexOf(':');
                if (colon < 0) continue;
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    default -> { }
                }
            }
            if (chunked) {
                for (long size = Long.parseLong(chunkSize(readLine()), 16); size > 0; size = Long.parseLong(chunkSize(readLine()), 16)) {
                    skip(size);
                    readLine();
                }
                while (!readLine().isEmpty()) { } // trailers
            } else if (length > 0) {
                skip(length);
            } else if (length < 0 && code != 204 && code != 304 && code >= 200) {
                close = true; // a body up to the end of the connection
                while (in.read() >= 0) { }
            }
            if (close) close();
            return code;
        }

        private static String chunkSize(String l) {
            int semi = l.indexOf(';');
            return (semi < 0 ? l : l.substring(0, semi)).trim();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long k = in.skip(n);
                if (k <= 0) {
                    if (in.read() < 0) throw new EOFException("connection closed in the middle of an answer");
                    k = 1;
                }
                n -= k;
            }
        }

        private String readLine() throws IOException {
            line.setLength(0);
            for (int b = in.read(); ; b = in.read()) {
                if (b < 0) throw new EOFException("connection closed by the server");
                if (b == '\n') break;
                if (b != '\r') line.append((char) b);
            }
            return line.toString();
        }

        void close() {
            closed = true;
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
