package io.qiao.testkit.jushuitan;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one simulator per test class and {@linkplain JushuitanSimulator#reset() resets} it before each test,
 * so tests share the start-up cost but not each other's tokens, faults or counters. Registered on an instance
 * field, it sees no class callbacks and runs one simulator per test instead, stopped after that test.
 *
 * <pre>{@code
 * @RegisterExtension
 * static JushuitanSimulatorExtension jst = JushuitanSimulatorExtension.create(b -> b.documents(300));
 *
 * @Test void lists(JushuitanSimulator simulator) { ... }
 * }</pre>
 */
public final class JushuitanSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private final JushuitanSimulator simulator;
    private boolean perClass;

    /** With the default simulator ({@link JushuitanSimulator#create()}); the same as {@link #create()}. */
    public JushuitanSimulatorExtension() {
        this(b -> { });
    }

    /** With the builder adjusted before the simulator is built; the same as {@link #create(Consumer)}. */
    public JushuitanSimulatorExtension(Consumer<JushuitanSimulator.Builder> configuration) {
        JushuitanSimulator.Builder b = JushuitanSimulator.builder();
        Objects.requireNonNull(configuration, "configuration").accept(b);
        this.simulator = b.build();
    }

    public static JushuitanSimulatorExtension create() {
        return create(b -> { });
    }

    public static JushuitanSimulatorExtension create(Consumer<JushuitanSimulator.Builder> configure) {
        return new JushuitanSimulatorExtension(Objects.requireNonNull(configure, "configure"));
    }

    public JushuitanSimulator simulator() {
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        perClass = true;
        simulator.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.stop();
        perClass = false;
    }

    /** Registered on an instance field, the extension sees no class callbacks: it then lives for one test. */
    @Override
    public void afterEach(ExtensionContext context) {
        if (!perClass) {
            simulator.stop();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        simulator.start();
        simulator.reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == JushuitanSimulator.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return simulator;
    }
}
