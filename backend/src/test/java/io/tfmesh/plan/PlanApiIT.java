package io.tfmesh.plan;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.kubernetes.KubernetesSeed;
import io.tfmesh.emulator.kubernetes.SeedNode;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.support.Api;
import io.tfmesh.support.Concurrently;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.IntegrationTestSupport;
import io.tfmesh.support.TestAccount;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static io.tfmesh.support.ProblemAssertions.assertInvalidField;
import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Plans over the REST API and the pages: compiled from a mesh's allocations against observations
 * of an emulated cluster read over HTTP, stored in PostgreSQL, approved only by a second admin,
 * refused when expired, stale or planned against an incomplete observation, and applied by the
 * workers to the emulated Kubernetes and TF APIs.
 */
class PlanApiIT extends PlanApplicationSupport {

	private static final String MASTER = LoopbackNetworks.reserve() + ".0.1";

	/** The first block of the mesh's default pod pool, which TF's default pod subnet lies outside of. */
	private static final String MESH_POD_SUBNET = "100.64.0.0/16";

	private static final KubernetesSeed SEED = new KubernetesSeed("v1.28.15", "10.32.0.0/12", "10.96.0.0/12",
			"cluster.local",
			List.of(new SeedNode("plan-master", MASTER, List.of("control-plane", "opencontrail.org/controller"))),
			Map.of("CONTROLLER_NODES", MASTER, "VROUTER_GATEWAY", "10.0.0.1"), KubernetesSeed.kubeManagerConfig(MASTER));

	private static EmulatedKubernetes kubernetes;

	private static KubernetesClient kubectl;

	private static TfConfigApiEmulator tungstenFabric;

	private static IntrospectEmulator master;

	@Autowired
	PlanService plans;

	@Autowired
	PlanDrift drift;

	@Autowired
	PlanStore store;

	private Api admin;

	private TestAccount secondAdmin;

	private TestAccount operator;

	@BeforeAll
	static void startCluster() throws Exception {
		Path state = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "planned-cluster-");
		kubernetes = EmulatedKubernetes.start("127.0.0.1", 0, state);
		tungstenFabric = TfConfigApiEmulator.start("127.0.0.1", 0, state.resolve("tf.json"), JsonMapper.builder().build());
		kubectl = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty()).withMasterUrl(kubernetes.url())
			.withOauthToken("any-token")
			.withAutoConfigure(false)
			.build()).build();
		List<SandeshProcess> services = new ArrayList<>();
		for (String pod : List.of("control", "config", "kubernetes", "analytics", "database", "config-database",
				"webui", "vrouter", "analytics-alarm", "analytics-snmp")) {
			services.addAll(SandeshProcess.ofPod(pod));
		}
		master = IntrospectEmulator.start(MASTER, "plan-master", services);
	}

	@AfterAll
	static void stopCluster() {
		kubectl.close();
		master.close();
		tungstenFabric.close();
		kubernetes.close();
	}

	/** Every test meets the cluster as TF installs it, whatever an earlier test applied to it. */
	@BeforeEach
	void installCluster() {
		kubernetes.reset(SEED);
		tungstenFabric.reset();
		tungstenFabric.provisionLikeKubeManager("k8s", List.of("10.32.0.0/12"), List.of("10.96.0.0/12"),
				List.of("10.64.0.0/12"));
		tungstenFabric.provisionControl(64512, List.of(new TfConfigApiEmulator.BgpRouterSeed("plan-master", MASTER)));
		tungstenFabric.allocatePodInstanceIps("k8s", 12);
	}

	@AfterEach
	void clearFaults() {
		tungstenFabric.resetFaults();
		kubernetes.resetFaults();
	}

	@BeforeEach
	void accounts() {
		admin = api.asAdmin();
		secondAdmin = Fixtures.account(api, "admin");
		operator = Fixtures.account(api, "operator");
	}

	/** A cluster of the emulated APIs, or one whose TF config API does not answer. */
	private long cluster(boolean tfAnswers) {
		long cloudId = Fixtures.createCloud(admin, unique("cloud"));
		Map<String, Object> cluster = Fixtures.cluster(unique("member"), cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric",
				Map.of("apiUrl", tfAnswers ? tungstenFabric.url() : "http://127.0.0.1:" + closedPort(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(MASTER));
		return Fixtures.createCluster(admin, cluster);
	}

	private long mesh(List<Long> members) {
		Api.Response created = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "clusterIds", members));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	private long mesh(List<Long> members, Map<String, Object> settings) {
		Map<String, Object> body = new HashMap<>(settings);
		body.put("name", unique("mesh"));
		body.put("clusterIds", members);
		Api.Response created = admin.post("/api/v1/meshes", body);
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json().get("id").asLong();
	}

	/**
	 * A mesh of one emulated member, given the mesh's first pod block: TF's default pod subnet
	 * lies outside the mesh's pod pool, so the member is to move; returns {mesh, cluster}.
	 */
	private long[] plannedMesh(Map<String, Object> settings) {
		long clusterId = cluster(true);
		long meshId = mesh(List.of(clusterId), settings);
		Api.Response allocated = admin.post("/api/v1/meshes/" + meshId + "/allocations", "{}");
		assertThat(allocated.status()).as(allocated.toString()).isBetween(200, 201);
		return new long[] { meshId, clusterId };
	}

	private String podSubnetsInEnv() {
		return kubectl.configMaps().inNamespace("kube-system").withName("env").get().getData()
			.get("KUBERNETES_POD_SUBNETS");
	}

	private JsonNode awaitPlan(long id, String state) {
		return await().atMost(Duration.ofMinutes(2)).until(() -> admin.get("/api/v1/plans/" + id).json(),
				plan -> plan.get("state").asString().equals(state));
	}

	/** An applied plan once the observation after its apply has stored what drift remains. */
	private JsonNode awaitApplied(long id) {
		awaitPlan(id, "applied");
		return await().atMost(Duration.ofMinutes(1)).until(() -> admin.get("/api/v1/plans/" + id).json(),
				plan -> plan.get("remainingDrift").isArray());
	}

	private static JsonNode step(JsonNode plan, String objectType, String object) {
		for (JsonNode step : plan.get("steps")) {
			if (step.get("objectType").asString().equals(objectType) && step.get("object").asString().equals(object)) {
				return step;
			}
		}
		throw new AssertionError("no " + objectType + " " + object + " step in " + plan.get("steps"));
	}

	private JsonNode createPlan(Api as, long meshId) {
		Api.Response created = as.post("/api/v1/plans", Map.of("meshId", meshId));
		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		return created.json();
	}

	@Test
	void theAuthorIsRefusedASecondAdminApprovesAndAnOperatorApplies() {
		long[] planned = plannedMesh(Map.of());
		JsonNode plan = createPlan(admin, planned[0]);
		long id = plan.get("id").asLong();

		assertThat(plan.get("state").asString()).isEqualTo("pending-approval");
		assertThat(plan.get("author").asString()).isEqualTo("admin");
		JsonNode ipam = step(plan, "network-ipam", "default-domain:k8s-default:k8s-pod-ipam");
		assertThat(ipam.at("/operation/kind").asString()).isEqualTo("write-tf-object");
		// the old subnet stays beside the new one while pods hold addresses of it
		assertThat(ipam.at("/after/subnets").asString()).isEqualTo(MESH_POD_SUBNET + " 10.32.0.0/12");
		assertThat(plan.get("notes").toString()).contains("keeps 10.32.0.0/12 after " + MESH_POD_SUBNET,
				"12 addresses of it are in use");
		JsonNode env = step(plan, "configmap", "kube-system/env");
		assertThat(env.at("/after/KUBERNETES_POD_SUBNETS").asString()).isEqualTo(MESH_POD_SUBNET);
		assertThat(env.get("dependsOn").toString()).contains(ipam.get("key").asString());
		// the member was never observed: it was, over HTTP, before it was planned against
		assertThat(plan.at("/baseRevision/" + planned[1]).asString()).hasSize(64);
		assertThat(plan.at("/progress/total").asInt()).isEqualTo(plan.get("steps").size());
		assertThat(plan.get("expiresAt").asString()).isEqualTo(clock.instant().plus(Duration.ofHours(72)).toString());

		JsonNode refused = assertProblem(admin.post("/api/v1/plans/" + id + "/approve", "{}"), 403,
				"second-admin-required");
		assertThat(refused.get("detail").asString()).contains("a second admin");
		assertProblem(operator.client().post("/api/v1/plans/" + id + "/approve", "{}"), 403, "forbidden");
		assertProblem(Fixtures.userWithRole(api, "viewer").post("/api/v1/plans/" + id + "/cancel", ""), 403,
				"forbidden");
		assertThat(admin.get("/api/v1/plans/" + id).json().get("state").asString()).isEqualTo("pending-approval");

		Api.Response approved = secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}");
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().get("state").asString()).isEqualTo("approved");
		assertThat(approved.json().at("/approvals/0/admin").asString()).isEqualTo(secondAdmin.username());
		JsonNode twice = assertProblem(secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}"), 409,
				"conflict");
		assertThat(twice.get("detail").asString()).contains("is approved");

		Api.Response applying = operator.client().post("/api/v1/plans/" + id + "/apply", "");
		assertThat(applying.status()).as(applying.toString()).isEqualTo(202);
		assertThat(applying.json().get("state").asString()).isEqualTo("applying");
		assertThat(applying.json().get("applyRequestedBy").asString()).isEqualTo(operator.username());

		JsonNode applied = awaitApplied(id);
		assertThat(applied.get("steps").findValuesAsString("state")).containsOnly("done");
		assertThat(applied.at("/progress/done").asInt()).isEqualTo(applied.get("steps").size());
		assertThat(podSubnetsInEnv()).isEqualTo(MESH_POD_SUBNET);
		// observed again after apply: nothing the plan set out to change is left to do
		assertThat(applied.get("remainingDrift").isArray()).as(applied.toString()).isTrue();
		assertThat(applied.get("remainingDrift")).isEmpty();

		JsonNode audit = admin.get("/api/v1/audit?objectType=plan&objectId=" + id + "&size=50").json();
		assertThat(audit.get("items").findValuesAsString("action")).contains("submit", "approve", "apply", "applied");
	}

	@Test
	void aPlanCancelledWhileItAppliesFinishesItsRunningStepAndCancelsTheStepsNotStarted() {
		long[] planned = plannedMesh(Map.of());
		long id = createPlan(admin, planned[0]).get("id").asLong();
		assertThat(secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}").status()).isEqualTo(200);
		scheduler.pause();
		assertThat(operator.client().post("/api/v1/plans/" + id + "/apply", "").status()).isEqualTo(202);
		// the pod IPAM comes first and everything else waits for it: slowed down, it is cancelled while it runs
		tungstenFabric.latency(Duration.ofMillis(1500));
		scheduler.resume();
		await().atMost(Duration.ofMinutes(1))
			.until(() -> step(admin.get("/api/v1/plans/" + id).json(), "network-ipam",
					"default-domain:k8s-default:k8s-pod-ipam").get("state").asString().equals("running"));

		Api.Response cancel = operator.client().post("/api/v1/plans/" + id + "/cancel", "");
		assertThat(cancel.status()).as(cancel.toString()).isEqualTo(200);
		assertThat(cancel.json().get("cancelRequested").asBoolean()).isTrue();
		JsonNode cancelled = awaitPlan(id, "cancelled");

		JsonNode ipam = step(cancelled, "network-ipam", "default-domain:k8s-default:k8s-pod-ipam");
		assertThat(ipam.get("state").asString()).isEqualTo("done");
		assertThat(cancelled.get("steps").findValuesAsString("state")).containsOnly("done", "cancelled");
		List<JsonNode> waiting = new ArrayList<>();
		for (JsonNode step : cancelled.get("steps")) {
			if (step.get("dependsOn").toString().contains("\"" + ipam.get("key").asString() + "\"")) {
				waiting.add(step);
			}
		}
		assertThat(waiting).isNotEmpty().allSatisfy(step -> {
			assertThat(step.get("state").asString()).as(step.toString()).isEqualTo("cancelled");
			assertThat(step.get("attempts").asInt()).isZero();
		});
		assertThat(podSubnetsInEnv()).isNotEqualTo(MESH_POD_SUBNET);
		JsonNode audit = admin.get("/api/v1/audit?objectType=plan&objectId=" + id + "&size=50").json();
		assertThat(audit.get("items").findValuesAsString("action")).contains("apply", "cancel");
	}

	@Test
	void aRejectionNeedsAReasonAndARejectedPlanCannotBeApproved() {
		long[] planned = plannedMesh(Map.of());
		long id = createPlan(operator.client(), planned[0]).get("id").asLong();

		assertProblem(admin.post("/api/v1/plans/" + id + "/reject", "{}"), 400, "invalid-input");
		assertProblem(admin.post("/api/v1/plans/" + id + "/reject", Map.of("reason", "  ")), 400, "invalid-input");
		Api.Response rejected = admin.post("/api/v1/plans/" + id + "/reject", Map.of("reason", "not before the freeze"));
		assertThat(rejected.status()).as(rejected.toString()).isEqualTo(200);
		assertThat(rejected.json().get("state").asString()).isEqualTo("rejected");
		assertThat(rejected.json().at("/approvals/0/reason").asString()).isEqualTo("not before the freeze");

		JsonNode late = assertProblem(secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}"), 409, "conflict");
		assertThat(late.get("detail").asString()).contains("is rejected");
	}

	@Test
	void aPlanThatWaitedPastItsExpiryIsExpiredAndCannotBeApproved() {
		long[] planned = plannedMesh(Map.of());
		long id = createPlan(admin, planned[0]).get("id").asLong();

		clock.advance(Duration.ofHours(72).plusSeconds(1));

		JsonNode refused = assertProblem(secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}"), 409,
				"conflict");
		assertThat(refused.get("detail").asString()).contains("is expired");
		assertThat(admin.get("/api/v1/plans/" + id).json().get("state").asString()).isEqualTo("expired");
		assertThat(admin.get("/api/v1/plans?state=expired&meshId=" + planned[0]).json().get("totalItems").asLong())
			.isEqualTo(1);
		JsonNode audit = admin.get("/api/v1/audit?objectType=plan&objectId=" + id).json();
		assertThat(audit.get("items").findValuesAsString("action")).contains("expire");
	}

	@Test
	void anIncompleteObservationIsNotPlannedAgainstAndTheAnswerNamesTheSourcesThatFailed() {
		long silent = cluster(false);
		long meshId = mesh(List.of(silent));
		admin.post("/api/v1/meshes/" + meshId + "/allocations", "{}");

		JsonNode refused = assertProblem(admin.post("/api/v1/plans", Map.of("meshId", meshId)), 409, "conflict");

		assertThat(refused.get("detail").asString()).contains("incomplete", "tungsten-fabric/config-api");
		assertThat(refused.at("/clusters/0/clusterId").asLong()).isEqualTo(silent);
		assertThat(refused.at("/clusters/0/failedSources").toString()).contains("tungsten-fabric/config-api");
		assertThat(admin.get("/api/v1/plans?meshId=" + meshId).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void aSourceThatFailedOnceIsReadAgainBeforeThePlanIsRefused() {
		long member = cluster(true);
		long meshId = mesh(List.of(member));
		admin.post("/api/v1/meshes/" + meshId + "/allocations", "{}");
		// one try and two retries of the first request: the first reading loses the config API
		tungstenFabric.failNext(3);

		Api.Response created = admin.post("/api/v1/plans", Map.of("meshId", meshId));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		assertThat(jdbc.queryForList("SELECT complete FROM cluster_observation WHERE cluster_id = ? ORDER BY id",
				Boolean.class, member))
			.as("the first reading lost the config API, the one planned against did not")
			.containsExactly(false, true);
	}

	@Test
	void noDifferenceMeansNoPlanAndTheAnswerSaysSo() {
		long meshId = mesh(List.of(cluster(true)));

		Api.Response answer = admin.post("/api/v1/plans", Map.of("meshId", meshId));

		assertThat(answer.status()).as(answer.toString()).isEqualTo(200);
		assertThat(answer.json().get("plan").isNull()).isTrue();
		assertThat(answer.json().get("message").asString()).contains("already match");
		assertThat(admin.get("/api/v1/plans?meshId=" + meshId).json().get("totalItems").asLong()).isZero();
	}

	@Test
	void aPlanThatWentStaleAtApplyAnswers409OfTypeStale() {
		long[] planned = plannedMesh(Map.of());
		long id = createPlan(admin, planned[0]).get("id").asLong();
		assertThat(secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}").status()).isEqualTo(200);
		// someone edits the cluster by hand after the plan was approved
		kubectl.configMaps().inNamespace("kube-system").withName("env").edit(map -> {
			map.getData().put("EDITED_BY_HAND", "yes");
			return map;
		});
		long writes = tungstenFabric.writes().values().stream().mapToLong(Long::longValue).sum();

		JsonNode stale = assertProblem(operator.client().post("/api/v1/plans/" + id + "/apply", ""), 409, "stale");

		assertThat(stale.get("detail").asString()).contains("nothing was written", "Plan again");
		assertThat(stale.get("planId").asLong()).isEqualTo(id);
		JsonNode plan = admin.get("/api/v1/plans/" + id).json();
		assertThat(plan.get("state").asString()).isEqualTo("stale");
		assertThat(plan.get("steps").findValuesAsString("state")).doesNotContain("done", "running");
		assertThat(podSubnetsInEnv()).isNotEqualTo(MESH_POD_SUBNET);
		assertThat(tungstenFabric.writes().values().stream().mapToLong(Long::longValue).sum()).isEqualTo(writes);
	}

	@Test
	void anApplyTimeOutsideTheChangeWindowIsRefusedAndOneInsideStartsThePlanByItself() {
		Instant now = clock.instant();
		// a window that opens before the plan expires
		ZonedDateTime windowDay = now.atZone(ZoneOffset.UTC).plusDays(2);
		String day = windowDay.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
		Instant inWindow = windowDay.withHour(3).withMinute(0).withSecond(0).withNano(0).toInstant();
		long[] planned = plannedMesh(Map.of("changeWindowDays", day, "changeWindowStart", "02:00",
				"changeWindowEnd", "06:00"));
		long id = createPlan(admin, planned[0]).get("id").asLong();

		JsonNode outside = assertProblem(secondAdmin.client()
			.post("/api/v1/plans/" + id + "/approve", Map.of("applyAt", inWindow.plus(Duration.ofHours(4)).toString())),
				422, "outside-change-window");
		assertThat(outside.get("detail").asString()).contains(day + " 02:00–06:00 UTC");

		Api.Response approved = secondAdmin.client()
			.post("/api/v1/plans/" + id + "/approve", Map.of("applyAt", inWindow.toString()));
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		assertThat(approved.json().get("applyAfter").asString()).isEqualTo(inWindow.toString());
		assertProblem(operator.client().post("/api/v1/plans/" + id + "/apply", ""), 409, "conflict");
		plans.startDue();
		assertThat(admin.get("/api/v1/plans/" + id).json().get("state").asString()).isEqualTo("approved");

		clock.advance(Duration.between(now, inWindow));
		plans.startDue();

		// its steps are due at the chosen time, which the workers' own clock has not reached
		assertThat(admin.get("/api/v1/plans/" + id).json().get("state").asString()).isEqualTo("applying");
	}

	@Test
	void aMeshThatAppliesOnApprovalStartsAnApprovedPlanByItselfAndOnlyThat() {
		long[] planned = plannedMesh(Map.of("applyOnApproval", true));
		long[] onRequest = plannedMesh(Map.of());
		long id = createPlan(admin, planned[0]).get("id").asLong();
		long waits = createPlan(admin, onRequest[0]).get("id").asLong();
		assertThat(admin.get("/api/v1/meshes/" + planned[0]).json().get("applyOnApproval").asBoolean()).isTrue();

		plans.startDue();
		assertThat(admin.get("/api/v1/plans/" + id).json().get("state").asString()).isEqualTo("pending-approval");
		secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}");
		secondAdmin.client().post("/api/v1/plans/" + waits + "/approve", "{}");
		plans.startDue();

		JsonNode started = awaitApplied(id);
		assertThat(started.get("applyRequestedBy").asString()).isEqualTo("system");
		assertThat(podSubnetsInEnv()).isEqualTo(MESH_POD_SUBNET);
		assertThat(admin.get("/api/v1/plans/" + waits).json().get("state").asString()).isEqualTo("approved");
	}

	@Test
	void aChangeWindowSetOnlyInPartOrWithUnknownDaysIsRefused() {
		Api.Response partial = admin.post("/api/v1/meshes",
				Map.of("name", unique("mesh"), "changeWindowDays", "sat", "changeWindowStart", "02:00"));
		assertThat(assertInvalidField(partial, "changeWindowDays"))
			.contains("needs its days, its start and its end");
		Api.Response unknownDay = admin.post("/api/v1/meshes", Map.of("name", unique("mesh"), "changeWindowDays",
				"caturday", "changeWindowStart", "02:00", "changeWindowEnd", "06:00"));
		assertThat(assertInvalidField(unknownDay, "changeWindowDays"))
			.contains("'caturday' is no day");
	}

	@Test
	void theReverseOfAnAppliedPlanUndoesItsDoneStepsLastFirstAndAwaitsApproval() {
		long[] planned = plannedMesh(Map.of());
		long id = createPlan(admin, planned[0]).get("id").asLong();
		assertThat(secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}").status()).isEqualTo(200);
		assertThat(operator.client().post("/api/v1/plans/" + id + "/apply", "").status()).isEqualTo(202);
		JsonNode applied = awaitApplied(id);
		String ipamKey = step(applied, "network-ipam", "default-domain:k8s-default:k8s-pod-ipam").get("key").asString();
		String envKey = step(applied, "configmap", "kube-system/env").get("key").asString();

		Api.Response reversed = operator.client().post("/api/v1/plans/" + id + "/reverse", "");

		assertThat(reversed.status()).as(reversed.toString()).isEqualTo(201);
		JsonNode reverse = reversed.json();
		assertThat(reverse.get("state").asString()).isEqualTo("pending-approval");
		assertThat(reverse.get("reverseOf").asLong()).isEqualTo(id);
		List<String> keys = reverse.get("steps").findValuesAsString("key");
		assertThat(keys).contains(envKey, ipamKey);
		assertThat(keys.indexOf(envKey)).isLessThan(keys.indexOf(ipamKey));
		JsonNode env = step(reverse, "configmap", "kube-system/env");
		assertThat(env.at("/after/KUBERNETES_POD_SUBNETS").asString()).isNotEqualTo(MESH_POD_SUBNET);
		assertThat(step(reverse, "network-ipam", "default-domain:k8s-default:k8s-pod-ipam").at("/after/subnets")
			.asString()).isEqualTo("10.32.0.0/12");
		assertThat(reverse.get("author").asString()).isEqualTo(operator.username());

		assertProblem(admin.post("/api/v1/plans/" + reverse.get("id").asLong() + "/reverse", ""), 409, "conflict");
	}

	@Test
	void aDraftWaitsUntilItIsSubmittedAndAWaitingPlanIsCancelledAtOnce() {
		long[] planned = plannedMesh(Map.of());
		Api.Response created = operator.client().post("/api/v1/plans", Map.of("meshId", planned[0], "draft", true));
		assertThat(created.json().get("state").asString()).as(created.toString()).isEqualTo("draft");
		long id = created.json().get("id").asLong();
		assertProblem(admin.post("/api/v1/plans/" + id + "/approve", "{}"), 409, "conflict");

		assertThat(operator.client().post("/api/v1/plans/" + id + "/submit", "").json().get("state").asString())
			.isEqualTo("pending-approval");
		JsonNode cancelled = operator.client().post("/api/v1/plans/" + id + "/cancel", "").json();
		assertThat(cancelled.get("state").asString()).isEqualTo("cancelled");
		assertThat(cancelled.get("steps").findValuesAsString("state")).containsOnly("cancelled");
	}

	@Test
	void badRequestsAreClearProblems() {
		assertProblem(admin.post("/api/v1/plans", "{}"), 400, "invalid-input");
		assertProblem(admin.get("/api/v1/plans?state=sleeping"), 400, "invalid-input");
		assertProblem(admin.get("/api/v1/plans/999999999"), 404, "not-found");
		long meshId = mesh(List.of());
		assertProblem(admin.post("/api/v1/plans", Map.of("meshId", meshId, "clusterId", 999999999)), 400,
				"invalid-input");
		assertProblem(admin.post("/api/v1/plans", Map.of("meshId", 999999999)), 404, "not-found");
	}

	@Test
	void thePagesShowTheReviewOfferApprovalOnlyToASecondAdminAndFollowTheApply() {
		long[] planned = plannedMesh(Map.of());
		String base = "http://localhost:" + port;
		PageSession author = PageSession.logIn(base, "admin", IntegrationTestSupport.ADMIN_PASSWORD);

		HttpResponse<String> created = author.post("/plans", Map.of("meshId", String.valueOf(planned[0])));
		assertThat(created.statusCode()).isEqualTo(302);
		String path = PageSession.location(created);
		assertThat(path).matches("/plans/\\d+");
		long id = Long.parseLong(path.substring("/plans/".length()));
		int total = admin.get("/api/v1/plans/" + id).json().get("steps").size();
		String review = author.get(path).body();
		assertThat(review).contains("Plan #" + id, "pending-approval", "10.32.0.0/12", MESH_POD_SUBNET,
				"kube-manager", "0 of " + total + " steps done", "second-admin-note")
			.doesNotContain("approve-form", "hx-trigger");

		PageSession approver = PageSession.logIn(base, secondAdmin.username(), secondAdmin.password());
		assertThat(approver.get(path).body()).contains("approve-form", "reject-form");
		PageSession applier = PageSession.logIn(base, operator.username(), operator.password());
		assertThat(applier.get(path).body()).doesNotContain("approve-form", "reject-form");
		assertThat(applier.post(path + "/approve", Map.of()).statusCode()).as("an operator approves").isEqualTo(403);
		assertThat(PageSession.location(approver.post(path + "/approve", Map.of("applyAt", "")))).isEqualTo(path);
		assertThat(applier.get(path).body()).contains("approved by " + secondAdmin.username(), "apply-plan");

		// the workers wait while the page shows a plan that applies
		scheduler.pause();
		applier.post(path + "/apply", Map.of());
		String applying = applier.get(path).body();
		assertThat(applying).contains("hx-trigger=\"every 2s\"", "/plans/" + id + "/progress");
		assertThat(applier.poll(path + "/progress").headers().firstValue("HX-Refresh")).isEmpty();

		scheduler.resume();
		awaitApplied(id);
		HttpResponse<String> finished = applier.poll(path + "/progress");
		assertThat(finished.headers().firstValue("HX-Refresh")).contains("true");
		String applied = applier.get(path).body();
		assertThat(applied).contains(total + " of " + total + " steps done", "reverse-plan", "no-drift")
			.doesNotContain("hx-trigger");

		assertThat(applier.get("/plans").body()).contains("/plans/" + id);
		assertThat(applier.get("/plans?state=expired&meshId=" + planned[0]).body()).contains("No plan is in this state");
		assertThat(applier.get("/meshes/" + planned[0]).body()).contains("Observed → planned", "plan-changes",
				"10.32.0.0/12 (", MESH_POD_SUBNET);

		long unchanged = mesh(List.of(cluster(true)));
		HttpResponse<String> nothing = applier.post("/plans", Map.of("meshId", String.valueOf(unchanged)));
		assertThat(PageSession.location(nothing)).isEqualTo("/meshes/" + unchanged);
		assertThat(applier.get("/meshes/" + unchanged).body()).contains("Nothing to change");
	}

	@Test
	void ofTwoAdminsWhoDecideAtOnceOnlyOneChangesThePlan() {
		long[] planned = plannedMesh(Map.of());
		long id = createPlan(operator.client(), planned[0]).get("id").asLong();
		TestAccount thirdAdmin = Fixtures.account(api, "admin");

		List<Api.Response> answers = Concurrently.run(4, i -> i % 2 == 0
				? (i == 0 ? secondAdmin : thirdAdmin).client().post("/api/v1/plans/" + id + "/approve", "{}")
				: (i == 1 ? secondAdmin : thirdAdmin).client().post("/api/v1/plans/" + id + "/reject",
						Map.of("reason", "not now")));

		assertThat(answers).extracting(Api.Response::status).containsExactlyInAnyOrder(200, 409, 409, 409);
		JsonNode audit = admin.get("/api/v1/audit?objectType=plan&objectId=" + id).json();
		assertThat(audit.get("items").findValuesAsString("action").stream()
			.filter(action -> action.equals("approve") || action.equals("reject"))).hasSize(1);
	}

	@Test
	void aDecisionBasedOnAVersionSomeoneElseReplacedChangesNothing() {
		long[] planned = plannedMesh(Map.of());
		long id = createPlan(operator.client(), planned[0]).get("id").asLong();
		long read = store.find(id).orElseThrow().version();

		assertThat(store.approve(id, read, "bob", clock.instant(), null)).isTrue();
		assertThat(store.reject(id, read, "carol", clock.instant(), "no")).isFalse();
		assertThat(store.approve(id, read, "carol", clock.instant(), null)).isFalse();
		assertThat(store.close(id, read, PlanState.CANCELLED, clock.instant())).isFalse();

		PlanView plan = store.find(id).orElseThrow();
		assertThat(plan.state()).isEqualTo(PlanState.APPROVED);
		assertThat(plan.approvals()).extracting(PlanView.Approval::admin).containsExactly("bob");
	}

	@Test
	void theDriftOfAPlanIsItsScopeCompiledAgainOneLinePerStepStillNeeded() {
		long[] planned = plannedMesh(Map.of());
		JsonNode plan = createPlan(admin, planned[0]);
		long id = plan.get("id").asLong();
		String member = plan.at("/steps/0/clusterName").asString();

		assertThat(drift.remaining(id)).hasSize(plan.get("steps").size())
			.contains(member + ": update network-ipam default-domain:k8s-default:k8s-pod-ipam (subnets 10.32.0.0/12 → "
					+ step(plan, "network-ipam", "default-domain:k8s-default:k8s-pod-ipam").at("/after/subnets").asString()
					+ ")")
			.anySatisfy(line -> assertThat(line).startsWith(member + ": update configmap kube-system/env (")
				.contains("→ " + MESH_POD_SUBNET));

		assertThat(secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}").status()).isEqualTo(200);
		assertThat(operator.client().post("/api/v1/plans/" + id + "/apply", "").status()).isEqualTo(202);
		awaitApplied(id);
		assertThat(drift.remaining(id)).isEmpty();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
