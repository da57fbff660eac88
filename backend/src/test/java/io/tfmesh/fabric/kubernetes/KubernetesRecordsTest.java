package io.tfmesh.fabric.kubernetes;

import java.util.List;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EnvFromSourceBuilder;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesRecordsTest {

	@Test
	void readsEachContainersOwnState() {
		Pod pod = pod("contrail-configdb-abcde", "contrail-configdb", false, "Running",
				List.of(status("contrail-configdb", running()), status("config-zookeeper", crashLooping(7)),
						status("contrail-config-database-nodemgr", terminated("Error"))));

		PodInfo info = KubernetesRecords.pod(pod);

		assertThat(info.phase()).isEqualTo("Running");
		assertThat(info.containers()).containsExactly(
				new ContainerInfo("contrail-configdb", "image-contrail-configdb", "config-database",
						ContainerInfo.State.RUNNING, null, true, 0),
				new ContainerInfo("config-zookeeper", "image-config-zookeeper", "config-database",
						ContainerInfo.State.WAITING, "CrashLoopBackOff", false, 7),
				new ContainerInfo("contrail-config-database-nodemgr", "image-contrail-config-database-nodemgr",
						"config-database", ContainerInfo.State.TERMINATED, "Error", false, 0),
				new ContainerInfo("contrail-config-database-provisioner", "image-contrail-config-database-provisioner",
						"config-database", ContainerInfo.State.UNKNOWN, null, false, 0));
		assertThat(info.restarts()).isEqualTo(7);
	}

	@Test
	void takesNodeTypeOnlyFromALiteralValue() {
		Pod pod = new PodBuilder().withNewMetadata()
			.withName("contrail-agent-x")
			.withNamespace("kube-system")
			.endMetadata()
			.withNewSpec()
			.addToContainers(new ContainerBuilder().withName("literal")
				.addToEnv(new EnvVarBuilder().withName("NODE_TYPE").withValue("vrouter").build())
				.build())
			.addToContainers(new ContainerBuilder().withName("referenced")
				.addToEnv(new EnvVarBuilder().withName("NODE_TYPE")
					.withNewValueFrom()
					.withNewConfigMapKeyRef("NODE_TYPE", "env", false)
					.endValueFrom()
					.build())
				.build())
			.endSpec()
			.build();

		assertThat(KubernetesRecords.pod(pod).containers()).extracting(ContainerInfo::nodeType)
			.containsExactly("vrouter", null);
	}

	@Test
	void tellsHostNetworkPodsAndTheirAddress() {
		PodInfo host = KubernetesRecords.pod(pod("contrail-agent-x", "contrail-agent", true, "Running", List.of()));
		PodInfo onPodNetwork = KubernetesRecords.pod(pod("web-1", "web", false, "Running", List.of()));

		assertThat(host.hostNetwork()).isTrue();
		assertThat(host.podIp()).isEqualTo("10.0.0.5");
		assertThat(onPodNetwork.hostNetwork()).isFalse();
	}

	@ParameterizedTest
	@CsvSource({ "false, Running, true", "false, Pending, true", "false, Unknown, true", "true, Running, false",
			"false, Succeeded, false", "false, Failed, false" })
	void countsOnlyPodsThatHoldAPodNetworkAddress(boolean hostNetwork, String phase, boolean counted) {
		assertThat(KubernetesRecords.usesPodNetwork(pod("p", "app", hostNetwork, phase, List.of()))).isEqualTo(counted);
	}

	@ParameterizedTest
	@CsvSource({ "ClusterIP, 10.96.0.10, true", "NodePort, 10.96.0.11, true", "LoadBalancer, 10.96.0.12, true",
			"ClusterIP, None, false", "ClusterIP, '', false", "ExternalName, '', false",
			"ExternalName, 10.96.0.13, false" })
	void countsOnlyServicesThatHoldAClusterIp(String type, String clusterIp, boolean counted) {
		Service service = new ServiceBuilder().withNewMetadata()
			.withName("s")
			.endMetadata()
			.withNewSpec()
			.withType(type)
			.withClusterIP(clusterIp)
			.endSpec()
			.build();

		assertThat(KubernetesRecords.hasClusterIp(service)).isEqualTo(counted);
	}

	@Test
	void readsWhereEachContainersSettingsComeFrom() {
		DaemonSet daemonSet = new DaemonSetBuilder().withNewMetadata()
			.withName("contrail-kube-manager")
			.withNamespace("kube-system")
			.addToLabels("app", "contrail-kube-manager")
			.endMetadata()
			.withNewSpec()
			.withNewTemplate()
			.withNewSpec()
			.addToInitContainers(new ContainerBuilder().withName("contrail-node-init").build())
			.addToContainers(new ContainerBuilder().withName("contrail-kube-manager")
				.withImage("contrail-kubernetes-kube-manager")
				.withEnvFrom(new EnvFromSourceBuilder().withNewConfigMapRef("env", false).build(),
						new EnvFromSourceBuilder().withPrefix("KM_")
							.withNewConfigMapRef("kube-manager-config", true)
							.build(),
						new EnvFromSourceBuilder().withNewSecretRef("keystone", false).build())
				.withEnv(new EnvVarBuilder().withName("NODE_TYPE").withValue("kubernetes").build(),
						new EnvVarBuilder().withName("EMPTY").build(),
						new EnvVarBuilder().withName("POD_SUBNETS")
							.withNewValueFrom()
							.withNewConfigMapKeyRef("KUBERNETES_POD_SUBNETS", "subnets", false)
							.endValueFrom()
							.build(),
						new EnvVarBuilder().withName("PASSWORD")
							.withNewValueFrom()
							.withNewSecretKeyRef("password", "keystone", false)
							.endValueFrom()
							.build(),
						new EnvVarBuilder().withName("NODE_IP")
							.withNewValueFrom()
							.withNewFieldRef(null, "status.hostIP")
							.endValueFrom()
							.build())
				.build())
			.endSpec()
			.endTemplate()
			.endSpec()
			.build();

		DaemonSetInfo info = KubernetesRecords.daemonSet(daemonSet);

		assertThat(info.name()).isEqualTo("contrail-kube-manager");
		assertThat(info.labels()).containsEntry("app", "contrail-kube-manager");
		assertThat(info.containers()).singleElement().satisfies(container -> {
			assertThat(container.name()).isEqualTo("contrail-kube-manager");
			assertThat(container.envFrom()).containsExactly(new EnvSource("ConfigMap", "env", "", false),
					new EnvSource("ConfigMap", "kube-manager-config", "KM_", true),
					new EnvSource("Secret", "keystone", "", false));
			assertThat(container.env()).containsExactly(new EnvSetting("NODE_TYPE", "kubernetes", null, null, null),
					new EnvSetting("EMPTY", "", null, null, null),
					new EnvSetting("POD_SUBNETS", null, "subnets", "KUBERNETES_POD_SUBNETS", null),
					new EnvSetting("PASSWORD", null, null, null, "secretKeyRef"),
					new EnvSetting("NODE_IP", null, null, null, "fieldRef"));
		});
	}

	@Test
	void knowsTheBackingServicesOfTheSingleYamlInstallByTheirDaemonSet() {
		Pod zookeeper = new PodBuilder(pod("config-zookeeper-abcde", "config-zookeeper", true, "Running", List.of()))
			.editMetadata()
			.addNewOwnerReference()
			.withKind("DaemonSet")
			.withName("config-zookeeper")
			.withController(true)
			.endOwnerReference()
			.endMetadata()
			.build();
		Pod someoneElsesRedis = pod("redis-0", "redis", false, "Running", List.of());

		assertThat(KubernetesRecords.isTungstenFabric(zookeeper)).isTrue();
		assertThat(KubernetesRecords.isTungstenFabric(someoneElsesRedis)).isFalse();
		assertThat(KubernetesRecords.isTungstenFabric(pod("contrail-agent-x", "contrail-agent", true, "Running",
				List.of()))).isTrue();
		assertThat(KubernetesRecords.isTungstenFabric(pod("coredns-1", "coredns", false, "Running", List.of())))
			.isFalse();
	}

	/** A pod whose spec holds the three containers of the status list and one without status. */
	private static Pod pod(String name, String app, boolean hostNetwork, String phase, List<ContainerStatus> statuses) {
		PodBuilder pod = new PodBuilder().withNewMetadata()
			.withName(name)
			.withNamespace("kube-system")
			.addToLabels("app", app)
			.endMetadata()
			.withNewSpec()
			.withHostNetwork(hostNetwork)
			.endSpec()
			.withNewStatus()
			.withPhase(phase)
			.withPodIP(hostNetwork ? "10.0.0.5" : "10.47.255.250")
			.withContainerStatuses(statuses)
			.endStatus();
		if (!statuses.isEmpty()) {
			for (String container : List.of("contrail-configdb", "config-zookeeper", "contrail-config-database-nodemgr",
					"contrail-config-database-provisioner")) {
				pod.editSpec()
					.addToContainers(new ContainerBuilder().withName(container)
						.withImage("image-" + container)
						.addToEnv(new EnvVarBuilder().withName("NODE_TYPE").withValue("config-database").build())
						.build())
					.endSpec();
			}
		}
		return pod.build();
	}

	private static ContainerStatus status(String name, ContainerStatusBuilder state) {
		return state.withName(name).build();
	}

	private static ContainerStatusBuilder running() {
		return new ContainerStatusBuilder().withReady(true).withRestartCount(0).withNewState().withNewRunning().endRunning()
			.endState();
	}

	private static ContainerStatusBuilder crashLooping(int restarts) {
		return new ContainerStatusBuilder().withReady(false)
			.withRestartCount(restarts)
			.withNewState()
			.withNewWaiting()
			.withReason("CrashLoopBackOff")
			.endWaiting()
			.endState();
	}

	private static ContainerStatusBuilder terminated(String reason) {
		return new ContainerStatusBuilder().withReady(false)
			.withNewState()
			.withNewTerminated()
			.withReason(reason)
			.withExitCode(1)
			.endTerminated()
			.endState();
	}

}
