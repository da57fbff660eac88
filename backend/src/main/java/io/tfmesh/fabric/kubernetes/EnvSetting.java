package io.tfmesh.fabric.kubernetes;

import org.jspecify.annotations.Nullable;

/**
 * One {@code env} entry of a container spec.
 *
 * @param value the literal value, when the spec gives one
 * @param configMap with {@code configMapKey}: the ConfigMap key it is taken from
 * ({@code valueFrom.configMapKeyRef})
 * @param otherSource {@code secretKeyRef}, {@code fieldRef} or {@code resourceFieldRef}: a value
 * tfmesh does not read
 */
public record EnvSetting(String name, @Nullable String value, @Nullable String configMap, @Nullable String configMapKey,
		@Nullable String otherSource) {
}
