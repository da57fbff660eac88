package io.tfmesh.health.web;

/** A mesh on the home page, with how many conflicts it has open. */
public record MeshConflicts(long id, String name, long members, int conflicts) {
}
