package io.tfmesh.mesh;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.observe.ObservedState;
import org.jspecify.annotations.Nullable;

/**
 * The CIDR of one kind a cluster uses now, as its observed sources tell it. A cluster keeps it
 * only when every source that says something names the same single CIDR: kube-manager's
 * setting, the TF IPAM and, for services, kubeadm's serviceSubnet (the API server hands out
 * ClusterIPs from it). Sources that disagree mean the cluster needs a fix anyway.
 */
final class CurrentCidrs {

	private CurrentCidrs() {
	}

	static Optional<Cidr> agreed(@Nullable ObservedState observed, Kind kind) {
		if (observed == null) {
			return Optional.empty();
		}
		Set<String> named = new LinkedHashSet<>();
		String setting = observed.setting(kind.kubeManagerKey());
		if (setting != null && !setting.isBlank()) {
			List<String> subnets = List.of(setting.trim().split("\\s+"));
			if (subnets.size() != 1) {
				return Optional.empty();
			}
			named.add(subnets.get(0));
		}
		List<String> ipam = ipamSubnets(observed, kind);
		if (ipam.size() > 1) {
			return Optional.empty();
		}
		named.addAll(ipam);
		if (kind == Kind.SERVICE && observed.kubeadm() != null && observed.kubeadm().serviceSubnet() != null) {
			named.add(observed.kubeadm().serviceSubnet());
		}
		if (named.size() != 1) {
			return Optional.empty();
		}
		try {
			return Optional.of(Cidr.parse(named.iterator().next()));
		}
		catch (InvalidCidrException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Whether a member keeps the CIDR of one kind it uses now, and why.
	 *
	 * @param kept the CIDR it keeps, null when it gets a new block
	 * @param reason for people: why it keeps it, or why not
	 */
	record Decision(@Nullable Cidr kept, String reason) {

		boolean keeps() {
			return kept != null;
		}

	}

	/**
	 * A member keeps its current CIDR of a kind only when its sources agree on one, it lies inside
	 * the pool and it overlaps nothing taken in the mesh's space.
	 */
	static Decision decide(@Nullable ObservedState observed, Kind kind, Cidr pool, AddressSpace space) {
		Optional<Cidr> current = agreed(observed, kind);
		if (current.isEmpty()) {
			return new Decision(null, why(observed, kind));
		}
		Cidr cidr = current.get();
		if (!pool.contains(cidr)) {
			return new Decision(null, "its current " + cidr + " is outside the pool " + pool);
		}
		if (!space.isFree(cidr)) {
			return new Decision(null, "its current " + cidr + " collides with "
					+ space.overlapping(cidr).stream().map(Cidr::toString).toList());
		}
		return new Decision(cidr, "the cluster already uses " + cidr + ", which is inside the pool and collides with nothing");
	}

	/** Why no current CIDR was kept, for the allocation's reason. */
	static String why(@Nullable ObservedState observed, Kind kind) {
		if (observed == null) {
			return "the cluster has not been observed, so its current CIDRs are unknown";
		}
		return "its sources do not agree on one " + kind.id() + " CIDR";
	}

	static List<String> ipamSubnets(ObservedState observed, Kind kind) {
		if (observed.tungstenFabric() == null) {
			return List.of();
		}
		String cluster = observed.setting("KUBERNETES_CLUSTER_NAME");
		String name = kind.ipamName(cluster == null || cluster.isBlank() ? "k8s" : cluster);
		return observed.tungstenFabric()
			.networkIpams()
			.stream()
			.filter(ipam -> !ipam.fqName().isEmpty() && name.equals(ipam.fqName().get(ipam.fqName().size() - 1)))
			.map(NetworkIpam::subnets)
			.findFirst()
			.orElse(List.of());
	}

}
