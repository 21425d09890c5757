package io.flightpath.bench;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sustained rate of full lifecycles through the services: closed-loop clients on virtual
 * threads, each running one lifecycle after another. A lifecycle counts once the relay has put it
 * into post-flight, and the window ends only when the handoff has drained what the clients finished.
 * The pipeline's handoff lag times the calls finished in the measured window.
 */
final class ServiceThroughput {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceThroughput.class);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(60);

    private final ServicePipeline pipeline;
    private final Accounts accounts;
    private final int clients;
    private final CpuMeter cpu;

    ServiceThroughput(ServicePipeline pipeline, Accounts accounts, int clients, CpuMeter cpu) {
        this.pipeline = pipeline;
        this.accounts = accounts;
        this.clients = clients;
        this.cpu = cpu;
    }

    Throughput run(Duration warmup, Duration measure) throws InterruptedException {
        LongAdder finished = new LongAdder();
        Failures failures = new Failures();
        long before = pipeline.handedOff();
        LoopThreads running = new LoopThreads();
        for (int i = 0; i < clients; i++) {
            running.start(() -> {
                try {
                    pipeline.lifecycle(accounts.any(), ServicePipeline.ApplyTimer.NONE);
                    finished.increment();
                } catch (RuntimeException e) {
                    failures.add(1, e);
                    LOG.debug("lifecycle failed", e);
                }
            });
        }
        Thread.sleep(warmup);
        long start = System.nanoTime();
        long handedAtStart = pipeline.handedOff();
        long failedAtStart = failures.count();
        long commitsAtStart = pipeline.commits();
        CpuMeter.Sample cpuAtStart = cpu.sample();
        pipeline.lag().start();
        Thread.sleep(measure);
        pipeline.lag().stop();
        running.stopAndJoin();
        // every lifecycle a client finished must reach post-flight before the clock stops
        pipeline.awaitHandedOff(before + finished.sum(), DRAIN_LIMIT);
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Throughput(pipeline.handedOff() - handedAtStart, pipeline.commits() - commitsAtStart, elapsed,
                cpu.sample().since(cpuAtStart), failures.count() - failedAtStart, failures.first());
    }
}
