package io.flightpath.bench.capacity;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one kind of machine was measured to do, the inputs of the capacity model: per post-flight
 * shard (records inserted, point reads and pages a second, bytes a record takes with its indexes,
 * and the disk a shard may fill), the split's rates, one in-flight store's call lifecycles a
 * second, and the share of a measured rate a plan may use. Read from a JSON file that names the
 * benchmark each figure came from; nothing here is a constant of the code.
 *
 * @param machine     the machine the figures were measured on, in words
 * @param measured    when, in words (a date)
 * @param utilisation share of a measured rate a plan fills (0 < u <= 1): the rest is headroom
 *                    for peaks, a split's copy and the tail latency of a busy server
 * @param sources     which command measured each figure, by figure name
 */
public record CapacityFigures(String machine, String measured, double utilisation, Shard shard, Split split, Inflight inflight,
                              Map<String, String> sources) {
    private static final ObjectMapper JSON = JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /**
     * One post-flight shard.
     *
     * @param insertsPerSecond    records a shard takes a second in the handoff's batched inserts
     * @param pointReadsPerSecond single-record fetches a second
     * @param pagesPerSecond      pages of an account's records a second
     * @param bytesPerRecord      bytes one record takes on disk, its indexes included
     * @param storageBytes        bytes of records one shard may hold: a choice of the operator,
     *                            sized for the server's disk and for how long one split of it may take
     */
    public record Shard(double insertsPerSecond, double pointReadsPerSecond, double pagesPerSecond, double bytesPerRecord,
                        double storageBytes) {
    }

    /**
     * The online split's rates, in rows of the shard being split.
     *
     * @param copyRowsPerSecond    the clone's paced copy
     * @param deleteRowsPerSecond  the deletion of foreign rows, both sides together
     * @param rebuildRowsPerSecond the rebuild of both sides' tables afterwards
     */
    public record Split(double copyRowsPerSecond, double deleteRowsPerSecond, double rebuildRowsPerSecond) {
    }

    /** @param lifecyclesPerSecond whole call lifecycles (create, three events, handoff) one in-flight store serves a second */
    public record Inflight(double lifecyclesPerSecond) {
    }

    public CapacityFigures {
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(split, "split");
        Objects.requireNonNull(inflight, "inflight");
        sources = sources == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(sources)); // written in a stable order
        if (!(utilisation > 0 && utilisation <= 1)) {
            throw new IllegalArgumentException("utilisation must be > 0 and <= 1, was " + utilisation);
        }
        positive("shard.insertsPerSecond", shard.insertsPerSecond());
        positive("shard.pointReadsPerSecond", shard.pointReadsPerSecond());
        positive("shard.pagesPerSecond", shard.pagesPerSecond());
        positive("shard.bytesPerRecord", shard.bytesPerRecord());
        positive("shard.storageBytes", shard.storageBytes());
        positive("split.copyRowsPerSecond", split.copyRowsPerSecond());
        positive("split.deleteRowsPerSecond", split.deleteRowsPerSecond());
        positive("split.rebuildRowsPerSecond", split.rebuildRowsPerSecond());
        positive("inflight.lifecyclesPerSecond", inflight.lifecyclesPerSecond());
    }

    private static void positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive number, was " + value);
        }
    }

    /** Reads a figures file; a missing file, bad JSON or a figure out of range is one clear message. */
    public static CapacityFigures read(Path file) {
        try {
            return JSON.readValue(Files.readString(file), CapacityFigures.class);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("no figures file at " + file);
        } catch (IOException e) {
            Throwable cause = e.getCause() instanceof IllegalArgumentException bad ? bad : e;
            throw new IllegalArgumentException("cannot read the figures in " + file + ": " + firstLine(cause.getMessage()));
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int end = message.indexOf('\n');
        return end < 0 ? message : message.substring(0, end);
    }
}
