package io.tfmesh.health.fix;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.tfmesh.emulator.LoopbackNetworks;
import io.tfmesh.emulator.introspect.IntrospectEmulator;
import io.tfmesh.emulator.introspect.SandeshProcess;
import io.tfmesh.emulator.kubernetes.EmulatedKubernetes;
import io.tfmesh.emulator.tf.TfConfigApiEmulator;
import io.tfmesh.health.HealthApplicationSupport;
import io.tfmesh.support.Api;
import io.tfmesh.support.Fixtures;
import io.tfmesh.support.TestAccount;
import io.tfmesh.support.TwoNodeCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.tfmesh.support.ProblemAssertions.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A diagnosis's proposed fix made a change plan over HTTP, for an emulated cluster that belongs
 * to no mesh and whose control node says "No BGP configuration for self" (TFC
 * {@code src/control-node/control_node.cc}): with no bgp-router for its hostname the plan
 * creates one; with one the plan restarts the control pod (reference §7.6). Either plan is
 * approved by a second admin and applied by the workers.
 */
class FixPlanIT extends HealthApplicationSupport {

	private static final String NETWORK = LoopbackNetworks.reserve();

	private static final String MASTER = NETWORK + ".0.1";

	private static final String WORKER = NETWORK + ".0.2";

	private static final long ASN = 64512;

	private static final String CODE = "no-bgp-configuration-for-self";

	private static TwoNodeCluster cluster;

	private static EmulatedKubernetes kubernetes;

	private static TfConfigApiEmulator tungstenFabric;

	private static IntrospectEmulator master;

	private static IntrospectEmulator worker;

	private static KubernetesClient kubectl;

	private Api api;

	private TestAccount secondAdmin;

	private long clusterId;

	@BeforeAll
	static void startCluster() throws Exception {
		cluster = TwoNodeCluster.start("fix-plan-cluster", MASTER, WORKER, TwoNodeCluster.CONTROLLER_PODS).provisioned(ASN);
		kubernetes = cluster.kubernetes;
		tungstenFabric = cluster.tungstenFabric;
		master = cluster.master;
		worker = cluster.worker;
		kubectl = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
			.withMasterUrl(kubernetes.url())
			.withOauthToken("any-token")
			.withAutoConfigure(false)
			.build()).build();
	}

	@AfterAll
	static void stopCluster() {
		kubectl.close();
		cluster.close();
	}

	@BeforeEach
	void register() {
		clock.set(Instant.now().truncatedTo(ChronoUnit.MICROS));
		api = new Api("http://localhost:" + port, json);
		secondAdmin = Fixtures.account(api, "admin");
		String name = "fix-" + UUID.randomUUID().toString().substring(0, 8);
		long cloudId = Fixtures.createCloud(api.asAdmin(), name + "-cloud");
		Map<String, Object> cluster = Fixtures.cluster(name, cloudId);
		cluster.put("kubernetes", Map.of("apiUrl", kubernetes.url(), "auth", "token", "token", "any-token"));
		cluster.put("tungstenFabric", Map.of("apiUrl", tungstenFabric.url(), "auth", "noauth"));
		cluster.put("controlNodes", List.of(MASTER));
		clusterId = Fixtures.createCluster(api.asAdmin(), cluster);
		master.controlWithoutBgpConfig();
		master.vrouterAgentWithoutSelfConfig();
		worker.vrouterAgentWithoutSelfConfig();
	}

	@AfterEach
	void heal() {
		master.healthy(SandeshProcess.CONTROL);
		master.healthy(SandeshProcess.VROUTER_AGENT);
		worker.healthy(SandeshProcess.VROUTER_AGENT);
		if (tungstenFabric.hasBgpRouter("k8s-master")) {
			tungstenFabric.deleteBgpRouter("k8s-master");
		}
	}

	@Test
	void aMissingBgpRouterBecomesAPlanThatCreatesItWithTheValuesTheFindingRead() {
		observeAndPoll();

		Api.Response created = api.asAdmin().post(planPath(CODE) + "?node=k8s-master", "");

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode plan = created.json();
		long id = plan.get("id").asLong();
		assertThat(created.header("Location")).isEqualTo("/api/v1/plans/" + id);
		assertThat(plan.get("state").asString()).isEqualTo("pending-approval");
		assertThat(plan.get("meshId").isNull()).isTrue();
		assertThat(plan.get("clusterId").asLong()).isEqualTo(clusterId);
		assertThat(plan.at("/origin/code").asString()).isEqualTo(CODE);
		assertThat(plan.at("/origin/node").asString()).isEqualTo("k8s-master");
		assertThat(plan.at("/origin/kind").asString()).isEqualTo("create-bgp-router");
		assertThat(plan.get("steps")).hasSize(1);
		JsonNode step = plan.get("steps").get(0);
		assertThat(step.get("action").asString()).isEqualTo("create");
		assertThat(step.at("/operation/kind").asString()).isEqualTo("write-tf-object");
		assertThat(step.at("/operation/object/parameters/address").asString()).isEqualTo(MASTER);
		assertThat(step.at("/operation/object/parameters/autonomousSystem").asLong()).isEqualTo(ASN);
		assertThat(tungstenFabric.hasBgpRouter("k8s-master")).isFalse();

		approveAndApply(id);

		assertThat(tungstenFabric.hasBgpRouter("k8s-master")).isTrue();
		JsonNode audit = api.asAdmin().get("/api/v1/audit?objectType=plan&objectId=" + id + "&size=50").json();
		assertThat(audit.get("items").findValuesAsString("action")).contains("submit", "approve", "apply");
	}

	@Test
	void aStaleSubscriptionBecomesAPlanThatRestartsTheControlPodOnItsNode() {
		tungstenFabric.provisionControl(ASN, List.of(new TfConfigApiEmulator.BgpRouterSeed("k8s-master", MASTER)));
		String controlPod = controlPod();
		List<String> otherPods = otherPods(controlPod);
		observeAndPoll();

		Api.Response created = api.asAdmin().post(planPath(CODE), Map.of("node", "k8s-master"));

		assertThat(created.status()).as(created.toString()).isEqualTo(201);
		JsonNode step = created.json().get("steps").get(0);
		assertThat(step.get("action").asString()).isEqualTo("restart");
		assertThat(step.at("/operation/kind").asString()).isEqualTo("restart-pods");
		assertThat(step.at("/operation/daemonSet").asString()).isEqualTo("contrail-controller-control");
		assertThat(step.at("/operation/node").asString()).isEqualTo("k8s-master");
		assertThat(created.json().at("/origin/kind").asString()).isEqualTo("restart-pod");

		approveAndApply(created.json().get("id").asLong());

		String restarted = await().atMost(Duration.ofSeconds(30)).until(this::controlPod,
				pod -> pod != null && !pod.equals(controlPod));
		assertThat(restarted).startsWith("contrail-controller-control");
		assertThat(otherPods(restarted)).as("no other pod was restarted").isEqualTo(otherPods);
	}

	@Test
	void aPlanWhoseClusterChangedBeforeApplyGoesStaleAndDeletesNothing() {
		tungstenFabric.provisionControl(ASN, List.of(new TfConfigApiEmulator.BgpRouterSeed("k8s-master", MASTER)));
		observeAndPoll();
		long id = api.asAdmin().post(planPath(CODE) + "?node=k8s-master", "").json().get("id").asLong();
		assertThat(secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}").status()).isEqualTo(200);
		// someone restarts the control pod by hand in between
		String controlPod = controlPod();
		kubectl.pods().inNamespace("kube-system").withName(controlPod).delete();
		String replaced = await().atMost(Duration.ofSeconds(30)).until(this::controlPod,
				pod -> pod != null && !pod.equals(controlPod));

		JsonNode stale = assertProblem(api.asAdmin().post("/api/v1/plans/" + id + "/apply", ""), 409, "stale");

		assertThat(stale.get("detail").asString()).contains("changed");
		assertThat(controlPod()).isEqualTo(replaced);
	}

	@Test
	void refusalsAreProblemsAndWriteNoPlan() {
		observeAndPoll();
		long before = plans();

		assertProblem(api.asAdmin().post("/api/v1/clusters/999999/diagnoses/" + CODE + "/plan", ""), 404, "not-found");
		JsonNode notOpen = assertProblem(api.asAdmin().post(planPath("ntp-unsynchronized"), ""), 409, "conflict");
		assertThat(notOpen.get("detail").asString()).contains("No finding ntp-unsynchronized is open");
		JsonNode wrongNode = assertProblem(api.asAdmin().post(planPath(CODE) + "?node=k8s-worker", ""), 409,
				"conflict");
		assertThat(wrongNode.get("detail").asString()).contains("on k8s-worker");
		// the agent's fix is to heal the control node first: nothing a plan carries out
		JsonNode otherKind = assertProblem(api.asAdmin().post(planPath("xmpp-connection-down") + "?node=k8s-worker", ""),
				422, "unprocessable");
		assertThat(otherKind.toString()).contains("see-finding");
		JsonNode which = assertProblem(api.asAdmin().post(planPath("xmpp-connection-down"), ""), 422, "unprocessable");
		assertThat(which.toString()).contains("node").contains("k8s-master").contains("k8s-worker");
		assertProblem(Fixtures.userWithRole(api, "operator").post(planPath(CODE), ""), 403, "forbidden");

		assertThat(plans()).isEqualTo(before);
	}

	private void approveAndApply(long id) {
		assertProblem(api.asAdmin().post("/api/v1/plans/" + id + "/approve", "{}"), 403, "second-admin-required");
		Api.Response approved = secondAdmin.client().post("/api/v1/plans/" + id + "/approve", "{}");
		assertThat(approved.status()).as(approved.toString()).isEqualTo(200);
		Api.Response applying = api.asAdmin().post("/api/v1/plans/" + id + "/apply", "");
		assertThat(applying.status()).as(applying.toString()).isEqualTo(202);
		JsonNode applied = await().atMost(Duration.ofMinutes(1))
			.until(() -> api.asAdmin().get("/api/v1/plans/" + id).json(),
					plan -> !List.of("approved", "applying").contains(plan.get("state").asString()));
		assertThat(applied.get("state").asString()).as(applied.toString()).isEqualTo("applied");
	}

	private String planPath(String code) {
		return "/api/v1/clusters/" + clusterId + "/diagnoses/" + code + "/plan";
	}

	private long plans() {
		return api.asAdmin().get("/api/v1/plans?size=1").json().get("totalItems").asLong();
	}

	private void observeAndPoll() {
		Api.Response observed = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/observe", "");
		assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
		Api.Response polled = api.asAdmin().post("/api/v1/clusters/" + clusterId + "/health/poll", "");
		assertThat(polled.status()).as(polled.toString()).isEqualTo(200);
	}

	private String controlPod() {
		return pods().stream().filter(name -> name.startsWith("contrail-controller-control")).findFirst().orElse(null);
	}

	private List<String> otherPods(String controlPod) {
		return pods().stream().filter(name -> !name.equals(controlPod)).sorted().toList();
	}

	private static List<String> pods() {
		return kubectl.pods()
			.inNamespace("kube-system")
			.list()
			.getItems()
			.stream()
			.filter(pod -> pod.getMetadata().getDeletionTimestamp() == null)
			.map(Pod::getMetadata)
			.map(meta -> meta.getName())
			.toList();
	}

}
