package io.tfmesh.fabric.kubernetes;

/**
 * One {@code envFrom} entry of a container spec: every key of a ConfigMap or Secret becomes an
 * environment variable, with the prefix before it.
 *
 * @param kind {@code ConfigMap} or {@code Secret}
 */
public record EnvSource(String kind, String name, String prefix, boolean optional) {
}
