package io.tfmesh.mesh;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A mesh as the API returns it: its settings and how much it holds, without its members and
 * blocks, which are listed page by page ({@code /members}, {@code /allocations}).
 *
 * @param applyOnApproval whether approved plans start by themselves
 * @param changeWindow when plans may start, null when at any time
 */
public record MeshSummary(long id, String name, String description, long asnMin, long asnMax,
		List<MeshView.PoolView> pools, Counts counts, Instant createdAt, Instant updatedAt, long version,
		boolean applyOnApproval, @Nullable ChangeWindow changeWindow) {

	/**
	 * @param members clusters in the mesh
	 * @param withAsn members the planner gave an ASN
	 * @param allocated pod, service and fabric blocks handed to members
	 * @param underlays underlay blocks of member clouds
	 * @param reserved blocks set aside by admins
	 */
	public record Counts(long members, long withAsn, long allocated, long underlays, long reserved) {
	}

	static MeshSummary of(MeshView mesh, Counts counts) {
		return new MeshSummary(mesh.id(), mesh.name(), mesh.description(), mesh.asnMin(), mesh.asnMax(), mesh.pools(),
				counts, mesh.createdAt(), mesh.updatedAt(), mesh.version(), mesh.applyOnApproval(), mesh.changeWindow());
	}

}
