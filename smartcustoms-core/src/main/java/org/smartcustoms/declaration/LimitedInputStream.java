package org.smartcustoms.declaration;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts bytes as a parser pulls them and fails as soon as the limit is passed, so huge input is never
 * buffered. Shared by the JSON and WCO XML readers.
 */
public final class LimitedInputStream extends FilterInputStream {
    public static final class TooLargeException extends IOException {
        TooLargeException(long limit) { super("input exceeds " + limit + " bytes"); }
    }

    private final long limit;
    private long count;
    private boolean exceeded;

    public LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    public boolean exceeded() { return exceeded; }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) add(1);
        return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        if (n > 0) add(n);
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        if (s > 0) add(s);
        return s;
    }

    private void add(long n) throws TooLargeException {
        count += n;
        if (count > limit) {
            exceeded = true;
            throw new TooLargeException(limit);
        }
    }
}
