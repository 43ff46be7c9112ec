package io.qiao.samples;

/** Bad command-line usage: the CLI prints the message and exits with 64 (EX_USAGE). */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
