package io.tfmesh.mesh;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tfmesh.inventory.CloudService;
import io.tfmesh.inventory.ClusterService;
import io.tfmesh.mesh.MeshView.MemberView;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SettingDrift;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;

/**
 * Finds what collides in a mesh as its clusters really are: overlapping CIDRs between members
 * (any kind against any kind), with underlays and reservations; disagreement inside one cluster
 * between kubeadm, kube-manager and the TF IPAMs (TF does not update an IPAM that has subnets
 * when the ConfigMap changes, so all three must be compared); reused ASNs and TF cluster names.
 */
@Component
class ConflictFinder {

	private final ObservationService observations;

	private final ClusterService clusters;

	private final CloudService clouds;

	private final AllocationStore allocations;

	ConflictFinder(ObservationService observations, ClusterService clusters, CloudService clouds,
			AllocationStore allocations) {
		this.observations = observations;
		this.clusters = clusters;
		this.clouds = clouds;
		this.allocations = allocations;
	}

	/** A CIDR one source of a cluster names for one kind. */
	record Claim(String cluster, Kind kind, Cidr cidr, String source) {

		String describe() {
			return cluster + " " + kind.id() + " " + cidr + " (" + source + ")";
		}

	}

	/**
	 * One member as the finder needs it.
	 *
	 * @param observed its latest observation, null when it was never observed
	 * @param inventoryAsn the ASN the inventory gives it; read only when the observation has no
	 * ASN of TF's global-system-config, so it may be null otherwise
	 */
	record Member(String cluster, @Nullable ObservedState observed, @Nullable Long inventoryAsn) {
	}

	/** The underlay CIDRs of one member cloud, as the inventory spells them. */
	record CloudUnderlays(String cloud, List<String> cidrs) {
	}

	/** A reserved block of the mesh. */
	record Reservation(String cidr, String note) {
	}

	List<Conflict> find(MeshView mesh) {
		List<Member> members = new ArrayList<>();
		for (MemberView member : mesh.members()) {
			ObservedState state = observations.latest(member.clusterId()).orElse(null);
			Long inventoryAsn = observedAsn(state) == null ? clusters.get(member.clusterId()).bgpAsn() : null;
			members.add(new Member(member.clusterName(), state, inventoryAsn));
		}
		// each cloud's underlays once, not once per member
		Map<String, CloudUnderlays> underlays = new LinkedHashMap<>();
		mesh.members()
			.forEach(member -> underlays.computeIfAbsent(member.cloudName(),
					name -> new CloudUnderlays(name, clouds.get(member.cloudId()).underlayCidrs())));
		List<Reservation> reservations = allocations.list(mesh.id())
			.stream()
			.filter(allocation -> allocation.kind() == Kind.RESERVED)
			.map(allocation -> new Reservation(allocation.cidr(), allocation.note()))
			.toList();
		return find(members, List.copyOf(underlays.values()), reservations);
	}

	/**
	 * The conflicts of a mesh with these members, member clouds and reservations: first the
	 * members that were never observed, then overlaps between members, overlaps inside members,
	 * overlaps with underlays and reservations, drift, duplicate ASNs and duplicate TF cluster names.
	 */
	static List<Conflict> find(List<Member> members, List<CloudUnderlays> underlays, List<Reservation> reservations) {
		List<Conflict> conflicts = new ArrayList<>();
		Map<String, ObservedState> observed = new LinkedHashMap<>();
		for (Member member : members) {
			if (member.observed() == null) {
				conflicts.add(new Conflict("info", "not-observed", List.of(member.cluster()), List.of(), List.of(),
						member.cluster() + " was never observed, so its CIDRs and ASN are unknown; observe it"));
			}
			else {
				observed.put(member.cluster(), member.observed());
				if (!member.observed().complete()) {
					conflicts.add(new Conflict("info", "incomplete", List.of(member.cluster()), List.of(),
							member.observed().failedSources(), member.cluster()
									+ "'s last observation is incomplete; what its failed sources would tell is "
									+ "unknown and is compared with nothing: " + String.join(", ",
											member.observed().failedSources())));
				}
			}
		}
		Map<String, List<Claim>> claims = new LinkedHashMap<>();
		observed.forEach((cluster, state) -> claims.put(cluster, claims(cluster, state)));
		overlapsBetweenMembers(claims, conflicts);
		overlapsInsideMembers(claims, forwarding(observed), conflicts);
		overlapsWithUnderlaysAndReservations(underlays, reservations, claims, conflicts);
		drift(claims, conflicts);
		settingDrift(observed, conflicts);
		duplicateAsns(members, conflicts);
		duplicateClusterNames(observed, conflicts);
		return conflicts;
	}

	private static @Nullable Long observedAsn(@Nullable ObservedState state) {
		return state != null && state.tungstenFabric() != null ? state.tungstenFabric().autonomousSystem() : null;
	}

	/**
	 * What each source of a cluster says it uses. A value tfmesh could not read claims nothing;
	 * nor does an entrypoint default while TF was not read, since only TF's IPAMs could confirm
	 * what the cluster runs with. Under IP fabric forwarding, pods claim the ip-fabric range the
	 * pod network references, and KUBERNETES_POD_SUBNETS places none of them.
	 */
	static List<Claim> claims(String cluster, ObservedState state) {
		List<Claim> claims = new ArrayList<>();
		// kubeadm's podSubnet is left out: neither kube-manager nor the vrouter agent reads it, so
		// pods never take addresses from it and no route carries it, unlike the serviceSubnet the
		// API server hands cluster IPs out of
		if (state.kubeadm() != null) {
			add(claims, cluster, Kind.SERVICE, state.kubeadm().serviceSubnet(), "kubeadm serviceSubnet");
		}
		boolean tfRead = state.tungstenFabric() != null;
		for (Kind kind : Kind.CLUSTER_KINDS) {
			Setting setting = state.kubeManagerSetting(kind.kubeManagerKey());
			boolean placesNothing = kind == Kind.POD && CurrentCidrs.forwardingOn(state);
			if (setting != null && !setting.unknown() && setting.value() != null && !placesNothing
					&& (tfRead || !setting.entrypointDefault())) {
				for (String subnet : setting.value().trim().split("\\s+")) {
					add(claims, cluster, kind, subnet, "kube-manager " + setting.key() + " (" + setting.origin() + ")");
				}
			}
			for (String subnet : CurrentCidrs.tfSubnets(state, kind)) {
				add(claims, cluster, kind, subnet, tfSource(state, kind));
			}
		}
		return claims;
	}

	private static String tfSource(ObservedState state, Kind kind) {
		if (kind == Kind.POD && state.forwarding() != null) {
			return "TF IPAM " + String.join(" ", state.forwarding().podNetworkIpams())
					+ (state.forwarding().on() ? " of the pod network, IP fabric forwarding on" : "");
		}
		return "TF IPAM " + kind.ipamName(state.tfClusterName());
	}

	/** The members whose pods take their addresses from the ip-fabric range. */
	private static Set<String> forwarding(Map<String, ObservedState> observed) {
		Set<String> on = new LinkedHashSet<>();
		observed.forEach((cluster, state) -> {
			if (CurrentCidrs.forwardingOn(state)) {
				on.add(cluster);
			}
		});
		return on;
	}

	private static void add(List<Claim> claims, String cluster, Kind kind, String text, String source) {
		if (text == null || text.isBlank()) {
			return;
		}
		try {
			claims.add(new Claim(cluster, kind, Cidr.parse(text.strip()), source));
		}
		catch (InvalidCidrException ex) {
			// a malformed setting is drift of its own; the drift check names it
		}
	}

	private static void overlapsBetweenMembers(Map<String, List<Claim>> claims, List<Conflict> conflicts) {
		List<String> names = new ArrayList<>(claims.keySet());
		for (int i = 0; i < names.size(); i++) {
			for (int j = i + 1; j < names.size(); j++) {
				String first = names.get(i);
				String second = names.get(j);
				Map<String, List<String>> grouped = new LinkedHashMap<>();
				for (Claim a : claims.get(first)) {
					for (Claim b : claims.get(second)) {
						if (a.cidr().overlaps(b.cidr())) {
							String key = a.kind().id() + " " + a.cidr() + "|" + b.kind().id() + " " + b.cidr();
							grouped.computeIfAbsent(key, k -> new ArrayList<>()).add(a.describe());
							grouped.get(key).add(b.describe());
						}
					}
				}
				grouped.forEach((key, sources) -> {
					String[] sides = key.split("\\|");
					conflicts.add(new Conflict("error", "overlap", List.of(first, second),
							List.of(sides[0].split(" ")[1], sides[1].split(" ")[1]), distinct(sources),
							"the " + sides[0] + " of " + first + " overlaps the " + sides[1] + " of " + second
									+ "; routes between them would collide"));
				});
			}
		}
	}

	private static void overlapsInsideMembers(Map<String, List<Claim>> claims, Set<String> forwarding,
			List<Conflict> conflicts) {
		claims.forEach((cluster, own) -> {
			Set<String> seen = new LinkedHashSet<>();
			for (Claim a : own) {
				for (Claim b : own) {
					// under IP fabric forwarding, pods are in the ip-fabric range by design
					boolean byDesign = forwarding.contains(cluster) && a.kind() == Kind.POD && b.kind() == Kind.FABRIC;
					if (a.kind().ordinal() < b.kind().ordinal() && a.cidr().overlaps(b.cidr()) && !byDesign
							&& seen.add(a.kind() + " " + a.cidr() + " " + b.kind() + " " + b.cidr())) {
						conflicts.add(new Conflict("error", "overlap", List.of(cluster),
								List.of(a.cidr().toString(), b.cidr().toString()), List.of(a.describe(), b.describe()),
								"inside " + cluster + ", the " + a.kind().id() + " CIDR " + a.cidr() + " overlaps its "
										+ b.kind().id() + " CIDR " + b.cidr()));
					}
				}
			}
		});
	}

	private static void overlapsWithUnderlaysAndReservations(List<CloudUnderlays> underlays,
			List<Reservation> reservations, Map<String, List<Claim>> claims, List<Conflict> conflicts) {
		claims.forEach((cluster, own) -> {
			Set<String> seen = new LinkedHashSet<>();
			for (Claim claim : own) {
				for (CloudUnderlays cloud : underlays) {
					String cloudName = cloud.cloud();
					for (String underlay : cloud.cidrs()) {
						if (Cidr.parse(underlay).overlaps(claim.cidr()) && seen.add(claim.cidr() + underlay)) {
							conflicts.add(new Conflict("error", "underlay-overlap", List.of(cluster),
									List.of(claim.cidr().toString(), underlay),
									List.of(claim.describe(), "cloud " + cloudName + " underlay " + underlay),
									"the " + claim.kind().id() + " CIDR " + claim.cidr() + " of " + cluster
											+ " overlaps the underlay " + underlay + " of cloud " + cloudName));
						}
					}
				}
				for (Reservation reservation : reservations) {
					if (Cidr.parse(reservation.cidr()).overlaps(claim.cidr()) && seen.add(claim.cidr() + reservation.cidr())) {
						conflicts.add(new Conflict("error", "reservation-overlap", List.of(cluster),
								List.of(claim.cidr().toString(), reservation.cidr()),
								List.of(claim.describe(), "reservation " + reservation.cidr() + " " + reservation.note()),
								"the " + claim.kind().id() + " CIDR " + claim.cidr() + " of " + cluster
										+ " overlaps the reserved " + reservation.cidr()));
					}
				}
			}
		});
	}

	private static void drift(Map<String, List<Claim>> claims, List<Conflict> conflicts) {
		claims.forEach((cluster, own) -> {
			for (Kind kind : Kind.CLUSTER_KINDS) {
				List<Claim> ofKind = own.stream().filter(claim -> claim.kind() == kind).toList();
				Set<String> cidrs = new LinkedHashSet<>();
				ofKind.forEach(claim -> cidrs.add(claim.cidr().toString()));
				if (cidrs.size() > 1) {
					conflicts.add(new Conflict("warning", "drift", List.of(cluster), List.copyOf(cidrs),
							ofKind.stream().map(Claim::describe).toList(),
							cluster + "'s sources disagree on its " + kind.id() + " CIDR: "
									+ String.join(", ", ofKind.stream().map(c -> c.source() + " says " + c.cidr()).toList())
									+ hint(kind, ofKind)));
				}
			}
		});
	}

	/**
	 * A setting kube-manager and the vrouter agent both read, with different values: the agent
	 * routes KUBERNETES_POD_SUBNETS over vhost0, and reads only the {@code env} ConfigMap.
	 */
	private static void settingDrift(Map<String, ObservedState> observed, List<Conflict> conflicts) {
		observed.forEach((cluster, state) -> {
			for (SettingDrift drift : state.settingDrift()) {
				List<String> cidrs = new ArrayList<>();
				if (drift.key().endsWith("_SUBNETS")) {
					for (String value : new String[] { drift.kubeManager(), drift.vrouterAgent() }) {
						if (value != null) {
							cidrs.addAll(List.of(value.trim().split("\\s+")));
						}
					}
				}
				conflicts.add(new Conflict("warning", "drift", List.of(cluster), distinct(cidrs),
						List.of(cluster + " kube-manager " + drift.key() + "=" + drift.kubeManager() + " ("
								+ drift.kubeManagerOrigin() + ")",
								cluster + " vrouter agent " + drift.key() + "=" + drift.vrouterAgent() + " ("
										+ drift.vrouterAgentOrigin() + ")"),
						cluster + "'s kube-manager and vrouter agent run with different " + drift.key() + ": "
								+ drift.describe()
								+ "; the agent reads only the env ConfigMap, so a change must be written there and the "
								+ "agents restarted as well as kube-manager"));
			}
		});
	}

	private static String hint(Kind kind, List<Claim> claims) {
		boolean kubeadmAlone = claims.stream().anyMatch(c -> c.source().startsWith("kubeadm"));
		if (kind == Kind.SERVICE && kubeadmAlone) {
			return "; kubeadm's --service-cidr never reaches TF's kube-manager";
		}
		if (claims.stream().anyMatch(c -> c.source().startsWith("TF "))) {
			return "; TF keeps an IPAM's subnets once it has any, whatever the ConfigMap says later";
		}
		return "";
	}

	private static void duplicateAsns(List<Member> members, List<Conflict> conflicts) {
		Map<Long, List<String>> byAsn = new LinkedHashMap<>();
		Map<String, String> sourceOf = new LinkedHashMap<>();
		for (Member member : members) {
			Long asn = observedAsn(member.observed());
			if (asn != null) {
				sourceOf.put(member.cluster(), member.cluster() + " ASN " + asn + " (TF global-system-config)");
			}
			else {
				asn = member.inventoryAsn();
				sourceOf.put(member.cluster(), member.cluster() + " ASN " + asn + " (inventory)");
			}
			byAsn.computeIfAbsent(asn, key -> new ArrayList<>()).add(member.cluster());
		}
		byAsn.forEach((asn, names) -> {
			if (names.size() > 1) {
				conflicts.add(new Conflict("error", "duplicate-asn", names, List.of(),
						names.stream().map(sourceOf::get).toList(), String.join(", ", names) + " all use ASN " + asn
								+ "; clusters that peer across a mesh need distinct ASNs"));
			}
		});
	}

	private static void duplicateClusterNames(Map<String, ObservedState> observed, List<Conflict> conflicts) {
		Map<String, List<String>> byName = new LinkedHashMap<>();
		observed.forEach((cluster, state) -> {
			String name = state.tfClusterName();
			Setting setting = state.kubeManagerSetting("KUBERNETES_CLUSTER_NAME");
			// as with CIDRs, a default stands only where TF was read to confirm it
			boolean unconfirmed = state.tungstenFabric() == null && setting != null && setting.entrypointDefault();
			if (name != null && !unconfirmed) {
				byName.computeIfAbsent(name, key -> new ArrayList<>()).add(cluster);
			}
		});
		byName.forEach((name, names) -> {
			if (names.size() > 1) {
				conflicts.add(new Conflict("warning", "duplicate-cluster-name", names, List.of(),
						names.stream().map(n -> n + " KUBERNETES_CLUSTER_NAME=" + name).toList(),
						String.join(", ", names) + " all name their TF objects '" + name
								+ "-…' (KUBERNETES_CLUSTER_NAME), so their projects and networks have the same names"));
			}
		});
	}

	private static List<String> distinct(List<String> values) {
		return List.copyOf(new LinkedHashSet<>(values));
	}

}
