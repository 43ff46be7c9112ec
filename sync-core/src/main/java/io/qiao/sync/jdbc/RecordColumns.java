package io.qiao.sync.jdbc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Reads Java records' components straight into value arrays, one snake_case column per component: the sink's
 * hot path when no {@link RowMapper} is given, without a Map per row.
 */
final class RecordColumns {
    private final ConcurrentMap<Class<?>, Shape> shapes = new ConcurrentHashMap<>();
    /** The last class asked about and its shape: a batch is almost always of one class. */
    private volatile Shape last;

    /** The shape of {@code record}'s class, or null when it is not a Java record. */
    Shape shapeOf(Object record) {
        Class<?> type = record.getClass();
        Shape known = last;
        if (known != null && known.type() == type) {
            return known;  // Class.isRecord() is a native call: not once per row
        }
        if (!type.isRecord()) {
            return null;
        }
        Shape shape = shapes.computeIfAbsent(type, RecordColumns::shape);
        last = shape;
        return shape;
    }

    private static Shape shape(Class<?> type) {
        RecordComponent[] components = type.getRecordComponents();
        List<String> columns = new ArrayList<>(components.length);
        MethodHandle[] accessors = new MethodHandle[components.length];
        for (int i = 0; i < components.length; i++) {
            columns.add(RowMapper.snakeCase(components[i].getName()));
            try {
                components[i].getAccessor().setAccessible(true);
                // (Object)Object so that invokeExact applies: no per-call type adaptation on the hot path.
                accessors[i] = MethodHandles.lookup().unreflect(components[i].getAccessor())
                        .asType(MethodType.methodType(Object.class, Object.class));
            } catch (IllegalAccessException | RuntimeException e) {
                throw new IllegalArgumentException("cannot read the components of record " + type.getName()
                        + ": give the sink a RowMapper", e);
            }
        }
        return new Shape(type, List.copyOf(columns), accessors);
    }

    /** A record class's columns and component accessors, in declaration order. */
    record Shape(Class<?> type, List<String> columns, MethodHandle[] accessors) {
        Object[] values(Object record) {
            Object[] values = new Object[accessors.length];
            for (int i = 0; i < values.length; i++) {
                try {
                    values[i] = (Object) accessors[i].invokeExact(record);
                } catch (RuntimeException | Error e) {
                    throw e;
                } catch (Throwable t) {
                    throw new IllegalStateException("cannot read " + record.getClass().getSimpleName() + "."
                            + columns.get(i), t);
                }
            }
            return values;
        }
    }
}
