package io.tfmesh.observe;

/**
 * A cluster was read and what was read is stored: its contrail-status readings are as fresh as
 * any the health collectors take.
 */
public record ClusterObserved(ObservedState state) {
}
