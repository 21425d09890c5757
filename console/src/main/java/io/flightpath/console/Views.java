package io.flightpath.console;

import java.util.List;

/** What the templates show, computed here so that a template only lays it out. Immutable. */
public final class Views {
    private Views() {
    }

    /** One row of a list of calls or messages. */
    public record Row(String sid, String link, String to, String from, String status, boolean postFlight, String created) {
    }

    /** A filter of a list, as the API names it, with the label and input type the form shows. */
    public record Filter(String name, String label, String type, String value) {
    }

    /** One page of an account's calls or messages. */
    public record RecordList(String kind, String title, List<Filter> filters, List<Row> rows, int page, String first, String next) {
    }

    public record Field(String name, String value) {
    }

    /** A status a record reached and when, as the record's own times tell. */
    public record Moment(String status, String at, boolean postFlight, String what) {
    }

    public record RecordPage(String kind, String sid, String status, boolean postFlight, List<Moment> timeline, List<Field> fields, String back) {
    }

    /** A bar chart drawn as SVG: the bars' geometry in the chart's own units (viewBox). */
    public record BarChart(int width, int height, List<Bar> bars, String max) {
    }

    public record Bar(double x, double y, double width, double height, String color, String title, String label) {
    }

    /** A line chart drawn as SVG: each line's points in the chart's own units (viewBox). */
    public record LineChart(String title, int width, int height, String max, List<Line> lines, String from, String to) {
    }

    public record Line(String name, String color, String points, String last) {
    }

    /** One map drawn as a bar across the keyspace. */
    public record Keyspace(String kind, int version, List<Segment> segments) {
    }

    /** One range of a map; its label (null for none) reads from {@code labelX} on, or ends there when {@code labelEnds}. */
    public record Segment(double x, double width, String color, String shard, boolean frozen, String range, String label, double labelX,
                          boolean labelEnds) {
    }

    /**
     * A shard as the maps name it: its address, the share of the keyspace it owns, its ranges of
     * one key, and what it holds (null when the post-flight service did not say).
     */
    public record ShardRow(String name, String color, String address, int readRanges, int writeRanges, String share, List<Isolated> isolated,
                           Holds holds) {
    }

    /** A range of one key: its key, and the account a split isolated there (null when no split recorded one). */
    public record Isolated(String key, String account) {
    }

    /** What a shard holds: the accounts with records on it, and each table's rows and bytes. */
    public record Holds(String accounts, List<TableRow> tables) {
    }

    public record TableRow(String name, String rows, String data, String index) {
    }

    /** A routing or flags node: what it acknowledged and how old its lease is. */
    public record NodeRow(String id, String versions, String lastSeen, boolean live, boolean current) {
    }

    /** A persisted workflow (split or rollout) as its page shows it. */
    public record Workflow(long id, String title, String step, String state, boolean running, List<Stage> stages, List<Field> outputs,
                           String owner, String heartbeat, String inStep, String elapsed, String error, String started) {
    }

    /**
     * What a running split last reported of itself: the work of its step and its rate, the time
     * that step has left by that rate, the replication lag, the pacing, what it waits for, each
     * finished step's time, and how long ago it said so. A part it did not report is null.
     */
    public record Progress(String step, String work, String rate, String left, String lag, String throttle, String waits,
                           List<Field> stepTimes, String reported) {
    }

    /** An unfinished split and what it last reported (null before its first report). */
    public record RunningSplit(Workflow workflow, Progress progress) {
    }

    /** One step or phase of a workflow: done, the current one, or still to come. */
    public record Stage(String name, String mark, boolean current, boolean done, boolean pointOfNoReturn) {
    }

    /** One flag with its rules. */
    public record FlagRow(String name, String description, String kind, String defaultValue, String rollout, int accounts,
                          List<Field> explicit, boolean killed) {
    }

    public record ChangeRow(long version, String flag, String action, String by, String reason, String at) {
    }
}
