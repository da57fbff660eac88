package io.tfmesh.mesh;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.mesh.planner.AddressSpace;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Setting;
import org.jspecify.annotations.Nullable;

/**
 * The CIDR of one kind a cluster uses now, as its observed sources tell it. A cluster keeps it
 * only when every source that says something names the same single CIDR: kube-manager's
 * setting, the TF IPAM and, for services, kubeadm's serviceSubnet (the API server hands out
 * ClusterIPs from it). For pods, TF's word is the IPAMs the pod network references, and under IP
 * fabric forwarding KUBERNETES_POD_SUBNETS has none. Sources that disagree mean the cluster
 * needs a fix anyway; a source that was not read means nothing can be agreed.
 */
final class CurrentCidrs {

	private CurrentCidrs() {
	}

	static Optional<Cidr> agreed(@Nullable ObservedState observed, Kind kind) {
		if (observed == null || unknown(observed, kind) != null) {
			return Optional.empty();
		}
		Set<String> named = new LinkedHashSet<>();
		Setting setting = observed.kubeManagerSetting(kind.kubeManagerKey());
		if (setting != null && setting.value() != null && !setting.value().isBlank()
				&& !(kind == Kind.POD && forwardingOn(observed))) {
			List<String> subnets = List.of(setting.value().trim().split("\\s+"));
			if (subnets.size() != 1) {
				return Optional.empty();
			}
			named.add(subnets.get(0));
		}
		List<String> ipam = tfSubnets(observed, kind);
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
	 * Why the CIDR of a kind that a member uses now cannot be known from its observation: a source
	 * that did not answer, or a setting that comes from one; null when it can be.
	 */
	static @Nullable String unknown(ObservedState observed, Kind kind) {
		List<String> why = new ArrayList<>();
		if (observed.tungstenFabric() == null) {
			why.add("the TF config API was not read");
		}
		Setting setting = observed.kubeManagerSetting(kind.kubeManagerKey());
		if (setting != null && setting.unknown()) {
			why.add("kube-manager's " + setting.key() + " is unknown (" + setting.origin() + ")");
		}
		if (kind == Kind.POD && observed.tungstenFabric() != null
				&& (observed.forwarding() == null || !observed.forwarding().known())) {
			why.add("the IPAMs of the pod network are unknown ("
					+ (observed.forwarding() == null ? "not read" : observed.forwarding().source()) + ")");
		}
		if (kind == Kind.SERVICE && !observed.read(ObservedState.KUBEADM_SOURCE)) {
			why.add("kubeadm-config was not read");
		}
		return why.isEmpty() ? null : String.join("; ", why);
	}

	/** Whether the pod network takes its addresses from the ip-fabric IPAM. */
	static boolean forwardingOn(ObservedState observed) {
		return observed.forwarding() != null && observed.forwarding().on();
	}

	/**
	 * What TF says of a kind: for pods, the subnets of the IPAMs the pod network references (the
	 * ip-fabric IPAM's under IP fabric forwarding); for the others, the IPAM kube-manager
	 * provisions for the kind.
	 */
	static List<String> tfSubnets(ObservedState observed, Kind kind) {
		if (kind == Kind.POD && observed.forwarding() != null && observed.forwarding().known()) {
			return observed.forwarding().podSubnets();
		}
		if (kind == Kind.POD && observed.forwarding() != null) {
			return List.of();
		}
		return ipamSubnets(observed, kind);
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
			Optional<Cidr> kubeadm = kubeadmServiceSubnet(observed, kind);
			if (kubeadm.isPresent() && pool.contains(kubeadm.get()) && space.isFree(kubeadm.get())) {
				return new Decision(kubeadm.get(), "the API server hands out cluster IPs from kubeadm's serviceSubnet "
						+ kubeadm.get() + ", so TF is brought to it; it is inside the pool and collides with nothing");
			}
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

	/**
	 * kubeadm's serviceSubnet when the sources of a service range disagree but were all read:
	 * existing Services hold cluster IPs from it and kubeadm cannot be changed without
	 * reinstalling the control plane, whereas kube-manager and the service IPAM can follow it.
	 */
	static Optional<Cidr> kubeadmServiceSubnet(@Nullable ObservedState observed, Kind kind) {
		if (kind != Kind.SERVICE || observed == null || unknown(observed, kind) != null || observed.kubeadm() == null
				|| observed.kubeadm().serviceSubnet() == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(Cidr.parse(observed.kubeadm().serviceSubnet()));
		}
		catch (InvalidCidrException ex) {
			return Optional.empty();
		}
	}

	/** Why no current CIDR was kept, for the allocation's reason. */
	static String why(@Nullable ObservedState observed, Kind kind) {
		if (observed == null) {
			return "the cluster has not been observed, so its current CIDRs are unknown";
		}
		String unknown = unknown(observed, kind);
		if (unknown != null) {
			return "its current " + kind.id() + " CIDR is unknown, so none was kept: " + unknown;
		}
		return "its sources do not agree on one " + kind.id() + " CIDR";
	}

	static List<String> ipamSubnets(ObservedState observed, Kind kind) {
		if (observed.tungstenFabric() == null) {
			return List.of();
		}
		String cluster = observed.tfClusterName();
		if (cluster == null) {
			return List.of();
		}
		String name = kind.ipamName(cluster);
		return observed.tungstenFabric()
			.networkIpams()
			.stream()
			.filter(ipam -> !ipam.fqName().isEmpty() && name.equals(ipam.fqName().get(ipam.fqName().size() - 1)))
			.map(NetworkIpam::subnets)
			.findFirst()
			.orElse(List.of());
	}

}
