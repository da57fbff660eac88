package io.tfmesh.mesh;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.tfmesh.system.error.FieldProblem;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What to allocate in a mesh.
 *
 * @param clusterIds the members to allocate for; all members when left out
 * @param kinds which CIDRs; pod, service and fabric when left out
 * @param prefixLengths a block length per kind, instead of the pool's default
 * @param expected addresses a cluster is expected to need per kind (pods, services); the block is
 * sized from it with {@code headroom} to spare, unless a prefix length is given
 * @param headroom the share to add to an expected size (1.0 doubles it)
 * @param asn whether to give each member a distinct ASN too
 */
public record AllocationRequest(@Nullable @Size(max = 500) List<Long> clusterIds, @Nullable List<Kind> kinds,
		@Nullable Map<Kind, Integer> prefixLengths, @Nullable Map<Kind, Long> expected,
		@Nullable @DecimalMin("0.0") @DecimalMax("10.0") Double headroom, @Nullable Boolean asn) {

	public AllocationRequest {
		clusterIds = clusterIds == null ? List.of() : List.copyOf(clusterIds);
		kinds = kinds == null || kinds.isEmpty() ? Kind.CLUSTER_KINDS : List.copyOf(kinds);
		prefixLengths = prefixLengths == null ? Map.of() : Map.copyOf(prefixLengths);
		expected = expected == null ? Map.of() : Map.copyOf(expected);
		headroom = headroom == null ? 1.0 : headroom;
		asn = asn == null || asn;
	}

	/**
	 * Kinds that no allocation makes: underlays come from the member clouds and reservations
	 * from their own operation.
	 */
	public List<FieldProblem> kindProblems() {
		List<FieldProblem> problems = new ArrayList<>();
		for (int i = 0; i < kinds.size(); i++) {
			refuse("kinds[" + i + "]", kinds.get(i), problems);
		}
		prefixLengths.keySet().stream().sorted().forEach(kind -> refuse("prefixLengths." + kind.id(), kind, problems));
		expected.keySet().stream().sorted().forEach(kind -> refuse("expected." + kind.id(), kind, problems));
		return problems;
	}

	private static void refuse(String field, Kind kind, List<FieldProblem> problems) {
		if (!kind.ofCluster()) {
			problems.add(new FieldProblem(field, "is " + kind.id()
					+ ", which is not allocated; allowed values are pod, service and fabric"
					+ (kind == Kind.RESERVED ? " (reserve a block with POST /api/v1/meshes/{id}/reservations)" : "")));
		}
	}

	public static AllocationRequest everything() {
		return new AllocationRequest(null, null, null, null, null, null);
	}

}
