package io.flightpath.shadow.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.flightpath.core.FlightpathException;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded, durable store of samples: at most {@code perField} samples for each endpoint and
 * field, at most {@code max} in all (the oldest go first), kept in a JSON-lines file that is
 * appended to and rewritten when it holds twice the samples kept. A restart reads the file back.
 * Thread-safe.
 */
public final class SampleStore implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleStore.class);
    static final ObjectMapper MAPPER = JsonMapper.builder().addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();

    private final Path file;
    private final int perField;
    private final int max;
    private final LinkedHashMap<String, Sample> samples = new LinkedHashMap<>();
    private final Map<String, Deque<String>> bySlot = new HashMap<>();
    private BufferedWriter out;
    private int lines;

    public SampleStore(Path folder, int perField, int max) {
        this.file = folder.resolve("samples.jsonl");
        this.perField = perField;
        this.max = max;
        try {
            Files.createDirectories(folder);
            if (Files.exists(file)) {
                load();
            }
            rewrite();
        } catch (IOException e) {
            throw FlightpathException.unavailable("cannot open the sample store %s: %s", file, e);
        }
    }

    private void load() throws IOException {
        int bad = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            try {
                keep(MAPPER.readValue(line, Sample.class));
            } catch (IOException e) {
                bad++; // a line cut short by a crash mid-write: the rest of the file is still good
            }
        }
        if (bad > 0) {
            LOG.warn("skipped {} unreadable lines in {}", bad, file);
        }
    }

    /** True when a sample for this endpoint and any of these fields would be kept. */
    public synchronized boolean wants(String endpoint, List<String> fields) {
        return fields.stream().anyMatch(f -> slot(endpoint, f).size() < perField);
    }

    /** Keeps the sample if any of its fields still wants one, and writes it to the file. */
    public synchronized void add(Sample sample) {
        if (!wants(sample.endpoint(), sample.fields())) {
            return;
        }
        keep(sample);
        try {
            out.write(MAPPER.writeValueAsString(sample));
            out.newLine();
            out.flush();
            if (++lines > 2 * max) {
                rewrite();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing a sample to " + file, e);
        }
    }

    private void keep(Sample sample) {
        for (String field : sample.fields()) {
            Deque<String> ids = slot(sample.endpoint(), field);
            if (ids.size() < perField) {
                ids.addLast(sample.id());
            }
        }
        samples.put(sample.id(), sample);
        while (samples.size() > max) {
            Sample oldest = samples.values().iterator().next();
            samples.remove(oldest.id());
            oldest.fields().forEach(f -> slot(oldest.endpoint(), f).remove(oldest.id()));
        }
    }

    private Deque<String> slot(String endpoint, String field) {
        return bySlot.computeIfAbsent(endpoint + "\n" + field, k -> new ArrayDeque<>());
    }

    /** Writes the kept samples to a new file and swaps it in, so the file never grows without bound. */
    private void rewrite() throws IOException {
        if (out != null) {
            out.close();
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (BufferedWriter w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            for (Sample s : samples.values()) {
                w.write(MAPPER.writeValueAsString(s));
                w.newLine();
            }
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        lines = samples.size();
        out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    public synchronized Optional<Sample> get(String id) {
        return Optional.ofNullable(samples.get(id));
    }

    /** The samples of an endpoint, newest first; of one field when {@code field} is not null. */
    public synchronized List<Sample> list(String endpoint, String field) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples.values()) {
            if (s.endpoint().equals(endpoint) && (field == null || s.fields().contains(field))) {
                out.addFirst(s);
            }
        }
        return out;
    }

    public synchronized int size() {
        return samples.size();
    }

    @Override
    public synchronized void close() {
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + file, e);
        }
    }
}
