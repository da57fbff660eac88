package io.tfmesh.apply;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.fabric.ClusterAccess;
import io.tfmesh.fabric.FabricSettings;
import io.tfmesh.fabric.kubernetes.KubernetesConnectors;
import io.tfmesh.fabric.tf.TfConfigApis;
import io.tfmesh.plan.StepOperation.RestartPods;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A restart of one node's pod of a DaemonSet, against the emulated Kubernetes API whose DaemonSet
 * controller starts a new pod for each one deleted: only that node's pod goes, and an attempt
 * after a crash, which reads what the first attempt recorded, deletes nothing new.
 */
class RestartOnNodeIT {

	private static final String NAMESPACE = "kube-system";

	private static final String AGENT = "contrail-agent";

	@TempDir
	Path state;

	private EmulatedKubernetes kubernetes;

	private KubernetesConnectors connectors;

	private KubernetesClient kubectl;

	private StepOperations operations;

	private ClusterAccess access;

	@BeforeEach
	void start() {
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state);
		kubernetes.seed(new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.96.0.0/12", "cluster.local",
				List.of(new SeedNode("k8s-master", "10.0.0.11", List.of("control-plane", "opencontrail.org/controller")),
						new SeedNode("k8s-worker", "10.0.0.12", List.of("opencontrail.org/vrouter"))),
				Map.of("CONTROLLER_NODES", "10.0.0.11", "VROUTER_GATEWAY", "10.0.0.1"),
				KubernetesSeed.kubeManagerConfig("10.0.0.11")));
		connectors = new KubernetesConnectors(FabricSettings.defaults());
		operations = new StepOperations(connectors,
				new TfConfigApis(FabricSettings.defaults(), JsonMapper.builder().build(), Clock.systemUTC()));
		access = new ClusterAccess(1, "east", new ClusterAccess.Kubernetes(kubernetes.url(), null, "any-token", null),
				new ClusterAccess.TungstenFabric("http://127.0.0.1:1", null), List.of(), NAMESPACE, List.of("env"), 1);
		kubectl = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
			.withMasterUrl(kubernetes.url())
			.withOauthToken("any-token")
			.withAutoConfigure(false)
			.build()).build();
	}

	@AfterEach
	void stop() {
		kubectl.close();
		connectors.close();
		kubernetes.close();
	}

	@Test
	void onlyThatNodesPodIsDeletedAndOnceEvenWhenTheStepRunsTwice() {
		String workerPod = agentPod("k8s-worker");
		String masterPod = agentPod("k8s-master");
		AtomicReference<String> recorded = new AtomicReference<>();
		RestartPods restart = new RestartPods(NAMESPACE, AGENT, "k8s-worker");

		String first = operations.carryOut(restart, access, new StepProgress(null, recorded::set));

		assertThat(recorded.get()).isEqualTo(StepOperations.RESTARTING + ": " + workerPod);
		assertThat(first).isEqualTo("deleted pods " + workerPod + " of DaemonSet kube-system/contrail-agent on k8s-worker");
		String replacement = await().atMost(Duration.ofSeconds(20))
			.until(() -> agentPodOrNull("k8s-worker"), pod -> pod != null && !pod.equals(workerPod));
		assertThat(agentPod("k8s-master")).isEqualTo(masterPod);

		// a worker that crashed after the delete and before recording the result runs the step again
		String second = operations.carryOut(restart, access, new StepProgress(recorded.get(), recorded::set));

		assertThat(second).contains("deleted already").contains(StepOperations.IN_PLACE);
		assertThat(agentPod("k8s-worker")).isEqualTo(replacement);
		assertThat(agentPod("k8s-master")).isEqualTo(masterPod);
	}

	private String agentPod(String node) {
		String pod = agentPodOrNull(node);
		assertThat(pod).as("the agent pod on " + node).isNotNull();
		return pod;
	}

	private String agentPodOrNull(String node) {
		List<String> names = new ArrayList<>();
		for (Pod pod : kubectl.pods().inNamespace(NAMESPACE).list().getItems()) {
			if (node.equals(pod.getSpec().getNodeName()) && pod.getMetadata().getOwnerReferences() != null
					&& pod.getMetadata().getOwnerReferences().stream().anyMatch(owner -> AGENT.equals(owner.getName()))
					&& pod.getMetadata().getDeletionTimestamp() == null) {
				names.add(pod.getMetadata().getName());
			}
		}
		return names.isEmpty() ? null : names.get(0);
	}

}
