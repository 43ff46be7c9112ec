package io.qiao.testkit.archive;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Runs an {@link ArchiveSimulator} for a test class: started before the first test, {@linkplain ArchiveSimulator#reset()
 * reset} before each test (records, tokens, counters and faults forgotten), stopped after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static ArchiveSimulatorExtension archive = new ArchiveSimulatorExtension();
 *
 * @Test void pushes() { ... archive.simulator().baseUrl() ... }
 * }</pre>
 *
 * With {@code @ExtendWith(ArchiveSimulatorExtension.class)}, test methods receive the simulator as a parameter.
 */
public final class ArchiveSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {
    private final ArchiveSimulator simulator;

    public ArchiveSimulatorExtension() {
        this(new ArchiveSimulator());
    }

    /** Runs a simulator configured by the caller ({@link ArchiveSimulator#builder()}). */
    public ArchiveSimulatorExtension(ArchiveSimulator simulator) {
        this.simulator = simulator;
    }

    public ArchiveSimulator simulator() {
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator.start();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.start();
        simulator.reset();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.stop();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext extension) {
        return parameter.getParameter().getType() == ArchiveSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext extension) {
        return simulator;
    }
}
