package io.qiao.sync;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.hibernate.validator.HibernateValidator;
import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;

/**
 * Validators for the pipeline: Jakarta Bean Validation annotations on the record type, and composable rules
 * ({@link Rules}). Every violation names the field and the bad value, e.g.
 * {@code docDate: '2024/13/01' must match "\d{4}-\d{2}-\d{2}"}.
 */
public final class Validators {
    private Validators() {
    }

    /**
     * Checks the record's Jakarta Bean Validation annotations with Hibernate Validator. Messages use
     * parameter interpolation only, so no Expression Language implementation is needed on the classpath.
     * Build it once per job: the factory is costly, the validator is thread-safe.
     */
    public static <T> RecordValidator<T> beanValidation() {
        ValidatorFactory factory = Validation.byProvider(HibernateValidator.class)
                .configure()
                .messageInterpolator(new ParameterMessageInterpolator())
                .buildValidatorFactory();
        return beanValidation(factory.getValidator());
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
