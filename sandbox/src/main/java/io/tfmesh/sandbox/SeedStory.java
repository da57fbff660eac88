package io.tfmesh.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.inventory.Provider;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode.Machine;
import org.jspecify.annotations.Nullable;

/**
 * The story the sandbox replays: two clusters in two clouds, both installed with TF's defaults,
 * connected over a VPN, both rendered with IP fabric forwarding off; kubeadm's service CIDR of
 * gcp-west was changed but never reached TF; and
 * gcp-west's control node is stuck without BGP configuration for itself although its bgp-router
 * exists: a stale IFMap subscription, which a restart of the control pod heals. The workload:
 * frontend pods in aws-east that should reach the Service orders of namespace backend in gcp-west.
 * Two lessons of the installation are planted for the preflight checks: gcp-west's worker runs
 * kernel 3.10.0-862.3.2, which the installation had to replace with 3.10.0-862.14.4, and aws-east
 * was rendered with its master's IP as VROUTER_GATEWAY, as the one-line install did, instead of
 * the underlay gateway. Everything else about the nodes passes the checks.
 */
final class SeedStory {

	static final String TF_POD_SUBNET = "10.32.0.0/12";

	static final String TF_SERVICE_SUBNET = "10.96.0.0/12";

	static final String TF_IP_FABRIC_SUBNET = "10.64.0.0/12";

	static final long TF_ASN = 64512;

	/** kube-manager's KUBERNETES_CLUSTER_NAME when the manifest sets none. */
	static final String TF_CLUSTER_NAME = "k8s";

	/**
	 * Pods on the pod network of each cluster (kube-dns's two and the workload's), each holding
	 * an instance-ip; the workload's is the last.
	 */
	static final int POD_NETWORK_PODS = 3;

	/** A controller with the memory and disk TF's control plane needs. */
	static final Machine CONTROLLER = Machine.DEFAULT.withCapacity("65842396Ki", "101430960Ki");

	static final Machine WORKER = Machine.DEFAULT;

	/** The kernel the installation started with, before it learnt it needed 3.10.0-862.14.4. */
	static final Machine BAD_KERNEL_WORKER = Machine.DEFAULT.withKernel("CentOS Linux 7 (Core)",
			"3.10.0-862.3.2.el7.x86_64");

	private SeedStory() {
	}

	/**
	 * @param kubeadmServiceSubnet what {@code kubeadm init --service-cidr} wrote into kubeadm-config
	 * @param controlStuck whether the control node starts with a stale subscription, so without BGP
	 * configuration for itself although its bgp-router exists
	 * @param ipFabricForwarding the KUBERNETES_IP_FABRIC_FORWARDING the manifest was rendered with:
	 * pods then take their addresses from the ip-fabric subnets
	 * @param gatewayIsMaster whether the manifest was rendered with the master's IP as
	 * VROUTER_GATEWAY instead of the underlay gateway
	 * @param worker the machine of the worker node
	 */
	record SeedCluster(int index, String cloud, Provider provider, String region, String underlay, String gateway,
			String name, String kubeadmServiceSubnet, boolean controlStuck, boolean ipFabricForwarding,
			Workload workload, boolean gatewayIsMaster, Machine worker) {

		String masterName() {
			return name + "-master";
		}

		String workerName() {
			return name + "-worker-1";
		}

		String masterAddress(SandboxSettings settings) {
			return address(settings, 1);
		}

		String workerAddress(SandboxSettings settings) {
			return address(settings, 2);
		}

		private String address(SandboxSettings settings, int node) {
			return settings.nodeAddressPrefix() + "." + (10 + index) + "." + node;
		}

		/** 0, for any free port, when the base port is 0. */
		int kubernetesPort(SandboxSettings settings) {
			return settings.basePort() == 0 ? 0 : settings.basePort() + 10 * index;
		}

		/** 0, for any free port, when the base port is 0. */
		int tfPort(SandboxSettings settings) {
			return settings.basePort() == 0 ? 0 : settings.basePort() + 10 * index + 1;
		}

		/** What the single-yaml install leaves in the {@code env} ConfigMap: no subnet keys. */
		Map<String, String> env(SandboxSettings settings) {
			Map<String, String> env = new LinkedHashMap<>(
					KubernetesSeed.standaloneEnv(masterAddress(settings), vrouterGateway(settings), "eth0"));
			// rendered by the manifest generator, which knows no secret for this demo
			env.put("METADATA_PROXY_SECRET", "contrail-sandbox-secret");
			env.put("KUBERNETES_IP_FABRIC_FORWARDING", String.valueOf(ipFabricForwarding));
			return env;
		}

		String vrouterGateway(SandboxSettings settings) {
			return gatewayIsMaster ? masterAddress(settings) : gateway;
		}

		Map<String, String> kubeManagerConfig(SandboxSettings settings) {
			return KubernetesSeed.kubeManagerConfig(masterAddress(settings));
		}

	}

	/**
	 * One namespace with one pod of an app, and a Service of that name when it has a port.
	 *
	 * @param servicePort the Service's TCP port, null for an app without a Service
	 */
	record Workload(String namespace, String app, @Nullable Integer servicePort) {
	}

	static List<SeedCluster> clusters() {
		return List.of(
				new SeedCluster(0, "aws", Provider.AWS, "us-east-1", "172.31.0.0/16", "172.31.0.1", "aws-east",
						TF_SERVICE_SUBNET, false, false, new Workload("frontend", "frontend", null), true, WORKER),
				new SeedCluster(1, "gcp", Provider.GCP, "europe-west1", "10.132.0.0/20", "10.132.0.1", "gcp-west",
						"10.112.0.0/12", true, false, new Workload("backend", "orders", 8080), false,
						BAD_KERNEL_WORKER));
	}

}
