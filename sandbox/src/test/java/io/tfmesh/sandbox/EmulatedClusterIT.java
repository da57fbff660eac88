package io.tfmesh.sandbox;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.ProcessStatus;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.sandbox.SeedStory.SeedCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** An emulated cluster keeps its state in the data directory and finds it again after a restart. */
class EmulatedClusterIT {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	@TempDir
	Path dataDir;

	private final SandboxSettings settings = new SandboxSettings(0, LoopbackNetworks.reserve(), false);

	private final SeedCluster gcpWest = SeedStory.clusters().get(1);

	@Test
	void aRestartFindsTheClusterAsItWasLeftAndAResetPutsTheSeedBack() throws Exception {
		String stuckPod;
		String replacement;
		try (EmulatedCluster cluster = EmulatedCluster.start(gcpWest, settings, dataDir, JSON)) {
			assertThat(control(cluster).state()).isEqualTo(ProcessStatus.NON_FUNCTIONAL);
			stuckPod = pod(cluster, "contrail-controller-control");
			delete(cluster, stuckPod);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> ProcessStatus.FUNCTIONAL.equals(control(cluster).state()));
			replacement = pod(cluster, "contrail-controller-control");
			assertThat(replacement).isNotEqualTo(stuckPod);
		}

		try (EmulatedCluster cluster = EmulatedCluster.start(gcpWest, settings, dataDir, JSON)) {
			assertThat(control(cluster).state()).isEqualTo(ProcessStatus.FUNCTIONAL);
			assertThat(pod(cluster, "contrail-controller-control")).isEqualTo(replacement);
			assertThat(get(cluster.tungstenFabric().url() + "/network-ipams").get("network-ipams")).hasSizeGreaterThan(3);

			cluster.reset();
			assertThat(control(cluster).state()).isEqualTo(ProcessStatus.NON_FUNCTIONAL);
			assertThat(control(cluster).description()).isEqualTo("No BGP configuration for self");
			assertThat(pod(cluster, "contrail-controller-control")).isNotEqualTo(replacement);
		}
	}

	@Test
	void aDaemonSetPodLostInACrashIsStartedAgainOnTheNextStart() throws Exception {
		String stuckPod;
		try (EmulatedCluster cluster = EmulatedCluster.start(gcpWest, settings, dataDir, JSON)) {
			stuckPod = pod(cluster, "contrail-controller-control");
		}
		// as if tfmesh died after the pod's deletion and before its replacement
		Path state = dataDir.resolve("sandbox").resolve(gcpWest.name()).resolve("kubernetes.json");
		ObjectNode root = (ObjectNode) JSON.readTree(Files.readString(state));
		ArrayNode objects = (ArrayNode) root.get("objects");
		for (int i = objects.size() - 1; i >= 0; i--) {
			if (stuckPod.equals(objects.get(i).at("/object/metadata/name").asString())) {
				objects.remove(i);
			}
		}
		Files.writeString(state, JSON.writeValueAsString(root));

		try (EmulatedCluster cluster = EmulatedCluster.start(gcpWest, settings, dataDir, JSON)) {
			String started = pod(cluster, "contrail-controller-control");
			assertThat(started).isNotEqualTo(stuckPod).startsWith("contrail-controller-control-");
			assertThat(control(cluster).state()).isEqualTo(ProcessStatus.FUNCTIONAL);
		}
	}

	@Test
	void processStatesSetByHandSurviveARestart() {
		try (EmulatedCluster cluster = EmulatedCluster.start(SeedStory.clusters().get(0), settings, dataDir, JSON)) {
			cluster.processState("aws-east-master", "config", "api", ProcessStatus.NON_FUNCTIONAL, "Database down");
		}
		try (EmulatedCluster cluster = EmulatedCluster.start(SeedStory.clusters().get(0), settings, dataDir, JSON)) {
			ProcessStatus api = cluster.nodes()
				.get("aws-east-master")
				.process(SandeshProcess.CONFIG_API);
			assertThat(api.state()).isEqualTo(ProcessStatus.NON_FUNCTIONAL);
			assertThat(api.description()).isEqualTo("Database down");
		}
	}

	private ProcessStatus control(EmulatedCluster cluster) {
		return cluster.nodes().get(gcpWest.masterName()).process(SandeshProcess.CONTROL);
	}

	static String pod(EmulatedCluster cluster, String app) throws Exception {
		JsonNode pods = get(cluster.kubernetes().url() + "/api/v1/namespaces/kube-system/pods?labelSelector=app%3D" + app);
		List<String> names = pods.get("items").valueStream()
			.map(item -> item.at("/metadata/name").asString())
			.filter(name -> name.startsWith(app + "-"))
			.toList();
		assertThat(names).hasSize(1);
		return names.get(0);
	}

	static void delete(EmulatedCluster cluster, String pod) throws Exception {
		HttpResponse<String> deleted = HTTP.send(HttpRequest
			.newBuilder(URI.create(cluster.kubernetes().url() + "/api/v1/namespaces/kube-system/pods/" + pod))
			.DELETE()
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(deleted.statusCode()).isEqualTo(200);
	}

	private static JsonNode get(String url) throws Exception {
		return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(),
				HttpResponse.BodyHandlers.ofString()).body());
	}

}
