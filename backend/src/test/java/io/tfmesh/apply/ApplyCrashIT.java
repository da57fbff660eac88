package io.tfmesh.apply;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Pod;
import io.tfmesh.fabric.kubernetes.ServiceExport;
import io.tfmesh.fabric.kubernetes.ServicePort;
import io.tfmesh.fabric.tf.GlobalSystemConfig;
import io.tfmesh.fabric.tf.NetworkIpam;
import io.tfmesh.plan.StepOperation;
import io.tfmesh.support.Api;
import io.tfmesh.support.IntegrationTestSupport;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * tfmesh processes sharing one database. One killed with kill -9 in the middle of a plan, after
 * one step's write reached its cluster and before tfmesh learnt of it: a second tfmesh on the
 * same database takes the plan over and completes it. Two running at once, each applying a plan:
 * they share the steps. Either way the emulated clusters count every object written once.
 */
class ApplyCrashIT {

	private static final String SYSTEM_NAMESPACE = "kube-system";

	private static final String KUBE_MANAGER = "contrail-kube-manager";

	private static final String ENV = "/api/v1/namespaces/kube-system/configmaps/env";

	private static final Duration STARTUP = Duration.ofMinutes(4);

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static EmbeddedPostgres postgres;

	private static JdbcTemplate jdbc;

	/** The restarted tfmesh is the same instance: its secret key decrypts the stored credentials. */
	private static Path dataDir;

	private EmulatedTarget east;

	private EmulatedTarget west;

	private final List<TfmeshProcess> processes = new ArrayList<>();

	private final List<WriteCountingProxy.Hold> holds = new ArrayList<>();

	private final Map<String, Long> clusterIds = new LinkedHashMap<>();

	@BeforeAll
	static void startDatabaseAndClusters() throws IOException {
		postgres = EmbeddedPostgres.builder()
			.setDataDirectory(Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-postgres-"))
			.setCleanDataDirectory(true)
			.setPGStartupWait(Duration.ofSeconds(120))
			.start();
		jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
		dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "crash-data-");
	}

	@AfterAll
	static void stopDatabase() throws IOException {
		if (postgres != null) {
			postgres.close();
		}
	}

	/** Clusters of each test's own, so that their write counts are that test's alone. */
	@BeforeEach
	void startClusters() throws IOException {
		east = EmulatedTarget.start("east", "10.32.0.0/12", "10.112.0.0/12", 64512);
		west = EmulatedTarget.start("west", "10.48.0.0/12", "10.128.0.0/12", 64513);
	}

	@AfterEach
	void stopProcessesAndClusters() {
		holds.forEach(WriteCountingProxy.Hold::release);
		processes.forEach(TfmeshProcess::close);
		east.close();
		west.close();
	}

	@Test
	void aTfmeshKilledAfterAWriteItDidNotRecordResumesOnRestartAndWritesEachObjectOnce() throws Exception {
		Api admin = tfmesh("tfmesh-killed").api(JSON).asAdmin();
		clusterIds.put("east", east.register(admin, "east"));
		clusterIds.put("west", west.register(admin, "west"));
		List<String> oldPods = kubeManagerPods(east);
		assertThat(oldPods).isNotEmpty();
		// one chain across both clusters, so that the kill finds steps done, one running and the rest waiting
		long planId = plan(admin, step("east-ipam-1", "east", ipam("10.240.0.0/24")),
				step("west-ipam-1", "west", ipam("10.241.0.0/24"), "east-ipam-1"),
				step("east-ipam-2", "east", ipam("10.240.1.0/24"), "west-ipam-1"),
				step("west-import", "west", new StepOperation.ImportService(new ServiceExport("default",
						"orders-east", List.of(new ServicePort("http", "TCP", 8080, 8080)), List.of("10.112.0.10"),
						Map.of("tfmesh.io/intent", "1"))), "east-ipam-2"),
				step("east-env", "east", new StepOperation.SetConfigMapKeys(SYSTEM_NAMESPACE, "env",
						Map.of("TFMESH_CRASH", "1"), List.of("VROUTER_GATEWAY")), "west-import"),
				step("east-restart", "east", new StepOperation.RestartPods(SYSTEM_NAMESPACE, KUBE_MANAGER),
						"east-env"),
				step("west-ipam-2", "west", ipam("10.241.1.0/24"), "east-restart"),
				step("east-ipam-3", "east", ipam("10.240.2.0/24"), "west-ipam-2"),
				step("west-asn", "west", new StepOperation.WriteTfObject(
						new GlobalSystemConfig(null, GlobalSystemConfig.DEFAULT_FQ_NAME, 64700, false, true)),
						"east-ipam-3"));
		WriteCountingProxy.Hold envWritten = east.kubernetesWrites.holdAnswer("PATCH", ENV);
		holds.add(envWritten);

		Api.Response applying = admin.post("/api/v1/plans/" + planId + "/apply", null);
		assertThat(applying.status()).as(applying.toString()).isEqualTo(202);
		await().atMost(Duration.ofMinutes(2)).until(() -> envWritten.reached().getCount() == 0);
		processes.get(0).kill();
		envWritten.release();

		assertThat(states(planId)).containsExactly(entry("east-ipam-1", "done"), entry("west-ipam-1", "done"),
				entry("east-ipam-2", "done"), entry("west-import", "done"), entry("east-env", "running"),
				entry("east-restart", "pending"), entry("west-ipam-2", "pending"), entry("east-ipam-3", "pending"),
				entry("west-asn", "pending"));
		assertThat(jdbc.queryForObject("SELECT state FROM plan WHERE id = ?", String.class, planId)).isEqualTo("applying");
		assertThat(east.kubernetesWrites.writes("PATCH", ENV)).isEqualTo(1);

		tfmesh("tfmesh-restarted");
		await().atMost(Duration.ofMinutes(2))
			.pollInterval(Duration.ofMillis(200))
			.untilAsserted(() -> assertThat(jdbc.queryForObject("SELECT state FROM plan WHERE id = ?", String.class,
					planId)).as(() -> "plan " + planId + ": " + states(planId)).isEqualTo("applied"));

		assertThat(states(planId).values()).containsOnly("done");
		Map<String, Object> env = jdbc.queryForMap(
				"SELECT attempts, result FROM plan_step WHERE plan_id = ? AND step_key = 'east-env'", planId);
		assertThat((Integer) env.get("attempts")).as("the step running at the kill ran again").isEqualTo(2);
		assertThat((String) env.get("result")).contains(StepOperations.IN_PLACE);
		assertThat(east.kubectl.configMaps().inNamespace(SYSTEM_NAMESPACE).withName("env").get().getData())
			.containsEntry("TFMESH_CRASH", "1")
			.doesNotContainKey("VROUTER_GATEWAY");
		// each IPAM is a POST to the collection; every other write names its object
		assertThat(east.tfWrites.writes()).containsOnlyKeys("POST /network-ipams").containsEntry("POST /network-ipams", 3);
		Map<String, Integer> westTf = new LinkedHashMap<>(west.tfWrites.writes());
		assertThat(westTf.remove("POST /network-ipams")).isEqualTo(2);
		assertThat(westTf).as("the ASN written once").hasSize(1).allSatisfy((write, count) -> assertThat(count).as(write).isOne());
		assertThat(east.kubernetesWrites.writes()).containsEntry("PATCH " + ENV, 1)
			.hasSize(1 + oldPods.size())
			.allSatisfy((write, count) -> assertThat(count).as(write).isOne());
		for (String pod : oldPods) {
			assertThat(east.kubernetesWrites.writes("DELETE", "/api/v1/namespaces/kube-system/pods/" + pod)).isOne();
		}
		assertThat(west.kubernetesWrites.writes()).isNotEmpty()
			.allSatisfy((write, count) -> assertThat(count).as(write).isOne());
		assertThat(west.kubectl.services().inNamespace("default").withName("orders-east").get()).isNotNull();
	}

	@Test
	void twoTfmeshProcessesOnOneDatabaseApplyingTwoPlansAtOnceWriteEachObjectOnce() throws Exception {
		// two workers each, so that neither instance can take every ready step by itself
		TfmeshProcess first = tfmesh("tfmesh-first", Map.of("tfmesh.apply.threads", "2"));
		TfmeshProcess second = tfmesh("tfmesh-second", Map.of("tfmesh.apply.threads", "2"));
		Api firstAdmin = first.api(JSON).asAdmin();
		Api secondAdmin = second.api(JSON).asAdmin();
		clusterIds.put("east", east.register(firstAdmin, "east-pair"));
		clusterIds.put("west", west.register(firstAdmin, "west-pair"));
		List<Step> firstSteps = new ArrayList<>();
		List<Step> secondSteps = new ArrayList<>();
		for (int index = 0; index < 8; index++) {
			String cluster = index % 2 == 0 ? "east" : "west";
			firstSteps.add(step("first-" + index, cluster, importService("first-" + index)));
			secondSteps.add(step("second-" + index, cluster, importService("second-" + index)));
		}
		long firstPlan = plan(firstAdmin, firstSteps.toArray(Step[]::new));
		long secondPlan = plan(secondAdmin, secondSteps.toArray(Step[]::new));

		Api.Response firstApplying = firstAdmin.post("/api/v1/plans/" + firstPlan + "/apply", null);
		Api.Response secondApplying = secondAdmin.post("/api/v1/plans/" + secondPlan + "/apply", null);
		assertThat(firstApplying.status()).as(firstApplying.toString()).isEqualTo(202);
		assertThat(secondApplying.status()).as(secondApplying.toString()).isEqualTo(202);
		for (long planId : List.of(firstPlan, secondPlan)) {
			await().atMost(Duration.ofMinutes(3))
				.pollInterval(Duration.ofMillis(200))
				.untilAsserted(() -> assertThat(jdbc.queryForObject("SELECT state FROM plan WHERE id = ?",
						String.class, planId)).as(() -> "plan " + planId + ": " + states(planId)).isEqualTo("applied"));
		}

		assertThat(states(firstPlan).values()).containsOnly("done");
		assertThat(states(secondPlan).values()).containsOnly("done");
		assertThat(jdbc.queryForList("SELECT attempts FROM plan_step WHERE plan_id IN (?, ?)", Integer.class,
				firstPlan, secondPlan)).as("attempts of each step").containsOnly(1);
		// eight Services on each cluster, each created by one POST with its EndpointSlice: a step
		// run twice would post its Service again
		for (EmulatedTarget target : List.of(east, west)) {
			assertThat(target.kubernetesWrites.writes()).containsOnly(
					Map.entry("POST /api/v1/namespaces/default/services", 8),
					Map.entry("POST /apis/discovery.k8s.io/v1/namespaces/default/endpointslices", 8));
			assertThat(target.kubectl.services().inNamespace("default").list().getItems())
				.filteredOn(service -> service.getMetadata().getName().matches("(first|second)-\\d"))
				.hasSize(8);
		}
		assertThat(stepsLogged(first)).as("steps the first instance ran").isPositive();
		assertThat(stepsLogged(second)).as("steps the second instance ran").isPositive();
		assertThat(stepsLogged(first) + stepsLogged(second)).as("steps run in all").isEqualTo(16);
	}

	/**
	 * Imported Services: the observation's revision leaves Services out, so neither plan makes
	 * the other stale.
	 */
	private static StepOperation importService(String name) {
		return new StepOperation.ImportService(new ServiceExport("default", name,
				List.of(new ServicePort("http", "TCP", 8080, 8080)), List.of("10.112.0.10"),
				Map.of("tfmesh.io/intent", "1")));
	}

	/** Each instance logs every step it finishes, once. */
	private static long stepsLogged(TfmeshProcess process) throws IOException {
		return Files.readAllLines(process.log()).stream().filter(line -> line.matches(".*Step \\S+ of plan \\d+: .*")).count();
	}

	private TfmeshProcess tfmesh(String name) {
		return tfmesh(name, Map.of());
	}

	private TfmeshProcess tfmesh(String name, Map<String, String> overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", postgres.getJdbcUrl("postgres", "postgres"));
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "postgres");
		properties.put("tfmesh.data-dir", dataDir.toString());
		properties.put("tfmesh.admin.password", IntegrationTestSupport.ADMIN_PASSWORD);
		properties.put("tfmesh.fabric.observe-interval", "0s");
		properties.put("tfmesh.fabric.observation-timeout", "20s");
		properties.put("tfmesh.apply.polling-interval", "200ms");
		properties.put("tfmesh.apply.heartbeat", "200ms");
		properties.put("tfmesh.apply.missed-heartbeats", "4");
		properties.put("tfmesh.apply.backoff-base", "50ms");
		properties.put("tfmesh.apply.backoff-max", "400ms");
		properties.put("tfmesh.apply.sweep-interval", "1s");
		properties.putAll(overrides);
		TfmeshProcess process = TfmeshProcess.start(name, properties, STARTUP);
		processes.add(process);
		return process;
	}

	private record Step(String key, String cluster, StepOperation operation, List<String> dependsOn) {
	}

	private static Step step(String key, String cluster, StepOperation operation, String... dependsOn) {
		return new Step(key, cluster, operation, Arrays.asList(dependsOn));
	}

	private static StepOperation ipam(String subnet) {
		return new StepOperation.WriteTfObject(new NetworkIpam(null,
				List.of("default-domain", "default-project", "crash-" + subnet.replaceAll("[./]", "-")), "flat-subnet",
				List.of(subnet)));
	}

	/** An approved plan over the clusters' current revisions, its steps stored as the compiler stores them. */
	private long plan(Api admin, Step... steps) {
		Map<String, String> base = new LinkedHashMap<>();
		for (Step step : steps) {
			long clusterId = clusterIds.get(step.cluster());
			base.computeIfAbsent(String.valueOf(clusterId), id -> completeObservation(admin, clusterId));
		}
		Long planId = jdbc.queryForObject("""
				INSERT INTO plan (mesh_name, state, author, created_at, updated_at, base_revision, approved_by, approved_at)
				VALUES ('crash-test', 'approved', 'alice', now(), now(), ?::jsonb, 'bob', now()) RETURNING id""",
				Long.class, JSON.writeValueAsString(base));
		int position = 0;
		for (Step step : steps) {
			boolean kubernetes = !(step.operation() instanceof StepOperation.WriteTfObject
					|| step.operation() instanceof StepOperation.DeleteTfObject);
			jdbc.update("""
					INSERT INTO plan_step (plan_id, position, step_key, cluster_id, cluster_name, system, object_type,
					                       object_name, action, before_state, after_state, depends_on, risk, operation)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'update', '{}', '{}', ?::jsonb, 'none', ?::jsonb)""", planId,
					position++, step.key(), clusterIds.get(step.cluster()), step.cluster(),
					kubernetes ? "kubernetes" : "tungsten-fabric", step.operation().getClass().getSimpleName(),
					step.key(), JSON.writeValueAsString(step.dependsOn()), JSON.writeValueAsString(step.operation()));
		}
		return planId;
	}

	/** Plans are made only against complete observations. */
	private static String completeObservation(Api admin, long clusterId) {
		String[] revision = new String[1];
		await().atMost(Duration.ofSeconds(90)).until(() -> {
			Api.Response observed = admin.post("/api/v1/clusters/" + clusterId + "/observe", null);
			assertThat(observed.status()).as(observed.toString()).isEqualTo(200);
			revision[0] = observed.json().get("revision").asString();
			return observed.json().get("complete").asBoolean();
		});
		return revision[0];
	}

	private static Map<String, String> states(long planId) {
		Map<String, String> states = new LinkedHashMap<>();
		jdbc.query("SELECT step_key, state FROM plan_step WHERE plan_id = ? ORDER BY position",
				row -> {
					states.put(row.getString(1), row.getString(2));
				}, planId);
		return states;
	}

	private static Map.Entry<String, String> entry(String key, String value) {
		return Map.entry(key, value);
	}

	private static List<String> kubeManagerPods(EmulatedTarget target) {
		return target.kubectl.pods()
			.inNamespace(SYSTEM_NAMESPACE)
			.list()
			.getItems()
			.stream()
			.filter(pod -> pod.getMetadata().getOwnerReferences().stream()
				.anyMatch(owner -> owner.getName().equals(KUBE_MANAGER)))
			.map(Pod::getMetadata)
			.map(meta -> meta.getName())
			.sorted()
			.toList();
	}

}
