package io.flightpath.bench.shadow;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A closed-loop load: {@code connections} virtual threads, each with its own keep-alive socket,
 * send one GET and wait for its answer before the next. Raw sockets keep the generator's own cost
 * low, which matters when it shares the machine with what it measures.
 */
final class ClosedLoad {
    private final int connections;
    private final Duration warmUp;
    private final Duration measure;

    ClosedLoad(int connections, Duration warmUp, Duration measure) {
        this.connections = connections;
        this.warmUp = warmUp;
        this.measure = measure;
    }

    Measured run(URI target, String path, Map<String, String> headers) throws InterruptedException, ExecutionException {
        return run(target, path, headers, Measured.NO_CPU);
    }

    /** As {@link #run(URI, String, Map)}, with {@code cpu} read as the measure starts and ends. */
    Measured run(URI target, String path, Map<String, String> headers, LongSupplier cpu) throws InterruptedException, ExecutionException {
        StringBuilder head = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: " + target.getHost() + ":" + target.getPort()
                + "\r\nAccept: application/json\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        byte[] request = head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        return Measured.closedLoop(connections, warmUp, measure, cpu, (measureFrom, end, errors) -> loop(target, request, measureFrom, end, errors));
    }

    private static long[] loop(URI target, byte[] request, long measureFrom, long end, AtomicLong errors) {
        long[] latencies = new long[1024];
        int n = 0;
        while (System.nanoTime() < end) {
            try (Socket socket = new Socket(target.getHost(), target.getPort())) {
                socket.setTcpNoDelay(true);
                OutputStream out = socket.getOutputStream();
                ResponseReader in = new ResponseReader(socket.getInputStream());
                long now;
                while ((now = System.nanoTime()) < end) {
                    out.write(request);
                    out.flush();
                    int status = in.next();
                    long done = System.nanoTime();
                    if (status != 200) {
                        errors.incrementAndGet();
                    } else if (now >= measureFrom) {
                        if (n == latencies.length) {
                            latencies = Arrays.copyOf(latencies, n * 2);
                        }
                        latencies[n++] = (done - now) / 1000;
                    }
                }
            } catch (IOException e) {
                errors.incrementAndGet(); // a dropped connection: count it and open a new one
            }
        }
        return Arrays.copyOf(latencies, n);
    }
}
