package io.tfmesh.fabric.tf;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricException;
import io.tfmesh.fabric.FabricException.Kind;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.fabric.tf.BgpRouter.BgpPeering;
import io.tfmesh.fabric.tf.BgpRouter.BgpRouterParameters;
import io.tfmesh.fabric.tf.FaultyProxy.Fault;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyAddress;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyRule;
import io.tfmesh.fabric.tf.NetworkPolicy.PortRange;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.emulator.tf.TfConfigApiEmulator.BgpRouterSeed;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The config API connector over HTTP against the emulator, seeded as kube-manager seeds a cluster. */
class TfConfigApiClientIT {

	private static final List<String> CLUSTER_PROJECT = List.of("default-domain", "k8s-default");

	private static final List<String> POD_NETWORK = List.of("default-domain", "k8s-default", "k8s-default-pod-network");

	private static final List<String> CONTROL_FAMILIES = List.of("route-target", "inet-vpn", "e-vpn", "erm-vpn",
			"inet6-vpn");

	private final JsonMapper json = JsonMapper.builder().build();

	@TempDir
	Path directory;

	private TfConfigApiEmulator emulator;

	private TfConfigApi api;

	private final List<Duration> waits = new CopyOnWriteArrayList<>();

	@BeforeEach
	void startEmulator() {
		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, directory.resolve("tf-state.json"), json);
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		emulator.provisionControl(64512, List.of(new BgpRouterSeed("aws-east-master", "127.0.10.1")));
		api = client(null, FabricSettings.defaults());
	}

	@AfterEach
	void stopEmulator() {
		emulator.close();
	}

	@Test
	void readsTheIpamsKubeManagerProvisioned() {
		assertThat(api.networkIpams()).filteredOn(ipam -> ipam.fqName().get(1).equals("k8s-default"))
			.extracting(ipam -> ipam.fqName().get(2), NetworkIpam::subnetMethod, NetworkIpam::subnets)
			.containsExactlyInAnyOrder(
					tuple("k8s-ip-fabric-ipam", "flat-subnet", List.of("10.64.0.0/12")),
					tuple("k8s-pod-ipam", "flat-subnet", List.of("10.32.0.0/12")),
					tuple("k8s-service-ipam", "flat-subnet", List.of("10.96.0.0/12")));
		assertThat(api.projects()).extracting(Project::fqName)
			.contains(CLUSTER_PROJECT, List.of("default-domain", "k8s-kube-system"),
					List.of("default-domain", "default-project"));
	}

	@Test
	void readsTheDefaultNetworksWithTheirIpamsAndPolicies() {
		VirtualNetwork pods = network(POD_NETWORK);
		assertThat(pods.ipamRefs())
			.containsExactly(new IpamRef(List.of("default-domain", "k8s-default", "k8s-pod-ipam"), List.of()));
		assertThat(pods.addressAllocationMode()).isEqualTo("flat-subnet-only");
		assertThat(pods.fabricSnat()).isFalse();
		assertThat(pods.routeTargets()).isEmpty();
		assertThat(pods.networkPolicyRefs()).containsExactly(
				List.of("default-domain", "k8s-default", "k8s-default-ip-fabric-np"),
				List.of("default-domain", "k8s-default", "k8s-default-pod-service-np"));
		VirtualNetwork services = network(List.of("default-domain", "k8s-default", "k8s-default-service-network"));
		assertThat(services.ipamRefs()).extracting(IpamRef::to)
			.containsExactly(List.of("default-domain", "k8s-default", "k8s-service-ipam"));
		assertThat(services.networkPolicyRefs()).hasSize(3);
		assertThat(network(List.of("default-domain", "default-project", "ip-fabric")).networkPolicyRefs())
			.containsExactly(List.of("default-domain", "k8s-default", "k8s-default-ip-fabric-np"));
		NetworkPolicy ipFabricPolicy = api.networkPolicies()
			.stream()
			.filter(policy -> policy.fqName().get(2).equals("k8s-default-ip-fabric-np"))
			.findFirst()
			.orElseThrow();
		assertThat(ipFabricPolicy.rules()).containsExactly(new PolicyRule("<>", "any",
				List.of(PolicyAddress.policy("default-domain:k8s-default:k8s-default-ip-fabric-np")),
				List.of(PortRange.ANY), List.of(PolicyAddress.network("default-domain:default-project:ip-fabric")),
				List.of(PortRange.ANY), "pass"));
	}

	@Test
	void readsTheGlobalAsnAndTheControlNodesBgpRouter() {
		GlobalSystemConfig config = api.globalSystemConfig();
		assertThat(config.autonomousSystem()).isEqualTo(64512);
		assertThat(config.ibgpAutoMesh()).isTrue();
		assertThat(config.enable4ByteAs()).isFalse();
		assertThat(api.bgpRouters()).singleElement().satisfies(router -> {
			assertThat(router.fqName()).isEqualTo(child(BgpRouter.PARENT, "aws-east-master"));
			assertThat(router.parameters()).isEqualTo(new BgpRouterParameters("control-node", "contrail",
					"127.0.10.1", "127.0.10.1", 64512, 179, 90, CONTROL_FAMILIES, false));
			assertThat(router.peers()).isEmpty();
		});
	}

	@Test
	void listsObjectsAndResolvesNames() {
		List<TfRef> networks = api.list(VirtualNetwork.TYPE);
		assertThat(networks).extracting(TfRef::fqName).contains(POD_NETWORK);
		TfRef pods = networks.stream().filter(ref -> ref.fqName().equals(POD_NETWORK)).findFirst().orElseThrow();
		assertThat(pods.type()).isEqualTo("virtual-network");
		assertThat(api.fqNameToId(VirtualNetwork.TYPE, POD_NETWORK)).isEqualTo(pods.uuid());
		assertThat(api.read(VirtualNetwork.class, pods.uuid()).fqName()).isEqualTo(POD_NETWORK);
	}

	@Test
	void createsReadsAndDeletesAProject() {
		List<String> name = List.of("default-domain", "team-a");
		String uuid = api.create(new Project(null, name));
		assertThat(api.read(Project.class, uuid)).isEqualTo(new Project(uuid, name));
		assertThat(api.list(Project.TYPE)).contains(new TfRef("project", uuid, name));
		api.update(new Project(uuid, name));
		api.delete(Project.TYPE, uuid);
		assertFails(() -> api.read(Project.class, uuid), Kind.NOT_FOUND, "Unknown id: " + uuid);
	}

	@Test
	void createsUpdatesAndDeletesAFlatSubnetIpam() {
		List<String> name = child(CLUSTER_PROJECT, "k8s-extra-ipam");
		String uuid = api.create(new NetworkIpam(null, name, "flat-subnet", List.of("10.48.0.0/12")));
		assertThat(api.read(NetworkIpam.class, uuid).subnets()).containsExactly("10.48.0.0/12");
		api.update(new NetworkIpam(uuid, name, "flat-subnet", List.of("10.48.0.0/12", "fd00:10::/64")));
		assertThat(api.read(NetworkIpam.class, uuid))
			.isEqualTo(new NetworkIpam(uuid, name, "flat-subnet", List.of("10.48.0.0/12", "fd00:10::/64")));
		api.delete(NetworkIpam.TYPE, uuid);
		assertThat(api.networkIpams()).extracting(NetworkIpam::fqName).doesNotContain(name);
	}

	@Test
	void createsANetworkWithRouteTargetsAndPoliciesThenChangesOnlyWhatDiffers() throws Exception {
		List<String> policyName = child(CLUSTER_PROJECT, "web-np");
		PolicyRule web = new PolicyRule("<>", "tcp", List.of(PolicyAddress.cidr("10.200.0.0/24")),
				List.of(PortRange.ANY), List.of(PolicyAddress.network("default-domain:k8s-default:web")),
				List.of(new PortRange(80, 80)), "pass");
		String policyUuid = api.create(new NetworkPolicy(null, policyName, List.of(web)));
		List<String> ipamName = child(CLUSTER_PROJECT, "web-ipam");
		String ipamUuid = api.create(new NetworkIpam(null, ipamName, "user-defined-subnet", List.of()));
		List<String> name = child(CLUSTER_PROJECT, "web");
		VirtualNetwork wanted = new VirtualNetwork(null, name, List.of(new IpamRef(ipamName, List.of("10.200.0.0/24"))),
				List.of("target:64512:1000"), List.of("target:64513:1000"), List.of("target:10.0.0.1:5"),
				List.of(policyName), "user-defined-subnet-only", null);
		String uuid = api.create(wanted);
		VirtualNetwork created = api.read(VirtualNetwork.class, uuid);
		assertThat(created).usingRecursiveComparison().ignoringFields("uuid").isEqualTo(wanted);
		String subnetUuid = rawSubnetUuid(uuid);
		assertThat(subnetUuid).isNotBlank();

		api.update(new VirtualNetwork(uuid, name, created.ipamRefs(), List.of("target:64512:2000"), List.of(),
				created.exportRouteTargets(), created.networkPolicyRefs(), null, true));
		VirtualNetwork updated = api.read(VirtualNetwork.class, uuid);
		assertThat(updated.routeTargets()).containsExactly("target:64512:2000");
		assertThat(updated.importRouteTargets()).isEmpty();
		assertThat(updated.exportRouteTargets()).containsExactly("target:10.0.0.1:5");
		assertThat(updated.fabricSnat()).isTrue();
		assertThat(updated.addressAllocationMode()).isEqualTo("user-defined-subnet-only");
		assertThat(updated.ipamRefs()).isEqualTo(created.ipamRefs());
		// the reference was not rewritten, so the server's subnet uuid survives the update
		assertThat(rawSubnetUuid(uuid)).isEqualTo(subnetUuid);

		api.update(new NetworkPolicy(policyUuid, policyName,
				List.of(new PolicyRule(web.direction(), web.protocol(), web.sources(), web.sourcePorts(),
						web.destinations(), web.destinationPorts(), "deny"))));
		assertThat(api.read(NetworkPolicy.class, policyUuid).rules()).extracting(PolicyRule::action)
			.containsExactly("deny");

		assertFails(() -> api.delete(NetworkPolicy.TYPE, policyUuid), Kind.CONFLICT,
				"Delete when resource still referred: ['" + emulator.url() + "/virtual-network/" + uuid + "']");
		api.delete(VirtualNetwork.TYPE, uuid);
		api.delete(NetworkPolicy.TYPE, policyUuid);
		api.delete(NetworkIpam.TYPE, ipamUuid);
		assertThat(api.list(VirtualNetwork.TYPE)).extracting(TfRef::uuid).doesNotContain(uuid);
	}

	@Test
	void createsABgpRouterPeeringWithTheControlNodeAndUpdatesIt() {
		List<String> controlNode = child(BgpRouter.PARENT, "aws-east-master");
		List<String> name = child(BgpRouter.PARENT, "gcp-west-master");
		BgpRouterParameters parameters = new BgpRouterParameters("external-control-node", "unknown", "10.132.0.5",
				"10.132.0.5", 64513, 179, 90, List.of("route-target", "inet-vpn", "e-vpn"), false);
		String uuid = api.create(new BgpRouter(null, name, parameters,
				List.of(new BgpPeering(controlNode, List.of("route-target", "inet-vpn")))));
		BgpRouter created = api.read(BgpRouter.class, uuid);
		assertThat(created).isEqualTo(new BgpRouter(uuid, name, parameters,
				List.of(new BgpPeering(controlNode, List.of("route-target", "inet-vpn")))));

		BgpRouterParameters changed = new BgpRouterParameters("external-control-node", "unknown", "10.132.0.5",
				"10.132.0.5", 64513, 179, 60, parameters.addressFamilies(), true);
		api.update(new BgpRouter(uuid, name, changed,
				List.of(new BgpPeering(controlNode, List.of("route-target", "inet-vpn", "e-vpn")))));
		BgpRouter updated = api.read(BgpRouter.class, uuid);
		assertThat(updated.parameters()).isEqualTo(changed);
		assertThat(updated.peers()).extracting(BgpPeering::addressFamilies)
			.containsExactly(List.of("route-target", "inet-vpn", "e-vpn"));

		String controlUuid = api.fqNameToId(BgpRouter.TYPE, controlNode);
		assertFails(() -> api.delete(BgpRouter.TYPE, controlUuid), Kind.CONFLICT,
				"Delete when resource still referred: ['" + emulator.url() + "/bgp-router/" + uuid + "']");
		api.delete(BgpRouter.TYPE, uuid);
		assertThat(api.bgpRouters()).extracting(BgpRouter::fqName).containsExactly(controlNode);
	}

	@Test
	void changesTheGlobalAsn() {
		GlobalSystemConfig config = api.globalSystemConfig();
		api.update(new GlobalSystemConfig(config.uuid(), config.fqName(), 64600, false, true));
		assertThat(api.globalSystemConfig().autonomousSystem()).isEqualTo(64600);
		assertThat(api.read(GlobalSystemConfig.class, config.uuid()).ibgpAutoMesh()).isTrue();
	}

	@Test
	void reportsAnExistingFqNameAsConflict() {
		String existing = api.fqNameToId(Project.TYPE, CLUSTER_PROJECT);
		assertFails(() -> api.create(new Project(null, CLUSTER_PROJECT)), Kind.CONFLICT,
				"['default-domain', 'k8s-default'] already exists with uuid: " + existing);
	}

	@Test
	void reportsUnknownObjectsAndTypesAsNotFound() {
		String unknown = UUID.randomUUID().toString();
		assertFails(() -> api.read(VirtualNetwork.class, unknown), Kind.NOT_FOUND, "Unknown id: " + unknown);
		String project = api.fqNameToId(Project.TYPE, CLUSTER_PROJECT);
		assertFails(() -> api.read(VirtualNetwork.class, project), Kind.NOT_FOUND,
				"No virtual-network object found for id " + project);
		assertFails(() -> api.list("flux-capacitor"), Kind.NOT_FOUND, "Resource type 'flux-capacitor' not found");
		assertFails(() -> api.fqNameToId(VirtualNetwork.TYPE, child(CLUSTER_PROJECT, "nope")), Kind.NOT_FOUND,
				"Name ['default-domain', 'k8s-default', 'nope'] not found");
		assertFails(() -> api.delete(Project.TYPE, unknown), Kind.NOT_FOUND, "Unknown id: " + unknown);
	}

	@Test
	void refusesMalformedRouteTargets() {
		assertFails(() -> api.create(network("web", List.of("target:abc"), List.of())), Kind.BAD_REQUEST,
				"Route target must be of the format 'target:<asn>:<number>' or 'target:<ip>:<number>'");
		String uuid = api.create(network("web", List.of("target:64512:1000"), List.of()));
		VirtualNetwork web = api.read(VirtualNetwork.class, uuid);
		assertFails(() -> api.update(new VirtualNetwork(uuid, web.fqName(), web.ipamRefs(), web.routeTargets(),
				List.of("target:64512:8000001"), List.of(), List.of(), null, null)), Kind.BAD_REQUEST,
				"Configured route target must use ASN that is different from global ASN or route target value must"
						+ " be less than 8000000 and greater than 16777216");
		assertThat(api.read(VirtualNetwork.class, uuid).importRouteTargets()).isEmpty();
	}

	@Test
	void refusesReferencesToUnknownObjectsAndMissingParents() {
		List<String> missing = child(CLUSTER_PROJECT, "no-such-policy");
		assertFails(() -> api.create(network("web", List.of(), List.of(missing))), Kind.BAD_REQUEST,
				"Unknown reference in resource create");
		assertThatThrownBy(() -> api.create(network("web", List.of(), List.of(missing))))
			.hasMessageContaining("'no-such-policy'");
		assertThat(api.list(VirtualNetwork.TYPE)).extracting(TfRef::fqName)
			.doesNotContain(child(CLUSTER_PROJECT, "web"));
		assertFails(() -> api.create(new Project(null, List.of("no-such-domain", "team-a"))), Kind.BAD_REQUEST,
				"Parent ['no-such-domain'] type domain does not exist");
	}

	@Test
	void refusesToDeleteAProjectThatStillHasObjects() {
		String project = api.fqNameToId(Project.TYPE, CLUSTER_PROJECT);
		assertFails(() -> api.delete(Project.TYPE, project), Kind.CONFLICT, "Delete when children still present: ['"
				+ emulator.url() + "/network-ipam/");
		assertThat(api.read(Project.class, project).fqName()).isEqualTo(CLUSTER_PROJECT);
	}

	@Test
	void authenticatesWithKeystoneAndReauthenticatesOnceWhenTheTokenExpires() {
		emulator.requireKeystone("admin", "s3cret-pw", "admin");
		TfConfigApi keystone = client(new ClusterAccess.Keystone(emulator.url() + "/v3", "admin", "s3cret-pw", "admin"),
				FabricSettings.defaults());
		assertThat(keystone.projects()).isNotEmpty();
		emulator.expireTokens();
		assertThat(keystone.globalSystemConfig().autonomousSystem()).isEqualTo(64512);
		assertFails(api::projects, Kind.UNAUTHORIZED, "requires authentication");

		// the token is refused and Keystone no longer takes the password: one attempt, then the failure
		emulator.requireKeystone("admin", "rotated-pw", "admin");
		emulator.expireTokens();
		assertThatThrownBy(keystone::projects).isInstanceOfSatisfying(FabricException.class, ex -> {
			assertThat(ex.kind()).isEqualTo(Kind.UNAUTHORIZED);
			assertThat(ex.source()).isEqualTo("tungsten-fabric");
			assertThat(ex.getMessage()).contains("user 'admin'").doesNotContain("s3cret-pw");
		});
	}

	@Test
	void refusesWrongKeystoneCredentialsWithoutEchoingThem() {
		emulator.requireKeystone("admin", "s3cret-pw", "admin");
		TfConfigApi wrong = client(new ClusterAccess.Keystone(emulator.url() + "/v3/", "admin", "guessed-pw", "admin"),
				FabricSettings.defaults());
		assertThatThrownBy(wrong::virtualNetworks).isInstanceOfSatisfying(FabricException.class, ex -> {
			assertThat(ex.kind()).isEqualTo(Kind.UNAUTHORIZED);
			assertThat(ex.status()).isEqualTo(401);
			assertThat(ex.getMessage()).doesNotContain("guessed-pw").doesNotContain("s3cret-pw");
		});
	}

	@Test
	void reportsAnApiThatIsDownAsUnreachableAndRecoversOnTheSamePort() {
		int port = emulator.port();
		emulator.down(true);
		assertFails(api::projects, Kind.UNREACHABLE, "connection refused");
		// a refused connection is tried again: the request never left
		assertThat(waits).hasSize(2);
		emulator.down(false);
		assertThat(emulator.port()).isEqualTo(port);
		assertThat(api.projects()).isNotEmpty();
	}

	@Test
	void reportsAnUnknownHostAsUnreachable() {
		TfConfigApi nowhere = new TfConfigApiClient(
				new ClusterAccess.TungstenFabric("http://tf-config.invalid:8082", null), FabricSettings.defaults(),
				json, Clock.systemUTC());
		assertFails(nowhere::projects, Kind.UNREACHABLE, "tf-config.invalid");
	}

	@Test
	void givesUpWhenTheApiAnswersTooSlowly() {
		emulator.latency(Duration.ofSeconds(2));
		TfConfigApi impatient = client(null, new FabricSettings(Duration.ofSeconds(3), Duration.ofMillis(300), 2,
				Duration.ofSeconds(20), Duration.ofMinutes(5)));
		assertFails(impatient::projects, Kind.TIMEOUT, "within 300ms");
	}

	@Test
	void retriesUnavailableAnswersAFixedNumberOfTimes() {
		emulator.failNext(2);
		assertThat(api.projects()).isNotEmpty();

		emulator.failNext(3);
		assertThatThrownBy(api::projects).isInstanceOfSatisfying(FabricException.class, ex -> {
			assertThat(ex.kind()).isEqualTo(Kind.SERVER_ERROR);
			assertThat(ex.status()).isEqualTo(503);
		});
		// one try and two retries used up all three failures
		assertThat(api.projects()).isNotEmpty();
		assertThat(waits).hasSize(4);

		emulator.errorRate(1.0);
		assertFails(api::bgpRouters, Kind.SERVER_ERROR, "503");
		emulator.resetFaults();
		assertThat(api.bgpRouters()).hasSize(1);
	}

	@Test
	void retriesAGetAnswered503AndReturnsTheAnswerOfTheRetry() {
		try (FaultyProxy proxy = new FaultyProxy(emulator.url())) {
			TfConfigApi proxied = client(proxy.url(), null, FabricSettings.defaults());
			proxy.once("GET /bgp-routers", Fault.UNAVAILABLE);
			assertThat(proxied.bgpRouters()).extracting(BgpRouter::fqName)
				.containsExactly(child(BgpRouter.PARENT, "aws-east-master"));
			assertThat(proxy.received()).containsExactly("GET /bgp-routers", "GET /bgp-routers");
			assertThat(waits).hasSize(1);
		}
	}

	@Test
	void aCreationAnswered503AfterTheServerCreatedItIsReadBackNotPostedAgain() {
		try (FaultyProxy proxy = new FaultyProxy(emulator.url())) {
			TfConfigApi proxied = client(proxy.url(), null, FabricSettings.defaults());
			List<String> name = List.of("default-domain", "team-a");
			proxy.once("POST /projects", Fault.FORWARD_THEN_UNAVAILABLE);
			String uuid = proxied.create(new Project(null, name));

			assertThat(api.list(Project.TYPE)).filteredOn(ref -> ref.fqName().equals(name))
				.containsExactly(new TfRef(Project.TYPE, uuid, name));
			assertThat(api.read(Project.class, uuid)).isEqualTo(new Project(uuid, name));
			assertThat(proxy.received()).containsExactly("POST /projects", "POST /fqname-to-id",
					"GET /project/" + uuid);
		}
	}

	@Test
	void aCreationWhoseConnectionDroppedAfterTheServerCreatedItIsReadBack() {
		try (FaultyProxy proxy = new FaultyProxy(emulator.url())) {
			TfConfigApi proxied = client(proxy.url(), null, FabricSettings.defaults());
			List<String> name = child(CLUSTER_PROJECT, "web-ipam");
			proxy.once("POST /network-ipams", Fault.FORWARD_THEN_DROP);
			String uuid = proxied.create(new NetworkIpam(null, name, "flat-subnet", List.of("10.48.0.0/12")));

			assertThat(api.networkIpams()).filteredOn(ipam -> ipam.fqName().equals(name))
				.containsExactly(new NetworkIpam(uuid, name, "flat-subnet", List.of("10.48.0.0/12")));
			assertThat(proxy.received()).filteredOn(request -> request.startsWith("POST /network-ipams"))
				.hasSize(1);
		}
	}

	@Test
	void aCreationThatTimedOutAfterTheServerCreatedItIsReadBack() {
		try (FaultyProxy proxy = new FaultyProxy(emulator.url())) {
			TfConfigApi impatient = client(proxy.url(), null, new FabricSettings(Duration.ofSeconds(3),
					Duration.ofMillis(500), 2, Duration.ofSeconds(20), Duration.ofMinutes(5)));
			List<String> name = child(CLUSTER_PROJECT, "web-np");
			proxy.once("POST /network-policys", Fault.FORWARD_THEN_HOLD);
			String uuid = impatient.create(new NetworkPolicy(null, name, List.of()));

			assertThat(api.list(NetworkPolicy.TYPE)).filteredOn(ref -> ref.fqName().equals(name))
				.containsExactly(new TfRef(NetworkPolicy.TYPE, uuid, name));
			assertThat(proxy.received()).containsExactly("POST /network-policys", "POST /fqname-to-id",
					"GET /network-policy/" + uuid);
		}
	}

	@Test
	void aCreationRefusedBeforeTheServerCreatedItIsPostedAgain() {
		try (FaultyProxy proxy = new FaultyProxy(emulator.url())) {
			TfConfigApi proxied = client(proxy.url(), null, FabricSettings.defaults());
			List<String> name = List.of("default-domain", "team-b");
			proxy.once("POST /projects", Fault.UNAVAILABLE);
			String uuid = proxied.create(new Project(null, name));

			assertThat(api.list(Project.TYPE)).filteredOn(ref -> ref.fqName().equals(name))
				.containsExactly(new TfRef(Project.TYPE, uuid, name));
			assertThat(proxy.received()).containsExactly("POST /projects", "POST /fqname-to-id", "POST /projects");
		}
	}

	@Test
	void aDeleteAnswered502AfterTheServerDeletedItIsDone() {
		String uuid = api.create(new Project(null, List.of("default-domain", "team-c")));
		try (FaultyProxy proxy = new FaultyProxy(emulator.url())) {
			TfConfigApi proxied = client(proxy.url(), null, FabricSettings.defaults());
			proxy.once("DELETE /project/" + uuid, Fault.FORWARD_THEN_UNAVAILABLE);
			proxied.delete(Project.TYPE, uuid);
			assertThat(proxy.received()).containsExactly("DELETE /project/" + uuid, "DELETE /project/" + uuid);
		}
		assertFails(() -> api.read(Project.class, uuid), Kind.NOT_FOUND, "Unknown id: " + uuid);
	}

	@Test
	void reportsAnAnswerThatIsNotJsonAsInvalid() throws IOException {
		HttpServer html = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		html.createContext("/", exchange -> {
			byte[] page = "<html><body>Welcome to nginx</body></html>".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, page.length);
			exchange.getResponseBody().write(page);
			exchange.close();
		});
		html.start();
		try {
			TfConfigApi notTf = new TfConfigApiClient(new ClusterAccess.TungstenFabric(
					"http://127.0.0.1:" + html.getAddress().getPort(), null), FabricSettings.defaults(), json,
					Clock.systemUTC());
			assertFails(notTf::projects, Kind.INVALID_RESPONSE, "not JSON");
		}
		finally {
			html.stop(0);
		}
	}

	private TfConfigApi client(ClusterAccess.Keystone keystone, FabricSettings settings) {
		return client(emulator.url(), keystone, settings);
	}

	/** Records the waits between attempts instead of waiting. */
	private TfConfigApi client(String url, ClusterAccess.Keystone keystone, FabricSettings settings) {
		return new TfConfigApiClient(new ClusterAccess.TungstenFabric(url, keystone), settings, json,
				Clock.systemUTC(), waits::add);
	}

	private VirtualNetwork network(List<String> fqName) {
		return api.virtualNetworks()
			.stream()
			.filter(network -> network.fqName().equals(fqName))
			.findFirst()
			.orElseThrow();
	}

	private static VirtualNetwork network(String name, List<String> routeTargets, List<List<String>> policies) {
		return new VirtualNetwork(null, child(CLUSTER_PROJECT, name),
				List.of(new IpamRef(List.of("default-domain", "k8s-default", "k8s-pod-ipam"), List.of())), routeTargets,
				List.of(), List.of(), policies, "flat-subnet-only", null);
	}

	private String rawSubnetUuid(String networkUuid) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(emulator.url() + "/virtual-network/" + networkUuid)).build(),
					HttpResponse.BodyHandlers.ofString());
		JsonNode network = json.readTree(response.body()).path("virtual-network");
		return network.path("network_ipam_refs").path(0).path("attr").path("ipam_subnets").path(0)
			.path("subnet_uuid").asString();
	}

	private static List<String> child(List<String> parent, String name) {
		List<String> fqName = new ArrayList<>(parent);
		fqName.add(name);
		return fqName;
	}

	private static void assertFails(ThrowingCallable call, Kind kind, String message) {
		assertThatThrownBy(call).isInstanceOfSatisfying(FabricException.class, ex -> {
			assertThat(ex.kind()).isEqualTo(kind);
			assertThat(ex.source()).isEqualTo("tungsten-fabric");
			assertThat(ex.getMessage()).contains(message);
		});
	}

}
