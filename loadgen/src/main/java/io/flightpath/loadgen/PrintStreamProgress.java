package io.flightpath.loadgen;

import java.io.PrintStream;

/** Prints progress as plain lines, for a terminal's stderr or a log. */
public final class PrintStreamProgress implements Progress {
    private final PrintStream out;

    public PrintStreamProgress(PrintStream out) {
        this.out = out;
    }

    @Override
    public void update(ProgressLine line) {
        out.println(line.format());
    }

    @Override
    public void note(String text) {
        out.println("  " + text);
    }
}
