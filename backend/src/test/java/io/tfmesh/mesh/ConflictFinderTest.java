package io.tfmesh.mesh;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.tfmesh.inventory.CloudService;
import io.tfmesh.inventory.CloudView;
import io.tfmesh.mesh.ConflictFinder.CloudUnderlays;
import io.tfmesh.mesh.ConflictFinder.Member;
import io.tfmesh.mesh.ConflictFinder.Reservation;
import io.tfmesh.mesh.MeshView.MemberView;
import io.tfmesh.observe.ObservationService;
import io.tfmesh.observe.ObservedState.SettingDrift;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

class ConflictFinderTest {

	private static final String POD_ENV = "(kube-manager KUBERNETES_POD_SUBNETS (configmap/env))";

	private static final String SERVICE_ENV = "(kube-manager KUBERNETES_SERVICE_SUBNETS (configmap/env))";

	private static final String FABRIC_ENV = "(kube-manager KUBERNETES_IP_FABRIC_SUBNETS (configmap/env))";

	// overlaps between members, any kind against any kind

	@Test
	void findsAPodCidrOfOneClusterOverlappingTheServiceCidrOfAnother() {
		List<Conflict> conflicts = find(
				member(Observed.subnets("a", "10.96.0.0/16", "10.128.0.0/16", "10.129.0.0/16"), 64512),
				member(Observed.subnets("b", "10.200.0.0/16", "10.96.0.0/12", "10.201.0.0/16"), 64513));

		assertThat(conflicts).containsExactly(new Conflict("error", "overlap", List.of("a", "b"),
				List.of("10.96.0.0/16", "10.96.0.0/12"),
				List.of("a pod 10.96.0.0/16 " + POD_ENV, "b service 10.96.0.0/12 " + SERVICE_ENV),
				"the pod 10.96.0.0/16 of a overlaps the service 10.96.0.0/12 of b; routes between them would collide"));
	}

	@Test
	void findsAFabricCidrOfOneClusterOverlappingThePodCidrOfAnother() {
		List<Conflict> conflicts = find(
				member(Observed.subnets("a", "10.32.0.0/16", "10.33.0.0/16", "10.64.0.0/12"), 64512),
				member(Observed.subnets("b", "10.70.0.0/16", "10.96.0.0/16", "10.97.0.0/16"), 64513));

		assertThat(conflicts).containsExactly(new Conflict("error", "overlap", List.of("a", "b"),
				List.of("10.64.0.0/12", "10.70.0.0/16"),
				List.of("a fabric 10.64.0.0/12 " + FABRIC_ENV, "b pod 10.70.0.0/16 " + POD_ENV),
				"the fabric 10.64.0.0/12 of a overlaps the pod 10.70.0.0/16 of b; routes between them would collide"));
	}

	@Test
	void findsOneConflictPerSharedBlockNamingEveryClusterThatUsesIt() {
		List<Conflict> conflicts = find(member(Observed.defaults("a"), 64512), member(Observed.defaults("b"), 64512),
				member(Observed.defaults("c"), 64512));

		assertThat(conflicts).filteredOn(conflict -> conflict.type().equals("overlap"))
			.extracting(conflict -> String.join("+", conflict.clusters()) + " " + conflict.cidrs())
			.containsExactly("a+b+c [10.32.0.0/12]", "a+b+c [10.64.0.0/12]", "a+b+c [10.96.0.0/12]");
		// each source of each cluster once
		assertThat(conflicts.get(0).sources()).containsExactly(
				"a pod 10.32.0.0/12 (kube-manager KUBERNETES_POD_SUBNETS (entrypoint default))",
				"a pod 10.32.0.0/12 (TF IPAM k8s-pod-ipam)",
				"b pod 10.32.0.0/12 (kube-manager KUBERNETES_POD_SUBNETS (entrypoint default))",
				"b pod 10.32.0.0/12 (TF IPAM k8s-pod-ipam)",
				"c pod 10.32.0.0/12 (kube-manager KUBERNETES_POD_SUBNETS (entrypoint default))",
				"c pod 10.32.0.0/12 (TF IPAM k8s-pod-ipam)");
		assertThat(conflicts.get(0).explanation()).isEqualTo(
				"3 clusters share one block: the pod 10.32.0.0/12 of a, b and c; routes between them would collide");
		assertThat(conflicts).extracting(Conflict::type)
			.containsExactly("overlap", "overlap", "overlap", "duplicate-asn", "duplicate-cluster-name");
	}

	@Test
	void growsWithTheSharedBlocksNotWithThePairsOfClusters() {
		for (int count : new int[] { 2, 200, 400 }) {
			Member[] members = new Member[count];
			for (int i = 0; i < count; i++) {
				members[i] = member(Observed.defaults("c" + i), 64512);
			}

			List<Conflict> conflicts = find(members);

			// three shared blocks, one shared ASN, one shared TF cluster name: 19,900 pairs at 200 would be 59,700 overlaps
			assertThat(conflicts).as("%d clusters", count)
				.extracting(Conflict::type)
				.containsExactly("overlap", "overlap", "overlap", "duplicate-asn", "duplicate-cluster-name");
			assertThat(conflicts).allSatisfy(conflict -> assertThat(conflict.clusters()).hasSize(count));
		}
		Member[] members = new Member[200];
		for (int i = 0; i < 200; i++) {
			members[i] = member(Observed.defaults("c" + i), 64512);
		}
		assertThat(find(members).get(0).explanation()).isEqualTo("200 clusters share one block: the pod 10.32.0.0/12 of "
				+ "c0, c1, c2, c3, c4 and 195 more; routes between them would collide");
	}

	@Test
	void namesEveryClusterInsideABlockThatAnotherClusterSpans() {
		List<Conflict> conflicts = find(
				member(Observed.subnets("wide", "10.0.0.0/8", "172.16.0.0/16", "172.17.0.0/16"), 64512),
				member(Observed.subnets("x", "10.1.0.0/16", "172.18.0.0/16", "172.19.0.0/16"), 64513),
				member(Observed.subnets("y", "10.2.0.0/16", "172.20.0.0/16", "172.21.0.0/16"), 64514),
				member(Observed.subnets("z", "10.3.0.0/16", "172.22.0.0/16", "10.200.0.0/16"), 64515));

		assertThat(conflicts).extracting(Conflict::type, Conflict::clusters, Conflict::cidrs)
			.containsExactly(tuple("overlap", List.of("wide", "x", "y", "z"),
					List.of("10.0.0.0/8", "10.1.0.0/16", "10.2.0.0/16", "10.3.0.0/16", "10.200.0.0/16")));
	}

	@Test
	void findsNothingBetweenClustersWhoseCidrsAreDisjoint() {
		assertThat(find(member(Observed.subnets("a", "10.32.0.0/16", "10.33.0.0/16", "10.34.0.0/16"), 64512),
				member(Observed.subnets("b", "10.35.0.0/16", "10.36.0.0/16", "10.37.0.0/16"), 64513),
				member(Observed.subnets("c", "fd00:32::/48", "fd00:33::/112", "10.38.0.0/16"), 64514)))
			.isEmpty();
	}

	@Test
	void readsEverySubnetOfASetting() {
		List<Conflict> conflicts = find(
				member(Observed.subnets("a", "10.32.0.0/16  10.33.0.0/16 ", "10.96.0.0/16", "10.64.0.0/16"), 64512),
				member(Observed.subnets("b", "10.33.0.0/16", "10.97.0.0/16", "10.65.0.0/16"), 64513));

		assertThat(conflicts).filteredOn(conflict -> conflict.type().equals("overlap"))
			.extracting(Conflict::clusters, Conflict::cidrs)
			.containsExactly(tuple(List.of("a", "b"), List.of("10.33.0.0/16")));
	}

	// overlaps inside one member, across kinds

	@Test
	void findsTheCidrsOfTwoKindsOverlappingInsideOneCluster() {
		List<Conflict> conflicts = find(
				member(Observed.subnets("a", "10.32.0.0/12", "10.40.0.0/16", "10.64.0.0/12"), 64512));

		assertThat(conflicts).containsExactly(new Conflict("error", "overlap", List.of("a"),
				List.of("10.32.0.0/12", "10.40.0.0/16"),
				List.of("a pod 10.32.0.0/12 " + POD_ENV, "a service 10.40.0.0/16 " + SERVICE_ENV),
				"inside a, the pod CIDR 10.32.0.0/12 overlaps its service CIDR 10.40.0.0/16"));
	}

	@Test
	void reportsAnOverlapInsideAClusterOnceHoweverManySourcesNameIt() {
		List<Conflict> conflicts = find(member(Observed.defaults("a")
			.setting("KUBERNETES_IP_FABRIC_SUBNETS", "10.96.0.0/16")
			.ipam("k8s-ip-fabric-ipam", "10.96.0.0/16"), 64512));

		assertThat(conflicts).extracting(Conflict::explanation)
			.containsExactly("inside a, the service CIDR 10.96.0.0/12 overlaps its fabric CIDR 10.96.0.0/16");
	}

	// underlays and reservations

	@Test
	void findsClusterCidrsOverlappingTheUnderlayOfAnyMemberCloud() {
		List<Conflict> conflicts = ConflictFinder.find(
				List.of(member(Observed.subnets("a", "10.32.0.0/12", "172.16.0.0/16", "192.168.0.0/16")
					.kubeadm("10.32.0.0/12", null), 64512)),
				List.of(new CloudUnderlays("aws", List.of("10.0.0.0/8")),
						new CloudUnderlays("gcp", List.of("192.168.1.0/24", "100.64.0.0/10"))),
				List.of());

		assertThat(conflicts).containsExactly(
				new Conflict("error", "underlay-overlap", List.of("a"), List.of("10.32.0.0/12", "10.0.0.0/8"),
						List.of("a pod 10.32.0.0/12 " + POD_ENV, "cloud aws underlay 10.0.0.0/8"),
						"the pod CIDR 10.32.0.0/12 of a overlaps the underlay 10.0.0.0/8 of cloud aws"),
				new Conflict("error", "underlay-overlap", List.of("a"), List.of("192.168.0.0/16", "192.168.1.0/24"),
						List.of("a fabric 192.168.0.0/16 " + FABRIC_ENV, "cloud gcp underlay 192.168.1.0/24"),
						"the fabric CIDR 192.168.0.0/16 of a overlaps the underlay 192.168.1.0/24 of cloud gcp"));
	}

	@Test
	void findsClusterCidrsOverlappingAReservation() {
		List<Conflict> conflicts = ConflictFinder.find(
				List.of(member(Observed.subnets("a", "10.32.0.0/12", "10.96.0.0/12", "10.64.0.0/12"), 64512),
						member(Observed.subnets("b", "10.128.0.0/16", "10.129.0.0/16", "10.130.0.0/16"), 64513)),
				List.of(), List.of(new Reservation("10.100.0.0/16", "the VPN"), new Reservation("10.200.0.0/16", "")));

		assertThat(conflicts).containsExactly(new Conflict("error", "reservation-overlap", List.of("a"),
				List.of("10.96.0.0/12", "10.100.0.0/16"),
				List.of("a service 10.96.0.0/12 " + SERVICE_ENV, "reservation 10.100.0.0/16 the VPN"),
				"the service CIDR 10.96.0.0/12 of a overlaps the reserved 10.100.0.0/16"));
	}

	// drift

	@Test
	void findsKubeadmsServiceCidrThatNeverReachedKubeManager() {
		List<Conflict> conflicts = find(member(Observed.defaults("a").kubeadm("10.32.0.0/12", "10.112.0.0/12"), 64512));

		assertThat(conflicts).containsExactly(new Conflict("warning", "drift", List.of("a"),
				List.of("10.112.0.0/12", "10.96.0.0/12"),
				List.of("a service 10.112.0.0/12 (kubeadm serviceSubnet)",
						"a service 10.96.0.0/12 (kube-manager KUBERNETES_SERVICE_SUBNETS (entrypoint default))",
						"a service 10.96.0.0/12 (TF IPAM k8s-service-ipam)"),
				"a's sources disagree on its service CIDR: kubeadm serviceSubnet says 10.112.0.0/12, "
						+ "kube-manager KUBERNETES_SERVICE_SUBNETS (entrypoint default) says 10.96.0.0/12, "
						+ "TF IPAM k8s-service-ipam says 10.96.0.0/12; kubeadm's --service-cidr never reaches TF's kube-manager"));
	}

	@Test
	void findsAnIpamThatKeptItsSubnetsWhenTheConfigMapChanged() {
		List<Conflict> conflicts = find(
				member(Observed.defaults("a").setting("KUBERNETES_POD_SUBNETS", "10.128.0.0/16"), 64512));

		assertThat(conflicts).extracting(Conflict::type, Conflict::cidrs, Conflict::explanation)
			.containsExactly(tuple("drift", List.of("10.128.0.0/16", "10.32.0.0/12"),
					"a's sources disagree on its pod CIDR: kube-manager KUBERNETES_POD_SUBNETS (configmap/env) says "
							+ "10.128.0.0/16, TF IPAM k8s-pod-ipam says 10.32.0.0/12; TF keeps an IPAM's subnets once "
							+ "it has any, whatever the ConfigMap says later"));
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", " " })
	void findsAServiceIpamThatKeptItsSubnetsWhenKubeadmSaysNothing(String clusterName) {
		List<Conflict> conflicts = find(member(Observed.cluster("a")
			.setting("KUBERNETES_CLUSTER_NAME", clusterName)
			.defaultSetting("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12")
			.ipam("k8s-service-ipam", "10.112.0.0/12"), 64512));

		assertThat(conflicts).extracting(Conflict::explanation)
			.containsExactly("a's sources disagree on its service CIDR: kube-manager KUBERNETES_SERVICE_SUBNETS "
					+ "(entrypoint default) says 10.96.0.0/12, TF IPAM k8s-service-ipam says 10.112.0.0/12; TF keeps an "
					+ "IPAM's subnets once it has any, whatever the ConfigMap says later");
	}

	@Test
	void leavesOutKubeadmsPodCidrWhichTfNeverReads() {
		List<Conflict> conflicts = find(member(
				Observed.subnets("a", "10.32.0.0/12", "10.96.0.0/12", "10.64.0.0/12").kubeadm("10.244.0.0/16", null),
				64512), member(Observed.subnets("b", "10.48.0.0/16", "10.112.0.0/16", "10.80.0.0/16")
					.kubeadm("10.244.0.0/16", null), 64513));

		assertThat(conflicts).isEmpty();
	}

	@Test
	void findsNoDriftWhenEverySourceAgrees() {
		assertThat(find(member(Observed.defaults("a").kubeadm("10.32.0.0/12", "10.96.0.0/12"), 64512))).isEmpty();
	}

	@Test
	void skipsSettingsThatAreNotCidrs() {
		assertThat(find(member(Observed.subnets("a", "10.32.0.0/12", "not-a-cidr", " ")
			.kubeadm("10.32.0.0/12,fd00:10:244::/56", "10.96.0.1/12")
			.ipam("a-service-ipam"), 64512))).isEmpty();
	}

	@Test
	void readsTheIpamsOfTheClustersOwnName() {
		List<Conflict> conflicts = find(member(Observed.subnets("east", "10.32.0.0/12", "10.96.0.0/12", "10.64.0.0/12")
			.ipam("k8s-pod-ipam", "10.0.0.0/8")
			.ipam("east-service-ipam", "10.112.0.0/12"), 64512));

		assertThat(conflicts).extracting(Conflict::type, Conflict::cidrs, Conflict::sources)
			.containsExactly(tuple("drift", List.of("10.96.0.0/12", "10.112.0.0/12"),
					List.of("east service 10.96.0.0/12 " + SERVICE_ENV,
							"east service 10.112.0.0/12 (TF IPAM east-service-ipam)")));
	}

	// ASNs and TF cluster names

	@Test
	void findsClustersThatUseTheSameAsnByTheirObservedAsnElseTheInventorys() {
		List<Conflict> conflicts = ConflictFinder.find(List.of(member(Observed.defaults("a"), 1),
				member(Observed.subnets("b", "10.128.0.0/16", "10.129.0.0/16", "10.130.0.0/16"), 64512),
				new Member("c", null, 64513L),
				new Member("d", Observed.subnets("d", "10.131.0.0/16", "10.132.0.0/16", "10.133.0.0/16")
					.asn(64513L)
					.state(), 64600L),
				new Member("e", Observed.subnets("e", "10.134.0.0/16", "10.135.0.0/16", "10.136.0.0/16")
					.asn(64700L)
					.state(), 64512L)),
				List.of(), List.of());

		assertThat(conflicts).filteredOn(conflict -> conflict.type().equals("duplicate-asn"))
			.containsExactly(
					new Conflict("error", "duplicate-asn", List.of("a", "b"), List.of(),
							List.of("a ASN 64512 (TF global-system-config)", "b ASN 64512 (inventory)"),
							"a, b all use ASN 64512; clusters that peer across a mesh need distinct ASNs"),
					new Conflict("error", "duplicate-asn", List.of("c", "d"), List.of(),
							List.of("c ASN 64513 (inventory)", "d ASN 64513 (TF global-system-config)"),
							"c, d all use ASN 64513; clusters that peer across a mesh need distinct ASNs"));
	}

	@Test
	void findsClustersThatGiveTheirTfObjectsTheSameNames() {
		List<Conflict> conflicts = find(
				member(Observed.subnets("a", "10.128.0.0/16", "10.129.0.0/16", "10.130.0.0/16")
					.setting("KUBERNETES_CLUSTER_NAME", " "), 64512),
				member(Observed.cluster("b"), 64513),
				member(Observed.subnets("c", "10.131.0.0/16", "10.132.0.0/16", "10.133.0.0/16"), 64514),
				member(Observed.cluster("d").setting("KUBERNETES_CLUSTER_NAME", "k8s"), 64515));

		assertThat(conflicts).containsExactly(new Conflict("warning", "duplicate-cluster-name",
				List.of("a", "b", "d"), List.of(),
				List.of("a KUBERNETES_CLUSTER_NAME=k8s", "b KUBERNETES_CLUSTER_NAME=k8s", "d KUBERNETES_CLUSTER_NAME=k8s"),
				"a, b, d all name their TF objects 'k8s-…' (KUBERNETES_CLUSTER_NAME), so their projects and networks have "
						+ "the same names"));
	}

	// members never observed

	// IP fabric forwarding, consumers, unknown sources

	@Test
	void placesThePodsOfAClusterWithIpFabricForwardingInItsIpFabricRange() {
		List<Conflict> conflicts = find(member(Observed.defaults("a").podNetwork("k8s-ip-fabric-ipam"), 64512),
				member(Observed.subnets("b", "10.64.0.0/16", "10.200.0.0/16", "10.201.0.0/16"), 64513));

		assertThat(conflicts).extracting(Conflict::type, Conflict::cidrs)
			.containsExactly(tuple("overlap", List.of("10.64.0.0/12", "10.64.0.0/16")));
		assertThat(conflicts.get(0).explanation())
			.startsWith("the pod 10.64.0.0/12 and fabric 10.64.0.0/12 of a overlaps the pod 10.64.0.0/16 of b");
		assertThat(conflicts.get(0).sources())
			.contains("a pod 10.64.0.0/12 (TF IPAM k8s-ip-fabric-ipam of the pod network, IP fabric forwarding on)");
		// neither the unused pod IPAM nor KUBERNETES_POD_SUBNETS claims anything, and pods inside
		// the fabric range are no overlap inside a
		assertThat(conflicts).flatExtracting(Conflict::cidrs).doesNotContain("10.32.0.0/12");
	}

	@Test
	void reportsSettingsInWhichKubeManagerAndTheAgentDiffer() {
		Observed a = Observed.defaults("a").drift(new SettingDrift("KUBERNETES_POD_SUBNETS", "10.48.0.0/12",
				"configmap/kube-manager-config", "10.32.0.0/12", "entrypoint default"));

		List<Conflict> conflicts = find(member(a, 64512));

		assertThat(conflicts).extracting(Conflict::type, Conflict::cidrs)
			.containsExactly(tuple("drift", List.of("10.48.0.0/12", "10.32.0.0/12")));
		assertThat(conflicts.get(0).explanation()).contains("kube-manager and vrouter agent",
				"KUBERNETES_POD_SUBNETS: kube-manager runs with 10.48.0.0/12 (configmap/kube-manager-config), "
						+ "the vrouter agent with 10.32.0.0/12 (entrypoint default)",
				"restarted");
	}

	@Test
	void buildsNoConflictFromDefaultsOfClustersWhoseTfWasNotRead() {
		List<Conflict> conflicts = find(member(Observed.defaults("a").tfDown(), 64512),
				member(Observed.defaults("b").tfDown(), 64513));

		assertThat(conflicts).extracting(Conflict::type, Conflict::clusters)
			.containsExactly(tuple("incomplete", List.of("a")), tuple("incomplete", List.of("b")));
		assertThat(conflicts.get(0).sources()).containsExactly("tungsten-fabric/config-api failed (UNREACHABLE)");
		// what the ConfigMaps set is read, and still claims
		assertThat(find(member(Observed.defaults("a").tfDown().setting("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12"),
				64512), member(Observed.defaults("b").tfDown().setting("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12"), 64513)))
			.extracting(Conflict::type)
			.containsExactly("incomplete", "incomplete", "overlap");
	}

	@Test
	void claimsNothingOfASettingThatIsUnknown() {
		assertThat(ConflictFinder.claims("a", Observed.subnets("a", "10.32.0.0/12", "10.96.0.0/12", "10.64.0.0/12")
			.unknownSetting("KUBERNETES_POD_SUBNETS")
			.state())).extracting(claim -> claim.kind()).doesNotContain(Kind.POD);
	}

	@Test
	void namesTheMembersThatWereNeverObservedFirst() {
		List<Conflict> conflicts = find(member(Observed.defaults("a").kubeadm(null, "10.112.0.0/12"), 64512),
				new Member("b", null, 64513L));

		assertThat(conflicts).extracting(Conflict::type).containsExactly("not-observed", "drift");
		assertThat(conflicts.get(0)).isEqualTo(new Conflict("info", "not-observed", List.of("b"), List.of(), List.of(),
				"b was never observed, so its CIDRs and ASN are unknown; observe it"));
	}

	// the mesh as the database holds it

	@Test
	void readsEachMembersObservationEachCloudsUnderlaysAndTheReservationsOfTheMesh() {
		ObservationService observations = mock(ObservationService.class);
		CloudService clouds = mock(CloudService.class);
		AllocationStore allocations = mock(AllocationStore.class);
		MeshStore meshes = mock(MeshStore.class);
		when(observations.latest(List.of(1L, 2L, 3L))).thenReturn(Map.of(1L, Observed.defaults("a").state(), 2L,
				Observed.subnets("b", "10.128.0.0/16", "10.129.0.0/16", "10.130.0.0/16").state()));
		when(meshes.inventoryAsns(7)).thenReturn(Map.of(1L, 64000L, 2L, 64512L, 3L, 64513L));
		CloudView aws = cloud("172.31.0.0/16");
		CloudView gcp = cloud("10.130.0.0/24");
		when(clouds.get(10)).thenReturn(aws);
		when(clouds.get(20)).thenReturn(gcp);
		when(allocations.reservations(7)).thenReturn(List.of(allocation(Kind.RESERVED, "10.129.0.0/24")));
		Instant now = Instant.parse("2024-06-01T12:00:00Z");
		MeshView mesh = new MeshView(7, "prod", "", 64512, 65534, List.of(),
				List.of(new MemberView(1, "a", 10, "aws", null, now), new MemberView(2, "b", 10, "aws", null, now),
						new MemberView(3, "c", 20, "gcp", null, now)),
				now, now, 1);

		List<Conflict> conflicts = new ConflictFinder(observations, clouds, allocations, meshes).find(mesh);

		assertThat(conflicts).extracting(conflict -> conflict.type() + " " + conflict.clusters() + " " + conflict.cidrs())
			.containsExactly("not-observed [c] []", "underlay-overlap [b] [10.130.0.0/16, 10.130.0.0/24]",
					"reservation-overlap [b] [10.129.0.0/16, 10.129.0.0/24]", "duplicate-asn [a, b] []");
		assertThat(conflicts.get(3).sources()).containsExactly("a ASN 64512 (TF global-system-config)",
				"b ASN 64512 (inventory)");
		verify(clouds, times(1)).get(10);
	}

	private static Member member(Observed observed, long inventoryAsn) {
		return new Member(observed.state().clusterName(), observed.state(), inventoryAsn);
	}

	private static List<Conflict> find(Member... members) {
		return ConflictFinder.find(List.of(members), List.of(), List.of());
	}

	private static CloudView cloud(String... underlays) {
		CloudView cloud = mock(CloudView.class);
		when(cloud.underlayCidrs()).thenReturn(List.of(underlays));
		return cloud;
	}

	private static AllocationView allocation(Kind kind, String cidr) {
		return new AllocationView(1, kind, cidr, null, null, null, null, "", Instant.EPOCH, "admin");
	}

}
