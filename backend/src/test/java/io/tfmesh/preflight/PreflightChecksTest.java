package io.tfmesh.preflight;

import java.util.List;

import io.tfmesh.preflight.PreflightInput.MeshPeers;
import io.tfmesh.preflight.PreflightInput.Peer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PreflightChecksTest {

	@Test
	void aClusterAsTheRulesWantItPassesEveryCheck() {
		PreflightReport report = new Readings().report();

		assertThat(report.checks()).extracting(CheckResult::check)
			.containsExactly("kernel-version", "control-node-memory", "control-node-disk", "kubelet-version",
					"container-runtime-version", "vrouter-gateway", "pod-subnets", "tf-cluster-name-unique",
					"asn-unique");
		assertThat(report.checks()).allSatisfy(check -> assertThat(check.verdict()).as(check.toString())
			.isEqualTo(Verdict.PASS));
		assertThat(report.verdict()).isEqualTo(Verdict.PASS);
		assertThat(report.observedAt()).isEqualTo(Readings.OBSERVED_AT);
	}

	@Test
	void aClusterNeverObservedIsUnknownOnEveryCheckThatReadsIt() {
		Readings readings = new Readings();
		readings.observed = false;
		PreflightReport report = readings.report();

		assertThat(report.verdict()).isEqualTo(Verdict.UNKNOWN);
		assertThat(report.observedAt()).isNull();
		assertThat(report.checks()).filteredOn(check -> !check.check().endsWith("-unique"))
			.allSatisfy(check -> assertThat(check.verdict()).as(check.check()).isEqualTo(Verdict.UNKNOWN));
	}

	@Nested
	class Kernel {

		@Test
		void passesTheKernelTheSeedNeededWithItsBuildSuffix() {
			CheckResult check = new Readings()
				.node("aws-east-worker-1", node -> Readings.withKernel(node, "3.10.0-862.14.4.el7.x86_64"))
				.check("kernel-version");

			assertThat(check.verdict()).isEqualTo(Verdict.PASS);
			assertThat(check.evidence()).extracting(Evidence::value)
				.containsExactly("5.4.0-182-generic", "3.10.0-862.14.4.el7.x86_64");
		}

		@Test
		void failsTheSeedsFirstKernelAndNamesTheNode() {
			CheckResult check = new Readings()
				.node("aws-east-worker-1", node -> Readings.withKernel(node, "3.10.0-862.3.2.el7.x86_64"))
				.check("kernel-version");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(check.summary()).startsWith("aws-east-worker-1 runs a kernel version");
			Evidence bad = check.evidence().get(1);
			assertThat(bad.node()).isEqualTo("aws-east-worker-1");
			assertThat(bad.value()).isEqualTo("3.10.0-862.3.2.el7.x86_64");
			assertThat(bad.source()).isEqualTo("Kubernetes node status.nodeInfo.kernelVersion");
			assertThat(bad.wanted()).isEqualTo("one of 3.10.0-862.14.4, 5.4.0-182");
			assertThat(bad.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(check.evidence().get(0).verdict()).isEqualTo(Verdict.PASS);
		}

		@Test
		void isUnknownForANodeThatReportsNoKernel() {
			CheckResult check = new Readings().node("aws-east-worker-1", node -> Readings.withKernel(node, null))
				.check("kernel-version");

			assertThat(check.verdict()).isEqualTo(Verdict.UNKNOWN);
			assertThat(check.evidence().get(1).value()).isNull();
			assertThat(check.evidence().get(1).source()).endsWith("not reported");
		}

		@Test
		void isUnknownWhenTheNodesCouldNotBeRead() {
			CheckResult check = new Readings().nodesFailed().check("kernel-version");

			assertThat(check.verdict()).isEqualTo(Verdict.UNKNOWN);
			assertThat(check.evidence()).singleElement()
				.satisfies(e -> assertThat(e.source()).contains("could not be read"));
		}

		@Test
		void aFailureOutweighsAnUnknown() {
			CheckResult check = new Readings().node("aws-east-master", node -> Readings.withKernel(node, null))
				.node("aws-east-worker-1", node -> Readings.withKernel(node, "3.10.0-862.3.2.el7.x86_64"))
				.check("kernel-version");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
		}

	}

	@Nested
	class Memory {

		@Test
		void passesAControlNodeWithMoreThan32GiBAndIgnoresWorkers() {
			CheckResult check = new Readings().check("control-node-memory");

			assertThat(check.verdict()).isEqualTo(Verdict.PASS);
			assertThat(check.evidence()).singleElement().satisfies(e -> {
				assertThat(e.node()).isEqualTo("aws-east-master");
				assertThat(e.value()).isEqualTo("65842396Ki (62.7 GiB)");
				assertThat(e.wanted()).isEqualTo("at least 32 GiB");
			});
		}

		@Test
		void failsAControlNodeJustBelow32GiB() {
			// what a machine sold as 32 GB reports: less than 32 GiB
			CheckResult check = new Readings()
				.node("aws-east-master", node -> Readings.withCapacity(node, "32779396Ki", "101430960Ki"))
				.check("control-node-memory");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(check.evidence().get(0).value()).isEqualTo("32779396Ki (31.2 GiB)");
			assertThat(check.summary()).startsWith("aws-east-master has less memory");
		}

		@Test
		void passesExactly32GiB() {
			CheckResult check = new Readings()
				.node("aws-east-master", node -> Readings.withCapacity(node, "32Gi", "101430960Ki"))
				.check("control-node-memory");

			assertThat(check.verdict()).isEqualTo(Verdict.PASS);
		}

		@Test
		void isUnknownWhenTheCapacityIsNotReportedOrNotAQuantity() {
			assertThat(new Readings().node("aws-east-master", node -> Readings.withCapacity(node, null, "100Gi"))
				.check("control-node-memory")
				.verdict()).isEqualTo(Verdict.UNKNOWN);
			CheckResult garbled = new Readings()
				.node("aws-east-master", node -> Readings.withCapacity(node, "lots", "100Gi"))
				.check("control-node-memory");
			assertThat(garbled.verdict()).isEqualTo(Verdict.UNKNOWN);
			assertThat(garbled.evidence().get(0).source()).endsWith("not a Kubernetes quantity");
		}

		@Test
		void isUnknownWithoutAnyControlNode() {
			Readings readings = new Readings();
			readings.nodes.remove(0);

			assertThat(readings.check("control-node-memory").verdict()).isEqualTo(Verdict.UNKNOWN);
		}

	}

	@Nested
	class Disk {

		@Test
		void passesAControlNodeWithAHundredGiB() {
			assertThat(new Readings().check("control-node-disk").verdict()).isEqualTo(Verdict.PASS);
		}

		@Test
		void failsAControlNodeWith40GiB() {
			CheckResult check = new Readings()
				.node("aws-east-master", node -> Readings.withCapacity(node, "64Gi", "40Gi"))
				.check("control-node-disk");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(check.evidence().get(0).source()).isEqualTo("Kubernetes node status.capacity.ephemeral-storage");
		}

		@Test
		void isUnknownWhenTheNodesCouldNotBeRead() {
			assertThat(new Readings().nodesFailed().check("control-node-disk").verdict()).isEqualTo(Verdict.UNKNOWN);
		}

	}

	@Nested
	class Kubelet {

		@Test
		void passesThePinnedReleaseWithItsLeadingV() {
			CheckResult check = new Readings().node("aws-east-worker-1", node -> Readings.withKubelet(node, "v1.10.11"))
				.check("kubelet-version");

			assertThat(check.verdict()).isEqualTo(Verdict.PASS);
		}

		@Test
		void fails112WhichWasNotYetSupported() {
			CheckResult check = new Readings().node("aws-east-worker-1", node -> Readings.withKubelet(node, "v1.12.3"))
				.check("kubelet-version");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(check.evidence().get(1).value()).isEqualTo("v1.12.3");
		}

		@Test
		void isUnknownWhenNotReported() {
			assertThat(new Readings().node("aws-east-master", node -> Readings.withKubelet(node, ""))
				.check("kubelet-version")
				.verdict()).isEqualTo(Verdict.UNKNOWN);
		}

	}

	@Nested
	class Runtime {

		@Test
		void passesThePinnedRuntime() {
			assertThat(new Readings().check("container-runtime-version").verdict()).isEqualTo(Verdict.PASS);
		}

		@Test
		void failsAnotherVersionOfTheSameRuntime() {
			CheckResult check = new Readings()
				.node("aws-east-master", node -> Readings.withRuntime(node, "containerd://1.7.2"))
				.check("container-runtime-version");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
		}

		@Test
		void isUnknownWhenNotReported() {
			assertThat(new Readings().node("aws-east-master", node -> Readings.withRuntime(node, null))
				.check("container-runtime-version")
				.verdict()).isEqualTo(Verdict.UNKNOWN);
		}

	}

	@Nested
	class Gateway {

		@Test
		void passesTheUnderlayGateway() {
			CheckResult check = new Readings().check("vrouter-gateway");

			assertThat(check.verdict()).isEqualTo(Verdict.PASS);
			assertThat(check.evidence()).singleElement().satisfies(e -> {
				assertThat(e.value()).isEqualTo(Readings.GATEWAY);
				assertThat(e.source()).contains("configmap/env").contains("cloud aws");
			});
		}

		@Test
		void failsTheMastersAddressAndNamesTheMaster() {
			CheckResult check = new Readings().agent("VROUTER_GATEWAY", Readings.MASTER_IP, "configmap/env", false)
				.check("vrouter-gateway");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(check.evidence()).singleElement().satisfies(e -> {
				assertThat(e.node()).isEqualTo("aws-east-master");
				assertThat(e.value()).isEqualTo(Readings.MASTER_IP);
				assertThat(e.wanted()).startsWith("172.31.0.1, the underlay gateway of cloud aws");
			});
			assertThat(check.summary()).contains("address of master aws-east-master");
		}

		@Test
		void failsAnyOtherAddress() {
			CheckResult check = new Readings().agent("VROUTER_GATEWAY", "172.31.0.254", "configmap/env", false)
				.check("vrouter-gateway");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(check.evidence().get(0).node()).isNull();
		}

		@Test
		void isUnknownWhenUnsetSinceTheNodeComputesIt() {
			CheckResult check = new Readings().agent("VROUTER_GATEWAY", null, "entrypoint default", false)
				.check("vrouter-gateway");

			assertThat(check.verdict()).isEqualTo(Verdict.UNKNOWN);
		}

		@Test
		void isUnknownWhenTheAgentsSettingsWereNotRead() {
			Readings readings = new Readings();
			readings.vrouterAgent.clear();

			assertThat(readings.check("vrouter-gateway").verdict()).isEqualTo(Verdict.UNKNOWN);
			assertThat(new Readings().agent("VROUTER_GATEWAY", null, "ConfigMap env could not be read", true)
				.check("vrouter-gateway")
				.verdict()).isEqualTo(Verdict.UNKNOWN);
		}

	}

	@Nested
	class PodSubnets {

		@Test
		void passesWhenBothConsumersRunWithKubeadmsPodSubnet() {
			CheckResult check = new Readings().check("pod-subnets");

			assertThat(check.verdict()).isEqualTo(Verdict.PASS);
			assertThat(check.evidence()).extracting(Evidence::source)
				.containsExactly("contrail-kube-manager KUBERNETES_POD_SUBNETS (entrypoint default)",
						"contrail-vrouter-agent KUBERNETES_POD_SUBNETS (entrypoint default)");
		}

		@Test
		void failsTheAgentLeftOnTheOldValueWhenOnlyKubeManagerConfigWasChanged() {
			Readings readings = new Readings();
			readings.kubeadm = new io.tfmesh.fabric.kubernetes.KubeadmConfig("10.244.0.0/16", "10.96.0.0/12",
					"v1.28.15", "cluster.local", "7");
			readings.kubeManager("KUBERNETES_POD_SUBNETS", "10.244.0.0/16", "configmap/kube-manager-config", false);
			CheckResult check = readings.check("pod-subnets");

			assertThat(check.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(check.evidence()).extracting(Evidence::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
			assertThat(check.summary()).startsWith("contrail-vrouter-agent runs with pod subnets");
			assertThat(check.evidence().get(1).wanted()).startsWith("10.244.0.0/16, kubeadm's podSubnet");
		}

		@Test
		void isUnknownWhenKubeadmConfigWasNotRead() {
			Readings readings = new Readings();
			readings.kubeadm = null;

			assertThat(readings.check("pod-subnets").verdict()).isEqualTo(Verdict.UNKNOWN);
		}

		@Test
		void isUnknownWhenAConsumersSettingIsUnknown() {
			CheckResult check = new Readings()
				.agent("KUBERNETES_POD_SUBNETS", null, "ConfigMap env could not be read", true)
				.check("pod-subnets");

			assertThat(check.verdict()).isEqualTo(Verdict.UNKNOWN);
		}

	}

	@Nested
	class Mesh {

		@Test
		void passesAClusterInNoMesh() {
			assertThat(new Readings().check("asn-unique").verdict()).isEqualTo(Verdict.PASS);
		}

		@Test
		void passesMembersWithTheirOwnNameAndAsn() {
			Readings readings = new Readings();
			readings.mesh = new MeshPeers("vpn", List.of(new Peer(2, "gcp-west", "gcp", 64513L)));

			assertThat(readings.check("tf-cluster-name-unique").verdict()).isEqualTo(Verdict.PASS);
			assertThat(readings.check("asn-unique").verdict()).isEqualTo(Verdict.PASS);
		}

		@Test
		void failsAMemberWithTheSameNameOrAsnAndNamesIt() {
			Readings readings = new Readings();
			readings.mesh = new MeshPeers("vpn", List.of(new Peer(2, "gcp-west", "k8s", 64512L)));

			CheckResult name = readings.check("tf-cluster-name-unique");
			CheckResult asn = readings.check("asn-unique");
			assertThat(name.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(name.summary()).isEqualTo("gcp-west in mesh vpn also has the TF cluster name k8s.");
			assertThat(asn.verdict()).isEqualTo(Verdict.FAIL);
			assertThat(asn.evidence().get(1).value()).isEqualTo("64512");
		}

		@Test
		void isUnknownWhenAMemberWasNeverObserved() {
			Readings readings = new Readings();
			readings.mesh = new MeshPeers("vpn", List.of(new Peer(2, "gcp-west", null, null)));

			assertThat(readings.check("tf-cluster-name-unique").verdict()).isEqualTo(Verdict.UNKNOWN);
			assertThat(readings.check("asn-unique").verdict()).isEqualTo(Verdict.UNKNOWN);
		}

		@Test
		void isUnknownWhenTheClustersOwnAsnWasNotRead() {
			Readings readings = new Readings();
			readings.asn = null;
			readings.mesh = new MeshPeers("vpn", List.of(new Peer(2, "gcp-west", "gcp", 64513L)));

			assertThat(readings.check("asn-unique").verdict()).isEqualTo(Verdict.UNKNOWN);
		}

	}

}
