package io.tfmesh.mesh;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tfmesh.inventory.CloudService;
import io.tfmesh.mesh.MeshView.MemberView;
import io.tfmesh.net.Cidr;
import io.tfmesh.net.InvalidCidrException;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SettingDrift;
import io.tfmesh.system.error.NotFoundException;
import io.tfmesh.system.web.PageQuery;
import io.tfmesh.system.web.PageView;
import org.jspecify.annotations.Nullable;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds what collides in a mesh as its clusters really are: overlapping CIDRs between members
 * (any kind against any kind), with underlays and reservations; disagreement inside one cluster
 * between kubeadm, kube-manager and the TF IPAMs (TF does not update an IPAM that has subnets
 * when the ConfigMap changes, so all three must be compared); reused ASNs and TF cluster names.
 */
@Component
public class ConflictFinder {

	/** Meshes whose conflicts are kept between requests; each is found again when its inputs change. */
	private static final int CACHED_MESHES = 32;

	private final ObservationService observations;

	private final CloudService clouds;

	private final AllocationStore allocations;

	private final MeshStore meshes;

	private final Map<Long, Found> found = java.util.Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<Long, Found> eldest) {
			return size() > CACHED_MESHES;
		}

	});

	ConflictFinder(ObservationService observations, CloudService clouds, AllocationStore allocations, MeshStore meshes) {
		this.observations = observations;
		this.clouds = clouds;
		this.allocations = allocations;
		this.meshes = meshes;
	}

	/** The conflicts of a mesh as found from inputs that {@code inputs} identifies. */
	private record Found(String inputs, List<Conflict> conflicts, ClaimIndex claims) {
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

	/**
	 * The conflicts of a mesh, found again only when something they are found from changed: a
	 * member's latest observation, the members, their clusters and clouds, or the reservations.
	 */
	@Transactional(readOnly = true)
	List<Conflict> find(long meshId) {
		return found(meshId).conflicts();
	}

	/** How many conflicts the mesh has now. */
	@Transactional(readOnly = true)
	public int count(long meshId) {
		return find(meshId).size();
	}

	/** What the members of a mesh really use, by address; kept and renewed as the conflicts are. */
	@Transactional(readOnly = true)
	ClaimIndex claims(long meshId) {
		return found(meshId).claims();
	}

	private Found found(long meshId) {
		String inputs = meshes.conflictInputs(meshId);
		Found cached = found.get(meshId);
		if (cached != null && cached.inputs().equals(inputs)) {
			return cached;
		}
		MeshView mesh = meshes.find(meshId).orElseThrow(() -> new NotFoundException(MeshService.KIND, meshId));
		List<Member> members = members(mesh);
		List<Claim> claims = new ArrayList<>();
		members.stream()
			.filter(member -> member.observed() != null)
			.forEach(member -> claims.addAll(claims(member.cluster(), member.observed())));
		Found fresh = new Found(inputs, List.copyOf(find(members, underlays(mesh), reservations(mesh))),
				new ClaimIndex(claims));
		found.put(meshId, fresh);
		return fresh;
	}

	List<Conflict> find(MeshView mesh) {
		return find(members(mesh), underlays(mesh), reservations(mesh));
	}

	private List<Member> members(MeshView mesh) {
		Map<Long, ObservedState> latest = observations.latest(mesh.clusterIds());
		Map<Long, Long> inventoryAsns = meshes.inventoryAsns(mesh.id());
		List<Member> members = new ArrayList<>();
		for (MemberView member : mesh.members()) {
			ObservedState state = latest.get(member.clusterId());
			Long inventoryAsn = observedAsn(state) == null ? inventoryAsns.get(member.clusterId()) : null;
			members.add(new Member(member.clusterName(), state, inventoryAsn));
		}
		return members;
	}

	private List<CloudUnderlays> underlays(MeshView mesh) {
		// each cloud's underlays once, not once per member
		Map<String, CloudUnderlays> underlays = new LinkedHashMap<>();
		mesh.members()
			.forEach(member -> underlays.computeIfAbsent(member.cloudName(),
					name -> new CloudUnderlays(name, clouds.get(member.cloudId()).underlayCidrs())));
		return List.copyOf(underlays.values());
	}

	private List<Reservation> reservations(MeshView mesh) {
		return allocations.reservations(mesh.id())
			.stream()
			.map(allocation -> new Reservation(allocation.cidr(), allocation.note()))
			.toList();
	}

	/** One page of the conflicts that match, with totals of all of them by severity and by type. */
	@Transactional(readOnly = true)
	ConflictPage page(long meshId, ConflictFilter filter, PageQuery page) {
		List<Conflict> all = find(meshId);
		List<Conflict> matching = all.stream().filter(filter::matches).toList();
		int from = (int) Math.min(page.offset(), matching.size());
		int to = (int) Math.min(page.offset() + page.size(), matching.size());
		return ConflictPage.of(PageView.of(matching.subList(from, to), page, matching.size()), all);
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

	/**
	 * One conflict per shared block: the claims of all members sorted by address fall into groups
	 * that each lie inside one outermost CIDR (CIDRs either nest or are disjoint), and a group
	 * that spans several clusters is a collision of all of them. Sorting keeps this linear in the
	 * number of claims, however many clusters share a block.
	 */
	private static void overlapsBetweenMembers(Map<String, List<Claim>> claims, List<Conflict> conflicts) {
		List<Claim> all = new ArrayList<>();
		Map<String, Integer> order = new LinkedHashMap<>();
		claims.forEach((cluster, own) -> {
			order.put(cluster, order.size());
			all.addAll(own);
		});
		all.sort(BY_ADDRESS);
		List<Claim> group = new ArrayList<>();
		BigInteger groupEnd = null;
		for (Claim claim : all) {
			if (!group.isEmpty() && (claim.cidr().isIpv4() != group.get(0).cidr().isIpv4()
					|| start(claim.cidr()).compareTo(groupEnd) >= 0)) {
				sharedBlock(group, order, conflicts);
				group.clear();
			}
			BigInteger end = start(claim.cidr()).add(claim.cidr().size());
			groupEnd = group.isEmpty() || end.compareTo(groupEnd) > 0 ? end : groupEnd;
			group.add(claim);
		}
		sharedBlock(group, order, conflicts);
	}

	private static final Comparator<Claim> BY_ADDRESS = Comparator.comparing((Claim claim) -> !claim.cidr().isIpv4())
		.thenComparing(claim -> start(claim.cidr()))
		.thenComparingInt(claim -> claim.cidr().prefixLength());

	private static BigInteger start(Cidr cidr) {
		return new BigInteger(1, cidr.network().getAddress());
	}

	private static void sharedBlock(List<Claim> group, Map<String, Integer> order, List<Conflict> conflicts) {
		List<Claim> claims = new ArrayList<>(group);
		// members in the order they were given, each member's claims in the order its sources name them
		claims.sort(Comparator.comparing((Claim claim) -> order.get(claim.cluster())));
		Set<String> clusters = new LinkedHashSet<>();
		claims.forEach(claim -> clusters.add(claim.cluster()));
		if (clusters.size() < 2) {
			return;
		}
		Set<String> cidrs = new LinkedHashSet<>();
		claims.forEach(claim -> cidrs.add(claim.cidr().toString()));
		conflicts.add(new Conflict("error", "overlap", List.copyOf(clusters), List.copyOf(cidrs),
				distinct(claims.stream().map(Claim::describe).toList()),
				explainShared(claims) + "; routes between them would collide"));
	}

	/**
	 * Two members side by side; more as each kind and CIDR of the block with the clusters that
	 * use it, the first few named.
	 */
	private static String explainShared(List<Claim> claims) {
		Map<String, Set<String>> byCluster = new LinkedHashMap<>();
		claims.forEach(claim -> byCluster.computeIfAbsent(claim.cluster(), key -> new LinkedHashSet<>())
			.add(claim.kind().id() + " " + claim.cidr()));
		if (byCluster.size() == 2) {
			List<String> sides = new ArrayList<>();
			byCluster.forEach((cluster, what) -> sides.add("the " + String.join(" and ", what) + " of " + cluster));
			return sides.get(0) + " overlaps " + sides.get(1);
		}
		Map<String, Set<String>> users = new LinkedHashMap<>();
		claims.forEach(claim -> users.computeIfAbsent(claim.kind().id() + " " + claim.cidr(), key -> new LinkedHashSet<>())
			.add(claim.cluster()));
		List<String> parts = new ArrayList<>();
		users.forEach((what, names) -> parts.add("the " + what + " of " + names(names)));
		return byCluster.size() + " clusters share one block: " + String.join("; ", parts);
	}

	/** At most five names, then how many more, so that an explanation stays one line. */
	static String names(java.util.Collection<String> names) {
		List<String> list = List.copyOf(names);
		if (list.isEmpty()) {
			return "nobody";
		}
		if (list.size() <= 5) {
			return list.size() == 1 ? list.get(0)
					: String.join(", ", list.subList(0, list.size() - 1)) + " and " + list.get(list.size() - 1);
		}
		return String.join(", ", list.subList(0, 5)) + " and " + (list.size() - 5) + " more";
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

	/**
	 * One conflict per underlay or reservation, naming every member whose CIDRs overlap it, so
	 * that a block many members collide with is one entry, not one per member.
	 */
	private static void overlapsWithUnderlaysAndReservations(List<CloudUnderlays> underlays,
			List<Reservation> reservations, Map<String, List<Claim>> claims, List<Conflict> conflicts) {
		for (CloudUnderlays cloud : underlays) {
			for (String underlay : cloud.cidrs()) {
				overlapping(Cidr.parse(underlay), claims).ifPresent(found -> conflicts.add(new Conflict("error",
						"underlay-overlap", found.clusters(), found.cidrs(underlay),
						found.sources("cloud " + cloud.cloud() + " underlay " + underlay),
						found.what() + " the underlay " + underlay + " of cloud " + cloud.cloud())));
			}
		}
		for (Reservation reservation : reservations) {
			overlapping(Cidr.parse(reservation.cidr()), claims).ifPresent(found -> conflicts.add(new Conflict("error",
					"reservation-overlap", found.clusters(), found.cidrs(reservation.cidr()),
					found.sources("reservation " + reservation.cidr() + " " + reservation.note()),
					found.what() + " the reserved " + reservation.cidr())));
		}
	}

	/** The members' claims that overlap one block, each CIDR of a member once. */
	private record Overlapping(List<Claim> claims) {

		List<String> clusters() {
			return List.copyOf(new LinkedHashSet<>(claims.stream().map(Claim::cluster).toList()));
		}

		List<String> cidrs(String block) {
			List<String> cidrs = new ArrayList<>(new LinkedHashSet<>(claims.stream().map(c -> c.cidr().toString()).toList()));
			cidrs.add(block);
			return cidrs;
		}

		List<String> sources(String block) {
			List<String> sources = new ArrayList<>(claims.stream().map(Claim::describe).toList());
			sources.add(block);
			return sources;
		}

		String what() {
			if (claims.size() == 1) {
				Claim claim = claims.get(0);
				return "the " + claim.kind().id() + " CIDR " + claim.cidr() + " of " + claim.cluster() + " overlaps";
			}
			Map<String, Set<String>> users = new LinkedHashMap<>();
			claims.forEach(claim -> users.computeIfAbsent(claim.kind().id() + " CIDR " + claim.cidr(),
					key -> new LinkedHashSet<>()).add(claim.cluster()));
			List<String> parts = new ArrayList<>();
			users.forEach((cidr, names) -> parts.add("the " + cidr + " of " + names(names)));
			return String.join(", ", parts) + (parts.size() == 1 ? " overlaps" : " overlap");
		}

	}

	private static java.util.Optional<Overlapping> overlapping(Cidr block, Map<String, List<Claim>> claims) {
		List<Claim> found = new ArrayList<>();
		claims.forEach((cluster, own) -> {
			Set<Cidr> seen = new java.util.HashSet<>();
			for (Claim claim : own) {
				if (claim.cidr().overlaps(block) && seen.add(claim.cidr())) {
					found.add(claim);
				}
			}
		});
		return found.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new Overlapping(found));
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
