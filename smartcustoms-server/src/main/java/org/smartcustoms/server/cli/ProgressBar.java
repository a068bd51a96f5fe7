package org.smartcustoms.server.cli;

import java.io.PrintStream;

/** A console progress bar for long jobs: redrawn at most ten times a second, rows per second shown. */
final class ProgressBar {
    private final PrintStream out;
    private final long total;
    private final long start = System.nanoTime();
    private long done;
    private long lastDraw;

    ProgressBar(PrintStream out, long total) {
        this.out = out;
        this.total = Math.max(total, 1);
    }

    synchronized void step() {
        done++;
        long now = System.nanoTime();
        if (now - lastDraw > 100_000_000L) {
            lastDraw = now;
            draw();
        }
    }

    synchronized void done() {
        draw();
        out.println();
    }

    private void draw() {
        double frac = Math.min(1.0, done / (double) total);
        int width = 30;
        int filled = (int) Math.round(frac * width);
        double secs = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
        out.printf("\r[%s%s] %3d%% %,d/%,d rows  %,.0f rows/s", "#".repeat(filled), ".".repeat(width - filled),
                Math.round(frac * 100), done, total, done / secs);
        out.flush();
    }
}
