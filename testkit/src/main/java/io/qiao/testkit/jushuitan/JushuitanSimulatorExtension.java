package io.qiao.testkit.jushuitan;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one simulator per test class and {@linkplain JushuitanSimulator#reset() resets} it before each test,
 * so tests share the start-up cost but not each other's tokens, faults or counters.
 *
 * <pre>{@code
 * @RegisterExtension
 * static JushuitanSimulatorExtension jst = JushuitanSimulatorExtension.create(b -> b.documents(300));
 *
 * @Test void lists(JushuitanSimulator simulator) { ... }
 * }</pre>
 */
public final class JushuitanSimulatorExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        ParameterResolver {
    private final JushuitanSimulator simulator;

    private JushuitanSimulatorExtension(JushuitanSimulator simulator) {
        this.simulator = simulator;
    }

    public static JushuitanSimulatorExtension create() {
        return create(b -> { });
    }

    public static JushuitanSimulatorExtension create(Consumer<JushuitanSimulator.Builder> configure) {
        JushuitanSimulator.Builder b = JushuitanSimulator.builder();
        Objects.requireNonNull(configure, "configure").accept(b);
        return new JushuitanSimulatorExtension(b.build());
    }

    public JushuitanSimulator simulator() {
        return simulator;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        simulator.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        simulator.stop();
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
