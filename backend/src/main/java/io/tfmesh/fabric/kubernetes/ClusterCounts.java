package io.tfmesh.fabric.kubernetes;

/**
 * How much of its address blocks a cluster uses, in all namespaces.
 *
 * @param pods pods that hold an address of the pod network: not on their node's network, and
 * not finished ({@code Succeeded} or {@code Failed} pods give theirs back)
 * @param services services that hold a cluster IP: not headless, not {@code ExternalName}
 */
public record ClusterCounts(long pods, long services) {
}
