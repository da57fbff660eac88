package io.tfmesh.inventory;

/** A cluster was registered through the dashboard or the API and wants its first observation. */
public record ClusterRegistered(long clusterId, String clusterName) {
}
