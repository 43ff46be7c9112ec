package io.qiao.archive;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The base of test classes whose tests run against every {@link ArchiveBackend} (REST; SOAP 1.1 and 1.2, files as
 * base64 or MTOM): started once per class, reset before each test; a test takes one with
 * {@code @ParameterizedTest(name = "{0}") @MethodSource("backends")}.
 */
public abstract class OverEveryArchiveBackend {
    private static List<ArchiveBackend> backends;

    @BeforeAll
    static void startBackends() {
        backends = ArchiveBackend.startAll();
    }

    @AfterAll
    static void stopBackends() {
        backends.forEach(ArchiveBackend::close);
    }

    protected static Stream<ArchiveBackend> backends() {
        return backends.stream();
    }

    @BeforeEach
    void resetBackends() {
        backends.forEach(ArchiveBackend::reset);
    }
}
