package io.tfmesh.mesh;

import org.jspecify.annotations.Nullable;

/** A cluster to add to a mesh. */
public record MemberRequest(@Nullable Long clusterId) {
}
