package io.tfmesh.emulator.tf;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import io.tfmesh.emulator.tf.TfConfigApiEmulator.BgpRouterSeed;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Write counts and faults of the emulated config API, over raw HTTP. */
class ConfigApiFaultsIT {

	private static final String TEAM_A = "project/default-domain:team-a";

	private static final String POD_NETWORK = "virtual-network/default-domain:k8s-default:k8s-default-pod-network";

	private static final String POD_IPAM = "network-ipam/default-domain:k8s-default:k8s-pod-ipam";

	private static final String CREATE_TEAM_A = "{\"project\": {\"fq_name\": [\"default-domain\", \"team-a\"],"
			+ " \"parent_type\": \"domain\"}}";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@TempDir
	Path directory;

	private TfConfigApiEmulator emulator;

	@BeforeEach
	void start() {
		emulator = TfConfigApiEmulator.start("127.0.0.1", 0, directory.resolve("tf-config.json"), json);
		emulator.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		emulator.provisionControl(64512, List.of(new BgpRouterSeed("aws-east-master", "127.0.10.1")));
	}

	@AfterEach
	void stop() {
		emulator.close();
	}

	@Test
	void countsEachAcceptedWriteOfAnObjectOnce() throws Exception {
		// provisioning is not a write through the API
		assertThat(emulator.writes()).isEmpty();

		assertThat(send("POST", "/projects", CREATE_TEAM_A).statusCode()).isEqualTo(200);
		assertThat(emulator.writes(TEAM_A)).isEqualTo(1);
		String project = uuid("project", "default-domain", "team-a");
		assertThat(send("GET", "/project/" + project, null).statusCode()).isEqualTo(200);
		assertThat(send("POST", "/projects", CREATE_TEAM_A).statusCode()).isEqualTo(409);
		assertThat(emulator.writes(TEAM_A)).isEqualTo(1);

		assertThat(send("PUT", "/project/" + project, "{\"project\": {\"display_name\": \"Team A\"}}").statusCode())
			.isEqualTo(200);
		assertThat(emulator.writes(TEAM_A)).isEqualTo(2);

		String pods = uuid("virtual-network", "default-domain", "k8s-default", "k8s-default-pod-network");
		// route_target.py refuses a target without its number
		assertThat(send("PUT", "/virtual-network/" + pods,
				"{\"virtual-network\": {\"route_target_list\": {\"route_target\": [\"target:64512\"]}}}")
			.statusCode()).isEqualTo(400);
		assertThat(emulator.writes(POD_NETWORK)).isZero();
		assertThat(send("POST", "/ref-update", "{\"operation\": \"ADD\", \"uuid\": \"" + pods + "\", \"type\":"
				+ " \"virtual-network\", \"ref-type\": \"network-policy\", \"ref-fq-name\": [\"default-domain\","
				+ " \"k8s-default\", \"k8s-default-service-np\"], \"attr\": {\"sequence\": {\"major\": 0, \"minor\": 0}}}")
			.statusCode()).isEqualTo(200);
		assertThat(emulator.writes(POD_NETWORK)).isEqualTo(1);

		// api_server.py: "Delete when resource still referred"
		assertThat(send("DELETE", "/network-ipam/" + uuid("network-ipam", "default-domain", "k8s-default", "k8s-pod-ipam"), null)
			.statusCode()).isEqualTo(409);
		assertThat(emulator.writes(POD_IPAM)).isZero();
		assertThat(send("DELETE", "/project/" + project, null).statusCode()).isEqualTo(200);
		assertThat(emulator.writes()).isEqualTo(Map.of(TEAM_A, 3L, POD_NETWORK, 1L));

		emulator.resetFaults();
		assertThat(emulator.writes()).isEmpty();
		assertThat(emulator.writes(TEAM_A)).isZero();
	}

	@Test
	void answers503AsTheApiServerDoesWhileItResyncsAndWritesNothing() throws Exception {
		emulator.errorRate(1.0);

		HttpResponse<String> refused = send("POST", "/projects", CREATE_TEAM_A);

		assertThat(refused.statusCode()).isEqualTo(503);
		// api_server.py, check_db_resync_status
		assertThat(refused.body()).isEqualTo("Api server is Initializing:DB Resync in progress");
		assertThat(emulator.writes()).isEmpty();
		emulator.errorRate(0);
		assertThat(fqNameToId("project", "default-domain", "team-a").statusCode()).isEqualTo(404);
	}

	@Test
	void aTimedOutWriteClosesTheConnectionWithoutAnAnswerAndIsNotCarriedOut() throws Exception {
		emulator.timeoutRate(1.0, Duration.ofMillis(200));

		assertThatThrownBy(() -> send("POST", "/projects", CREATE_TEAM_A)).isInstanceOf(IOException.class)
			.isNotInstanceOf(HttpTimeoutException.class);

		emulator.timeoutRate(0, Duration.ZERO);
		assertThat(fqNameToId("project", "default-domain", "team-a").statusCode()).isEqualTo(404);
		assertThat(emulator.writes()).isEmpty();
	}

	@Test
	void aHangLongerThanTheClientWaitsIsATimeoutForTheClient() {
		emulator.timeoutRate(1.0, Duration.ofHours(1));

		assertThatThrownBy(() -> http.send(request("GET", "/projects", null).timeout(Duration.ofMillis(300)).build(),
				HttpResponse.BodyHandlers.ofString()))
			.isInstanceOf(HttpTimeoutException.class);
	}

	@Test
	void aWriteWhoseAnswerIsLostIsCarriedOutAndItsRetryIsRefused() throws Exception {
		emulator.lostAnswerRate(1.0, Duration.ofMillis(100));

		assertThatThrownBy(() -> send("POST", "/projects", CREATE_TEAM_A)).isInstanceOf(IOException.class)
			.isNotInstanceOf(HttpTimeoutException.class);

		emulator.lostAnswerRate(0, Duration.ZERO);
		assertThat(emulator.writes(TEAM_A)).isEqualTo(1);
		HttpResponse<String> retried = send("POST", "/projects", CREATE_TEAM_A);
		assertThat(retried.statusCode()).isEqualTo(409);
		assertThat(retried.body()).startsWith("['default-domain', 'team-a'] already exists with uuid: ");
		assertThat(emulator.writes(TEAM_A)).isEqualTo(1);
	}

	@Test
	void aSeededGeneratorFailsTheSameRequests() throws Exception {
		emulator.errorRate(0.3);
		emulator.faultRandom(new SplittableRandom(11));
		List<Integer> first = statuses(40);
		emulator.faultRandom(new SplittableRandom(11));

		assertThat(statuses(40)).isEqualTo(first);
		assertThat(first).contains(200, 503).containsOnly(200, 503);
	}

	private List<Integer> statuses(int requests) throws Exception {
		List<Integer> statuses = new ArrayList<>();
		for (int i = 0; i < requests; i++) {
			statuses.add(send("GET", "/projects", null).statusCode());
		}
		return statuses;
	}

	private HttpResponse<String> fqNameToId(String type, String... fqName) throws Exception {
		return send("POST", "/fqname-to-id",
				"{\"type\": \"" + type + "\", \"fq_name\": " + json.writeValueAsString(List.of(fqName)) + "}");
	}

	private String uuid(String type, String... fqName) throws Exception {
		HttpResponse<String> answer = fqNameToId(type, fqName);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode found = json.readTree(answer.body());
		return found.path("uuid").asString();
	}

	private HttpResponse<String> send(String method, String path, String body)
			throws IOException, InterruptedException {
		return http.send(request(method, path, body).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(String method, String path, String body) {
		return HttpRequest.newBuilder(URI.create(emulator.url() + path))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
	}

}
