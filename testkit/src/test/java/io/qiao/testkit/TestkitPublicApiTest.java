package io.qiao.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The testkit's public API is its own: a host's tests use the simulators without compiling against WireMock, so that
 * WireMock can be upgraded or replaced inside the testkit without breaking them.
 */
class TestkitPublicApiTest {

    @Test
    void publicApi_mentionsNoWireMockType() throws Exception {
        List<Class<?>> classes = testkitClasses();
        assertThat(classes).hasSizeGreaterThan(20);

        List<String> leaks = new ArrayList<>();
        for (Class<?> c : classes) {
            if (!isVisible(c)) {
                continue;
            }
            check(leaks, c + " extends", c.getGenericSuperclass());
            for (Type t : c.getGenericInterfaces()) {
                check(leaks, c + " implements", t);
            }
            for (Method m : c.getDeclaredMethods()) {
                if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
                    check(leaks, m + " returns", m.getGenericReturnType());
                    for (Type p : m.getGenericParameterTypes()) {
                        check(leaks, m + " takes", p);
                    }
                    for (Type x : m.getGenericExceptionTypes()) {
                        check(leaks, m + " throws", x);
                    }
                }
            }
            for (Constructor<?> k : c.getDeclaredConstructors()) {
                if (visible(k.getModifiers()) && !k.isSynthetic()) {
                    for (Type p : k.getGenericParameterTypes()) {
                        check(leaks, k + " takes", p);
                    }
                }
            }
            for (Field f : c.getDeclaredFields()) {
                if (visible(f.getModifiers()) && !f.isSynthetic()) {
                    check(leaks, f + " is", f.getGenericType());
                }
            }
        }
        assertThat(leaks).as("public or protected testkit members that expose WireMock").isEmpty();
    }

    private static void check(List<String> leaks, String where, Type type) {
        if (type == null) {
            return;
        }
        String name = type.getTypeName();
        // WireMock's own packages, and the Jetty/Guava/Jackson copies its standalone jar relocates under "wiremock.".
        if (name.contains("com.github.tomakehurst") || name.matches("(?s).*(^|[<, ])wiremock\\..*")) {
            leaks.add(where + " " + name);
        }
    }

    private static boolean isVisible(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            if (k.isAnonymousClass() || k.isLocalClass() || !visible(k.getModifiers())) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(int modifiers) {
        return Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers);
    }

    private static List<Class<?>> testkitClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(FaultPlan.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/qiao/testkit"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
                String name = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), ".");
                classes.add(Class.forName(name.substring(0, name.length() - ".class".length()), false,
                        TestkitPublicApiTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
