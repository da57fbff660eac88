package io.tfmesh.plan.compile;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.tfmesh.fabric.kubernetes.ServiceExport;
import io.tfmesh.fabric.kubernetes.ServicePort;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.NetworkPolicy;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyAddress;
import io.tfmesh.fabric.tf.NetworkPolicy.PolicyRule;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import io.tfmesh.observe.ObservedState.NamespaceForwarding;
import io.tfmesh.plan.CompiledPlan;
import io.tfmesh.plan.IntentSpec;
import io.tfmesh.plan.IntentSpec.PortRange;
import io.tfmesh.plan.PlannedStep;
import io.tfmesh.plan.PlanningInput;
import io.tfmesh.plan.StepAction;
import io.tfmesh.plan.StepOperation;
import io.tfmesh.plan.StepOperation.ImportService;
import io.tfmesh.plan.StepOperation.RemoveImportedService;
import io.tfmesh.plan.StepOperation.RestartPods;
import io.tfmesh.plan.StepOperation.SetConfigMapKeys;
import io.tfmesh.plan.StepOperation.WriteTfObject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The seed story: aws-east and gcp-west installed with TF's defaults (both on AS 64512, the same
 * pod, service and ip-fabric subnets, IP fabric forwarding off), gcp-west's kubeadm handing out
 * ClusterIPs from 10.112.0.0/12, and the intent "frontend of aws-east may reach orders of backend
 * in gcp-west on TCP 8080".
 */
class DesiredStateCompilerTest {

	static final String AWS_POD_NETWORK = "aws-east/tungsten-fabric/virtual-network/default-domain:k8s-default:k8s-default-pod-network";

	static final String GCP_SERVICE_NETWORK = "gcp-west/tungsten-fabric/virtual-network/default-domain:k8s-default:k8s-default-service-network";

	static final String GCP_POD_NETWORK = "gcp-west/tungsten-fabric/virtual-network/default-domain:k8s-default:k8s-default-pod-network";

	static final String AWS_ENV = "aws-east/kubernetes/configmap/kube-system/env";

	static final String AWS_ASN = "aws-east/tungsten-fabric/global-system-config/default-global-system-config";

	static final String GCP_ASN = "gcp-west/tungsten-fabric/global-system-config/default-global-system-config";

	static final String AWS_PEER = "aws-east/tungsten-fabric/bgp-router/default-domain:default-project:ip-fabric:__default__:gcp-west-gcp-west-master";

	static final String GCP_PEER = "gcp-west/tungsten-fabric/bgp-router/default-domain:default-project:ip-fabric:__default__:aws-east-aws-east-master";

	static final IntentSpec ORDERS = new IntentSpec(1, 1, "frontend", 2, "backend", "orders", "tcp",
			List.of(new PortRange(8080, 8080)));

	final DesiredStateCompiler compiler = new DesiredStateCompiler();

	ClusterModel aws;

	ClusterModel gcp;

	@BeforeEach
	void seed() {
		aws = ClusterModel.installed(1, "aws-east", "10.0.10.1")
			.allocations(64513, "10.48.0.0/16", "10.49.0.0/16", "10.50.0.0/16")
			.namespace("frontend");
		gcp = ClusterModel.installed(2, "gcp-west", "10.0.11.1")
			.allocations(64514, "10.52.0.0/16", "10.53.0.0/16", "10.54.0.0/16")
			.service("backend", "orders", "10.112.0.20", new ServicePort("http", "TCP", 8080, 8080),
					new ServicePort("grpc", "TCP", 9090, 9090));
	}

	CompiledPlan compile(IntentSpec... intents) {
		return compiler.compile(input(intents), null);
	}

	PlanningInput input(IntentSpec... intents) {
		return new PlanningInput(7, "mesh", List.of(aws.member(), gcp.member()), List.of(intents));
	}

	static PlannedStep step(CompiledPlan plan, String key) {
		return plan.steps()
			.stream()
			.filter(step -> step.key().equals(key))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no step " + key + " in " + plan.steps().stream().map(PlannedStep::key).toList()));
	}

	static List<String> keys(CompiledPlan plan) {
		return plan.steps().stream().map(PlannedStep::key).toList();
	}

	@Test
	void setsTheSubnetKeysInEnvWhichBothConsumersReadWhenTheyRunWithEntrypointDefaults() {
		PlannedStep env = step(compile(), AWS_ENV);

		assertThat(env.before()).isEmpty();
		assertThat(env.after()).containsExactlyInAnyOrderEntriesOf(Map.of("KUBERNETES_POD_SUBNETS", "10.48.0.0/16",
				"KUBERNETES_SERVICE_SUBNETS", "10.49.0.0/16", "KUBERNETES_IP_FABRIC_SUBNETS", "10.50.0.0/16"));
		assertThat(env.operation()).isEqualTo(new SetConfigMapKeys("kube-system", "env", env.after(), List.of()));
		assertThat(env.undo()).isEqualTo(new SetConfigMapKeys("kube-system", "env", Map.of(),
				List.of("KUBERNETES_POD_SUBNETS", "KUBERNETES_SERVICE_SUBNETS", "KUBERNETES_IP_FABRIC_SUBNETS")));
		assertThat(keys(compile())).doesNotContain("aws-east/kubernetes/configmap/kube-system/kube-manager-config");
	}

	@Test
	void writesTheKeyWhereEachConsumerReadsItWhenKubeManagerTakesItFromKubeManagerConfig() {
		// the CloudOps recipe: the subnets only in kube-manager-config, which the agents do not read
		aws.configMaps.get("kube-manager-config").put("KUBERNETES_POD_SUBNETS", "10.48.0.0/12");

		CompiledPlan plan = compile();

		assertThat(step(plan, "aws-east/kubernetes/configmap/kube-system/kube-manager-config").after())
			.containsExactly(Map.entry("KUBERNETES_POD_SUBNETS", "10.48.0.0/16"));
		assertThat(step(plan, "aws-east/kubernetes/configmap/kube-system/kube-manager-config").before())
			.containsExactly(Map.entry("KUBERNETES_POD_SUBNETS", "10.48.0.0/12"));
		assertThat(step(plan, AWS_ENV).after()).containsEntry("KUBERNETES_POD_SUBNETS", "10.48.0.0/16");
	}

	@Test
	void restartsKubeManagerAndTheAgentsAfterTheConfigMapsNamingTheirPods() {
		CompiledPlan plan = compile();
		PlannedStep kubeManager = step(plan, "aws-east/kubernetes/daemonset/kube-system/contrail-kube-manager");
		PlannedStep agent = step(plan, "aws-east/kubernetes/daemonset/kube-system/contrail-agent");

		assertThat(kubeManager.operation()).isEqualTo(new RestartPods("kube-system", "contrail-kube-manager"));
		assertThat(kubeManager.action()).isEqualTo(StepAction.RESTART);
		assertThat(kubeManager.dependsOn()).contains(AWS_ENV);
		assertThat(kubeManager.risk()).contains("contrail-kube-manager-ax1 on aws-east-master");
		assertThat(agent.operation()).isEqualTo(new RestartPods("kube-system", "contrail-agent"));
		assertThat(agent.risk()).contains("contrail-agent-aa1 on aws-east-master", "contrail-agent-aa2 on aws-east-worker-1");
		assertThat(agent.after()).containsExactly(Map.entry("KUBERNETES_POD_SUBNETS", "10.48.0.0/16"));
	}

	@Test
	void restartsOnlyKubeManagerWhenThePodSubnetsStay() {
		aws.allocations(64513, "10.32.0.0/12", "10.49.0.0/16", "10.50.0.0/16");

		List<String> keys = keys(compile());

		assertThat(keys).contains("aws-east/kubernetes/daemonset/kube-system/contrail-kube-manager")
			.doesNotContain("aws-east/kubernetes/daemonset/kube-system/contrail-agent");
	}

	@Test
	void addsTheNewSubnetBesideTheOldOneInEachIpamAndSaysHowManyPodsStillUseIt() {
		CompiledPlan plan = compile();
		PlannedStep pods = step(plan, "aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-pod-ipam");

		assertThat(pods.before()).containsExactly(Map.entry("subnets", "10.32.0.0/12"));
		// the new subnet first: the API server hands out the first free address in subnet order
		assertThat(pods.after()).containsExactly(Map.entry("subnets", "10.48.0.0/16 10.32.0.0/12"));
		assertThat(((NetworkIpam) ((WriteTfObject) pods.operation()).object()).subnets())
			.containsExactly("10.48.0.0/16", "10.32.0.0/12");
		assertThat(((NetworkIpam) ((WriteTfObject) pods.operation()).object()).subnetMethod()).isEqualTo("flat-subnet");
		assertThat(pods.undo()).isEqualTo(new WriteTfObject(aws.ipams.get(ClusterModel.fq(ClusterModel.PROJECT, "k8s-pod-ipam"))));
		assertThat(pods.risk()).contains("running pods keep theirs in 10.32.0.0/12");
		assertThat(plan.notes()).anyMatch(note -> note.contains("k8s-pod-ipam keeps 10.32.0.0/12 after 10.48.0.0/16")
				&& note.contains("whether addresses of it are in use is unknown") && note.contains("2 pods still use it")
				&& note.contains("later plan"));
		assertThat(plan.notes()).anyMatch(note -> note.contains("k8s-service-ipam keeps 10.96.0.0/12")
				&& note.contains("3 Services still use it"));
		assertThat(step(plan, AWS_ENV).dependsOn()).contains(pods.key());
	}

	@Test
	void keepsAnOldSubnetWhoseAddressesAreInUseAndGivesUpOneNobodyUses() {
		aws.addressesInUse = Map.of("10.32.0.0/12", 2L, "10.96.0.0/12", 0L, "10.64.0.0/12", 0L);

		CompiledPlan plan = compile();

		assertThat(step(plan, "aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-pod-ipam").after())
			.containsExactly(Map.entry("subnets", "10.48.0.0/16 10.32.0.0/12"));
		PlannedStep services = step(plan,
				"aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-service-ipam");
		assertThat(services.after()).containsExactly(Map.entry("subnets", "10.49.0.0/16"));
		assertThat(services.risk()).contains("10.96.0.0/12 goes, unused");
		assertThat(plan.notes()).anyMatch(note -> note.contains("k8s-pod-ipam keeps 10.32.0.0/12")
				&& note.contains("2 addresses of it are in use"))
			.anyMatch(note -> note.contains("k8s-service-ipam gives up 10.96.0.0/12"));
	}

	@Test
	void aLaterPlanRemovesTheOldSubnetOnceNoAddressOfItIsHeld() {
		aws.addressesInUse = new java.util.HashMap<>(Map.of("10.32.0.0/12", 2L, "10.96.0.0/12", 1L,
				"10.64.0.0/12", 1L, "10.48.0.0/16", 0L, "10.49.0.0/16", 0L, "10.50.0.0/16", 0L));
		applyAll(compile());
		assertThat(keys(compile())).noneMatch(key -> key.startsWith("aws-east/"));

		aws.addressesInUse.put("10.32.0.0/12", 0L);
		CompiledPlan later = compile();

		assertThat(keys(later).stream().filter(key -> key.startsWith("aws-east/")))
			.containsExactly("aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-pod-ipam");
		assertThat(step(later, "aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-pod-ipam").after())
			.containsExactly(Map.entry("subnets", "10.48.0.0/16"));
		applyAll(later);
		assertThat(keys(compile())).noneMatch(key -> key.startsWith("aws-east/"));
	}

	@Test
	void replacesAnOverlappingOldSubnetThatNobodyUses() {
		aws.allocations(64513, "10.40.0.0/16", "10.49.0.0/16", "10.50.0.0/16");
		aws.addressesInUse = Map.of("10.32.0.0/12", 0L);

		PlannedStep pods = step(compile(),
				"aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-pod-ipam");

		assertThat(pods.after()).containsExactly(Map.entry("subnets", "10.40.0.0/16"));
	}

	@Test
	void leavesAKindAloneWhoseNewSubnetOverlapsTheOldOneInItsIpam() {
		aws.allocations(64513, "10.40.0.0/16", "10.49.0.0/16", "10.50.0.0/16");

		CompiledPlan plan = compile();

		assertThat(keys(plan)).doesNotContain("aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-pod-ipam");
		assertThat(step(plan, AWS_ENV).after()).doesNotContainKey("KUBERNETES_POD_SUBNETS");
		assertThat(plan.notes()).anyMatch(note -> note.contains("10.40.0.0/16 overlaps 10.32.0.0/12"));
	}

	@Test
	void setsEachGlobalAsnToTheMeshAsnBeforeTheBgpRoutersOfBothSides() {
		CompiledPlan plan = compile();
		PlannedStep asn = step(plan, AWS_ASN);

		assertThat(asn.before()).containsExactly(Map.entry("autonomous_system", "64512"));
		assertThat(asn.after()).containsExactly(Map.entry("autonomous_system", "64513"));
		assertThat(step(plan, AWS_PEER).dependsOn()).containsExactlyInAnyOrder(AWS_ASN, GCP_ASN);
		assertThat(step(plan, GCP_PEER).dependsOn()).containsExactlyInAnyOrder(AWS_ASN, GCP_ASN);
	}

	@Test
	void makesAnExternalControlNodePeeredWithTheLocalControlNodesForEachRemoteControlNode() {
		PlannedStep peer = step(compile(), AWS_PEER);
		BgpRouter router = (BgpRouter) ((WriteTfObject) peer.operation()).object();

		assertThat(peer.action()).isEqualTo(StepAction.CREATE);
		assertThat(router.parameters().routerType()).isEqualTo("external-control-node");
		assertThat(router.parameters().vendor()).isEqualTo("unknown");
		assertThat(router.parameters().address()).isEqualTo("10.0.11.1");
		assertThat(router.parameters().autonomousSystem()).isEqualTo(64514);
		assertThat(router.parameters().addressFamilies()).containsExactly("route-target", "inet-vpn", "e-vpn",
				"inet6-vpn");
		assertThat(router.peers()).singleElement()
			.satisfies(peering -> assertThat(peering.to()).containsExactly("default-domain", "default-project",
					"ip-fabric", "__default__", "aws-east-master"));
		assertThat(peer.after()).containsEntry("bgp_router_refs", "aws-east-master");
		assertThat(peer.undo()).isEqualTo(new StepOperation.DeleteTfObject("bgp-router", router.fqName()));
	}

	@Test
	void addsTheIntentsRouteTargetToTheSourcePodNetworkAndTheDestinationServiceAndPodNetworks() {
		CompiledPlan plan = compile(ORDERS);

		for (String key : List.of(AWS_POD_NETWORK, GCP_SERVICE_NETWORK, GCP_POD_NETWORK)) {
			PlannedStep network = step(plan, key);
			assertThat(network.after()).containsEntry("route_target_list", "target:64514:7000001");
			assertThat(((VirtualNetwork) ((WriteTfObject) network.operation()).object()).routeTargets())
				.containsExactly("target:64514:7000001");
			assertThat(network.dependsOn()).contains(AWS_ASN, GCP_ASN, AWS_PEER, GCP_PEER);
		}
	}

	@Test
	void keepsTheRouteTargetsAlreadyThere() {
		VirtualNetwork pod = aws.networks.get(ClusterModel.POD_NETWORK);
		aws.networks.put(pod.fqName(), withTargets(pod, "target:64600:5"));

		PlannedStep network = step(compile(ORDERS), AWS_POD_NETWORK);

		assertThat(((VirtualNetwork) ((WriteTfObject) network.operation()).object()).routeTargets())
			.containsExactly("target:64600:5", "target:64514:7000001");
		assertThat(network.before()).containsExactly(Map.entry("route_target_list", "target:64600:5"));
		assertThat(network.undo()).isEqualTo(new WriteTfObject(aws.networks.get(ClusterModel.POD_NETWORK)));
	}

	@Test
	void comparesRouteTargetsAsTheServerStoresThem() {
		VirtualNetwork pod = aws.networks.get(ClusterModel.POD_NETWORK);
		aws.networks.put(pod.fqName(), withTargets(pod, "target:0064514:07000001"));

		assertThat(keys(compile(ORDERS))).doesNotContain(AWS_POD_NETWORK).contains(GCP_POD_NETWORK);
	}

	@Test
	void placesAPolicyInTheDestinationNamespacesProjectLettingOnlyTheSourcePodRangeReachTheIntentsPorts() {
		CompiledPlan plan = compile(ORDERS);
		String key = "gcp-west/tungsten-fabric/network-policy/default-domain:k8s-backend:tfmesh-intent-1";
		NetworkPolicy policy = (NetworkPolicy) ((WriteTfObject) step(plan, key).operation()).object();

		assertThat(policy.rules()).containsExactly(new PolicyRule(">", "tcp",
				List.of(PolicyAddress.cidr("10.48.0.0/16")), List.of(NetworkPolicy.PortRange.ANY),
				List.of(PolicyAddress.network("default-domain:k8s-default:k8s-default-service-network")),
				List.of(new NetworkPolicy.PortRange(8080, 8080)), "pass"));
		PlannedStep serviceNetwork = step(plan, GCP_SERVICE_NETWORK);
		assertThat(serviceNetwork.dependsOn()).contains(key);
		assertThat(serviceNetwork.risk()).contains("every network that has target:64514:7000001",
				"checked against default-domain:k8s-backend:tfmesh-intent-1");
		assertThat(((VirtualNetwork) ((WriteTfObject) serviceNetwork.operation()).object()).networkPolicyRefs())
			.containsExactly(List.of("default-domain", "k8s-backend", "tfmesh-intent-1"));
		assertThat(step(plan, GCP_POD_NETWORK).after()).doesNotContainKey("network_policy_refs");
	}

	@Test
	void importsTheDestinationServiceWithTheIntentsPortsAndItsClusterIpIntoTheSourceNamespace() {
		CompiledPlan plan = compile(ORDERS);
		PlannedStep imported = step(plan, "aws-east/kubernetes/service/frontend/orders-gcp-west");
		ServiceExport export = ((ImportService) imported.operation()).service();

		assertThat(export.namespace()).isEqualTo("frontend");
		assertThat(export.name()).isEqualTo("orders-gcp-west");
		assertThat(export.ports()).containsExactly(new ServicePort("http", "TCP", 8080, 8080));
		assertThat(export.endpointAddresses()).containsExactly("10.112.0.20");
		assertThat(export.labels()).containsEntry("tfmesh.io/intent", "1")
			.containsEntry("tfmesh.io/remote-cluster", "gcp-west")
			.containsEntry("tfmesh.io/remote-service", "orders");
		assertThat(imported.undo()).isEqualTo(new RemoveImportedService("frontend", "orders-gcp-west"));
		assertThat(imported.dependsOn()).contains(AWS_POD_NETWORK, GCP_SERVICE_NETWORK);
	}

	@Test
	void importsEveryPortOfTheProtocolWhenTheIntentNamesNone() {
		IntentSpec all = new IntentSpec(1, 1, "frontend", 2, "backend", "orders", "tcp", List.of());

		ServiceExport export = ((ImportService) step(compile(all), "aws-east/kubernetes/service/frontend/orders-gcp-west")
			.operation()).service();

		assertThat(export.ports()).extracting(ServicePort::port).containsExactly(8080, 9090);
	}

	@Test
	void saysWhenTheDestinationClusterIpIsOutsideItsNewServiceRange() {
		assertThat(compile(ORDERS).notes()).anyMatch(note -> note.contains("ClusterIP 10.112.0.20")
				&& note.contains("outside its new service range 10.53.0.0/16"));
	}

	@Test
	void ordersEveryStepAfterTheStepsItDependsOn() {
		CompiledPlan plan = compile(ORDERS);
		Set<String> seen = new HashSet<>();

		for (PlannedStep step : plan.steps()) {
			assertThat(seen).as(step.key()).containsAll(step.dependsOn());
			seen.add(step.key());
		}
		assertThat(seen).hasSize(plan.steps().size());
		assertThat(keys(plan)).isEqualTo(keys(compile(ORDERS)));
	}

	@Test
	void convergesWhenTheStepsAreDoneAndTheRealApiRefusesNoneOfThem() {
		CompiledPlan plan = compile(ORDERS);

		assertThatCode(() -> applyAll(plan)).doesNotThrowAnyException();

		CompiledPlan again = compile(ORDERS);
		assertThat(again.steps()).as("%s", keys(again)).isEmpty();
		assertThat(aws.asn).isEqualTo(64513);
		assertThat(gcp.asn).isEqualTo(64514);
	}

	@Test
	void eachStepWritesOnceAndDoesNothingMoreWhenRunAgain() {
		CompiledPlan plan = compile(ORDERS);
		applyAll(plan);

		assertThat(aws.writes).doesNotHaveDuplicates();
		assertThat(gcp.writes).doesNotHaveDuplicates();
		assertThat(aws.writes.size() + gcp.writes.size()).isEqualTo(plan.steps().size());
	}

	@Test
	void compilesNothingWhenTheClustersAlreadyHaveTheirAllocations() {
		aws.allocations(64512, "10.32.0.0/12", "10.96.0.0/12", "10.64.0.0/12");
		gcp.allocations(64512, null, null, null);
		gcp.meshAsn = null;

		CompiledPlan plan = compile();

		assertThat(plan.empty()).as("%s", keys(plan)).isTrue();
	}

	@Test
	void aRestartIsUndoneByRestartingTheSameDaemonSetAgain() {
		PlannedStep restart = step(compile(),
				"aws-east/kubernetes/daemonset/kube-system/contrail-kube-manager");

		assertThat(restart.undo()).isEqualTo(new RestartPods("kube-system", "contrail-kube-manager"));
	}

	@Test
	void undoOperationsRestoreTheObservedState() {
		String before = snapshot(aws) + snapshot(gcp);
		CompiledPlan plan = compile(ORDERS);
		applyAll(plan);
		List<PlannedStep> reversed = new ArrayList<>(plan.steps());
		java.util.Collections.reverse(reversed);

		for (PlannedStep step : reversed) {
			if (step.undo() != null) {
				model(step).apply(step.undo());
			}
		}

		assertThat(snapshot(aws) + snapshot(gcp)).isEqualTo(before);
	}

	@Test
	void takesThePolicySourceFromTheIpFabricRangeAndSaysWhatMovesWhenForwardingIsOn() {
		aws.networks.put(ClusterModel.POD_NETWORK, new VirtualNetwork("uuid-pod", ClusterModel.POD_NETWORK,
				List.of(new IpamRef(ClusterModel.fq(ClusterModel.PROJECT, "k8s-ip-fabric-ipam"), List.of())), List.of(),
				List.of(), List.of(), List.of(), "flat-subnet-only", null));

		CompiledPlan plan = compile(ORDERS);

		NetworkPolicy policy = (NetworkPolicy) ((WriteTfObject) step(plan,
				"gcp-west/tungsten-fabric/network-policy/default-domain:k8s-backend:tfmesh-intent-1").operation())
			.object();
		assertThat(policy.rules().get(0).sources()).containsExactly(PolicyAddress.cidr("10.50.0.0/16"));
		assertThat(step(plan, "aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-ip-fabric-ipam")
			.risk()).contains("new pods take addresses from 10.50.0.0/16");
		assertThat(step(plan, "aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-pod-ipam").risk())
			.startsWith("no pod moves");
		assertThat(plan.notes()).anyMatch(note -> note.contains("k8s-ip-fabric-ipam keeps 10.64.0.0/12")
				&& note.contains("2 pods still use it"));
	}

	@Test
	void followsANamespaceThatDecidesForwardingForItself() {
		aws.namespaceForwarding.add(new NamespaceForwarding("frontend", true));

		NetworkPolicy policy = (NetworkPolicy) ((WriteTfObject) step(compile(ORDERS),
				"gcp-west/tungsten-fabric/network-policy/default-domain:k8s-backend:tfmesh-intent-1").operation())
			.object();

		assertThat(policy.rules().get(0).sources()).containsExactly(PolicyAddress.cidr("10.50.0.0/16"));
	}

	@Test
	void plansNoSubnetOfAClusterWhoseForwardingIsUnknown() {
		aws.forwardingUnknown = true;

		CompiledPlan plan = compile(ORDERS);

		assertThat(keys(plan)).noneMatch(key -> key.startsWith("aws-east/") && (key.contains("/configmap/")
				|| key.contains("/network-ipam/") || key.contains("/daemonset/")));
		assertThat(keys(plan)).contains(AWS_ASN, "gcp-west/kubernetes/configmap/kube-system/env");
		assertThat(plan.notes()).anyMatch(note -> note.startsWith("aws-east: its subnets are not planned"));
		assertThat(plan.notes()).anyMatch(note -> note.contains("no network policy is planned"));
	}

	@Test
	void plansNothingForAMemberWhoseObservationIsIncomplete() {
		gcp.complete = false;

		CompiledPlan plan = compile(ORDERS);

		assertThat(plan.steps()).allMatch(step -> step.clusterId() == 1);
		assertThat(plan.notes()).anyMatch(note -> note.startsWith("gcp-west is not planned")
				&& note.contains("kubernetes/kube-manager-configmaps failed"));
		assertThat(plan.notes()).anyMatch(note -> note.contains("intent 1") && note.contains("not planned"));
	}

	@Test
	void keepsOnlyOneClustersStepsAndDropsDependenciesOnTheOthersWithANote() {
		CompiledPlan plan = compiler.compile(input(ORDERS), 2L);

		assertThat(plan.steps()).isNotEmpty().allMatch(step -> step.clusterId() == 2);
		Set<String> kept = new HashSet<>(keys(plan));
		assertThat(plan.steps()).allMatch(step -> kept.containsAll(step.dependsOn()));
		assertThat(step(plan, GCP_PEER).dependsOn()).containsExactly(GCP_ASN);
		assertThat(plan.notes()).anyMatch(note -> note.startsWith(GCP_PEER) && note.contains(AWS_ASN));
	}

	@Test
	void enablesFourByteAsnsWhereAMemberOrAPeerHasOne() {
		aws.allocations(4_200_000_001L, "10.48.0.0/16", "10.49.0.0/16", "10.50.0.0/16");

		CompiledPlan plan = compile(ORDERS);

		assertThat(step(plan, AWS_ASN).after()).containsEntry("autonomous_system", "4200000001")
			.containsEntry("enable_4byte_as", "true");
		assertThat(step(plan, GCP_ASN).after()).containsEntry("enable_4byte_as", "true");
		assertThat(step(plan, AWS_POD_NETWORK).after()).containsEntry("route_target_list", "target:64514:7000001");
		assertThatCode(() -> applyAll(plan)).doesNotThrowAnyException();
		assertThat(compile(ORDERS).steps()).isEmpty();
	}

	@Test
	void usesAFourByteTargetBelowTheAutomaticRangeWhenNeitherAsnFitsTwoBytes() {
		aws.allocations(4_200_000_001L, "10.48.0.0/16", "10.49.0.0/16", "10.50.0.0/16");
		gcp.allocations(4_200_000_002L, "10.52.0.0/16", "10.53.0.0/16", "10.54.0.0/16");

		CompiledPlan plan = compile(ORDERS);

		assertThat(step(plan, AWS_POD_NETWORK).after()).containsEntry("route_target_list", "target:4200000002:1001");
		assertThatCode(() -> applyAll(plan)).doesNotThrowAnyException();
		assertThat(compile(ORDERS).steps()).isEmpty();
	}

	@Test
	void leavesTheAsnAloneWhenItIsAlreadyTheMeshAsn() {
		aws.asn = 64513;

		assertThat(keys(compile())).doesNotContain(AWS_ASN).contains(GCP_ASN);
	}

	@Test
	void addsTheRouteTargetToTheOwnPodNetworkOfAnIsolatedSourceNamespace() {
		List<String> own = List.of("default-domain", "k8s-frontend", "k8s-frontend-pod-network");
		aws.network(own, "k8s-pod-ipam");

		CompiledPlan plan = compile(ORDERS);

		assertThat(step(plan, "aws-east/tungsten-fabric/virtual-network/default-domain:k8s-frontend:k8s-frontend-pod-network")
			.after()).containsEntry("route_target_list", "target:64514:7000001");
		assertThat(keys(plan)).doesNotContain(AWS_POD_NETWORK);
	}

	@Test
	void placesThePolicyInTheProjectKubeManagerIsConfiguredToUseForEveryNamespace() {
		gcp.configMaps.get("env").put("KUBERNETES_CLUSTER_PROJECT", "{'domain': 'default-domain', 'project': 'admin'}");

		assertThat(keys(compile(ORDERS)))
			.contains("gcp-west/tungsten-fabric/network-policy/default-domain:admin:tfmesh-intent-1");
	}

	@Test
	void updatesAnExternalControlNodeThatAlreadyHasThePeersAddressToThePeersNewAsn() {
		List<String> fqName = ClusterModel.fq(BgpRouter.PARENT, "gcp-controller");
		aws.routers.put(fqName, new BgpRouter("uuid-old", fqName, new BgpRouter.BgpRouterParameters(
				"external-control-node", "unknown", "10.0.11.1", "10.0.11.1", 64512, 179, 90, PeeringSteps.FAMILIES,
				false), List.of()));

		CompiledPlan plan = compile();
		PlannedStep peer = step(plan,
				"aws-east/tungsten-fabric/bgp-router/default-domain:default-project:ip-fabric:__default__:gcp-controller");

		assertThat(peer.action()).isEqualTo(StepAction.UPDATE);
		assertThat(peer.before()).containsEntry("autonomous_system", "64512").containsEntry("bgp_router_refs", "");
		assertThat(peer.after()).containsEntry("autonomous_system", "64514")
			.containsEntry("bgp_router_refs", "aws-east-master")
			.doesNotContainKey("router_type");
		assertThat(((BgpRouter) ((WriteTfObject) peer.operation()).object()).parameters().holdTime()).isEqualTo(90);
		assertThat(keys(plan)).doesNotContain(AWS_PEER);
	}

	@Test
	void leavesASubnetSetInTheDaemonSetSpecAloneAndSaysSo() {
		aws.kubeManagerReads = List.of();
		aws.literal = Map.of("KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12");

		CompiledPlan plan = compile();

		assertThat(step(plan, AWS_ENV).after()).doesNotContainKey("KUBERNETES_SERVICE_SUBNETS");
		assertThat(plan.notes()).anyMatch(note -> note.contains("KUBERNETES_SERVICE_SUBNETS comes from env"));
	}

	@Test
	void saysNothingOfASettingTfmeshCannotChangeWhenItStays() {
		aws.kubeManagerReads = List.of();
		aws.literal = Map.of("KUBERNETES_SERVICE_SUBNETS", "10.49.0.0/16");
		aws.ipam("k8s-service-ipam", "10.49.0.0/16");

		CompiledPlan plan = compile();

		assertThat(plan.notes()).noneMatch(note -> note.contains("KUBERNETES_SERVICE_SUBNETS"));
		assertThat(keys(plan)).doesNotContain(
				"aws-east/tungsten-fabric/network-ipam/default-domain:k8s-default:k8s-service-ipam");
	}

	@Test
	void everyOperationAndUndoSurvivesTheJsonItIsStoredAs() {
		JsonMapper json = JsonMapper.builder().build();

		for (PlannedStep step : compile(ORDERS).steps()) {
			for (StepOperation operation : java.util.Arrays.asList(step.operation(), step.undo())) {
				if (operation != null) {
					String text = json.writeValueAsString(operation);
					assertThat(json.readValue(text, StepOperation.class)).as(step.key()).isEqualTo(operation);
				}
			}
		}
	}

	@Test
	void keepsTheSameKeysAcrossCompiles() {
		assertThat(keys(compile(ORDERS))).isEqualTo(keys(compile(ORDERS))).doesNotHaveDuplicates();
	}

	private void applyAll(CompiledPlan plan) {
		for (PlannedStep step : plan.steps()) {
			model(step).apply(step.operation());
		}
	}

	private ClusterModel model(PlannedStep step) {
		return step.clusterId() == aws.id ? aws : gcp;
	}

	private static String snapshot(ClusterModel model) {
		return model.configMaps + " " + model.asn + " " + model.enable4ByteAs + " " + model.ipams + " "
				+ model.networks + " " + model.routers + " " + model.policies + " " + model.services;
	}

	private static VirtualNetwork withTargets(VirtualNetwork network, String... targets) {
		return new VirtualNetwork(network.uuid(), network.fqName(), network.ipamRefs(), List.of(targets),
				network.importRouteTargets(), network.exportRouteTargets(), network.networkPolicyRefs(),
				network.addressAllocationMode(), network.fabricSnat());
	}

}
