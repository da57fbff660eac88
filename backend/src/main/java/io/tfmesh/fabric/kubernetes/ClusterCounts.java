package io.tfmesh.fabric.kubernetes;

/** How many pods and services a cluster runs, in all namespaces: the use of its address blocks. */
public record ClusterCounts(long pods, long services) {
}
