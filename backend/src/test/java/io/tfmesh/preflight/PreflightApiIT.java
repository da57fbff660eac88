package io.tfmesh.preflight;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.tfmesh.support.Api;
import io.tfmesh.support.EmulatedStoryCluster;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preflight checks of an emulated cluster over the REST API, read from its stored
 * observation, and the rules admins edit.
 */
class PreflightApiIT extends IntegrationTestSupport {

	private static final Map<String, Object> SEEDED = Map.of("kernel-version", List.of("3.10.0-862.14.4", "5.4.0-182"),
			"kubelet-version", List.of("1.10.11", "1.28"), "container-runtime-version", List.of("containerd://1.6.28"),
			"control-node-memory", 32, "control-node-disk", 50);

	private static EmulatedStoryCluster emulated;

	@BeforeAll
	static void startCluster() {
		emulated = EmulatedStoryCluster.start("preflight-master");
	}

	@AfterAll
	static void stopCluster() {
		emulated.close();
	}

	/** Puts the seeded rules back, so that no test sees another's edit. */
	@AfterEach
	void restoreRules() {
		List<Map<String, Object>> rules = new ArrayList<>();
		for (JsonNode rule : api.asAdmin().get("/api/v1/preflight/rules").json()) {
			Map<String, Object> request = new LinkedHashMap<>();
			String key = rule.get("key").asString();
			request.put("key", key);
			request.put(rule.get("field").asString(), SEEDED.get(key));
			request.put("version", rule.get("version").asLong());
			rules.add(request);
		}
		Api.Response restored = api.asAdmin().put("/api/v1/preflight/rules", rules);
		assertThat(restored.status()).as(restored.toString()).isEqualTo(200);
	}

	private long registerEmulated() {
		Api admin = api.asAdmin();
		long cloud = Fixtures.createCloud(admin, unique("cloud"));
		return Fixtures.createCluster(admin, emulated.registration(unique("preflight"), cloud));
	}

	/**
	 * Observes the cluster until every source answered: on a busy machine one reading may miss the
	 * observation's time bound, and what it could not read is unknown.
	 */
	private JsonNode observe(long cluster) {
		Api.Response observed = null;
		for (int reading = 0; reading < 3; reading++) {
			observed = api.asAdmin().post("/api/v1/clusters/" + cluster + "/observe", "");
			assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
			if (observed.json().get("complete").asBoolean()) {
				return observed.json();
			}
		}
		throw new AssertionError("the emulated cluster was not read completely: " + observed);
	}

	private static Map<String, String> verdicts(JsonNode report) {
		Map<String, String> verdicts = new LinkedHashMap<>();
		report.get("checks").forEach(check -> verdicts.put(check.get("check").asString(), check.get("verdict").asString()));
		return verdicts;
	}

	private static JsonNode check(JsonNode report, String key) {
		for (JsonNode check : report.get("checks")) {
			if (check.get("check").asString().equals(key)) {
				return check;
			}
		}
		throw new AssertionError("no check " + key + " in " + report);
	}

	@Test
	void aClusterNeverObservedIsUnknownNeverPassed() {
		long cluster = registerEmulated();

		Api.Response response = api.asAdmin().get("/api/v1/clusters/" + cluster + "/preflight");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		JsonNode report = response.json();
		assertThat(report.get("verdict").asString()).isEqualTo("unknown");
		assertThat(report.get("observedAt").isNull()).isTrue();
		assertThat(verdicts(report)).containsEntry("kernel-version", "unknown")
			.containsEntry("control-node-memory", "unknown")
			.containsEntry("vrouter-gateway", "unknown")
			.containsEntry("pod-subnets", "unknown")
			.doesNotContainValue("fail");
	}

	@Test
	void judgesTheLatestObservationAndNamesTheEvidence() {
		long cluster = registerEmulated();
		JsonNode observed = observe(cluster);

		Api.Response response = api.get("/api/v1/clusters/" + cluster + "/preflight");
		Api.Response asViewer = Fixtures.userWithRole(api, "viewer").get("/api/v1/clusters/" + cluster + "/preflight");

		assertThat(response.status()).as(response.toString()).isEqualTo(401);
		assertThat(asViewer.status()).as(asViewer.toString()).isEqualTo(200);
		JsonNode report = asViewer.json();
		assertThat(report.get("observedAt").asString()).isEqualTo(observed.get("observedAt").asString());
		// the emulated machine has 16 GiB, and its env ConfigMap routes through 10.0.0.1
		assertThat(verdicts(report)).containsExactly(Map.entry("kernel-version", "pass"),
				Map.entry("control-node-memory", "fail"), Map.entry("control-node-disk", "pass"),
				Map.entry("kubelet-version", "pass"), Map.entry("container-runtime-version", "pass"),
				Map.entry("vrouter-gateway", "fail"), Map.entry("pod-subnets", "pass"),
				Map.entry("tf-cluster-name-unique", "pass"), Map.entry("asn-unique", "pass"));
		assertThat(report.get("verdict").asString()).isEqualTo("fail");
		JsonNode memory = check(report, "control-node-memory").get("evidence").get(0);
		assertThat(memory.get("node").asString()).isEqualTo("preflight-master");
		assertThat(memory.get("value").asString()).isEqualTo("16265368Ki (15.5 GiB)");
		assertThat(memory.get("source").asString()).isEqualTo("Kubernetes node status.capacity.memory");
		assertThat(memory.get("wanted").asString()).isEqualTo("at least 32 GiB");
		JsonNode gateway = check(report, "vrouter-gateway").get("evidence").get(0);
		assertThat(gateway.get("value").asString()).isEqualTo("10.0.0.1");
		assertThat(gateway.get("source").asString()).contains("configmap/env");
		assertThat(gateway.get("wanted").asString()).startsWith("172.31.0.1, the underlay gateway of cloud");
	}

	@Test
	void aMemberOfAMeshIsComparedWithTheOthersAsLastObserved() {
		Api admin = api.asAdmin();
		long cloud = Fixtures.createCloud(admin, unique("cloud"));
		long cluster = Fixtures.createCluster(admin, emulated.registration(unique("preflight"), cloud));
		long silent = Fixtures.createCluster(admin, unique("silent"), cloud);
		observe(cluster);
		Api.Response mesh = admin.post("/api/v1/meshes",
				Map.of("name", unique("mesh"), "clusterIds", List.of(cluster, silent)));
		assertThat(mesh.status()).as(mesh.toString()).isEqualTo(201);

		JsonNode report = admin.get("/api/v1/clusters/" + cluster + "/preflight").json();

		// the other member was never observed: its name and ASN are unknown, not different
		JsonNode asn = check(report, "asn-unique");
		assertThat(asn.get("verdict").asString()).isEqualTo("unknown");
		assertThat(asn.get("evidence").get(0).get("value").asString()).isEqualTo("64512");
		assertThat(asn.get("evidence").get(1).get("source").asString()).contains("not known");
		assertThat(check(report, "tf-cluster-name-unique").get("verdict").asString()).isEqualTo("unknown");
	}

	@Test
	void aMissingClusterIsNotFound() {
		assertProblem(api.asAdmin().get("/api/v1/clusters/987654321/preflight"), 404, "not-found");
	}

	@Test
	void listsTheSeededRules() {
		JsonNode rules = api.asAdmin().get("/api/v1/preflight/rules").json();

		assertThat(rules.findValuesAsString("key")).containsExactly("kernel-version", "kubelet-version",
				"container-runtime-version", "control-node-memory", "control-node-disk");
		List<String> kernels = new ArrayList<>();
		rules.get(0).get("allowed").forEach(entry -> kernels.add(entry.asString()));
		assertThat(kernels).containsExactly("3.10.0-862.14.4", "5.4.0-182");
		assertThat(rules.get(3).get("minimumGib").asInt()).isEqualTo(32);
		assertThat(rules.get(3).get("allowed").isNull()).isTrue();
		assertThat(rules.get(4).get("minimumGib").asInt()).isEqualTo(50);
	}

	@Test
	void anAdminChangesARuleAndTheNextReportAppliesIt() {
		long cluster = registerEmulated();
		observe(cluster);
		Api.Response read = api.asAdmin().get("/api/v1/preflight/rules/kernel-version");
		assertThat(read.header("ETag")).isEqualTo("\"" + read.json().get("version").asLong() + "\"");

		Api.Response changed = api.asAdmin()
			.header("If-Match", read.header("ETag"))
			.put("/api/v1/preflight/rules/kernel-version", Map.of("allowed", List.of(" 3.10.0-862.14.4 ")));

		assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
		assertThat(changed.json().get("allowed").get(0).asString()).isEqualTo("3.10.0-862.14.4");
		assertThat(changed.json().get("version").asLong()).isEqualTo(read.json().get("version").asLong() + 1);
		assertThat(changed.json().get("updatedBy").asString()).isEqualTo(ADMIN);
		JsonNode kernel = check(api.asAdmin().get("/api/v1/clusters/" + cluster + "/preflight").json(), "kernel-version");
		assertThat(kernel.get("verdict").asString()).as(kernel.toString()).isEqualTo("fail");
		assertThat(kernel.get("evidence").get(0).get("wanted").asString()).isEqualTo("one of 3.10.0-862.14.4");

		JsonNode audited = api.asAdmin()
			.get("/api/v1/audit?objectType=preflight-rule&objectId=kernel-version")
			.json()
			.get("items")
			.get(0);
		assertThat(audited.get("actor").asString()).isEqualTo(ADMIN);
		assertThat(audited.at("/before/allowed/1").asString()).isEqualTo("5.4.0-182");
		assertThat(audited.at("/after/allowed").size()).isEqualTo(1);

		// the same version again is stale now
		Api.Response stale = api.asAdmin()
			.put("/api/v1/preflight/rules/kernel-version",
					Map.of("allowed", List.of("5.4.0-182"), "version", read.json().get("version").asLong()));
		assertProblem(stale, 409, "stale-version");
		Api.Response size = api.asAdmin()
			.put("/api/v1/preflight/rules/control-node-memory", Map.of("minimumGib", 64, "version",
					api.asAdmin().get("/api/v1/preflight/rules/control-node-memory").json().get("version").asLong()));
		assertThat(size.status()).as(size.toString()).isEqualTo(200);
		assertThat(size.json().get("minimumGib").asInt()).isEqualTo(64);
	}

	@Test
	void refusesRulesThatCannotBeApplied() {
		Api admin = api.asAdmin();
		long kernel = admin.get("/api/v1/preflight/rules/kernel-version").json().get("version").asLong();
		long memory = admin.get("/api/v1/preflight/rules/control-node-memory").json().get("version").asLong();
		String kernelPath = "/api/v1/preflight/rules/kernel-version";
		String memoryPath = "/api/v1/preflight/rules/control-node-memory";

		assertInvalidField(admin.put(kernelPath, Map.of("allowed", List.of(), "version", kernel)), "allowed");
		assertInvalidField(admin.put(kernelPath, Map.of("minimumGib", 32, "allowed", List.of("1"), "version", kernel)),
				"minimumGib");
		assertInvalidField(admin.put(kernelPath, Map.of("allowed", List.of(" "), "version", kernel)), "allowed[0]");
		assertInvalidField(admin.put(kernelPath, Map.of("allowed", List.of("3.10 0"), "version", kernel)),
				"allowed[0]");
		assertInvalidField(admin.put(kernelPath, Map.of("allowed", List.of("1.0", "1.0"), "version", kernel)),
				"allowed[1]");
		assertInvalidField(admin.put(kernelPath, Map.of("allowed", List.of("x".repeat(101)), "version", kernel)),
				"allowed[0]");
		assertInvalidField(admin.put(kernelPath, Map.of("key", "kubelet-version", "allowed", List.of("1"), "version",
				kernel)), "key");
		assertInvalidField(admin.put(memoryPath, Map.of("minimumGib", 0, "version", memory)), "minimumGib");
		assertInvalidField(admin.put(memoryPath, Map.of("version", memory)), "minimumGib");
		assertInvalidField(admin.put(memoryPath, Map.of("minimumGib", 32, "allowed", List.of("1"), "version", memory)),
				"allowed");
		assertProblem(admin.put(memoryPath, Map.of("minimumGib", 32)), 428, "precondition-required");
		assertProblem(admin.put(memoryPath, "{\"minimumGib\": \"lots\", \"version\": " + memory + "}"), 400, "");
		assertProblem(admin.put(memoryPath, "{not json"), 400, "");
		assertProblem(admin.put("/api/v1/preflight/rules/swap-size", Map.of("minimumGib", 1, "version", 0)), 404,
				"not-found");
		assertProblem(admin.get("/api/v1/preflight/rules/swap-size"), 404, "not-found");
		// nothing was changed by any of them
		assertThat(admin.get(kernelPath).json().get("version").asLong()).isEqualTo(kernel);
		assertThat(admin.get(memoryPath).json().get("version").asLong()).isEqualTo(memory);
	}

	@Test
	void onlyAdminsChangeRules() {
		long memory = api.asAdmin().get("/api/v1/preflight/rules/control-node-memory").json().get("version").asLong();
		Map<String, Object> body = Map.of("minimumGib", 16, "version", memory);

		assertProblem(Fixtures.userWithRole(api, "operator").put("/api/v1/preflight/rules/control-node-memory", body),
				403, "");
		assertThat(Fixtures.userWithRole(api, "viewer").put("/api/v1/preflight/rules/control-node-memory", body).status())
			.isEqualTo(403);
		assertThat(Fixtures.userWithRole(api, "viewer").get("/api/v1/preflight/rules").status()).isEqualTo(200);
		assertThat(api.asAdmin().get("/api/v1/preflight/rules/control-node-memory").json().get("minimumGib").asInt())
			.isEqualTo(32);
	}

	@Test
	void replacingEveryRuleAtOnceNamesEachOnceOrChangesNone() {
		Api admin = api.asAdmin();
		List<Map<String, Object>> rules = new ArrayList<>();
		for (JsonNode rule : admin.get("/api/v1/preflight/rules").json()) {
			Map<String, Object> request = new LinkedHashMap<>();
			request.put("key", rule.get("key").asString());
			request.put(rule.get("field").asString(), SEEDED.get(rule.get("key").asString()));
			request.put("version", rule.get("version").asLong());
			rules.add(request);
		}

		List<Map<String, Object>> missing = new ArrayList<>(rules.subList(0, 4));
		assertInvalidField(admin.put("/api/v1/preflight/rules", missing), "body");
		List<Map<String, Object>> twice = new ArrayList<>(rules);
		twice.add(rules.get(0));
		assertInvalidField(admin.put("/api/v1/preflight/rules", twice), "[5].key");
		List<Map<String, Object>> unknown = new ArrayList<>(rules);
		unknown.add(Map.of("key", "swap-size", "minimumGib", 1, "version", 0));
		assertInvalidField(admin.put("/api/v1/preflight/rules", unknown), "[5].key");
		List<Map<String, Object>> oneBad = new ArrayList<>(rules);
		Map<String, Object> disk = new LinkedHashMap<>(rules.get(4));
		disk.put("minimumGib", -5);
		oneBad.set(4, disk);
		Map<String, Object> kernel = new LinkedHashMap<>(rules.get(0));
		kernel.put("allowed", List.of("4.18.0"));
		oneBad.set(0, kernel);
		assertInvalidField(admin.put("/api/v1/preflight/rules", oneBad), "[4].minimumGib");
		assertInvalidField(admin.put("/api/v1/preflight/rules", "null"), "body");
		assertThat(admin.get("/api/v1/preflight/rules/kernel-version").json().get("allowed").get(0).asString())
			.isEqualTo("3.10.0-862.14.4");

		List<Map<String, Object>> good = new ArrayList<>(rules);
		good.set(0, kernel);
		Api.Response replaced = admin.put("/api/v1/preflight/rules", good);
		assertThat(replaced.status()).as(replaced.toString()).isEqualTo(200);
		assertThat(replaced.json().get(0).get("allowed").get(0).asString()).isEqualTo("4.18.0");
		assertThat(replaced.json().get(4).get("minimumGib").asInt()).isEqualTo(50);
		// the rules sent as they were keep their versions
		assertThat(replaced.json().get(4).get("version").asLong()).isEqualTo(rules.get(4).get("version"));
		assertThat(replaced.json().get(0).get("version").asLong()).isEqualTo((Long) rules.get(0).get("version") + 1);
	}

}
