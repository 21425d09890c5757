package io.flightpath.console;

import io.flightpath.console.Views.Bar;
import io.flightpath.console.Views.BarChart;
import io.flightpath.console.Views.Keyspace;
import io.flightpath.console.Views.Line;
import io.flightpath.console.Views.LineChart;
import io.flightpath.console.Views.Segment;
import io.flightpath.core.sharding.KeyRange;
import io.flightpath.core.sharding.ShardMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The geometry of the console's charts, drawn by the templates as plain SVG: no script, nothing
 * to download, and a test can read the numbers in the page.
 */
final class Charts {
    static final List<String> PALETTE = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1",
            "#ff9da7", "#9c755f", "#bab0ac");
    static final int WIDTH = 1000;
    static final int HEIGHT = 200;
    /** A range too small to see (an isolated account) still gets this many units of the bar. */
    static final double MIN_SEGMENT = 4;
    private static final double KEYSPACE = 18446744073709551616.0; // 2^64

    private Charts() {
    }

    /** The colour of a shard: by its number when it is named shardN, so it keeps its colour on every page. */
    static String color(String shard, List<String> all) {
        String digits = shard.replaceAll("\\D", "");
        int n = digits.isEmpty() || digits.length() > 6 ? all.indexOf(shard) : Integer.parseInt(digits);
        return PALETTE.get(Math.floorMod(n, PALETTE.size()));
    }

    /** Groups of bars, one group per label, one bar per series in it (calls and messages per day). */
    static BarChart pairedBars(List<String> labels, List<long[]> values, List<String> series) {
        long max = 1;
        for (long[] v : values) {
            for (long x : v) {
                max = Math.max(max, x);
            }
        }
        double group = (double) WIDTH / Math.max(1, labels.size());
        double bar = group * 0.8 / series.size();
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            for (int s = 0; s < series.size(); s++) {
                long v = values.get(i)[s];
                double h = (double) v / max * (HEIGHT - 20);
                bars.add(new Bar(round(i * group + group * 0.1 + s * bar), round(HEIGHT - h), round(bar), round(h),
                        PALETTE.get(s), labels.get(i) + ": " + v + " " + series.get(s), s == 0 ? labels.get(i).substring(5) : null));
            }
        }
        return new BarChart(WIDTH, HEIGHT, bars, Long.toString(max));
    }

    /** Lines over time, every line scaled to the largest value of all; {@code values[i]} is null where a sample is missing. */
    static LineChart lines(String title, String unit, List<String> names, List<List<Double>> values, String from, String to) {
        double max = 0;
        for (List<Double> line : values) {
            for (Double v : line) {
                if (v != null) {
                    max = Math.max(max, v);
                }
            }
        }
        double top = max <= 0 ? 1 : max * 1.1;
        List<Line> lines = new ArrayList<>();
        for (int l = 0; l < names.size(); l++) {
            List<Double> line = values.get(l);
            StringBuilder points = new StringBuilder();
            double step = line.size() <= 1 ? 0 : (double) WIDTH / (line.size() - 1);
            Double last = null;
            for (int i = 0; i < line.size(); i++) {
                Double v = line.get(i);
                if (v == null) {
                    continue;
                }
                points.append(round(i * step)).append(',').append(round(HEIGHT - v / top * HEIGHT)).append(' ');
                last = v;
            }
            lines.add(new Line(names.get(l), PALETTE.get(l % PALETTE.size()), points.toString().strip(),
                    last == null ? "—" : format(last) + " " + unit));
        }
        return new LineChart(title, WIDTH, HEIGHT, format(max) + " " + unit, lines, from, to);
    }

    /**
     * A map as a bar across the keyspace: one segment per range, coloured by shard; frozen ranges
     * marked, and ranges of one key labelled with the account isolated there ({@code accounts}, by
     * key), else with the key.
     */
    static Keyspace keyspace(String kind, ShardMap map, List<String> shards, Map<Long, String> accounts) {
        List<Segment> segments = new ArrayList<>();
        for (ShardMap.Entry e : map.entries()) {
            KeyRange r = e.range();
            double x = unsigned(r.start()) / KEYSPACE * WIDTH;
            double w = Math.max(MIN_SEGMENT, (unsigned(r.end()) - unsigned(r.start()) + 1) / KEYSPACE * WIDTH);
            boolean isolated = r.start() == r.end();
            double left = round(Math.min(x, WIDTH - w));
            // a label in the right half ends at its range, so that it stays inside the bar
            boolean ends = left > WIDTH / 2.0;
            segments.add(new Segment(left, round(w), color(e.shard(), shards), e.shard(), e.frozen(), r.toString(),
                    isolated ? "isolated " + accounts.getOrDefault(r.start(), hex(r.start())) : null, ends ? round(left + w) : left, ends));
        }
        return new Keyspace(kind, map.version(), segments);
    }

    static double share(List<KeyRange> ranges) {
        double total = 0;
        for (KeyRange r : ranges) {
            total += unsigned(r.end()) - unsigned(r.start()) + 1;
        }
        return total / KEYSPACE;
    }

    static String hex(long key) {
        return String.format("%016x", key);
    }

    static String format(double v) {
        return v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
                : String.format(Locale.ROOT, "%.2f", v);
    }

    private static double unsigned(long v) {
        return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }
}
