package bbr.testbed.s3;

import bbr.testbed.vm.TestBedException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntConsumer;

/**
 * A plain-HTTP front of the S3 server that passes every request through, one per connection, while it logs what
 * each asked for and was answered, and shows the faults s3proxy cannot: {@code 503 SlowDown}, a flipped byte in
 * transit. Stopping it cuts every connection in flight, as a server that goes away does.
 */
final class FaultFront implements AutoCloseable {

    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final int MAX_HEAD = 64 * 1024;
    private static final String SLOW_DOWN_BODY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown"
            + "</Code><Message>Please reduce your request rate.</Message><RequestId>testbed</RequestId></Error>";

    private volatile InetSocketAddress upstream;
    private final S3Faults faults;
    private final List<S3Request> log;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService threads = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "s3-front");
        thread.setDaemon(true);
        return thread;
    });
    private volatile ServerSocket listener;
    private int port;

    FaultFront(InetSocketAddress upstream, S3Faults faults, List<S3Request> log) {
        this.upstream = upstream;
        this.faults = faults;
        this.log = log;
    }

    /** Listens on {@code host}: on a new port the first time, on the same one after {@link #stop}. */
    synchronized void start(String host) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port), 64);
            port = socket.getLocalPort();
            listener = socket;
            threads.execute(() -> accept(socket));
        } catch (IOException e) {
            throw new TestBedException("cannot listen on " + host + ":" + port, e);
        }
    }

    /** Where requests go: s3proxy's port, which the front learns once s3proxy has started. */
    void upstream(InetSocketAddress address) {
        this.upstream = address;
    }

    int port() {
        return port;
    }

    /** Stops listening and cuts every connection, whatever it was in the middle of. */
    synchronized void stop() {
        ServerSocket socket = listener;
        listener = null;
        closeQuietly(socket);
        open.forEach(FaultFront::closeQuietly);
        open.clear();
    }

    @Override
    public void close() {
        stop();
        threads.shutdownNow();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                open.add(client);
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // stopped
            }
        }
    }

    private void serve(Socket client) {
        try (client; Socket server = new Socket()) {
            open.add(server);
            InputStream in = client.getInputStream();
            byte[] head = readHead(in);
            if (head == null) {
                return;
            }
            RequestHead request = RequestHead.parse(head);
            Optional<S3Faults.Action> fault = faults.next(request.operation());
            if (fault.isPresent() && fault.get() == S3Faults.Action.SLOW_DOWN) {
                slowDown(request, in, client.getOutputStream());
                return;
            }
            if (fault.isPresent() && fault.get() == S3Faults.Action.HOLD) {
                hold(client);
                return;
            }
            server.connect(upstream);
            OutputStream toServer = server.getOutputStream();
            toServer.write(request.withConnectionClose());
            long corruptAt = fault.isPresent() ? request.contentLength() / 2 : -1;
            threads.execute(() -> pipe(in, toServer, corruptAt));
            relayResponse(server.getInputStream(), client.getOutputStream(), status -> record(request, status));
        } catch (IOException e) {
            // a connection cut by stop(), or by either side: the client sees it as such
        } finally {
            open.remove(client);
        }
    }

    /** Answers nothing, reading nothing more, until stop() closes the connection. */
    private void hold(Socket client) throws IOException {
        faults.holding();
        while (!client.isClosed()) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("held request interrupted");
            }
        }
    }

    private void slowDown(RequestHead request, InputStream in, OutputStream out) throws IOException {
        if (!request.expectsContinue()) {
            in.skipNBytes(Math.max(0, request.contentLength()));
        }
        byte[] body = SLOW_DOWN_BODY.getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 503 Slow Down\r\nContent-Type: application/xml\r\nContent-Length: " + body.length
                + "\r\nConnection: close\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        if (!request.method().equals("HEAD")) {
            out.write(body);
        }
        out.flush();
        record(request, 503);
    }

    /**
     * Relays interim (1xx) answers and the final one, then the rest of the stream. The final status is logged
     * before the client sees it, so that a test that has its answer also finds it in the log.
     */
    private static void relayResponse(InputStream in, OutputStream out, IntConsumer finalStatus) throws IOException {
        int status = 0;
        while (status < 200) {
            byte[] head = readHead(in);
            if (head == null) {
                finalStatus.accept(0);
                return;
            }
            String statusLine = new String(head, 0, Math.min(head.length, 16), StandardCharsets.US_ASCII);
            status = Integer.parseInt(statusLine.substring(9, 12));
            if (status >= 200) {
                finalStatus.accept(status);
            }
            out.write(head);
            out.flush();
        }
        in.transferTo(out);
        out.flush();
    }

    private void pipe(InputStream in, OutputStream out, long corruptAt) {
        byte[] buffer = new byte[64 * 1024];
        long offset = 0;
        try {
            for (int n; (n = in.read(buffer)) > 0; offset += n) {
                if (corruptAt >= offset && corruptAt < offset + n) {
                    buffer[(int) (corruptAt - offset)] ^= 0x01;
                }
                out.write(buffer, 0, n);
            }
        } catch (IOException e) {
            // the exchange ended: the other direction closes both sockets
        }
    }

    private void record(RequestHead request, int status) {
        synchronized (log) {
            log.add(new S3Request(Instant.now(), request.operation(), request.method(), request.path(),
                    request.query(), status));
        }
    }

    /** The bytes up to and including the blank line after the headers; null when the stream ends first. */
    private static byte[] readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream(512);
        int matched = 0;
        while (matched < HEAD_END.length) {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            if (head.size() >= MAX_HEAD) {
                throw new IOException("HTTP head longer than " + MAX_HEAD + " bytes");
            }
            head.write(b);
            matched = b == HEAD_END[matched] ? matched + 1 : b == HEAD_END[0] ? 1 : 0;
        }
        return head.toByteArray();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException e) {
                // closing
            }
        }
    }

    /** The request line and headers of one request. */
    private record RequestHead(String method, String path, String query, List<String> headers) {

        static RequestHead parse(byte[] head) throws IOException {
            String[] lines = new String(head, StandardCharsets.ISO_8859_1).split("\r\n");
            String[] requestLine = lines[0].split(" ");
            if (requestLine.length != 3) {
                throw new SocketException("not an HTTP request: " + lines[0]);
            }
            String target = requestLine[1];
            int question = target.indexOf('?');
            List<String> headers = new ArrayList<>(List.of(lines).subList(1, lines.length));
            return new RequestHead(requestLine[0], question < 0 ? target : target.substring(0, question),
                    question < 0 ? null : target.substring(question + 1), headers);
        }

        S3Operation operation() {
            return S3Operation.of(method, path, query);
        }

        long contentLength() {
            return header("content-length").map(Long::parseLong).orElse(0L);
        }

        boolean expectsContinue() {
            return header("expect").filter(v -> v.equalsIgnoreCase("100-continue")).isPresent();
        }

        Optional<String> header(String name) {
            return headers.stream().filter(h -> h.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                    .map(h -> h.substring(name.length() + 1).trim()).findFirst();
        }

        /** The head as it goes on: one request per connection, so that each answer belongs to one request. */
        byte[] withConnectionClose() {
            StringBuilder out = new StringBuilder(method).append(' ').append(path)
                    .append(query == null ? "" : "?" + query).append(" HTTP/1.1\r\n");
            for (String header : headers) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:")) {
                    out.append(header).append("\r\n");
                }
            }
            return out.append("Connection: close\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
