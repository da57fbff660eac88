package io.tfmesh.mesh;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.tfmesh.net.Cidr;
import io.tfmesh.observe.ObservedState;
import org.jspecify.annotations.Nullable;

/**
 * One member's values side by side: what its last observation found (with the source of each)
 * and what the mesh planned for it. The two are kept apart so that no cell mixes them.
 *
 * @param observedAt when the member was last observed, null when never
 */
public record ObservedPlanned(long clusterId, String clusterName, @Nullable Instant observedAt, List<Row> rows) {

	/**
	 * @param what {@code pod}, {@code service}, {@code fabric} or {@code ASN}
	 * @param observed each value found, with its source; empty when nothing was found
	 * @param unknown why the observed value is unknown, null when it was read
	 * @param planned what the mesh gave the member, null when it gave nothing yet
	 * @param matches whether every observed value is the planned one
	 */
	public record Row(String what, List<String> observed, @Nullable String unknown, @Nullable String planned,
			boolean matches) {
	}

	static ObservedPlanned of(MeshView.MemberView member, @Nullable ObservedState observed,
			List<AllocationView> allocations) {
		List<Row> rows = new ArrayList<>();
		List<ConflictFinder.Claim> claims = observed == null ? List.of()
				: ConflictFinder.claims(member.clusterName(), observed);
		for (Kind kind : Kind.CLUSTER_KINDS) {
			String planned = allocations.stream()
				.filter(block -> block.kind() == kind && Long.valueOf(member.clusterId()).equals(block.clusterId()))
				.map(AllocationView::cidr)
				.findFirst()
				.orElse(null);
			List<ConflictFinder.Claim> found = claims.stream().filter(claim -> claim.kind() == kind).toList();
			String unknown = observed == null ? "never observed" : CurrentCidrs.unknown(observed, kind);
			boolean matches = planned != null && !found.isEmpty() && unknown == null
					&& found.stream().allMatch(claim -> claim.cidr().equals(Cidr.parse(planned)));
			rows.add(new Row(kind.id(), found.stream().map(claim -> claim.cidr() + " (" + claim.source() + ")").toList(),
					unknown, planned, matches));
		}
		Long asn = observed == null || observed.tungstenFabric() == null ? null
				: observed.tungstenFabric().autonomousSystem();
		String asnUnknown = observed == null ? "never observed"
				: observed.tungstenFabric() == null ? "the TF config API was not read" : null;
		rows.add(new Row("ASN", asn == null ? List.of() : List.of(asn + " (TF global-system-config)"), asnUnknown,
				member.asn() == null ? null : member.asn().toString(), asn != null && asn.equals(member.asn())));
		return new ObservedPlanned(member.clusterId(), member.clusterName(), observed == null ? null : observed.observedAt(),
				rows);
	}

}
