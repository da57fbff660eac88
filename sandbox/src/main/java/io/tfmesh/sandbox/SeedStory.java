package io.tfmesh.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.inventory.Provider;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;

/**
 * The story the sandbox replays: two clusters in two clouds, both installed with TF's defaults,
 * connected over a VPN, both rendered with IP fabric forwarding off; kubeadm's service CIDR of
 * gcp-west was changed but never reached TF; and
 * gcp-west's control node is stuck without BGP configuration for itself although its bgp-router
 * exists: a stale IFMap subscription, which a restart of the control pod heals.
 */
final class SeedStory {

	static final String TF_POD_SUBNET = "10.32.0.0/12";

	static final String TF_SERVICE_SUBNET = "10.96.0.0/12";

	static final String TF_IP_FABRIC_SUBNET = "10.64.0.0/12";

	static final long TF_ASN = 64512;

	/** Pods on the pod network of each cluster (kube-dns's two), each holding an instance-ip. */
	static final int POD_NETWORK_PODS = 2;

	private SeedStory() {
	}

	/**
	 * @param kubeadmServiceSubnet what {@code kubeadm init --service-cidr} wrote into kubeadm-config
	 * @param controlStuck whether the control node starts with a stale subscription, so without BGP
	 * configuration for itself although its bgp-router exists
	 * @param ipFabricForwarding the KUBERNETES_IP_FABRIC_FORWARDING the manifest was rendered with:
	 * pods then take their addresses from the ip-fabric subnets
	 */
	record SeedCluster(int index, String cloud, Provider provider, String region, String underlay, String gateway,
			String name, String kubeadmServiceSubnet, boolean controlStuck, boolean ipFabricForwarding) {

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
					KubernetesSeed.standaloneEnv(masterAddress(settings), gateway, "eth0"));
			// rendered by the manifest generator, which knows no secret for this demo
			env.put("METADATA_PROXY_SECRET", "contrail-sandbox-secret");
			env.put("KUBERNETES_IP_FABRIC_FORWARDING", String.valueOf(ipFabricForwarding));
			return env;
		}

		Map<String, String> kubeManagerConfig(SandboxSettings settings) {
			return KubernetesSeed.kubeManagerConfig(masterAddress(settings));
		}

	}

	static List<SeedCluster> clusters() {
		return List.of(
				new SeedCluster(0, "aws", Provider.AWS, "us-east-1", "172.31.0.0/16", "172.31.0.1", "aws-east",
						TF_SERVICE_SUBNET, false, false),
				new SeedCluster(1, "gcp", Provider.GCP, "europe-west1", "10.132.0.0/20", "10.132.0.1", "gcp-west",
						"10.112.0.0/12", true, false));
	}

}
