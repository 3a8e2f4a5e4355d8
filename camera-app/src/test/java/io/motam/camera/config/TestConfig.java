package io.motam.camera.config;

import io.smallrye.config.WithDefault;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A config mapping outside Quarkus: each method answers the value in {@code values} under its
 * kebab-case key, else its {@link WithDefault}, else empty; converted as SmallRye would for the
 * types our mappings use.
 */
public final class TestConfig {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private TestConfig() {}

    public static <T> T of(Class<T> mapping, Map<String, String> values) {
        Object proxy = Proxy.newProxyInstance(mapping.getClassLoader(), new Class<?>[] {mapping}, (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("toString") ? mapping.getSimpleName() : m.invoke(values, args);
            }
            String key = m.getName().replaceAll("([A-Z])", "-$1").toLowerCase();
            WithDefault def = m.getAnnotation(WithDefault.class);
            String raw = values.containsKey(key) ? values.get(key) : def == null ? null : def.value();
            Type type = m.getGenericReturnType();
            if (m.getReturnType() == Optional.class) {
                Type inner = ((ParameterizedType) type).getActualTypeArguments()[0];
                return raw == null ? Optional.empty() : Optional.of(convert(raw, inner));
            }
            if (raw == null) {
                throw new IllegalStateException("no value for " + key);
            }
            return convert(raw, type);
        });
        return mapping.cast(proxy);
    }

    private static Object convert(String raw, Type type) {
        if (type == String.class) {
            return raw;
        }
        if (type == int.class || type == Integer.class) {
            return Integer.parseInt(raw.strip());
        }
        if (type == double.class || type == Double.class) {
            return Double.parseDouble(raw.strip());
        }
        if (type == boolean.class) {
            return Boolean.parseBoolean(raw.strip());
        }
        if (type == Path.class) {
            return Path.of(raw);
        }
        if (type == Duration.class) {
            Matcher d = DURATION.matcher(raw.strip());
            if (!d.matches()) {
                return Duration.parse(raw);
            }
            long n = Long.parseLong(d.group(1));
            return switch (d.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            };
        }
        if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            return Arrays.stream(raw.split(","))
                    .map(v -> convert(v, pt.getActualTypeArguments()[0]))
                    .toList();
        }
        throw new IllegalArgumentException("unsupported config type " + type);
    }
}
