package io.tfmesh.plan.compile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.tfmesh.fabric.kubernetes.ClusterCounts;
import io.tfmesh.fabric.kubernetes.ConfigMapData;
import io.tfmesh.fabric.kubernetes.PodInfo;
import io.tfmesh.fabric.kubernetes.ServiceExport;
import io.tfmesh.fabric.kubernetes.ServiceInfo;
import io.tfmesh.fabric.kubernetes.ServicePort;
import io.tfmesh.fabric.tf.BgpRouter;
import io.tfmesh.fabric.tf.BgpRouter.BgpPeering;
import io.tfmesh.fabric.tf.BgpRouter.BgpRouterParameters;
import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.fabric.tf.NetworkPolicy;
import io.tfmesh.fabric.tf.TfObject;
import io.tfmesh.fabric.tf.TfValues;
import io.tfmesh.fabric.tf.VirtualNetwork;
import io.tfmesh.fabric.tf.VirtualNetwork.IpamRef;
import io.tfmesh.net.Cidr;
import io.tfmesh.observe.ObservedState;
import io.tfmesh.observe.ObservedState.Forwarding;
import io.tfmesh.observe.ObservedState.NamespaceForwarding;
import io.tfmesh.observe.ObservedState.Setting;
import io.tfmesh.observe.ObservedState.SourceReading;
import io.tfmesh.observe.ObservedState.TfConfig;
import io.tfmesh.plan.PlanningInput.Member;
import io.tfmesh.plan.StepOperation;
import io.tfmesh.plan.StepOperation.DeleteTfObject;
import io.tfmesh.plan.StepOperation.ImportService;
import io.tfmesh.plan.StepOperation.RemoveImportedService;
import io.tfmesh.plan.StepOperation.RestartPods;
import io.tfmesh.plan.StepOperation.SetConfigMapKeys;
import io.tfmesh.plan.StepOperation.WriteTfObject;
import org.jspecify.annotations.Nullable;

/**
 * A cluster held in memory: its ConfigMaps and which ones each consumer reads, its TF objects and
 * its Services. It is observed as tfmesh observes a cluster (settings from the ConfigMaps in
 * {@code envFrom} order over the entrypoint defaults, IP fabric forwarding from the IPAMs the pod
 * network references), and it applies step operations refusing what contrail-api refuses
 * (tf-controller {@code network_ipam.py}, {@code global_system_config.py}, {@code bgp_router.py},
 * {@code route_target.py}, {@code virtual_network.py}) and references to objects that do not exist.
 */
final class ClusterModel {

	static final String NAMESPACE = "kube-system";

	static final List<String> PROJECT = List.of("default-domain", "k8s-default");

	static final List<String> POD_NETWORK = List.of("default-domain", "k8s-default", "k8s-default-pod-network");

	static final List<String> SERVICE_NETWORK = List.of("default-domain", "k8s-default",
			"k8s-default-service-network");

	/** tf-container-builder {@code containers/kubernetes/kube-manager/entrypoint.sh}. */
	private static final Map<String, String> KUBE_MANAGER_DEFAULTS = Map.of("KUBERNETES_POD_SUBNETS", "10.32.0.0/12",
			"KUBERNETES_SERVICE_SUBNETS", "10.96.0.0/12", "KUBERNETES_IP_FABRIC_SUBNETS", "10.64.0.0/12",
			"KUBERNETES_CLUSTER_NAME", "k8s", "KUBERNETES_CLUSTER_DOMAIN", "default-domain",
			"KUBERNETES_IP_FABRIC_FORWARDING", "false");

	private static final Pattern TARGET = Pattern.compile("target:(\\d+):(\\d+)");

	final long id;

	final String name;

	final Map<String, Map<String, String>> configMaps = new LinkedHashMap<>();

	List<String> kubeManagerReads = List.of("env", "kube-manager-config");

	List<String> agentReads = List.of("env");

	/** Literal {@code env} entries of kube-manager's container spec, which win over its ConfigMaps. */
	Map<String, String> literal = Map.of();

	long asn = 64512;

	boolean enable4ByteAs;

	boolean ibgpAutoMesh = true;

	final Map<List<String>, NetworkIpam> ipams = new LinkedHashMap<>();

	final Map<List<String>, VirtualNetwork> networks = new LinkedHashMap<>();

	final Map<List<String>, BgpRouter> routers = new LinkedHashMap<>();

	final Map<List<String>, NetworkPolicy> policies = new LinkedHashMap<>();

	final List<ServiceInfo> services = new ArrayList<>();

	final List<String> namespaces = new ArrayList<>(List.of("default", NAMESPACE));

	final List<NamespaceForwarding> namespaceForwarding = new ArrayList<>();

	final List<PodInfo> pods = new ArrayList<>();

	@Nullable ClusterCounts counts = new ClusterCounts(2, 3);

	boolean complete = true;

	boolean forwardingUnknown;

	/** Every write, as {@code <kind> <object>}. */
	final List<String> writes = new ArrayList<>();

	@Nullable Long meshAsn;

	@Nullable String podCidr;

	@Nullable String serviceCidr;

	@Nullable String fabricCidr;

	private ClusterModel(long id, String name) {
		this.id = id;
		this.name = name;
	}

	/**
	 * A cluster as the single-yaml install leaves it: no subnet keys in its ConfigMaps, the IPAMs
	 * and networks kube-manager provisions from the entrypoint defaults, AS 64512, one control
	 * node, forwarding off.
	 */
	static ClusterModel installed(long id, String name, String controlAddress) {
		ClusterModel model = new ClusterModel(id, name);
		model.configMaps.put("env", new LinkedHashMap<>(Map.of("CONTROLLER_NODES", controlAddress,
				"KUBERNETES_IP_FABRIC_FORWARDING", "false", "CLOUD_ORCHESTRATOR", "kubernetes")));
		model.configMaps.put("kube-manager-config", new LinkedHashMap<>(Map.of("KUBERNETES_API_SERVER",
				controlAddress, "KUBERNETES_API_SECURE_PORT", "6443", "K8S_TOKEN_FILE", "/tmp/serviceaccount/token")));
		model.ipam("k8s-pod-ipam", "10.32.0.0/12");
		model.ipam("k8s-service-ipam", "10.96.0.0/12");
		model.ipam("k8s-ip-fabric-ipam", "10.64.0.0/12");
		model.network(POD_NETWORK, "k8s-pod-ipam");
		model.network(SERVICE_NETWORK, "k8s-service-ipam");
		model.controlNode(name + "-master", controlAddress);
		model.services.add(new ServiceInfo("default", "kubernetes", "ClusterIP", List.of("10.96.0.1"),
				List.of(new ServicePort("https", "TCP", 443, 6443))));
		model.pod("contrail-kube-manager-" + name.charAt(0) + "x1", "contrail-kube-manager", name + "-master");
		model.pod("contrail-agent-" + name.charAt(0) + "a1", "contrail-agent", name + "-master");
		model.pod("contrail-agent-" + name.charAt(0) + "a2", "contrail-agent", name + "-worker-1");
		return model;
	}

	ClusterModel allocations(long asn, String pod, String service, String fabric) {
		this.meshAsn = asn;
		this.podCidr = pod;
		this.serviceCidr = service;
		this.fabricCidr = fabric;
		return this;
	}

	ClusterModel ipam(String name, String... subnets) {
		List<String> fqName = fq(PROJECT, name);
		ipams.put(fqName, new NetworkIpam("uuid-" + name, fqName, "flat-subnet", List.of(subnets)));
		return this;
	}

	ClusterModel network(List<String> fqName, String ipam) {
		networks.put(fqName, new VirtualNetwork("uuid-" + fqName.get(2), fqName,
				List.of(new IpamRef(fq(PROJECT, ipam), List.of())), List.of(), List.of(), List.of(), List.of(),
				"flat-subnet-only", null));
		return this;
	}

	ClusterModel controlNode(String hostname, String address) {
		List<String> fqName = fq(BgpRouter.PARENT, hostname);
		routers.put(fqName, new BgpRouter("uuid-" + hostname, fqName,
				new BgpRouterParameters("control-node", "contrail", address, address, asn, 179, 0,
						List.of("route-target", "inet-vpn", "e-vpn", "erm-vpn", "inet6-vpn"), false),
				List.of()));
		return this;
	}

	ClusterModel service(String namespace, String name, String clusterIp, ServicePort... ports) {
		if (!namespaces.contains(namespace)) {
			namespaces.add(namespace);
		}
		services.add(new ServiceInfo(namespace, name, "ClusterIP", List.of(clusterIp), List.of(ports)));
		return this;
	}

	ClusterModel namespace(String namespace) {
		if (!namespaces.contains(namespace)) {
			namespaces.add(namespace);
		}
		return this;
	}

	private void pod(String podName, String daemonSet, String node) {
		pods.add(new PodInfo(NAMESPACE, podName, Map.of(), "Running", true, 0, node, "DaemonSet", daemonSet,
				Instant.parse("2024-06-01T10:00:00Z"), List.of(), true, null));
	}

	Member member() {
		return new Member(id, name, meshAsn, podCidr, serviceCidr, fabricCidr, NAMESPACE,
				List.of("env", "kube-manager-config"), observe());
	}

	ObservedState observe() {
		List<Setting> kubeManager = new ArrayList<>(settings(KUBE_MANAGER_DEFAULTS, kubeManagerReads));
		kubeManager.removeIf(setting -> literal.containsKey(setting.key()));
		literal.forEach((key, value) -> kubeManager.add(new Setting(key, value, "env", false)));
		List<Setting> agent = settings(Map.of("KUBERNETES_POD_SUBNETS", "10.32.0.0/12"), agentReads);
		List<ConfigMapData> data = new ArrayList<>();
		configMaps.forEach((mapName, values) -> data.add(new ConfigMapData(NAMESPACE, mapName, "1", values)));
		TfConfig tf = new TfConfig(asn, List.copyOf(ipams.values()), List.copyOf(networks.values()),
				List.copyOf(routers.values()), List.copyOf(policies.values()), enable4ByteAs, ibgpAutoMesh, null);
		List<SourceReading> sources = complete ? List.of(new SourceReading("tungsten-fabric/config-api", "ok", null,
				null, 1)) : List.of(new SourceReading("kubernetes/kube-manager-configmaps", "failed", "UNREACHABLE",
						"refused", 1));
		return new ObservedState(id, name, Instant.parse("2024-06-01T12:00:00Z"), 5, complete, "r-" + writes.size(),
				sources, null, data, kubeManager, List.of(), List.copyOf(pods), tf, List.of(), counts, agent, List.of(),
				forwarding(), List.of(), List.copyOf(namespaces), List.copyOf(services));
	}

	private List<Setting> settings(Map<String, String> defaults, List<String> reads) {
		Map<String, Setting> settings = new LinkedHashMap<>();
		defaults.forEach((key, value) -> settings.put(key, new Setting(key, value, Setting.ENTRYPOINT_DEFAULT, false)));
		for (String read : reads) {
			configMaps.getOrDefault(read, Map.of())
				.forEach((key, value) -> settings.put(key, new Setting(key, value, "configmap/" + read, false)));
		}
		return List.copyOf(settings.values());
	}

	private Forwarding forwarding() {
		VirtualNetwork pod = networks.get(POD_NETWORK);
		if (forwardingUnknown || pod == null) {
			return new Forwarding(Forwarding.UNKNOWN, "no pod network", null, null, List.of(), List.of(),
					namespaceForwarding);
		}
		List<String> referenced = pod.ipamRefs().stream().map(ref -> ref.to().get(ref.to().size() - 1)).toList();
		List<String> subnets = new ArrayList<>();
		pod.ipamRefs().forEach(ref -> subnets.addAll(ipams.get(ref.to()).subnets()));
		boolean on = referenced.contains("k8s-ip-fabric-ipam");
		return new Forwarding(on ? Forwarding.ON : Forwarding.OFF, "test", null, String.join(":", POD_NETWORK),
				referenced, subnets, namespaceForwarding);
	}

	/** Carries an operation out as the workers would, refusing what the real servers refuse. */
	void apply(StepOperation operation) {
		if (operation instanceof SetConfigMapKeys set) {
			Map<String, String> map = configMaps.get(set.name());
			if (map == null) {
				throw new IllegalStateException("configmaps \"" + set.name() + "\" not found");
			}
			map.putAll(set.values());
			set.remove().forEach(map::remove);
			writes.add("configmap " + set.name());
		}
		else if (operation instanceof RestartPods restart) {
			writes.add("restart " + restart.daemonSet());
		}
		else if (operation instanceof ImportService imported) {
			ServiceExport export = imported.service();
			if (!namespaces.contains(export.namespace())) {
				throw new IllegalStateException("namespaces \"" + export.namespace() + "\" not found");
			}
			services.removeIf(service -> service.namespace().equals(export.namespace())
					&& service.name().equals(export.name()));
			services.add(new ServiceInfo(export.namespace(), export.name(), "ClusterIP",
					List.of("10.250.0." + services.size()), export.ports()));
			writes.add("service " + export.name());
		}
		else if (operation instanceof RemoveImportedService removed) {
			services.removeIf(
					service -> service.namespace().equals(removed.namespace()) && service.name().equals(removed.name()));
			writes.add("remove-service " + removed.name());
		}
		else if (operation instanceof WriteTfObject write) {
			write(write.object());
		}
		else if (operation instanceof DeleteTfObject delete) {
			ipams.remove(delete.fqName());
			networks.remove(delete.fqName());
			routers.remove(delete.fqName());
			policies.remove(delete.fqName());
			writes.add("delete " + String.join(":", delete.fqName()));
		}
	}

	private void write(TfObject object) {
		writes.add(object.type() + " " + String.join(":", object.fqName()));
		if (object instanceof NetworkIpam ipam) {
			NetworkIpam current = ipams.get(ipam.fqName());
			if (current != null && !current.subnetMethod().equals(ipam.subnetMethod())) {
				throw new IllegalStateException("400 ipam_subnet_method can not be changed");
			}
			List<Cidr> subnets = TfValues.cidrs(ipam.subnets()).stream().map(Cidr::parse).toList();
			for (int i = 0; i < subnets.size(); i++) {
				for (int j = i + 1; j < subnets.size(); j++) {
					if (subnets.get(i).overlaps(subnets.get(j))) {
						throw new IllegalStateException("400 overlapping subnets " + subnets);
					}
				}
			}
			ipams.put(ipam.fqName(), ipam);
		}
		else if (object instanceof GlobalSystemConfig config) {
			checkAsn(config.autonomousSystem(), config.enable4ByteAs() || enable4ByteAs);
			asn = config.autonomousSystem();
			enable4ByteAs = config.enable4ByteAs();
			ibgpAutoMesh = config.ibgpAutoMesh();
			// the schema transformer gives the control nodes the global ASN
			routers.replaceAll((fqName, router) -> "control-node".equals(router.parameters().routerType())
					? new BgpRouter(router.uuid(), fqName, withAsn(router.parameters(), asn), router.peers()) : router);
		}
		else if (object instanceof BgpRouter router) {
			checkAsn(router.parameters().autonomousSystem(), enable4ByteAs);
			for (BgpPeering peer : router.peers()) {
				if (!routers.containsKey(peer.to())) {
					throw new IllegalStateException("404 bgp-router " + peer.to() + " not found");
				}
			}
			routers.put(router.fqName(), router);
		}
		else if (object instanceof NetworkPolicy policy) {
			policies.put(policy.fqName(), policy);
		}
		else if (object instanceof VirtualNetwork network) {
			for (String target : network.routeTargets()) {
				Matcher matcher = TARGET.matcher(TfValues.routeTarget(target));
				if (!matcher.matches()) {
					throw new IllegalStateException("400 Route target must be of the format 'target:<asn>:<number>'");
				}
				long targetAsn = Long.parseLong(matcher.group(1));
				long number = Long.parseLong(matcher.group(2));
				checkAsn(targetAsn, enable4ByteAs);
				long reserved = targetAsn > 0xFFFF ? 8000 : 8000000;
				if (targetAsn == asn && number >= reserved) {
					throw new IllegalStateException("400 Configured route target must use ASN that is different "
							+ "from global ASN or route target value must be less than " + reserved);
				}
			}
			for (List<String> policy : network.networkPolicyRefs()) {
				if (!policies.containsKey(policy)) {
					throw new IllegalStateException("404 network-policy " + policy + " not found");
				}
			}
			networks.put(network.fqName(), new VirtualNetwork(network.uuid(), network.fqName(), network.ipamRefs(),
					TfValues.routeTargets(network.routeTargets()), network.importRouteTargets(),
					network.exportRouteTargets(), network.networkPolicyRefs(), network.addressAllocationMode(),
					network.fabricSnat()));
		}
		else {
			throw new IllegalStateException("not modelled: " + object.type());
		}
	}

	/** global_system_config.py {@code check_asn_range}. */
	private static void checkAsn(long value, boolean fourByte) {
		long max = fourByte ? 0xFFFFFFFFL : 0xFFFFL;
		if (value < 1 || value > max) {
			throw new IllegalStateException("400 ASN out of range, should be between 1-0x" + Long.toHexString(max));
		}
	}

	private static BgpRouterParameters withAsn(BgpRouterParameters parameters, long asn) {
		return new BgpRouterParameters(parameters.routerType(), parameters.vendor(), parameters.address(),
				parameters.identifier(), asn, parameters.port(), parameters.holdTime(), parameters.addressFamilies(),
				parameters.adminDown());
	}

	static List<String> fq(List<String> parent, String name) {
		List<String> fqName = new ArrayList<>(parent);
		fqName.add(name);
		return List.copyOf(fqName);
	}

}
