package io.qiao.sync.record;

import io.qiao.sync.SyncException;
import jakarta.validation.Configuration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.NoProviderFoundException;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Validators for the pipeline: Jakarta Bean Validation annotations on the record type, and composable rules
 * ({@link Rules}). Every violation names the field and the bad value, e.g.
 * {@code docDate: '2024/13/01' must match "\d{4}-\d{2}-\d{2}"}.
 */
public final class Validators {
    private static final String HIBERNATE_VALIDATOR = "org.hibernate.validator.";
    /**
     * Hibernate Validator announces its version (HV000001) at INFO through jboss-logging, which falls back to
     * java.util.logging, and so to stderr, unless the host uses Logback or Log4j. Held here because
     * java.util.logging keeps loggers weakly: a level set on an unreferenced logger would be forgotten.
     */
    private static final Logger HV_VERSION_BANNER = Logger.getLogger(HIBERNATE_VALIDATOR + "internal.util.Version");

    private Validators() {
    }

    /**
     * Checks the record's Jakarta Bean Validation annotations with the provider found through the standard bootstrap
     * ({@link Validation#byDefaultProvider()}): Hibernate Validator, which qiao-sync-core brings, unless the host
     * excludes it and brings another. With Hibernate Validator, messages use parameter interpolation only, so no
     * Expression Language implementation is needed on the class path. Build it once per job: the factory is costly,
     * the validator is thread-safe.
     *
     * @throws SyncException when no Bean Validation provider is on the class path
     */
    public static <T> RecordValidator<T> beanValidation() {
        quietVersionBanner(); // before the bootstrap: Hibernate Validator logs it while its configuration class loads
        Configuration<?> config;
        try {
            config = Validation.byDefaultProvider().configure();
        } catch (NoProviderFoundException e) {
            throw new SyncException("Validators.beanValidation() needs a Jakarta Bean Validation provider on the class "
                    + "path (qiao-sync-core brings Hibernate Validator unless it is excluded); add one, or pass your "
                    + "own Validator to Validators.beanValidation(validator)", e);
        }
        if (config.getClass().getName().startsWith(HIBERNATE_VALIDATOR)) {
            config.messageInterpolator(hibernateParameterInterpolator(config));
        }
        return beanValidation(config.buildValidatorFactory().getValidator());
    }

    /**
     * Hibernate Validator's own default interpolator needs Jakarta EL; its ParameterMessageInterpolator resolves
     * {@code {max}}-style parameters only. Loaded by name from the provider's class loader, so that this class
     * does not link to Hibernate Validator and a host with another provider never needs it.
     */
    private static MessageInterpolator hibernateParameterInterpolator(Configuration<?> config) {
        try {
            return (MessageInterpolator) Class.forName(
                            HIBERNATE_VALIDATOR + "messageinterpolation.ParameterMessageInterpolator", true,
                            config.getClass().getClassLoader())
                    .getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new SyncException("Validators.beanValidation() found Hibernate Validator without its "
                    + "ParameterMessageInterpolator; use Hibernate Validator 6 or later", e);
        }
    }

    /**
     * Only when the host has not set a level for the banner's logger itself: its choice wins. Harmless with another
     * provider, whose loggers are not this one.
     */
    private static void quietVersionBanner() {
        synchronized (HV_VERSION_BANNER) {
            if (HV_VERSION_BANNER.getLevel() == null) {
                HV_VERSION_BANNER.setLevel(Level.WARNING);
            }
        }
    }

    /** Adapts the host's own configured validator. */
    public static <T> RecordValidator<T> beanValidation(Validator validator) {
        Objects.requireNonNull(validator, "validator");
        return record -> {
            if (record == null) {
                return List.of(new Violation("", "the record is null"));
            }
            List<ConstraintViolation<T>> found = new ArrayList<>(validator.validate(record));
            // a stable order: by field, then message (the validator returns a set)
            found.sort(Comparator.comparing((ConstraintViolation<T> v) -> v.getPropertyPath().toString())
                    .thenComparing(ConstraintViolation::getMessage));
            List<Violation> violations = new ArrayList<>(found.size());
            for (ConstraintViolation<T> v : found) {
                Object bad = v.getInvalidValue();
                String shown = bad == null || bad instanceof Iterable<?> || bad.getClass().isArray() || bad == record
                        ? "" : "'" + Rules.abbreviate(String.valueOf(bad)) + "' ";
                violations.add(new Violation(v.getPropertyPath().toString(), shown + v.getMessage()));
            }
            return violations;
        };
    }
}
