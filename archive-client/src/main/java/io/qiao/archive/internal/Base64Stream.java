package io.qiao.archive.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;

/**
 * The base64 text (RFC 4648, no line breaks) of a stream, encoded as it is read, so that a file travels inside a SOAP
 * element without ever being in memory whole. The JDK's encoder only wraps output streams; the HTTP client pulls.
 */
public final class Base64Stream extends InputStream {
    /** Read in multiples of 3 bytes, so that only the last block can carry padding. */
    private static final int BLOCK = 3 * 16 * 1024;

    private final InputStream in;
    private final byte[] raw = new byte[BLOCK];
    private byte[] encoded = new byte[0];
    private int pos;
    private boolean eof;

    public Base64Stream(InputStream in) {
        this.in = in;
    }

    /** The length of the base64 text of {@code bytes} bytes. */
    public static long encodedLength(long bytes) {
        return 4 * ((bytes + 2) / 3);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos == encoded.length && !fill()) {
            return -1;
        }
        int n = Math.min(len, encoded.length - pos);
        System.arraycopy(encoded, pos, b, off, n);
        pos += n;
        return n;
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int filled = 0;
        while (filled < BLOCK) {
            int n = in.read(raw, filled, BLOCK - filled);
            if (n < 0) {
                eof = true;
                break;
            }
            filled += n;
        }
        if (filled == 0) {
            return false;
        }
        encoded = Base64.getEncoder().encode(filled == BLOCK ? raw : java.util.Arrays.copyOf(raw, filled));
        pos = 0;
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
