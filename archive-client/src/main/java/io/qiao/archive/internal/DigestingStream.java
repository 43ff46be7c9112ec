package io.qiao.archive.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.function.Consumer;

/**
 * A file's content as it is sent: counted and digested while it streams; at its end the size is checked against the
 * one announced (a body that contradicts its Content-Length must fail, not arrive short) and the SHA-256 published.
 */
public final class DigestingStream extends FilterInputStream {
    private final MessageDigest digest = sha256();
    private final String fileName;
    private final long size;
    private final Consumer<String> onSha256;
    private long count;
    private boolean ended;

    public DigestingStream(InputStream in, String fileName, long size, Consumer<String> onSha256) {
        super(in);
        this.fileName = fileName;
        this.size = size;
        this.onSha256 = onSha256;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = in.read(b, off, len);
        if (n > 0) {
            digest.update(b, off, n);
            count += n;
            if (count > size) {
                throw new IOException(fileName + " grew while it was being uploaded (expected " + size + " bytes)");
            }
        } else if (n < 0 && !ended) {
            ended = true;
            if (count != size) {
                throw new IOException(fileName + " changed while it was being uploaded (expected " + size
                        + " bytes, read " + count + ")");
            }
            onSha256.accept(HexFormat.of().formatHex(digest.digest()));
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        throw new IOException("skipping would corrupt the digest");
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
